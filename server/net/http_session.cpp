#include "net/http_session.hpp"

#include <google/protobuf/util/json_util.h>
#include <openssl/crypto.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <cstdio>

#include "base/json_string.hpp"
#include "base/log.hpp"
#include "base/metrics.hpp"
#include "base/prometheus_text.hpp"
#include "net/metrics_page.hpp"
#include "net/websocket_session.hpp"

namespace ts::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace pb = talkingstick::v1;

namespace {

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// Only our own files and same-origin connections; no inline script anywhere.
constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// Waits in a coroutine for a gateway call that answers through a callback on another thread.
// Callers keep start in a named variable: GCC 12 mishandles temporaries with non-trivial
// destructors inside a co_await expression (it destroys them twice).
template <class T>
asio::awaitable<T> await_callback(const std::function<void(std::function<void(T)>)>& start) {
    return asio::async_initiate<const asio::use_awaitable_t<>&, void(T)>(
        [&start](auto handler) {
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            auto executor = asio::get_associated_executor(*shared);
            start([shared, executor](T value) {
                asio::post(executor,
                           [shared, value = std::move(value)]() mutable { std::move (*shared)(std::move(value)); });
            });
        },
        asio::use_awaitable);
}

response make_response(const request& req, http::status status, std::string body, std::string content_type) {
    response res{status, req.version()};
    res.set(http::field::server, "talkingstick");
    res.set(http::field::content_type, content_type);
    res.set("Content-Security-Policy", content_security_policy);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::string to_json(const google::protobuf::Message& message) {
    std::string out;
    google::protobuf::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    (void)google::protobuf::util::MessageToJsonString(message, &out, options);
    return out;
}

response json_response(const request& req, http::status status, const google::protobuf::Message& message) {
    auto res = make_response(req, status, to_json(message), "application/json");
    res.set(http::field::cache_control, "no-store");
    return res;
}

response json_error(const request& req, http::status status, pb::ErrorCode code, std::string message) {
    pb::Error error;
    error.set_code(code);
    error.set_message(std::move(message));
    return json_response(req, status, error);
}

http::status status_for(pb::ErrorCode code) {
    switch (code) {
        case pb::BAD_REQUEST: return http::status::bad_request;
        case pb::TOO_LARGE: return http::status::payload_too_large;
        case pb::NOT_FOUND: return http::status::not_found;
        case pb::CONFLICT:
        case pb::NOT_LIVE: return http::status::conflict;
        case pb::RATE_LIMITED: return http::status::too_many_requests;
        case pb::STORE_UNAVAILABLE: return http::status::service_unavailable;
        case pb::UNAUTHENTICATED: return http::status::unauthorized;
        case pb::PERMISSION_DENIED: return http::status::forbidden;
        default: return http::status::internal_server_error;
    }
}

std::string_view path_of(std::string_view target) {
    auto q = target.find_first_of("?#");
    return q == std::string_view::npos ? target : target.substr(0, q);
}

bool offers_our_protocol(const request& req) {
    auto offered = req[http::field::sec_websocket_protocol];
    std::string_view rest(offered.data(), offered.size());
    while (!rest.empty()) {
        auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == websocket_protocol) return true;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return false;
}

// Stream: beast::tcp_stream (plain HTTP) or tls_stream (HTTPS).
template <class Stream>
class http_session {
public:
    // tls: the context the connection's TLS began with (null for plain HTTP); kept while the
    // connection lasts, so that a certificate reload does not pull it away.
    http_session(Stream stream, server_context& context, connection_limiter::slot slot,
                 std::shared_ptr<asio::ssl::context> tls)
        : tls_(std::move(tls)), stream_(std::move(stream)), context_(context), slot_(std::move(slot)) {}

    asio::awaitable<void> serve() {
        beast::flat_buffer buffer;
        while (true) {
            tcp().expires_after(std::chrono::seconds(context_.limits.http_idle_seconds));
            http::request_parser<http::string_body> parser;
            parser.header_limit(16 * 1024);
            parser.body_limit(context_.limits.max_http_body_bytes);
            auto [ec, n] = co_await http::async_read(stream_, buffer, parser, asio::as_tuple(asio::use_awaitable));
            if (ec == http::error::body_limit) {
                request bare;
                bare.version(11);
                bare.keep_alive(false);
                co_await write(
                    json_error(bare, http::status::payload_too_large, pb::TOO_LARGE, "request body too large"));
                break;
            }
            if (ec) break;
            request req = parser.release();
            if (beast::websocket::is_upgrade(req)) {
                if (path_of(req.target()) != "/ws") {
                    co_await write(
                        json_error(req, http::status::not_found, pb::NOT_FOUND, "WebSocket endpoint is /ws"));
                    break;
                }
                if (!context_.limits.origins.allows(std::string_view(req[http::field::origin]),
                                                    std::string_view(req[http::field::host]))) {
                    auto res = json_error(req, http::status::forbidden, pb::PERMISSION_DENIED,
                                          "pages from that site may not connect to this server (see --allowed-origin)");
                    res.keep_alive(false);
                    co_await write(std::move(res));
                    break;
                }
                if (context_.draining) {
                    auto res = json_error(req, http::status::service_unavailable, pb::RESTARTING,
                                          "the server is restarting; connect again in a moment");
                    res.keep_alive(false);
                    co_await write(std::move(res));
                    break;
                }
                if (!offers_our_protocol(req)) {
                    auto res = json_error(
                        req, http::status::bad_request, pb::BAD_REQUEST,
                        std::string("unsupported protocol version: this server speaks ") + websocket_protocol);
                    res.keep_alive(false);
                    co_await write(std::move(res));
                    break;
                }
                tcp().expires_never();
                auto address = client(req);
                if constexpr (std::is_same_v<Stream, tls_stream>)
                    run_websocket_session(std::move(stream_), std::move(tls_), std::move(req), context_,
                                          std::move(slot_), std::move(address));
                else
                    run_websocket_session(stream_.release_socket(), std::move(req), context_, std::move(slot_),
                                          std::move(address));
                co_return;
            }
            if (is_transcript(path_of(req.target()))) {
                // Streamed: it may be far larger than any response built whole.
                if (!co_await transcript(req) || !req.keep_alive()) break;
                continue;
            }
            auto res = co_await route(req);
            bool keep = res.keep_alive();
            if (!co_await write(std::move(res)) || !keep) break;
        }
        if constexpr (std::is_same_v<Stream, tls_stream>) {
            // TLS says goodbye first (close_notify), but never waits long for the answer.
            tcp().expires_after(std::chrono::seconds(context_.limits.close_timeout_seconds));
            co_await stream_.async_shutdown(asio::as_tuple(asio::use_awaitable));
        }
        beast::error_code ignored;
        tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }

private:
    beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

    // Where the request comes from, for per-address limits (client_address.hpp).
    std::string client(const request& req) {
        boost::system::error_code ec;
        const auto peer = tcp().socket().remote_endpoint(ec);
        if (ec) return "";
        return client_address(peer.address(), std::string_view(req[http::field::forwarded]),
                              std::string_view(req["X-Forwarded-For"]), context_.limits.proxies);
    }

    asio::awaitable<bool> write(response res) {
        metrics::figures().http_responses.add(res.result_int(), 0);
        auto [ec, n] = co_await http::async_write(stream_, res, asio::as_tuple(asio::use_awaitable));
        co_return !ec;
    }

    asio::awaitable<response> route(const request& req) {
        auto path = path_of(req.target());
        if (path == "/healthz") co_return health(req);
        if (path == "/readyz") co_return ready(req);
        if (path == "/metrics") {
            if (req.method() != http::verb::get) co_return method_not_allowed(req, "GET");
            co_return metrics(req);
        }
        if (path == "/api/rooms") {
            if (req.method() != http::verb::post) co_return method_not_allowed(req, "POST");
            co_return co_await create_room(req);
        }
        if (path == "/api/limits") {
            if (req.method() != http::verb::get) co_return method_not_allowed(req, "GET");
            co_return json_response(req, http::status::ok, context_.gateway.text_limits());
        }
        if (path.starts_with("/api/rooms/")) {
            if (req.method() != http::verb::get) co_return method_not_allowed(req, "GET");
            co_return co_await room_info(req, std::string(path.substr(11)));
        }
        if (path.starts_with("/api/") || path == "/ws")
            co_return json_error(req, http::status::not_found, pb::NOT_FOUND, "no such endpoint");
        co_return static_file(req, path);
    }

    static bool is_transcript(std::string_view path) {
        return path.starts_with("/api/rooms/") && path.ends_with("/transcript") && path.size() > 22;
    }

    // GET /api/rooms/{id}/transcript?format=md|html|txt|json[&names=pseudonyms][&private=include],
    // with "Authorization: Bearer <moderator key or resume token>". Written chunk by chunk as
    // the room hands the document over. False if the connection is no longer usable.
    asio::awaitable<bool> transcript(const request& req) {
        auto path = path_of(req.target());
        if (req.method() != http::verb::get) co_return co_await write(method_not_allowed(req, "GET"));
        net::transcript_request wanted;
        wanted.format = "md";
        auto target = std::string_view(req.target());
        if (auto q = target.find('?'); q != std::string_view::npos) {
            auto query = target.substr(q + 1);
            while (!query.empty()) {
                auto amp = query.find('&');
                auto pair = query.substr(0, amp);
                auto eq = pair.find('=');
                auto key = pair.substr(0, eq);
                auto value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
                if (key == "format") wanted.format = std::string(value);
                if (key == "names") wanted.pseudonyms = value == "pseudonyms";
                if (key == "private") wanted.include_private = value == "include";
                if (key == "lang") wanted.language = std::string(value);
                if (amp == std::string_view::npos) break;
                query.remove_prefix(amp + 1);
            }
        }
        auto auth = req[http::field::authorization];
        if (auth.starts_with("Bearer ")) wanted.credential = std::string(auth.substr(7));
        if (wanted.credential.empty()) {
            auto res = json_error(req, http::status::unauthorized, pb::UNAUTHENTICATED,
                                  "send the moderator key or your resume token as a Bearer token");
            res.set(http::field::www_authenticate, "Bearer");
            co_return co_await write(std::move(res));
        }
        std::string id(path.substr(11, path.size() - 11 - 11));
        std::function<void(std::function<void(net::transcript_result)>)> start = [this, &id, &wanted](auto done) {
            context_.gateway.open_transcript(id, wanted, std::move(done));
        };
        auto opened = co_await await_callback<net::transcript_result>(start);
        if (!opened.stream)
            co_return co_await write(
                json_error(req, status_for(opened.error.code), opened.error.code, opened.error.message));

        http::response<http::empty_body> head{http::status::ok, req.version()};
        head.set(http::field::server, "talkingstick");
        head.set(http::field::content_type, opened.content_type);
        head.set(http::field::content_disposition, "attachment; filename=\"" + opened.filename + "\"");
        head.set(http::field::cache_control, "no-store");
        // The minutes are a document of their own: styled inline, never scripted.
        head.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        head.set("X-Content-Type-Options", "nosniff");
        head.set("Referrer-Policy", "no-referrer");
        head.keep_alive(req.keep_alive());
        head.chunked(true);
        metrics::figures().http_responses.add(head.result_int(), 0);
        http::response_serializer<http::empty_body> serializer{head};
        tcp().expires_after(std::chrono::seconds(context_.limits.http_idle_seconds));
        if (auto [ec, n] = co_await http::async_write_header(stream_, serializer, asio::as_tuple(asio::use_awaitable));
            ec)
            co_return false;
        auto stream = opened.stream;
        std::function<void(std::function<void(std::optional<std::string>)>)> next = [&stream](auto done) {
            stream->next(std::move(done));
        };
        while (true) {
            auto piece = co_await await_callback<std::optional<std::string>>(next);
            if (!piece) break;
            if (piece->empty()) continue;
            tcp().expires_after(std::chrono::seconds(context_.limits.http_idle_seconds));
            auto [ec, n] = co_await asio::async_write(stream_, http::make_chunk(asio::buffer(*piece)),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return false;
        }
        if (stream->failed()) co_return false;  // no last chunk: the client sees a cut-off transfer
        auto [ec, n] =
            co_await asio::async_write(stream_, http::make_chunk_last(), asio::as_tuple(asio::use_awaitable));
        co_return !ec;
    }

    // Whether req carries "Authorization: Bearer <secret>" (compared in constant time); an
    // empty secret asks for nothing.
    static bool bearer_is(const request& req, const std::string& secret) {
        if (secret.empty()) return true;
        auto auth = req[http::field::authorization];
        return auth.starts_with("Bearer ") && auth.size() - 7 == secret.size() &&
               CRYPTO_memcmp(auth.data() + 7, secret.data(), secret.size()) == 0;
    }

    static response unauthorized(const request& req, std::string why) {
        auto res = json_error(req, http::status::unauthorized, pb::UNAUTHENTICATED, std::move(why));
        res.set(http::field::www_authenticate, "Bearer");
        return res;
    }

    response method_not_allowed(const request& req, const char* allow) {
        auto res =
            json_error(req, http::status::method_not_allowed, pb::BAD_REQUEST, std::string("use ") + allow + " here");
        res.set(http::field::allow, allow);
        return res;
    }

    // For load balancers: whether to send new people here. Not while stopping (draining), and
    // not while Redis cannot be reached (nothing new could be saved). Rooms are restored
    // before the server listens at all.
    response ready(const request& req) {
        std::string why;
        if (context_.draining)
            why = "the server is stopping";
        else if (!context_.gateway.store_status().connected)
            why = "Redis cannot be reached";
        auto res = make_response(
            req, why.empty() ? http::status::ok : http::status::service_unavailable,
            why.empty() ? std::string("{\"ready\":true}") : "{\"ready\":false,\"why\":" + json_string(why) + "}",
            "application/json");
        res.set(http::field::cache_control, "no-store");
        return res;
    }

    // For Prometheus. With a token set, only a scraper that sends it is answered.
    response metrics(const request& req) {
        if (!bearer_is(req, context_.metrics_token))
            return unauthorized(req, "send the metrics token (--metrics-token-file) as a Bearer token");
        auto res = make_response(req, http::status::ok, metrics_page(context_), metrics::prometheus_text::content_type);
        res.set(http::field::cache_control, "no-store");
        return res;
    }

    response health(const request& req) {
        auto status = context_.gateway.store_status();
        auto damaged = context_.gateway.damaged_rooms();
        const auto held = context_.gateway.rooms_held();
        const auto scrub = context_.gateway.scrubbed();
        std::string rooms = "[";
        for (const auto& d : damaged) {
            if (rooms.size() > 1) rooms += ",";
            rooms += "{\"room\":" + json_string(d.room_id) + ",\"readable_up_to\":" + std::to_string(d.readable_up_to) +
                     ",\"damaged_from\":" + std::to_string(d.damaged_from) +
                     (d.damaged_to ? ",\"damaged_to\":" + std::to_string(d.damaged_to) : "") +
                     ",\"served\":" + (d.served ? "true" : "false") +
                     ",\"read_only\":" + (d.read_only ? "true" : "false") + ",\"problem\":" + json_string(d.problem) +
                     "}";
        }
        rooms += "]";
        // Why it is degraded, in words for the operator; empty: ok.
        std::vector<std::string> why;
        if (!status.connected) why.push_back("Redis cannot be reached");
        if (status.refusing_rooms > 0)
            why.push_back("Redis refuses writes (" + std::to_string(status.refusing_rooms) +
                          (status.refusing_rooms == 1 ? " room" : " rooms") + " waiting): " + status.refusal);
        if (!damaged.empty())
            why.push_back(std::to_string(damaged.size()) + (damaged.size() == 1 ? " room has" : " rooms have") +
                          " a damaged record");
        std::string reasons = "[";
        for (const auto& w : why) reasons += (reasons.size() > 1 ? "," : "") + json_string(w);
        reasons += "]";
        std::string body =
            std::string("{\"status\":\"") + (why.empty() ? "ok" : "degraded") + "\",\"why\":" + reasons +
            ",\"store\":{\"backend\":\"" + status.backend +
            "\",\"connected\":" + (status.connected ? "true" : "false") +
            ",\"pending\":" + std::to_string(status.pending) + ",\"written\":" + std::to_string(status.written) +
            ",\"refusing_rooms\":" + std::to_string(status.refusing_rooms) + "},\"damaged_rooms\":" + rooms +
            ",\"rooms\":{\"loaded\":" + std::to_string(held.loaded) + ",\"unloaded\":" + std::to_string(held.unloaded) +
            "}" + ",\"scrub\":{\"passes\":" + std::to_string(scrub.passes) +
            ",\"entries\":" + std::to_string(scrub.entries) + "}" +
            ",\"websockets\":" + std::to_string(context_.open_websockets.load()) +
            ",\"accept_failures\":" + std::to_string(context_.accept_failures.load()) +
            ",\"refused_connections\":" + std::to_string(context_.refused_connections.load()) + "}";
        auto res = make_response(req, http::status::ok, std::move(body), "application/json");
        res.set(http::field::cache_control, "no-store");
        return res;
    }

    asio::awaitable<response> create_room(const request& req) {
        // With an API key, only the organisation's portal creates rooms.
        if (!bearer_is(req, context_.api_key))
            co_return unauthorized(req, "creating rooms here needs the API key (--api-key-file) as a Bearer token");
        // One place may create only so many rooms: a script cannot fill the server with them.
        const auto now_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
                .count();
        if (auto wait_ms = context_.room_creations.take(client(req), now_ms)) {
            pb::Error error;
            error.set_code(pb::RATE_LIMITED);
            error.set_message("too many rooms created from here just now; try again later");
            error.set_retry_after_ms(wait_ms);
            auto res = json_response(req, http::status::too_many_requests, error);
            res.set(http::field::retry_after, std::to_string((wait_ms + 999) / 1000));
            co_return res;
        }
        pb::CreateRoomRequest create;
        google::protobuf::util::JsonParseOptions options;
        options.ignore_unknown_fields = false;
        if (!google::protobuf::util::JsonStringToMessage(req.body(), &create, options).ok())
            co_return json_error(req, http::status::bad_request, pb::BAD_REQUEST,
                                 "expected JSON like {\"title\": \"...\", \"purpose\": \"...\"}");
        std::function<void(std::function<void(create_result)>)> start = [this, &create](auto done) {
            context_.gateway.create_room(create, std::move(done));
        };
        auto result = co_await await_callback<create_result>(start);
        if (!result.created)
            co_return json_error(req, status_for(result.error.code), result.error.code, result.error.message);
        auto res = json_response(req, http::status::created, *result.created);
        res.set(http::field::location, "/api/rooms/" + result.created->room_id());
        co_return res;
    }

    asio::awaitable<response> room_info(const request& req, std::string id) {
        std::function<void(std::function<void(std::optional<pb::RoomInfo>)>)> start = [this, &id](auto done) {
            context_.gateway.room_info(id, std::move(done));
        };
        auto info = co_await await_callback<std::optional<pb::RoomInfo>>(start);
        if (!info) co_return json_error(req, http::status::not_found, pb::NOT_FOUND, "no such room");
        co_return json_response(req, http::status::ok, *info);
    }

    response static_file(const request& req, std::string_view path) {
        if (req.method() != http::verb::get && req.method() != http::verb::head)
            return method_not_allowed(req, "GET, HEAD");
        const auto* file = context_.files.find(path);
        if (!file) {
            if (context_.files.size() == 0)
                return make_response(req, http::status::not_found,
                                     "The browser client has not been built. Run scripts/run.\n",
                                     "text/plain; charset=utf-8");
            return make_response(req, http::status::not_found, "Not found\n", "text/plain; charset=utf-8");
        }
        auto if_none_match = req[http::field::if_none_match];
        if (!if_none_match.empty() && if_none_match == file->etag) {
            auto res = make_response(req, http::status::not_modified, "", file->content_type);
            res.set(http::field::etag, file->etag);
            res.set(http::field::cache_control, "no-cache");
            return res;
        }
        auto res = make_response(req, http::status::ok, req.method() == http::verb::head ? "" : *file->body,
                                 file->content_type);
        if (req.method() == http::verb::head) res.content_length(file->body->size());
        res.set(http::field::etag, file->etag);
        // Revalidate every time: file names carry no content hash, and a 304 is cheap.
        res.set(http::field::cache_control, "no-cache");
        return res;
    }

    std::shared_ptr<asio::ssl::context> tls_;
    Stream stream_;
    server_context& context_;
    connection_limiter::slot slot_;
};

// A connection to a server that serves TLS: HTTPS as usual; a plain-HTTP request gets a
// clear answer in plain HTTP (use https://) and the connection ends.
class tls_handshake {
public:
    tls_handshake(beast::tcp_stream stream, server_context& context, connection_limiter::slot slot)
        : stream_(std::move(stream)), context_(context), slot_(std::move(slot)) {}

    asio::awaitable<void> serve() {
        auto tls = context_.tls->current();
        beast::flat_buffer buffer;
        stream_.expires_after(std::chrono::seconds(context_.limits.http_idle_seconds));
        auto [detect_ec, is_tls] =
            co_await beast::async_detect_ssl(stream_, buffer, asio::as_tuple(asio::use_awaitable));
        if (detect_ec) co_return;
        if (!is_tls) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(16 * 1024);
            parser.body_limit(context_.limits.max_http_body_bytes);
            auto [read_ec, n] = co_await http::async_read(stream_, buffer, parser, asio::as_tuple(asio::use_awaitable));
            request bare = read_ec ? request{} : parser.release();
            bare.version(11);
            bare.keep_alive(false);
            auto res = json_error(bare, http::status::bad_request, pb::BAD_REQUEST,
                                  "this server speaks HTTPS only: use https:// (and wss:// for WebSockets)");
            metrics::figures().http_responses.add(res.result_int(), 0);
            co_await http::async_write(stream_, res, asio::as_tuple(asio::use_awaitable));
            beast::error_code ignored;
            stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
            co_return;
        }
        tls_stream secured(std::move(stream_), *tls);
        auto [handshake_ec, used] = co_await secured.async_handshake(asio::ssl::stream_base::server, buffer.data(),
                                                                     asio::as_tuple(asio::use_awaitable));
        if (handshake_ec) {
            log::debug("TLS handshake failed: " + handshake_ec.message());
            co_return;
        }
        auto session =
            std::make_shared<http_session<tls_stream>>(std::move(secured), context_, std::move(slot_), std::move(tls));
        co_await session->serve();
    }

private:
    beast::tcp_stream stream_;
    server_context& context_;
    connection_limiter::slot slot_;
};

}  // namespace

void run_http_session(asio::ip::tcp::socket socket, server_context& context, connection_limiter::slot slot) {
    auto executor = socket.get_executor();
    if (context.tls) {
        auto handshake =
            std::make_shared<tls_handshake>(beast::tcp_stream(std::move(socket)), context, std::move(slot));
        asio::co_spawn(
            executor, [handshake]() { return handshake->serve(); }, asio::detached);
        return;
    }
    auto session = std::make_shared<http_session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), context,
                                                                     std::move(slot), nullptr);
    asio::co_spawn(
        executor, [session]() { return session->serve(); }, asio::detached);
}

}  // namespace ts::net
