// talkingstick-load: one process driving many WebSocket clients, for benchmarks.
//
//   protocol  the real Talking Stick protocol: creates rooms over REST, joins members,
//             and has some of them post as fast as the server accepts (a window of
//             unacknowledged posts each). Every member counts the messages it receives and
//             the time from send to receipt (the send time travels inside the message).
//   raw       the same traffic shape against a plain broadcast server (a peer): opaque
//             binary frames carrying the send time; a sender sends its next frame when its
//             previous one came back.
//   idle      joins N members across rooms and keeps them connected, idle, until stopped.
//
// It prints one JSON object of results on stdout. Single-threaded on purpose: the server
// under test gets the other core.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace pb = talkingstick::v1;
using tcp = asio::ip::tcp;

namespace {

struct options {
    std::string mode = "protocol";
    std::string host = "127.0.0.1";
    std::string port = "8080";
    std::string path = "/ws";
    int rooms = 1;
    int members = 10;
    int senders = -1;  // per room; -1: every member
    int window = 4;    // unacknowledged posts per sender
    double seconds = 5;
    double warmup = 1;
};

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct stats {
    std::uint64_t deliveries = 0;
    std::uint64_t acks = 0;
    std::uint64_t errors = 0;
    std::vector<std::uint32_t> latency_us;  // sampled
    bool measuring = false;
};

std::string create_room(asio::io_context& io, const options& o, std::string& code) {
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.connect(resolver.resolve(o.host, o.port));
    http::request<http::string_body> req{http::verb::post, "/api/rooms", 11};
    req.set(http::field::host, o.host);
    req.set(http::field::content_type, "application/json");
    req.body() = "{\"title\":\"load test\"}";
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    pb::CreateRoomResponse created;
    if (res.result() != http::status::created || !google::protobuf::util::JsonStringToMessage(res.body(), &created).ok())
        throw std::runtime_error("could not create a room: " + res.body());
    code = created.join_code();
    return created.room_id();
}

class client : public std::enable_shared_from_this<client> {
public:
    client(asio::io_context& io, const options& o, stats& s) : ws_(io), o_(o), s_(s) {}

    void start(const tcp::resolver::results_type& endpoints, std::string room, std::string code, bool sender,
               std::function<void()> ready) {
        room_ = std::move(room);
        code_ = std::move(code);
        sender_ = sender;
        ready_ = std::move(ready);
        beast::get_lowest_layer(ws_).async_connect(endpoints, [self = shared_from_this()](beast::error_code ec, auto) {
            if (ec) return self->fail("connect", ec);
            beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
            self->ws_.set_option(websocket::stream_base::decorator([&o = self->o_](websocket::request_type& req) {
                if (o.mode != "raw") req.set(http::field::sec_websocket_protocol, "talkingstick.v1");
            }));
            self->ws_.binary(true);
            self->ws_.async_handshake(self->o_.host + ":" + self->o_.port, self->o_.path,
                                      [self](beast::error_code ec) {
                                          if (ec) return self->fail("handshake", ec);
                                          self->read();
                                          if (self->o_.mode == "raw") self->ready_();
                                          else self->join();
                                      });
        });
    }

    // Starts posting (senders only); called once every client is ready.
    void go() {
        if (!sender_) return;
        for (int i = 0; i < o_.window; ++i) send_one();
    }

    void stop() { stopping_ = true; }

private:
    void fail(const char* where, beast::error_code ec) {
        if (stopping_) return;
        ++s_.errors;
        if (s_.errors < 5) std::fprintf(stderr, "load: %s: %s\n", where, ec.message().c_str());
    }

    void join() {
        pb::ClientMessage m;
        m.set_request_id(next_id_++);
        m.mutable_join()->set_room_id(room_);
        m.mutable_join()->set_display_name("load");
        m.mutable_join()->set_join_code(code_);
        write(m.SerializeAsString());
    }

    void send_one() {
        if (stopping_) return;
        auto sent = now_ns();
        auto t = std::to_string(sent);
        if (o_.mode == "raw") {
            mine_.insert(sent);
            write(t);
            return;
        }
        pb::ClientMessage m;
        m.set_request_id(next_id_++);
        m.mutable_post()->set_text("t" + t);
        write(m.SerializeAsString());
    }

    void write(std::string bytes) {
        queue_.push_back(std::move(bytes));
        if (queue_.size() == 1) write_next();
    }

    void write_next() {
        ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail("write", ec);
            self->queue_.erase(self->queue_.begin());
            if (!self->queue_.empty()) self->write_next();
        });
    }

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail("read", ec);
            self->on_frame();
            self->buffer_.consume(self->buffer_.size());
            self->read();
        });
    }

    void sample(std::int64_t sent_ns) {
        ++s_.deliveries;
        // Sample every 16th delivery: enough for p999, bounded memory.
        if ((s_.deliveries & 15) == 0) s_.latency_us.push_back(static_cast<std::uint32_t>((now_ns() - sent_ns) / 1000));
    }

    void on_frame() {
        auto data = buffer_.data();
        std::string_view bytes(static_cast<const char*>(data.data()), data.size());
        if (o_.mode == "raw") {
            auto sent = std::stoll(std::string(bytes));
            if (s_.measuring) sample(sent);
            if (sender_ && mine_.count(sent)) {
                mine_.erase(sent);
                send_one();
            }
            return;
        }
        pb::ServerMessage m;
        if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return;
        handle(m);
    }

    void handle(const pb::ServerMessage& m) {
        if (m.has_batch()) {
            for (const auto& frame : m.batch().frames()) {
                pb::ServerMessage inner;
                if (inner.ParseFromString(frame)) handle(inner);
            }
            return;
        }
        if (m.has_welcome()) {
            ready_();
        } else if (m.has_event() && m.event().has_message_posted()) {
            const auto& text = m.event().message_posted().text();
            if (s_.measuring && text.size() > 1 && text[0] == 't') sample(std::stoll(text.substr(1)));
        } else if (m.has_ack()) {
            if (s_.measuring) ++s_.acks;
            send_one();
        } else if (m.has_error()) {
            ++s_.errors;
            if (s_.errors < 5) std::fprintf(stderr, "load: error %s\n", m.error().message().c_str());
            if (m.error().code() == pb::RATE_LIMITED || m.error().code() == pb::STORE_UNAVAILABLE) send_one();
        }
    }

    websocket::stream<beast::tcp_stream> ws_;
    const options& o_;
    stats& s_;
    beast::flat_buffer buffer_;
    std::vector<std::string> queue_;
    std::string room_, code_;
    bool sender_ = false;
    bool stopping_ = false;
    std::uint64_t next_id_ = 1;
    std::function<void()> ready_;
    std::set<std::int64_t> mine_;  // raw mode: own frames not yet seen back
};

double percentile(std::vector<std::uint32_t>& v, double p) {
    if (v.empty()) return 0;
    auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--mode") o.mode = v;
        else if (k == "--host") o.host = v;
        else if (k == "--port") o.port = v;
        else if (k == "--path") o.path = v;
        else if (k == "--rooms") o.rooms = std::stoi(v);
        else if (k == "--members") o.members = std::stoi(v);
        else if (k == "--senders") o.senders = std::stoi(v);
        else if (k == "--window") o.window = std::stoi(v);
        else if (k == "--seconds") o.seconds = std::stod(v);
        else if (k == "--warmup") o.warmup = std::stod(v);
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 64;
        }
    }
    if (o.mode == "raw" && o.path == "/ws") o.path = "/";
    asio::io_context io(1);
    stats s;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(o.host, o.port);
    std::vector<std::shared_ptr<client>> clients;
    int total = o.rooms * o.members, ready = 0;
    auto start_time = std::chrono::steady_clock::now();
    asio::steady_timer timer(io);
    auto finish = [&] {
        for (auto& c : clients) c->stop();
        io.stop();
    };
    auto on_ready = [&] {
        if (++ready != total) return;
        std::fprintf(stderr, "load: %d clients ready\n", total);
        if (o.mode == "idle") {
            std::printf("{\"mode\":\"idle\",\"clients\":%d}\n", total);
            std::fflush(stdout);
            return;  // until SIGTERM
        }
        for (auto& c : clients) c->go();
        timer.expires_after(std::chrono::milliseconds(static_cast<long>(o.warmup * 1000)));
        timer.async_wait([&](beast::error_code) {
            s.measuring = true;
            start_time = std::chrono::steady_clock::now();
            timer.expires_after(std::chrono::milliseconds(static_cast<long>(o.seconds * 1000)));
            timer.async_wait([&](beast::error_code) { finish(); });
        });
    };
    for (int r = 0; r < o.rooms; ++r) {
        std::string code, room = o.mode == "raw" ? "" : create_room(io, o, code);
        for (int m = 0; m < o.members; ++m) {
            auto c = std::make_shared<client>(io, o, s);
            bool sender = o.senders < 0 || m < o.senders;
            c->start(endpoints, room, code, sender, on_ready);
            clients.push_back(c);
        }
    }
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { finish(); });
    io.run();
    if (o.mode == "idle") return 0;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    std::printf(
        "{\"mode\":\"%s\",\"rooms\":%d,\"members\":%d,\"seconds\":%.2f,\"deliveries\":%llu,\"deliveries_per_s\":%.0f,"
        "\"acks_per_s\":%.0f,\"errors\":%llu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}\n",
        o.mode.c_str(), o.rooms, o.members, elapsed, static_cast<unsigned long long>(s.deliveries),
        s.deliveries / elapsed, s.acks / elapsed, static_cast<unsigned long long>(s.errors),
        percentile(s.latency_us, 0.5), percentile(s.latency_us, 0.99), percentile(s.latency_us, 0.999),
        s.latency_us.empty() ? 0.0 : *std::max_element(s.latency_us.begin(), s.latency_us.end()) / 1000.0);
    return s.deliveries > 0 ? 0 : 1;
}
