#include "app/server.hpp"

#include <sys/resource.h>

#include <google/protobuf/stubs/logging.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <thread>
#include <vector>

#include "base/log.hpp"
#include "app/cluster_node.hpp"
#include "app/join_tokens.hpp"
#include "app/room_directory.hpp"
#include "app/voice_bridge.hpp"
#include "app/system_clock.hpp"
#include "net/listener.hpp"
#include "net/static_files.hpp"
#include "net/tls_certificates.hpp"
#include "store/memory_event_log.hpp"
#include "store/redis_endpoint.hpp"
#include "store/redis_event_log.hpp"

namespace ts::app {
namespace asio = boost::asio;

namespace {

// Protobuf reports undecodable input on its own log; that is a client's mistake, already
// answered with an error, so it goes to our debug level (and never with contents).
void protobuf_log(google::protobuf::LogLevel level, const char*, int, const std::string& message) {
    if (level >= google::protobuf::LOGLEVEL_ERROR) log::debug("protobuf: " + message);
}

// A secret from a file (for a flag): its first line (first_line), or the whole file less the
// line ends after it. Throws if it cannot be read or is empty. Empty path: none.
std::string read_secret(const std::string& path, const char* flag, bool first_line) {
    if (path.empty()) return {};
    std::ifstream file(path, std::ios::binary);
    std::string secret;
    if (first_line)
        std::getline(file, secret);
    else
        secret.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' || secret.back() == ' '))
        secret.pop_back();
    if (!file.good() && !file.eof()) secret.clear();
    if (secret.empty()) throw std::runtime_error(std::string("cannot read a secret from ") + flag + " " + path);
    return secret;
}

std::unique_ptr<store::event_log> open_store(const config& cfg) {
    if (cfg.store == "memory") {
        log::warn("**********************************************************************");
        log::warn("--store=memory: NOTHING WILL BE KEPT. Every room and transcript is lost");
        log::warn("when this process stops. Use Redis (the default) for real meetings.");
        log::warn("**********************************************************************");
        return std::make_unique<store::memory_event_log>();
    }
    auto redis = std::make_unique<store::redis_event_log>(cfg.redis);
    if (!redis->wait_until_reachable()) {
        log::error("Redis (" + store::describe(cfg.redis) +
                   ") did not answer; start it, or pass --redis redis://HOST:PORT or --redis-sentinel");
        return nullptr;
    }
    return redis;
}

// Every connection needs a descriptor: take all the system allows this process, and say how
// many that is (the soft limit is often far below the hard one).
void raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    log::info("open files: up to " +
              (limit.rlim_cur == RLIM_INFINITY ? std::string("unlimited") : std::to_string(limit.rlim_cur)) +
              " (each connection takes one)");
}

// The io_context, able to destroy the handlers still pending when it has stopped while what
// they hold still lives: a room's timer holds its room, the room its members' sessions, and a
// session's destructor tells the server's shared context (declared after the io_context, so
// gone before its destructor would destroy them: clang's AddressSanitizer saw it at every stop).
class server_io : public asio::io_context {
public:
    using asio::io_context::io_context;
    // Destroys every pending handler, unrun; the services stay until the destructor.
    void abandon_handlers() { shutdown(); }
};

}  // namespace

int run_server(const config& cfg) {
    log::set_level(cfg.log_level);
    log::set_format(cfg.log_format);
    google::protobuf::SetLogHandler(&protobuf_log);
    log::info("Talking Stick starting: " + std::to_string(cfg.threads) + " threads, store " + cfg.store);
    raise_descriptor_limit();

    // Before anything else: a certificate that cannot be used stops the start at once.
    std::unique_ptr<net::tls_certificates> tls;
    if (!cfg.tls_certificate.empty()) {
        try {
            tls = std::make_unique<net::tls_certificates>(cfg.tls_certificate, cfg.tls_key);
        } catch (const std::exception& e) {
            log::error(e.what());
            return 2;
        }
    }

    std::string metrics_token, api_key, voice_secret, turn_secret;
    std::unique_ptr<join_tokens> tokens;
    try {
        metrics_token = read_secret(cfg.metrics_token_file, "--metrics-token-file", true);
        api_key = read_secret(cfg.api_key_file, "--api-key-file", true);
        voice_secret = read_secret(cfg.voice_secret_file, "--voice-secret-file", true);
        turn_secret = read_secret(cfg.turn_secret_file, "--turn-secret-file", true);
        if (!cfg.jwt_secret_file.empty())
            tokens = std::make_unique<join_tokens>(join_tokens::algorithm::hs256,
                                                   read_secret(cfg.jwt_secret_file, "--jwt-secret-file", false));
        if (!cfg.jwt_public_key_file.empty())
            tokens = std::make_unique<join_tokens>(
                join_tokens::algorithm::rs256, read_secret(cfg.jwt_public_key_file, "--jwt-public-key-file", false));
    } catch (const std::exception& e) {
        log::error(e.what());
        return 2;
    }

    server_io io(cfg.threads);
    auto store = open_store(cfg);
    if (!store) return 1;

    system_clock clock;
    // Declared before the rooms, so that it is stopped (below) before they go.
    std::unique_ptr<cluster_node> cluster;
    if (cfg.cluster)
        cluster = std::make_unique<cluster_node>(cfg.redis, cluster_options{cfg.node_id, cfg.lease_ms}, *store);
    // Declared before the rooms, whose hosts call it; it stops only with the io_context.
    std::unique_ptr<voice_bridge> voice;
    if (!cfg.janus_url.empty()) {
        voice_options options;
        options.janus_url = cfg.janus_url;
        options.secret = voice_secret;
        options.turn = {cfg.turn_urls, turn_secret, std::chrono::seconds(cfg.turn_lifetime_seconds)};
        voice = std::make_unique<voice_bridge>(io, std::move(options), clock);
    }
    // What the network sessions share, declared before the rooms so that it outlives them: the
    // sessions a room still holds as it goes tell it they have closed. Made once the rooms exist.
    net::static_files files(cfg.static_dir);
    if (files.size() == 0) log::warn("no browser client in '" + cfg.static_dir + "' (build it, or pass --static-dir)");
    std::unique_ptr<net::server_context> shared;
    room_directory rooms(io, *store, clock, cfg.room, cfg.max_rooms, cfg.saving);
    if (cluster) rooms.join_cluster(*cluster);
    if (voice) rooms.use_voice(*voice);
    try {
        auto started = std::chrono::steady_clock::now();
        auto report = rooms.restore();
        auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        log::info(
            "restored " + std::to_string(report.rooms) + " rooms (" + std::to_string(report.events) + " events) in " +
            std::to_string(ms) + " ms" +
            (report.damaged_rooms ? ", " + std::to_string(report.damaged_rooms) + " DAMAGED (served read-only)" : "") +
            (report.unreadable_rooms ? ", " + std::to_string(report.unreadable_rooms) + " UNREADABLE (not served)"
                                     : "") +
            (report.damaged_rooms + report.unreadable_rooms ? "; run talkingstick --verify for a report" : ""));
    } catch (const std::exception& e) {
        log::error(std::string("could not restore rooms: ") + e.what());
        return 1;
    }

    if (cluster) cluster->serve(rooms);
    // However this function ends, the node stops before the rooms it reaches go.
    struct stop_cluster {
        cluster_node* node;
        ~stop_cluster() {
            if (node) node->stop();
        }
    } cluster_guard{cluster.get()};
    rooms.start_retention_sweeps(std::chrono::seconds(cfg.retention_check_seconds));
    rooms.start_unloading(std::chrono::seconds(cfg.room_idle_seconds));
    rooms.start_scrub(cfg.scrub_entries_per_second);

    shared = std::make_unique<net::server_context>(rooms, files, cfg.net);
    auto& context = *shared;
    context.tls = tls.get();
    context.metrics_token = std::move(metrics_token);
    context.api_key = std::move(api_key);
    if (tokens) rooms.accept_join_tokens(std::move(tokens));

    std::unique_ptr<net::listener> listener;
    try {
        asio::ip::tcp::endpoint endpoint(asio::ip::make_address(cfg.bind), cfg.port);
        listener = std::make_unique<net::listener>(io, endpoint, context);
    } catch (const std::exception& e) {
        log::error("cannot listen on " + cfg.bind + ":" + std::to_string(cfg.port) + ": " + e.what());
        return 2;
    }
    // Before anyone is told where to connect: a stop asked for right after that is an orderly
    // stop, not the default end of the process.
    // Stopping drains: no new connections, every open one told "restarting" (1012) so that
    // browsers reconnect calmly (to another node, when there is one), then the rooms' last
    // events go to Redis as the store closes. At most drain_seconds for the closes.
    asio::signal_set signals(io, SIGINT, SIGTERM);
    asio::steady_timer drain_timer(io);
    std::chrono::steady_clock::time_point drain_until;
    bool cut = false;  // the drain time ran out: what is left was dropped, and has a moment to go
    std::function<void()> await_drained = [&] {
        const bool late = std::chrono::steady_clock::now() >= drain_until;
        const auto open = context.sessions.size();
        if (open > 0 && late && !cut) {
            log::warn(std::to_string(open) + " connections did not take the close in time; dropping them");
            context.sessions.cut_all();
            cut = true;
            drain_until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        } else if (late || (open == 0 && !cut)) {
            io.stop();
            return;
        } else if (open == 0) {
            // Dropped connections have ended their reads; what Beast still holds for them (a
            // close that waited for the peer) completes on the next turns: a moment for that.
            drain_until = std::min(drain_until, std::chrono::steady_clock::now() + std::chrono::milliseconds(200));
        }
        drain_timer.expires_after(std::chrono::milliseconds(50));
        drain_timer.async_wait([&](const boost::system::error_code& e) {
            if (!e) await_drained();
        });
    };
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        context.draining = true;
        listener->stop();
        if (cfg.net.drain_seconds == 0) {
            // No drain: connections drop as the process ends; the next start marks people gone.
            log::info(std::string("stopping on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") + " (no drain)");
            io.stop();
            return;
        }
        const auto told = context.sessions.finish_all(net::close_restarting, "the server is restarting");
        log::info(std::string("stopping on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") + ": told " +
                  std::to_string(told) + " connections the server is restarting");
        drain_until = std::chrono::steady_clock::now() + std::chrono::seconds(cfg.net.drain_seconds);
        await_drained();
    });
    // A renewed certificate is taken on SIGHUP: new connections get it, open ones keep theirs.
    asio::signal_set hangups(io, SIGHUP);
    std::function<void()> await_hangup = [&] {
        hangups.async_wait([&](const boost::system::error_code& ec, int) {
            if (ec) return;
            if (!tls) {
                log::info("SIGHUP: nothing to reload (no --tls-cert)");
            } else if (auto error = tls->reload(); error.empty()) {
                log::info("SIGHUP: reloaded the TLS certificate and key; new connections use them");
            } else {
                log::error("SIGHUP: kept the TLS certificate in use: " + error);
            }
            await_hangup();
        });
    };
    await_hangup();
    auto bound = listener->local_endpoint();
    std::string address =
        bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string();
    const char* scheme = tls ? "https" : "http";
    log::info("listening", {{"url", std::string(scheme) + "://" + address + ":" + std::to_string(bound.port())},
                            {"tls", tls ? "on" : "off"}});
    if (!tls && !bound.address().is_loopback())
        log::warn("serving plain HTTP on " + address +
                  ": what people say and their keys cross the network unencrypted. Use --tls-cert and --tls-key, "
                  "or a reverse proxy that serves HTTPS (see the README)");
    // A line for scripts and tests to read the port from, even when --port 0 picked it.
    std::printf("listening %s://%s:%u\n", scheme, address.c_str(), static_cast<unsigned>(bound.port()));
    std::fflush(stdout);
    listener->start();
    if (voice) voice->start();

    std::vector<std::thread> threads;
    for (int i = 1; i < cfg.threads; ++i) threads.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : threads) t.join();
    // Other nodes take this node's rooms as soon as their people reconnect to them.
    if (cluster) cluster->stop();  // (and again by the guard: stopping twice does nothing)
    io.abandon_handlers();
    // The store flushes what it still holds as it is destroyed (see redis_event_log).
    log::info("stopped");
    return 0;
}

}  // namespace ts::app
