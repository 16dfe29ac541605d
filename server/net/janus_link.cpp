#include "net/janus_link.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/log.hpp"

namespace ts::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

const char* const kUnavailable = "the voice server cannot be reached";

std::string text_of(const json::object& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}

std::uint64_t number_of(const json::object& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end()) return 0;
    if (it->value().is_uint64()) return it->value().get_uint64();
    if (it->value().is_int64() && it->value().get_int64() > 0)
        return static_cast<std::uint64_t>(it->value().get_int64());
    return 0;
}

const json::object& empty_object() {
    static const json::object empty;
    return empty;
}

const json::object& object_at(const json::object& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_object() ? it->value().get_object() : empty_object();
}

// Janus's own error ({"janus": "error", "error": {code, reason}}) or its plugin's
// (plugindata.data.error_code and .error).
janus_answer answer_of(json::object body) {
    janus_answer a;
    if (text_of(body, "janus") == "error") {
        const auto& e = object_at(body, "error");
        a.error_code = static_cast<int>(number_of(e, "code"));
        if (a.error_code == 0) a.error_code = 1;
        a.error = text_of(e, "reason");
    } else {
        const auto& data = object_at(object_at(body, "plugindata"), "data");
        if (auto code = number_of(data, "error_code")) {
            a.error_code = static_cast<int>(code);
            a.error = text_of(data, "error");
        }
    }
    a.body = std::move(body);
    return a;
}

janus_answer unanswered(std::string why) {
    janus_answer a;
    a.error_code = -1;
    a.error = std::move(why);
    return a;
}

}  // namespace

const json::object& plugin_data_of(const json::object& message) {
    return object_at(object_at(message, "plugindata"), "data");
}

std::optional<janus_address> parse_janus_url(const std::string& url) {
    const std::string scheme = "ws://";
    if (url.rfind(scheme, 0) != 0) return std::nullopt;
    auto rest = url.substr(scheme.size());
    janus_address a;
    auto slash = rest.find('/');
    a.path = slash == std::string::npos ? "/" : rest.substr(slash);
    auto authority = rest.substr(0, slash);
    auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
        a.host = authority.substr(0, colon);
        a.port = authority.substr(colon + 1);
    } else {
        a.host = authority;
        a.port = "80";
    }
    if (!a.host.empty() && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
    if (a.host.empty() || a.port.empty() || a.port.size() > 5 ||
        a.port.find_first_not_of("0123456789") != std::string::npos || std::stoi(a.port) == 0 ||
        std::stoi(a.port) > 65535)
        return std::nullopt;
    return a;
}

struct janus_link::connection {
    explicit connection(asio::strand<asio::io_context::executor_type> strand) : resolver(strand), ws(strand) {}
    tcp::resolver resolver;
    beast::websocket::stream<beast::tcp_stream> ws;
    beast::flat_buffer buffer;
};

struct janus_link::pending {
    pending(asio::strand<asio::io_context::executor_type> strand, answer_fn done, bool past_ack)
        : done(std::move(done)), past_ack(past_ack), timer(strand) {}
    answer_fn done;
    bool past_ack;
    asio::steady_timer timer;
};

std::shared_ptr<janus_link> janus_link::make(asio::io_context& io, janus_options options, state_fn on_state,
                                             event_fn on_event) {
    return std::shared_ptr<janus_link>(
        new janus_link(io, std::move(options), std::move(on_state), std::move(on_event)));
}

janus_link::janus_link(asio::io_context& io, janus_options options, state_fn on_state, event_fn on_event)
    : strand_(asio::make_strand(io)),
      options_(std::move(options)),
      address_(parse_janus_url(options_.url).value_or(janus_address{})),
      on_state_(std::move(on_state)),
      on_event_(std::move(on_event)),
      retry_(options_.retry_first),
      retry_timer_(strand_),
      keepalive_timer_(strand_) {}

janus_link::~janus_link() = default;

void janus_link::start() {
    asio::post(strand_, [self = shared_from_this()] { self->connect(); });
}

void janus_link::stop() {
    asio::post(strand_, [self = shared_from_this()] {
        self->stopped_ = true;
        self->fail(self->generation_, "stopped");
    });
}

void janus_link::connect() {
    if (stopped_) return;
    connection_ = std::make_unique<connection>(strand_);
    auto generation = ++generation_;
    auto& c = *connection_;
    beast::get_lowest_layer(c.ws).expires_after(options_.request_timeout);
    c.resolver.async_resolve(
        address_.host, address_.port,
        [self = shared_from_this(), generation](beast::error_code ec, tcp::resolver::results_type results) {
            if (generation != self->generation_) return;
            if (ec) return self->fail(generation, "cannot resolve " + self->address_.host + ": " + ec.message());
            beast::get_lowest_layer(self->connection_->ws)
                .async_connect(results, [self, generation](beast::error_code ec, const tcp::endpoint&) {
                    if (generation != self->generation_) return;
                    if (ec) return self->fail(generation, "cannot connect: " + ec.message());
                    auto& ws = self->connection_->ws;
                    ws.set_option(beast::websocket::stream_base::decorator([](beast::websocket::request_type& req) {
                        req.set(beast::http::field::sec_websocket_protocol, "janus-protocol");
                    }));
                    ws.async_handshake(self->address_.host + ":" + self->address_.port, self->address_.path,
                                       [self, generation](beast::error_code ec) {
                                           if (generation != self->generation_) return;
                                           if (ec) return self->fail(generation, "no WebSocket: " + ec.message());
                                           self->opened();
                                       });
                });
        });
}

void janus_link::opened() {
    auto& ws = connection_->ws;
    beast::get_lowest_layer(ws).expires_never();
    // Janus sends a ping of its own only on request; a silent peer is found by the keepalive's
    // unanswered request instead.
    ws.set_option(beast::websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws.text(true);
    read_next();
    auto generation = generation_;
    json::object create;
    create["janus"] = "create";
    send(
        std::move(create),
        [self = shared_from_this(), generation](janus_answer a) {
            if (generation != self->generation_) return;
            auto id = number_of(object_at(a.body, "data"), "id");
            if (!a.ok() || id == 0) return self->fail(generation, "no session: " + a.error);
            self->session_ = id;
            self->retry_ = self->options_.retry_first;
            self->up_ = true;
            log::info("voice server connected (" + self->options_.url + ")");
            self->keep_alive();
            if (self->on_state_) self->on_state_(true);
        },
        false);
}

void janus_link::read_next() {
    auto generation = generation_;
    connection_->ws.async_read(connection_->buffer,
                               [self = shared_from_this(), generation](beast::error_code ec, std::size_t) {
                                   if (generation != self->generation_) return;
                                   if (ec) return self->fail(generation, "connection lost: " + ec.message());
                                   auto text = beast::buffers_to_string(self->connection_->buffer.data());
                                   self->connection_->buffer.clear();
                                   self->received(text);
                                   if (generation == self->generation_) self->read_next();
                               });
}

void janus_link::received(const std::string& text) {
    beast::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) {
        log::warn("voice server sent something that is not a JSON object; ignored");
        return;
    }
    auto& body = value.as_object();
    const auto kind = text_of(body, "janus");
    const auto transaction = text_of(body, "transaction");
    if (auto it = pending_.find(transaction); !transaction.empty() && it != pending_.end()) {
        if (kind == "ack" && it->second->past_ack) return;  // the plugin's event follows
        return answer(transaction, answer_of(std::move(body)));
    }
    if (kind == "timeout") return fail(generation_, "the voice server ended the session");
    if (auto handle = number_of(body, "sender"); handle != 0 && on_event_) on_event_(handle, body);
}

void janus_link::answer(const std::string& transaction, janus_answer a) {
    auto it = pending_.find(transaction);
    if (it == pending_.end()) return;
    auto done = std::move(it->second->done);
    pending_.erase(it);
    if (done) done(std::move(a));
}

void janus_link::send(json::object body, answer_fn done, bool past_ack) {
    const bool creating = text_of(body, "janus") == "create";
    if (!connection_ || stopped_ || (!creating && session_ == 0)) {
        if (done) done(unanswered(kUnavailable));
        return;
    }
    auto transaction = "t" + std::to_string(next_transaction_++);
    body["transaction"] = transaction;
    if (session_ != 0) body["session_id"] = session_;
    if (!options_.api_secret.empty()) body["apisecret"] = options_.api_secret;
    auto entry = std::make_unique<pending>(strand_, std::move(done), past_ack);
    entry->timer.expires_after(options_.request_timeout);
    entry->timer.async_wait([self = shared_from_this(), transaction, generation = generation_](beast::error_code ec) {
        if (ec || generation != self->generation_ || !self->pending_.count(transaction)) return;
        // No answer in time: the link is not to be trusted any more.
        self->fail(generation, "the voice server did not answer in time");
    });
    pending_.emplace(transaction, std::move(entry));
    outbox_.push_back(json::serialize(body));
    write_next();
}

void janus_link::write_next() {
    if (writing_ || outbox_.empty() || !connection_) return;
    writing_ = true;
    auto generation = generation_;
    connection_->ws.async_write(asio::buffer(outbox_.front()),
                                [self = shared_from_this(), generation](beast::error_code ec, std::size_t) {
                                    if (generation != self->generation_) return;
                                    self->writing_ = false;
                                    if (ec) return self->fail(generation, "cannot send: " + ec.message());
                                    self->outbox_.pop_front();
                                    self->write_next();
                                });
}

void janus_link::keep_alive() {
    keepalive_timer_.expires_after(options_.keepalive);
    keepalive_timer_.async_wait([self = shared_from_this(), generation = generation_](beast::error_code ec) {
        if (ec || generation != self->generation_) return;
        json::object alive;
        alive["janus"] = "keepalive";
        self->send(std::move(alive), nullptr, false);
        self->keep_alive();
    });
}

void janus_link::fail(std::uint64_t generation, const std::string& why) {
    if (generation != generation_) return;
    ++generation_;  // every completion of the old connection is ignored from now on
    const bool was_up = up_.exchange(false);
    session_ = 0;
    keepalive_timer_.cancel();
    if (connection_) {
        beast::error_code ignored;
        connection_->resolver.cancel();
        beast::get_lowest_layer(connection_->ws).socket().close(ignored);
        // The stream's handlers still hold it: let it go once they have run.
        asio::post(strand_, [gone = std::shared_ptr<connection>(std::move(connection_))] {});
    }
    outbox_.clear();
    writing_ = false;
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& [transaction, entry] : pending) {
        entry->timer.cancel();
        if (entry->done) entry->done(unanswered(stopped_ ? std::string("stopped") : std::string(kUnavailable)));
    }
    if (stopped_) {
        retry_timer_.cancel();
        return;
    }
    if (was_up) log::warn("voice server lost: " + why);
    if (was_up && on_state_) on_state_(false);
    retry_timer_.expires_after(retry_);
    retry_ = std::min(retry_ * 2, options_.retry_most);
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->connect();
    });
}

void janus_link::attach(std::string plugin,
                        std::function<void(std::optional<std::uint64_t> handle, janus_answer)> done) {
    asio::post(strand_, [self = shared_from_this(), plugin = std::move(plugin), done = std::move(done)]() mutable {
        json::object body;
        body["janus"] = "attach";
        body["plugin"] = plugin;
        self->send(
            std::move(body),
            [done = std::move(done)](janus_answer a) {
                auto id = number_of(object_at(a.body, "data"), "id");
                if (a.ok() && id != 0)
                    done(id, std::move(a));
                else
                    done(std::nullopt, std::move(a));
            },
            false);
    });
}

void janus_link::message(std::uint64_t handle, json::object body, std::optional<json::object> jsep, answer_fn done,
                         bool asynchronous) {
    asio::post(strand_, [self = shared_from_this(), handle, body = std::move(body), jsep = std::move(jsep),
                         done = std::move(done), asynchronous]() mutable {
        json::object request;
        request["janus"] = "message";
        request["handle_id"] = handle;
        request["body"] = std::move(body);
        if (jsep) request["jsep"] = std::move(*jsep);
        self->send(std::move(request), std::move(done), asynchronous);
    });
}

void janus_link::trickle(std::uint64_t handle, json::object candidate, answer_fn done) {
    asio::post(strand_,
               [self = shared_from_this(), handle, candidate = std::move(candidate), done = std::move(done)]() mutable {
                   json::object request;
                   request["janus"] = "trickle";
                   request["handle_id"] = handle;
                   request["candidate"] = std::move(candidate);
                   self->send(std::move(request), std::move(done), false);
               });
}

void janus_link::detach(std::uint64_t handle, answer_fn done) {
    asio::post(strand_, [self = shared_from_this(), handle, done = std::move(done)]() mutable {
        json::object request;
        request["janus"] = "detach";
        request["handle_id"] = handle;
        self->send(std::move(request), std::move(done), false);
    });
}

}  // namespace ts::net
