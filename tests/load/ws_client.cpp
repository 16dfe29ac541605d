#include "ws_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>

namespace ts::load {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class beast_client final : public ws_client, public std::enable_shared_from_this<beast_client> {
public:
    beast_client(asio::io_context& io, const ws_target& target, ws_handlers handlers)
        : ws_(io), target_(target), handlers_(std::move(handlers)) {}

    void start() {
        beast::get_lowest_layer(ws_).async_connect(
            target_.endpoints, [self = shared_from_this()](beast::error_code ec, auto) {
                if (ec) return self->fail("connect", ec);
                beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
                self->ws_.set_option(
                    websocket::stream_base::decorator([&target = self->target_](websocket::request_type& req) {
                        if (!target.subprotocol.empty())
                            req.set(beast::http::field::sec_websocket_protocol, target.subprotocol);
                    }));
                self->ws_.binary(true);
                self->ws_.async_handshake(self->target_.host, self->target_.path, [self](beast::error_code ec) {
                    if (ec) return self->fail("handshake", ec);
                    self->read();
                    if (self->handlers_.on_open) self->handlers_.on_open();
                });
            });
    }

    void send(std::string bytes) override {
        if (closed_) return;
        queue_.push_back(std::move(bytes));
        if (queue_.size() == 1) write_next();
    }

    void close() override {
        if (closed_) return;
        closed_ = true;
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().close(ignored);
    }

private:
    void fail(const char* where, beast::error_code ec) {
        if (closed_) return;
        closed_ = true;
        if (handlers_.on_error) handlers_.on_error(where, ec.message());
    }

    void write_next() {
        ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail("write", ec);
            self->queue_.pop_front();
            if (!self->queue_.empty()) self->write_next();
        });
    }

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail("read", ec);
            auto data = self->buffer_.data();
            if (self->handlers_.on_message && !self->closed_)
                self->handlers_.on_message(std::string_view(static_cast<const char*>(data.data()), data.size()));
            self->buffer_.consume(self->buffer_.size());
            if (!self->closed_) self->read();
        });
    }

    websocket::stream<beast::tcp_stream> ws_;
    const ws_target& target_;
    ws_handlers handlers_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    bool closed_ = false;
};

}  // namespace

std::shared_ptr<ws_client> open_ws(asio::io_context& io, const ws_target& target, ws_handlers handlers) {
    auto client = std::make_shared<beast_client>(io, target, std::move(handlers));
    client->start();
    return client;
}

}  // namespace ts::load
