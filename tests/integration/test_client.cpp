#include "integration/test_client.hpp"

#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <variant>

namespace ts::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

void set_receive_timeout(tcp::socket& socket, int ms) {
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

namespace {

// A client context that trusts only the certificates in ca_file.
asio::ssl::context client_context(const tls_trust& trust) {
    asio::ssl::context context(asio::ssl::context::tls_client);
    context.load_verify_file(trust.ca_file);
    context.set_verify_mode(asio::ssl::verify_peer);
    return context;
}

// Connects, and over TLS completes the handshake checking the certificate names server_name.
void open_tls(asio::ssl::stream<tcp::socket>& stream, int port, const tls_trust& trust) {
    stream.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    SSL_set_tlsext_host_name(stream.native_handle(), trust.server_name.c_str());
    stream.set_verify_callback(asio::ssl::host_name_verification(trust.server_name));
    stream.handshake(asio::ssl::stream_base::client);
}

}  // namespace

struct ws_client::impl {
    asio::io_context io;
    std::optional<asio::ssl::context> tls;
    std::variant<websocket::stream<tcp::socket>, websocket::stream<asio::ssl::stream<tcp::socket>>> streams{
        std::in_place_index<0>, io};
    beast::flat_buffer buffer;

    // f(the WebSocket stream), whichever it is.
    template <class F>
    decltype(auto) ws(F&& f) {
        return std::visit(std::forward<F>(f), streams);
    }
};

namespace {

tcp::socket& socket_of(websocket::stream<tcp::socket>& ws) { return ws.next_layer(); }
tcp::socket& socket_of(websocket::stream<asio::ssl::stream<tcp::socket>>& ws) { return ws.next_layer().next_layer(); }

}  // namespace

ws_client::ws_client(int port, int receive_buffer_bytes) : impl_(std::make_unique<impl>()) {
    auto& socket = socket_of(std::get<0>(impl_->streams));
    socket.open(tcp::v4());
    socket.set_option(asio::socket_base::receive_buffer_size(receive_buffer_bytes));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    handshake(port, "talkingstick.v1");
}

ws_client::ws_client(int port, const std::string& protocol) : impl_(std::make_unique<impl>()) {
    socket_of(std::get<0>(impl_->streams))
        .connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    handshake(port, protocol);
}

ws_client::ws_client(int port, const tls_trust& trust) : impl_(std::make_unique<impl>()) {
    impl_->tls.emplace(client_context(trust));
    auto& ws = impl_->streams.emplace<1>(impl_->io, *impl_->tls);
    open_tls(ws.next_layer(), port, trust);
    handshake(port, "talkingstick.v1");
}

void ws_client::handshake(int port, const std::string& protocol) {
    impl_->ws([&](auto& ws) {
        ws.set_option(websocket::stream_base::decorator([protocol](websocket::request_type& req) {
            if (!protocol.empty()) req.set(http::field::sec_websocket_protocol, protocol);
        }));
        ws.read_message_max(64 * 1024 * 1024);
        ws.handshake("127.0.0.1:" + std::to_string(port), "/ws");
        ws.binary(true);
    });
}

ws_client::~ws_client() = default;

void ws_client::send(const pb::ClientMessage& message) { send_binary(message.SerializeAsString()); }

void ws_client::send_binary(const std::string& bytes) {
    impl_->ws([&](auto& ws) {
        ws.binary(true);
        ws.write(asio::buffer(bytes));
    });
}

void ws_client::send_text(const std::string& text) {
    impl_->ws([&](auto& ws) {
        ws.text(true);
        ws.write(asio::buffer(text));
        ws.binary(true);
    });
}

pb::ServerMessage ws_client::keep(pb::ServerMessage message) {
    if (message.has_event()) events_.push_back(message.event());
    if (message.has_welcome())
        for (const auto& e : message.welcome().history()) events_.push_back(e);
    return message;
}

std::optional<pb::ServerMessage> ws_client::receive(int timeout_ms) {
    if (!unbatched_.empty()) {
        auto next = std::move(unbatched_.front());
        unbatched_.erase(unbatched_.begin());
        return keep(std::move(next));
    }
    if (close_code_) return std::nullopt;
    // A read with a deadline: run the asynchronous read for at most timeout_ms. (A socket
    // receive timeout does not work here: Asio waits again when the socket says "not yet".)
    beast::error_code ec;
    bool done = false;
    impl_->buffer.clear();
    impl_->ws([&](auto& ws) {
        ws.async_read(impl_->buffer, [&](beast::error_code e, std::size_t) {
            ec = e;
            done = true;
        });
    });
    impl_->io.restart();
    impl_->io.run_for(std::chrono::milliseconds(timeout_ms));
    if (!done) {
        beast::error_code ignored;
        impl_->ws([&](auto& ws) { socket_of(ws).cancel(ignored); });
        impl_->io.restart();
        impl_->io.run();
        close_code_ = -1;
        close_reason_ = "timed out waiting for the server";
        return std::nullopt;
    }
    if (ec) {
        // A close frame may arrive and the server hang up before our reply to it is
        // written (broken pipe): the reason is recorded either way.
        const auto reason = impl_->ws([](auto& ws) { return ws.reason(); });
        if (ec == websocket::error::closed || reason.code != 0) {
            close_code_ = reason.code;
            close_reason_ = std::string(reason.reason.c_str());
        } else if (!close_code_) {
            close_code_ = -1;  // no close frame: the connection broke
            close_reason_ = ec.message();
        }
        return std::nullopt;
    }
    pb::ServerMessage message;
    auto data = impl_->buffer.data();
    received_.append(static_cast<const char*>(data.data()), data.size());
    if (!message.ParseFromArray(data.data(), static_cast<int>(data.size())))
        throw std::runtime_error("the server sent a frame that is not a ServerMessage");
    if (message.has_batch()) {
        // Several frames in one: hand them out one by one, in order.
        for (const auto& frame : message.batch().frames()) {
            pb::ServerMessage inner;
            if (!inner.ParseFromString(frame)) throw std::runtime_error("a batch held a frame that does not decode");
            unbatched_.push_back(std::move(inner));
        }
        return receive(timeout_ms);
    }
    return keep(std::move(message));
}

pb::ServerMessage ws_client::receive_until(const std::function<bool(const pb::ServerMessage&)>& match, int timeout_ms) {
    // One deadline for the whole wait: other traffic (figures every few seconds) must not
    // keep a wait for something that never comes going for ever.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) throw std::runtime_error("nothing matching arrived in time");
        auto message = receive(static_cast<int>(left));
        if (!message)
            throw std::runtime_error("connection ended while waiting (" + std::to_string(close_code_) + " " +
                                     close_reason_ + ")");
        if (match(*message)) return *message;
    }
}

pb::ServerMessage ws_client::request(pb::ClientMessage message) {
    // Request ids are unique across every client of the test process, as a browser's are
    // across its reconnects: the server takes a repeated id with the same content for a
    // retry of the same request.
    static std::atomic<std::uint64_t> next_request{1000000};
    auto id = next_request++;
    message.set_request_id(id);
    send(message);
    return receive_until([id](const pb::ServerMessage& m) {
        return (m.has_ack() && m.ack().request_id() == id) || (m.has_error() && m.error().request_id() == id) ||
               (m.has_welcome() && m.welcome().request_id() == id) ||
               (m.has_history_page() && m.history_page().request_id() == id);
    });
}

pb::ServerMessage ws_client::join(const std::string& room_id, const std::string& name, const std::string& join_code,
                                  const std::string& moderator_key, const std::string& resume_token,
                                  std::uint64_t last_seq) {
    pb::ClientMessage m;
    auto* join = m.mutable_join();
    join->set_room_id(room_id);
    join->set_display_name(name);
    join->set_join_code(join_code);
    join->set_moderator_key(moderator_key);
    join->set_resume_token(resume_token);
    join->set_last_seq(last_seq);
    return request(m);
}

pb::ServerMessage ws_client::post(const std::string& text) {
    pb::ClientMessage m;
    m.mutable_post()->set_text(text);
    return request(m);
}

int ws_client::wait_closed(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        // Out of time with the connection still open: as a read that timed out (-1).
        if (!receive(static_cast<int>(std::max<std::int64_t>(left, 1)))) return close_code_;
    }
}

const pb::Event& ws_client::wait_for_seq(std::uint64_t seq) {
    auto seen = [&]() -> const pb::Event* {
        for (const auto& e : events_)
            if (e.seq() == seq) return &e;
        return nullptr;
    };
    while (!seen()) {
        if (!receive()) throw std::runtime_error("connection ended before event " + std::to_string(seq));
    }
    return *seen();
}

void ws_client::close() {
    beast::error_code ec;
    impl_->ws([&](auto& ws) { ws.close(websocket::close_code::normal, ec); });
}

namespace {

template <class Stream>
http_reply exchange(Stream& stream, const std::string& method, const std::string& target, const std::string& body,
                    const std::map<std::string, std::string>& headers) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    http_reply reply;
    reply.status = static_cast<int>(res.result_int());
    reply.body = res.body();
    for (const auto& field : res) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(c));
        reply.headers[name] = std::string(field.value());
    }
    return reply;
}

}  // namespace

http_reply http_request(int port, const std::string& method, const std::string& target, const std::string& body,
                        const std::map<std::string, std::string>& headers) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    set_receive_timeout(socket, 10000);
    return exchange(socket, method, target, body, headers);
}

http_reply https_request(int port, const tls_trust& trust, const std::string& method, const std::string& target,
                         const std::string& body, const std::map<std::string, std::string>& headers) {
    asio::io_context io;
    auto context = client_context(trust);
    asio::ssl::stream<tcp::socket> stream(io, context);
    set_receive_timeout(stream.next_layer(), 10000);
    open_tls(stream, port, trust);
    return exchange(stream, method, target, body, headers);
}

std::string tls_handshake_error(int port, const tls_trust& trust, int max_version) {
    asio::io_context io;
    auto context = client_context(trust);
    // The client's own policy must not be what refuses an old protocol: the server must.
    SSL_CTX_set_security_level(context.native_handle(), 0);
    SSL_CTX_set_cipher_list(context.native_handle(), "ALL:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(context.native_handle(), max_version);
    asio::ssl::stream<tcp::socket> stream(io, context);
    set_receive_timeout(stream.next_layer(), 10000);
    try {
        open_tls(stream, port, trust);
        return "";
    } catch (const std::exception& e) {
        return e.what();
    }
}

int handshake_status(int port, const std::string& protocol, const std::string& origin, const std::string& host) {
    asio::io_context io;
    websocket::stream<tcp::socket> ws(io);
    ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    set_receive_timeout(ws.next_layer(), 10000);
    ws.set_option(websocket::stream_base::decorator([protocol, origin](websocket::request_type& req) {
        if (!protocol.empty()) req.set(http::field::sec_websocket_protocol, protocol);
        if (!origin.empty()) req.set(http::field::origin, origin);
    }));
    websocket::response_type res;
    beast::error_code ec;
    ws.handshake(res, host, "/ws", ec);
    return static_cast<int>(res.result_int());
}

}  // namespace ts::test
