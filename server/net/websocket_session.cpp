#include "base/thread_annotations.hpp"
#include "net/websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <mutex>
#include <vector>

#include "base/log.hpp"
#include "base/metrics.hpp"
#include "net/frame_queue.hpp"
#include "net/rate_limiter.hpp"
#include "net/server_frames.hpp"

namespace ts::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;

namespace {

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void close_socket(asio::ip::tcp::socket& socket) {
    beast::error_code ignored;
    socket.close(ignored);
}
void close_socket(beast::tcp_stream& stream) { close_socket(stream.socket()); }

// NextLayer: the TCP socket itself (ws://), or a TLS stream over it (wss://).
template <class NextLayer>
class websocket_session final : public frame_sink, public std::enable_shared_from_this<websocket_session<NextLayer>> {
    using std::enable_shared_from_this<websocket_session<NextLayer>>::shared_from_this;
    using std::enable_shared_from_this<websocket_session<NextLayer>>::weak_from_this;

public:
    websocket_session(NextLayer stream, std::shared_ptr<asio::ssl::context> tls, server_context& context,
                      connection_limiter::slot slot, std::string address)
        : tls_(std::move(tls)),
          ws_(std::move(stream)),
          context_(context),
          slot_(std::move(slot)),
          id_(context.next_connection_id++),
          address_(std::move(address)),
          limiter_(context.limits.commands_per_second, context.limits.command_burst),
          close_timer_(ws_.get_executor()) {
        ++context_.open_websockets;
    }

    ~websocket_session() override {
        context_.sessions.remove(id_);
        --context_.open_websockets;
    }

    void start(http::request<http::string_body> request) {
        asio::dispatch(ws_.get_executor(),
                       [self = shared_from_this(), request = std::move(request)] { self->accept(request); });
    }

    // Rooms call this from their own strands. Frames wait in the inbox, and one handler on
    // this connection's strand takes all that arrived: a room's event and its acknowledgement,
    // or several events, cost one hand-off and go out in one write.
    void send(shared_frame frame) override {
        {
            ts::lock_guard lock(inbox_mutex_);
            inbox_.push_back(std::move(frame));
            if (inbox_taken_soon_) return;
            inbox_taken_soon_ = true;
        }
        asio::post(ws_.get_executor(), [self = shared_from_this()] { self->take_inbox(); });
    }

    void finish(std::uint16_t code, std::string reason) override {
        asio::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
            self->begin_close(code, std::move(reason), false);
        });
    }

    void cut() override {
        // Closing the socket ends every operation waiting on it (a read, a close waiting for
        // the peer's answer), so that none keeps this session alive past the server's stop.
        asio::post(ws_.get_executor(),
                   [self = shared_from_this()] { close_socket(beast::get_lowest_layer(self->ws_)); });
    }

private:
    // The read loop is plain callbacks, not a coroutine: an idle connection then holds no
    // coroutine frames, only its pending read.
    void accept(const http::request<http::string_body>& request) {
        // A connection that says nothing for half the idle time is pinged; one that does not
        // answer by the end of it is closed.
        websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
        timeouts.idle_timeout = std::chrono::seconds(context_.limits.idle_timeout_seconds);
        // A peer that does not finish the closing handshake (it stopped mid-frame, or only
        // half-closed) loses its socket after the close time-out, not Beast's 30 s.
        timeouts.handshake_timeout = std::chrono::seconds(context_.limits.close_timeout_seconds);
        timeouts.keep_alive_pings = true;
        // Under TLS the TCP stream has timers of its own: the WebSocket's take over.
        if constexpr (!std::is_same_v<NextLayer, asio::ip::tcp::socket>) beast::get_lowest_layer(ws_).expires_never();
        ws_.set_option(timeouts);
        ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
            res.set(http::field::sec_websocket_protocol, websocket_protocol);
            res.set(http::field::server, "talkingstick");
        }));
        ws_.read_message_max(context_.limits.max_frame_bytes);
        ws_.binary(true);
        // The request is only read here, to build the response; the caller frees it after.
        ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
            if (ec) return log::debug("websocket handshake failed: " + ec.message());
            self->open_ = true;
            self->context_.sessions.add(self->id_, self->weak_from_this());
            // Stopping began during the handshake: finish_all() did not see this one.
            if (self->context_.draining) self->begin_close(close_restarting, "the server is restarting", false);
            self->read_next();
        });
    }

    void read_next() {
        // A read waits with its buffer already allocated, and most connections wait most of
        // the time: the first read of a message asks for little, the rest of a longer message
        // follows in further reads.
        auto limit = buffer_.size() == 0 ? first_read_bytes : context_.limits.max_frame_bytes;
        ws_.async_read_some(buffer_, limit,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec) {
            if (ec == websocket::error::message_too_big)
                log::info("closed a connection that sent a frame over the size limit");
            else if (ec != websocket::error::closed && ec != asio::error::operation_aborted)
                log::debug("websocket read ended: " + ec.message());
            open_ = false;
            close_timer_.cancel();
            leave_room();
            // Done with the network: a stopping server waits for this, not for the rooms to
            // let go of the session.
            context_.sessions.remove(id_);
            return;
        }
        if (!ws_.is_message_done()) return read_next();
        if (ws_.got_text()) {
            // RFC 6455 1003: this endpoint does not accept this type of data.
            begin_close(websocket::close_code::unknown_data,
                        "text frames are not part of this protocol; send binary Protobuf", true);
        } else {
            handle(buffer_);
        }
        buffer_.consume(buffer_.size());
        // Between messages the buffer is empty: give its memory back, since most connections
        // are idle most of the time (one allocation per message read).
        buffer_.shrink_to_fit();
        read_next();
    }

    void handle(const beast::flat_buffer& buffer) {
        if (closing_) return;
        talkingstick::v1::ClientMessage message;
        auto data = buffer.data();
        if (!message.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
            enqueue(
                error_frame(0, talkingstick::v1::BAD_REQUEST,
                            "could not decode the message (it must be a ClientMessage; text fields must be UTF-8)"));
            return;
        }
        if (auto wait = limiter_.take(steady_ms())) {
            enqueue(error_frame(message.request_id(), talkingstick::v1::RATE_LIMITED, "too many commands; slow down",
                                wait));
            return;
        }
        if (message.command_case() == talkingstick::v1::ClientMessage::COMMAND_NOT_SET) {
            enqueue(error_frame(message.request_id(), talkingstick::v1::BAD_REQUEST,
                                "unknown or missing command (is the client newer than the server?)"));
            return;
        }
        std::string target = room_id_;
        if (message.has_join()) {
            if (!room_id_.empty() && message.join().room_id() != room_id_) {
                enqueue(error_frame(message.request_id(), talkingstick::v1::CONFLICT,
                                    "this connection belongs to another room; open a new connection"));
                return;
            }
            target = message.join().room_id();
            // One place can add only so many people: a script cannot fill a room with members
            // made from one join code. Coming back (a resume token) is never limited.
            if (message.join().resume_token().empty()) {
                if (auto wait = context_.new_members.take(address_, steady_ms())) {
                    enqueue(error_frame(message.request_id(), talkingstick::v1::RATE_LIMITED,
                                        "too many people joined from here just now; try again in a moment", wait));
                    return;
                }
            }
        } else if (target.empty()) {
            enqueue(error_frame(message.request_id(), talkingstick::v1::UNAUTHENTICATED, "join a room first"));
            return;
        }
        auto request_id = message.request_id();
        if (!context_.gateway.submit(target, std::move(message), shared_from_this(), id_)) {
            enqueue(error_frame(request_id, talkingstick::v1::NOT_FOUND, "no such room"));
            return;
        }
        room_id_ = target;
    }

    void take_inbox() {
        {
            ts::lock_guard lock(inbox_mutex_);
            arrived_.swap(inbox_);
            inbox_taken_soon_ = false;
        }
        for (auto& frame : arrived_)
            if (!push(std::move(frame))) break;
        arrived_.clear();
        // Keep a little room for the next arrivals, not what a burst needed.
        if (arrived_.capacity() > kept_inbox_capacity) std::vector<shared_frame>().swap(arrived_);
        if (!writing_) write_next();
    }

    // A frame of this connection's own (an error answer): written after what is queued.
    void enqueue(shared_frame frame) {
        if (push(std::move(frame)) && !writing_) write_next();
    }

    // Queues a frame; false (and the connection closes) if the reader is too far behind.
    bool push(shared_frame frame) {
        if (closing_ || !open_) return false;
        if (queue_.size() + 1 > context_.limits.send_queue_frames ||
            queue_.bytes() + frame->size() > context_.limits.send_queue_bytes) {
            log::info("closing a connection whose reader fell behind (send queue full)");
            metrics::figures().slow_reader_disconnects.add();
            begin_close(close_too_slow, "too slow: reconnect to resume", true);
            // Gone from the room now, not when a reader that no longer reads lets go of its
            // socket; and the socket itself goes after the close time-out at the latest.
            leave_room();
            close_timer_.expires_after(std::chrono::seconds(context_.limits.close_timeout_seconds));
            close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
                if (ec) return;
                close_socket(beast::get_lowest_layer(self->ws_));
            });
            return false;
        }
        queue_.push_back(std::move(frame));
        metrics::figures().send_queue_bytes.note(queue_.bytes());
        return true;
    }

    void write_next() {
        if (queue_.empty()) {
            if (closing_) do_close();
            return;
        }
        writing_ = true;
        // Everything waiting goes out in one write: one frame as it is, several as a batch
        // (each frame was encoded once, for every reader; only the envelope is new here).
        in_flight_ = 1;
        const std::string* payload = queue_[0].get();
        if (queue_.size() > 1) {
            talkingstick::v1::ServerMessage batch;
            auto* frames = batch.mutable_batch()->mutable_frames();
            std::size_t bytes = 0;
            for (in_flight_ = 0; in_flight_ < queue_.size() && bytes < max_batch_bytes; ++in_flight_) {
                frames->Add()->assign(*queue_[in_flight_]);
                bytes += queue_[in_flight_]->size();
            }
            batch_buffer_.clear();
            batch.SerializeToString(&batch_buffer_);
            payload = &batch_buffer_;
        }
        auto& figures = metrics::figures();
        figures.deliveries.add();
        figures.frames_delivered.add(in_flight_);
        figures.bytes_sent.add(payload->size());
        ws_.async_write(asio::buffer(*payload),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec) {
        writing_ = false;
        for (std::size_t i = 0; i < in_flight_ && !queue_.empty(); ++i) queue_.pop_front();
        in_flight_ = 0;
        if (ec) {
            queue_.clear();
            return;
        }
        // A burst's batch can be large; an idle connection should not keep it.
        if (queue_.empty()) std::string().swap(batch_buffer_);
        write_next();
    }

    // Closes after what is queued (drop_queue false) or at once (true).
    void begin_close(std::uint16_t code, std::string reason, bool drop_queue) {
        if (closing_ || !open_) return;
        closing_ = true;
        close_reason_.code = code;
        close_reason_.reason = reason;
        if (drop_queue) {
            // The frames being written stay; the rest is dropped.
            while (queue_.size() > (writing_ ? in_flight_ : 0u)) queue_.pop_back();
        }
        if (!writing_) write_next();
    }

    // The room learns this connection is gone (once). Not while the server stops: the person
    // did not go, the server did, and the next start marks them gone for that reason
    // (SERVER_RESTART) as it finds nobody connected.
    void leave_room() {
        if (!room_id_.empty() && !context_.draining) context_.gateway.disconnected(room_id_, id_);
        room_id_.clear();
    }

    void do_close() {
        ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {});
    }

    std::shared_ptr<asio::ssl::context> tls_;  // null for ws://
    // Plain: straight on the socket, since Beast's tcp_stream would add its own timers and a
    // layer of operations to every write, and the WebSocket layer keeps its own idle timeout.
    websocket::stream<NextLayer> ws_;
    server_context& context_;
    connection_limiter::slot slot_;
    std::uint64_t id_;
    std::string address_;
    rate_limiter limiter_;
    std::string room_id_;
    beast::flat_buffer buffer_;  // the message being read
    frame_queue queue_;
    std::size_t in_flight_ = 0;  // frames at the front of queue_ being written
    std::string batch_buffer_;   // the batch being written, reused
    static constexpr std::size_t max_batch_bytes = 256 * 1024;
    static constexpr std::size_t first_read_bytes = 256;
    bool writing_ = false;
    ts::mutex inbox_mutex_;
    std::vector<shared_frame> inbox_ TS_GUARDED_BY(inbox_mutex_);  // sent, not yet taken
    bool inbox_taken_soon_ TS_GUARDED_BY(inbox_mutex_) = false;    // take_inbox is posted
    std::vector<shared_frame> arrived_;                            // what take_inbox is moving to queue_ (reused)
    static constexpr std::size_t kept_inbox_capacity = 8;
    bool closing_ = false;
    bool open_ = false;
    websocket::close_reason close_reason_;
    asio::steady_timer close_timer_;  // a slow reader's socket goes when it runs out
};

}  // namespace

void run_websocket_session(asio::ip::tcp::socket socket, http::request<http::string_body> request,
                           server_context& context, connection_limiter::slot slot, std::string address) {
    std::make_shared<websocket_session<asio::ip::tcp::socket>>(std::move(socket), nullptr, context, std::move(slot),
                                                               std::move(address))
        ->start(std::move(request));
}

void run_websocket_session(tls_stream stream, std::shared_ptr<asio::ssl::context> tls,
                           http::request<http::string_body> request, server_context& context,
                           connection_limiter::slot slot, std::string address) {
    std::make_shared<websocket_session<tls_stream>>(std::move(stream), std::move(tls), context, std::move(slot),
                                                    std::move(address))
        ->start(std::move(request));
}

}  // namespace ts::net
