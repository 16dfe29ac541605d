#include "app/config.hpp"

#include <charconv>
#include <thread>
#include <vector>

#include "app/turn_credentials.hpp"
#include "net/janus_link.hpp"

namespace ts::app {
namespace {

struct option {
    const char* name;
    const char* arg;
    const char* help;
    // Applies a value to cfg; returns an error message, or empty.
    std::function<std::string(config& cfg, const std::string& value)> set;
};

template <class T>
std::string parse_number(const std::string& value, T min, T max, T& out) {
    T v{};
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || p != value.data() + value.size() || v < min || v > max)
        return "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    out = v;
    return {};
}

// An option taking a number in [min, max]; store(cfg, v) puts it in place.
template <class T, class Store>
auto numeric(T min, T max, Store store) {
    return [min, max, store](config& cfg, const std::string& value) {
        T v{};
        auto error = parse_number<T>(value, min, max, v);
        if (error.empty()) store(cfg, v);
        return error;
    };
}

// An option taking a comma-separated list: each item, trimmed, goes to add(cfg, item), which
// returns an error message or empty; reset(cfg) first empties the list.
template <class Reset, class Add>
auto list_of(Reset reset, Add add) {
    return [reset, add](config& cfg, const std::string& value) {
        reset(cfg);
        std::string_view rest(value);
        while (!rest.empty()) {
            auto comma = rest.find(',');
            auto item = rest.substr(0, comma);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
            if (!item.empty())
                if (auto error = add(cfg, item); !error.empty()) return error;
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
        return std::string();
    };
}

// An option taking any text (a path, say): store(cfg, v) puts it in place.
template <class Store>
auto text(Store store) {
    return [store](config& cfg, const std::string& value) {
        store(cfg, value);
        return std::string();
    };
}

// An option taking one of a few words, each naming a value: store(cfg, value) puts it in place.
template <class T, class Store>
auto one_of(std::vector<std::pair<std::string, T>> words, Store store) {
    return [words = std::move(words), store](config& cfg, const std::string& value) {
        std::string names;
        for (const auto& [word, v] : words) {
            if (word == value) {
                store(cfg, v);
                return std::string();
            }
            names += (names.empty() ? "" : &word == &words.back().first ? " or " : ", ") + word;
        }
        return "expected " + names;
    };
}

std::string parse_redis_url(const std::string& url, store::redis_options& out) {
    const std::string scheme = "redis://";
    if (url.rfind(scheme, 0) != 0) return "expected redis://HOST:PORT";
    auto rest = url.substr(scheme.size());
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    if (rest.find_first_of("@/?") != std::string::npos)
        return "only redis://HOST:PORT is supported (no password, database or options)";
    auto colon = rest.rfind(':');
    std::string host = colon == std::string::npos ? rest : rest.substr(0, colon);
    if (host.empty()) return "the Redis host is missing";
    int port = 6379;
    if (colon != std::string::npos) {
        auto error = parse_number<int>(rest.substr(colon + 1), 1, 65535, port);
        if (!error.empty()) return "the Redis port: " + error;
    }
    out.host = host;
    out.port = port;
    return {};
}

// --redis-sentinel HOST:PORT,HOST:PORT,…
std::string parse_sentinels(const std::string& list, store::redis_options& out) {
    out.sentinels.clear();
    std::size_t from = 0;
    while (from <= list.size()) {
        const auto comma = std::min(list.find(',', from), list.size());
        const auto item = list.substr(from, comma - from);
        const auto colon = item.rfind(':');
        if (colon == std::string::npos || colon == 0) return "expected HOST:PORT,HOST:PORT,… (not '" + item + "')";
        int port = 0;
        if (auto error = parse_number<int>(item.substr(colon + 1), 1, 65535, port); !error.empty())
            return "the port of " + item + ": " + error;
        out.sentinels.emplace_back(item.substr(0, colon), port);
        from = comma + 1;
    }
    return {};
}

const std::vector<option>& options() {
    using sz = std::size_t;
    static const std::vector<option> list = {
        {"port", "N", "TCP port to listen on; 0 picks a free one (default 8080)",
         numeric<int>(0, 65535, [](config& c, int v) { c.port = static_cast<std::uint16_t>(v); })},
        {"bind", "ADDRESS", "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
         [](config& c, const std::string& v) {
             c.bind = v;
             return v.empty() ? std::string("must not be empty") : std::string();
         }},
        {"redis", "URL", "Redis server, redis://HOST:PORT (default redis://127.0.0.1:6379)",
         [](config& c, const std::string& v) { return parse_redis_url(v, c.redis); }},
        {"redis-sentinel", "HOST:PORT,…",
         "find the Redis primary through these Sentinels, and follow its failovers (instead of --redis)",
         [](config& c, const std::string& v) { return parse_sentinels(v, c.redis); }},
        {"redis-master", "NAME", "the primary's name in Sentinel's configuration (default talkingstick)",
         [](config& c, const std::string& v) {
             c.redis.master_name = v;
             return v.empty() ? std::string("must not be empty") : std::string();
         }},
        {"durability", "auto|primary|replicated",
         "when an event is acknowledged: once the primary has it, or once a replica has it too (WAIT); auto: "
         "replicated when the primary has a replica at start-up (default auto)",
         one_of<store::durability>({{"auto", store::durability::automatic},
                                    {"primary", store::durability::primary},
                                    {"replicated", store::durability::replicated}},
                                   [](config& c, store::durability v) { c.redis.durability = v; })},
        {"replica-wait-ms", "N",
         "with replicated durability: how long one write waits for a replica before it is tried again (default 1000)",
         numeric<int>(10, 60000, [](config& c, int v) { c.redis.replica_wait_ms = v; })},
        {"store", "redis|memory", "where transcripts are kept; memory keeps nothing after exit (default redis)",
         [](config& c, const std::string& v) {
             if (v != "redis" && v != "memory") return std::string("expected redis or memory");
             c.store = v;
             return std::string();
         }},
        {"cluster", "on|off",
         "run as one node of a cluster that shares Redis with other nodes behind a load balancer (default off)",
         one_of<bool>({{"off", false}, {"on", true}}, [](config& c, bool v) { c.cluster = v; })},
        {"node-id", "NAME", "this node's name in a cluster (default: the host name and a random suffix)",
         text([](config& c, const std::string& v) { c.node_id = v; })},
        {"lease-ms", "N",
         "how long a node owns a room without renewing, and how soon a silent node's people are shown gone "
         "(default 6000)",
         numeric<int>(300, 600000, [](config& c, int v) { c.lease_ms = v; })},
        {"threads", "N", "network threads (default: one per core)",
         numeric<int>(1, 256, [](config& c, int v) { c.threads = v; })},
        {"tls-cert", "FILE", "serve HTTPS and WSS with this PEM certificate chain (with --tls-key); reread on SIGHUP",
         text([](config& c, const std::string& v) { c.tls_certificate = v; })},
        {"tls-key", "FILE", "the PEM private key of --tls-cert",
         text([](config& c, const std::string& v) { c.tls_key = v; })},
        {"metrics-token-file", "FILE",
         "GET /metrics then asks for the token in this file (its first line) as a Bearer token; "
         "without it /metrics is open",
         text([](config& c, const std::string& v) { c.metrics_token_file = v; })},
        {"janus", "URL",
         "carry rooms' voices on this Janus media server (its WebSocket API, ws://host:port); with "
         "--voice-secret-file. Without it, meetings are text only",
         text([](config& c, const std::string& v) { c.janus_url = v; })},
        {"voice-secret-file", "FILE",
         "the secret in this file (its first line) is Janus's api_secret and its VideoRoom admin_key; every "
         "node of a cluster has the same",
         text([](config& c, const std::string& v) { c.voice_secret_file = v; })},
        {"turn", "URL[,URL…]",
         "give browsers these TURN relays (turn:host:3478, turns:host:5349, …) to reach Janus from behind NAT; "
         "with --turn-secret-file",
         text([](config& c, const std::string& v) {
             c.turn_urls.clear();
             for (std::size_t at = 0; at <= v.size();) {
                 const auto comma = std::min(v.find(',', at), v.size());
                 c.turn_urls.push_back(v.substr(at, comma - at));
                 at = comma + 1;
             }
         })},
        {"turn-secret-file", "FILE",
         "the secret in this file (its first line) is coturn's static-auth-secret: each browser gets credentials "
         "made from it that expire",
         text([](config& c, const std::string& v) { c.turn_secret_file = v; })},
        {"turn-lifetime", "SECONDS", "how long a browser's TURN credentials last (default 86400: a day)",
         numeric<int>(600, 7 * 86400,
                      [](config& c, int v) { c.turn_lifetime_seconds = static_cast<std::uint32_t>(v); })},
        {"api-key-file", "FILE",
         "creating rooms (POST /api/rooms) then needs the key in this file (its first line) as a Bearer "
         "token; without it anyone who can reach the server may create rooms",
         text([](config& c, const std::string& v) { c.api_key_file = v; })},
        {"jwt-secret-file", "FILE",
         "joins may come with a join token (a JWT) signed with HS256 and the secret in this file (at least "
         "32 bytes)",
         text([](config& c, const std::string& v) { c.jwt_secret_file = v; })},
        {"jwt-public-key-file", "FILE",
         "joins may come with a join token (a JWT) signed with RS256, checked with this PEM public key",
         text([](config& c, const std::string& v) { c.jwt_public_key_file = v; })},
        {"static-dir", "DIR", "folder of the built browser client (default client-web/dist)",
         text([](config& c, const std::string& v) { c.static_dir = v; })},
        {"log-level", "LEVEL", "debug, info, warn or error (default info)",
         one_of<log::level>({{"debug", log::level::debug},
                             {"info", log::level::info},
                             {"warn", log::level::warn},
                             {"error", log::level::error}},
                            [](config& c, log::level v) { c.log_level = v; })},
        {"log-format", "text|json",
         "the log's lines: text, or one JSON object per line with time, level, event and fields (default text)",
         one_of<log::format>({{"text", log::format::text}, {"json", log::format::json}},
                             [](config& c, log::format v) { c.log_format = v; })},
        {"retention-days", "N", "days a closed room's record is kept, unless its moderators set it (default 365)",
         numeric<int>(0, 3650, [](config& c, int v) { c.room.retention_days = static_cast<std::uint32_t>(v); })},
        {"unused-room-days", "N",
         "a room nobody has joined, not even its moderator, is deleted this many days "
         "after its creation (default 7)",
         numeric<int>(0, 3650, [](config& c, int v) { c.room.unused_room_days = static_cast<std::uint32_t>(v); })},
        {"retention-check-seconds", "N",
         "how often closed rooms are checked for records past their time (default 3600)",
         numeric<int>(1, 86400, [](config& c, int v) { c.retention_check_seconds = static_cast<std::uint32_t>(v); })},
        {"recent-events", "N",
         "events a room keeps in memory for joining and resuming; older ones are read from "
         "Redis on demand (default 1000)",
         numeric<sz>(1, 1000000, [](config& c, sz v) { c.room.recent_events = v; })},
        {"recent-bytes", "N", "bytes of recent events a room keeps in memory at most (default 1048576)",
         numeric<sz>(1024, sz{1} << 30, [](config& c, sz v) { c.room.recent_bytes = v; })},
        {"snapshot-every", "N", "events between two stored snapshots of a room's state (default 1000)",
         numeric<sz>(1, 10000000, [](config& c, sz v) { c.room.snapshot_every_events = v; })},
        {"room-idle-seconds", "N",
         "a room nobody has been in for this long is unloaded from memory, and loaded "
         "again when someone comes (default 900)",
         numeric<int>(1, 30 * 86400, [](config& c, int v) { c.room_idle_seconds = static_cast<std::uint32_t>(v); })},
        {"allowed-origin", "ORIGINS",
         "web pages besides the server's own (and loopback) that may connect, "
         "comma-separated, e.g. https://meet.example.org",
         list_of([](config& c) { c.net.origins.allowed.clear(); },
                 [](config& c, std::string_view item) {
                     if (item.find("://") == std::string_view::npos)
                         return "expected origins like https://meet.example.org, got " + std::string(item);
                     c.net.origins.allowed.emplace_back(item);
                     return std::string();
                 })},
        {"trusted-proxy", "CIDRS",
         "reverse proxies whose Forwarded / X-Forwarded-For header gives the client's "
         "address, comma-separated, e.g. 10.0.0.0/8,::1 (default none)",
         list_of([](config& c) { c.net.proxies = {}; },
                 [](config& c, std::string_view item) {
                     return c.net.proxies.add(item)
                                ? std::string()
                                : "expected an address or network like 10.0.0.0/8, got " + std::string(item);
                 })},
        {"new-members-per-hour", "N",
         "people one address may add to rooms per hour (joins without a resume "
         "token), after the first --new-member-burst at once (default 600)",
         numeric<int>(1, 1000000000, [](config& c, int v) { c.net.new_members_per_hour = v; })},
        {"new-member-burst", "N",
         "people one address may add at once, before the hourly rate applies: a venue "
         "whose people share one address joins together (default 300)",
         numeric<int>(1, 1000000000, [](config& c, int v) { c.net.new_member_burst = v; })},
        {"room-creations-per-hour", "N",
         "rooms one address may create per hour, after the first "
         "--room-creation-burst at once (default 60)",
         numeric<int>(1, 1000000, [](config& c, int v) { c.net.room_creations_per_hour = v; })},
        {"room-creation-burst", "N",
         "rooms one address may create at once, before the hourly rate applies (default 10)",
         numeric<int>(1, 1000000, [](config& c, int v) { c.net.room_creation_burst = v; })},
        {"scrub-entries-per-second", "N",
         "entries of the stored records read each second in the background to "
         "find damage before anyone needs that part (0: off; default 1000)",
         numeric<sz>(0, 10000000, [](config& c, sz v) { c.scrub_entries_per_second = v; })},
        {"idle-timeout-seconds", "N",
         "a WebSocket that sends nothing is pinged after half of this and closed "
         "at its end if it does not answer (default 300)",
         numeric<int>(2, 86400, [](config& c, int v) { c.net.idle_timeout_seconds = v; })},
        {"close-timeout-seconds", "N",
         "a connection closed for falling behind is cut off after this if its reader "
         "does not take the close (default 10)",
         numeric<int>(1, 600, [](config& c, int v) { c.net.close_timeout_seconds = v; })},
        {"drain-seconds", "N",
         "on SIGTERM, how long open connections get to take the 'restarting' close (1012) "
         "before the server stops anyway; 0: stop at once, connections drop (default 10)",
         numeric<int>(0, 600, [](config& c, int v) { c.net.drain_seconds = v; })},
        {"max-rooms", "N", "rooms this server holds at most (default 10000)",
         numeric<sz>(1, 10000000, [](config& c, sz v) { c.max_rooms = v; })},
        {"max-frame-bytes", "N", "largest WebSocket message accepted, in bytes (default 65536)",
         numeric<sz>(1024, 16 * 1024 * 1024, [](config& c, sz v) { c.net.max_frame_bytes = v; })},
        {"send-queue-bytes", "N", "bytes waiting for one slow reader before it is disconnected (default 4194304)",
         numeric<sz>(64 * 1024, sz{1} << 30, [](config& c, sz v) { c.net.send_queue_bytes = v; })},
        {"send-queue-frames", "N", "messages waiting for one slow reader before it is disconnected (default 8192)",
         numeric<sz>(16, 1000000, [](config& c, sz v) { c.net.send_queue_frames = v; })},
        {"commands-per-second", "N", "commands one connection may send per second, sustained (default 20)",
         numeric<int>(1, 100000,
                      [](config& c, int v) {
                          c.net.commands_per_second = v;
                          c.net.command_burst = 2.0 * v;
                      })},
        {"max-connections-per-address", "N", "open connections from one address (default 256)",
         numeric<sz>(1, 1000000, [](config& c, sz v) { c.net.max_connections_per_address = v; })},
        {"max-pending-writes", "N", "events waiting for Redis before new commands are refused (default 100000)",
         numeric<sz>(1, 100000000, [](config& c, sz v) { c.redis.max_pending = v; })},
        {"max-message-chars", "N", "longest message, in characters (default 2000)",
         numeric<sz>(1, 100000, [](config& c, sz v) { c.room.max_message_chars = v; })},
        {"max-name-chars", "N", "longest display name, in characters (default 64)",
         numeric<sz>(1, 1000, [](config& c, sz v) { c.room.max_display_name_chars = v; })},
        {"max-present", "N", "people in one room at once; moderators always get in (default 500)",
         numeric<sz>(1, 1000000, [](config& c, sz v) { c.room.max_present = v; })},
        {"max-members", "N", "people one room admits over its life, present or not (default 2000)",
         numeric<sz>(1, 1000000, [](config& c, sz v) { c.room.max_members = v; })},
        {"save-notice-ms", "N",
         "a command waiting this long for Redis tells its sender saving is delayed (default 2000)",
         numeric<int>(100, 600000, [](config& c, int v) { c.saving.notice_after = std::chrono::milliseconds(v); })},
        {"save-wait-limit-ms", "N",
         "while a room's oldest unsaved event has waited this long, new commands are refused (default 10000)",
         numeric<int>(100, 3600000, [](config& c, int v) { c.saving.refuse_after = std::chrono::milliseconds(v); })},
        {"max-unsaved-per-room", "N", "unsaved events one room holds before new commands are refused (default 1000)",
         numeric<sz>(1, 10000000, [](config& c, sz v) { c.saving.max_unsaved_events = v; })},
        {"redis-wait-ms", "N", "how long start-up waits for Redis to answer (default 30000)",
         numeric<int>(0, 3600000, [](config& c, int v) { c.redis.startup_wait_ms = v; })},
    };
    return list;
}

std::string env_name(const char* flag) {
    std::string name = "TS_";
    for (const char* p = flag; *p; ++p) name += *p == '-' ? '_' : static_cast<char>(std::toupper(*p));
    return name;
}

}  // namespace

std::string help_text() {
    std::string out =
        "talkingstick — a real-time deliberation forum server\n\n"
        "Usage: talkingstick [--flag value | --flag=value]...\n\n"
        "Every flag can also be set by an environment variable, shown in brackets;\n"
        "a flag on the command line wins over the environment.\n\n";
    for (const auto& o : options()) {
        std::string left = std::string("  --") + o.name + " " + o.arg;
        if (left.size() < 36) left.resize(36, ' ');
        out += left + o.help + "  [" + env_name(o.name) + "]\n";
    }
    out += "  --help                            show this text\n";
    out +=
        "\nMaintenance (instead of serving; command line only):\n"
        "  --verify                          check every room's stored log and print a report;\n"
        "                                    exits 0 when all are sound, 3 when any is damaged\n"
        "  --repair ROOM --moderator-key KEY [--note TEXT]\n"
        "                                    continue a damaged room after the damage, with the\n"
        "                                    consent of a moderator (their key); the damaged log is\n"
        "                                    kept aside, and the repair is recorded as an event\n";
    return out;
}

config_result parse_config(int argc, const char* const* argv, const env_lookup& getenv) {
    config cfg;
    auto apply = [&](const option& o, const std::string& value, const std::string& source) -> std::string {
        auto error = o.set(cfg, value);
        return error.empty() ? std::string() : source + ": " + error;
    };
    for (const auto& o : options()) {
        auto name = env_name(o.name);
        if (const char* v = getenv(name.c_str()); v && *v) {
            if (auto e = apply(o, v, name); !e.empty()) return {std::nullopt, e, false};
        }
    }
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") return {std::nullopt, {}, true};
        if (arg == "--verify") {
            cfg.maintenance.what = maintenance::task::verify;
            continue;
        }
        // Maintenance flags with a value: never from the environment, so that no stray
        // variable turns a server into a repair.
        if (arg == "--repair" || arg == "--moderator-key" || arg == "--note") {
            if (i + 1 >= argc) return {std::nullopt, arg + " needs a value", false};
            std::string value = argv[++i];
            if (arg == "--repair") {
                cfg.maintenance.what = maintenance::task::repair;
                cfg.maintenance.room_id = value;
            } else if (arg == "--moderator-key") {
                cfg.maintenance.moderator_key = value;
            } else {
                cfg.maintenance.note = value;
            }
            continue;
        }
        if (arg.rfind("--", 0) != 0) return {std::nullopt, "unexpected argument '" + arg + "' (see --help)", false};
        std::string name = arg.substr(2), value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        const option* found = nullptr;
        for (const auto& o : options())
            if (name == o.name) found = &o;
        if (!found) return {std::nullopt, "unknown flag --" + name + " (see --help)", false};
        if (!has_value) {
            if (i + 1 >= argc) return {std::nullopt, "--" + name + " needs a value", false};
            value = argv[++i];
        }
        if (auto e = apply(*found, value, "--" + name); !e.empty()) return {std::nullopt, e, false};
    }
    if (cfg.maintenance.what == maintenance::task::repair && cfg.maintenance.moderator_key.empty())
        return {std::nullopt, "--repair needs --moderator-key: a moderator of the room must agree to it", false};
    if (cfg.tls_certificate.empty() != cfg.tls_key.empty())
        return {std::nullopt, "--tls-cert and --tls-key go together: give both, or neither for plain HTTP", false};
    if (!cfg.jwt_secret_file.empty() && !cfg.jwt_public_key_file.empty())
        return {std::nullopt, "--jwt-secret-file and --jwt-public-key-file: give one, for HS256 or RS256", false};
    if (!cfg.janus_url.empty() && !net::parse_janus_url(cfg.janus_url))
        return {std::nullopt, "--janus needs a ws://host:port address of Janus's WebSocket API", false};
    if (cfg.janus_url.empty() != cfg.voice_secret_file.empty())
        return {std::nullopt, "--janus and --voice-secret-file go together: give both, or neither for text only",
                false};
    for (const auto& url : cfg.turn_urls)
        if (!is_ice_url(url))
            return {std::nullopt, "--turn takes turn:, turns: or stun: addresses, separated by commas", false};
    if (cfg.turn_urls.empty() != cfg.turn_secret_file.empty())
        return {std::nullopt, "--turn and --turn-secret-file go together", false};
    if (!cfg.turn_urls.empty() && cfg.janus_url.empty())
        return {std::nullopt, "--turn is for voice: give --janus too", false};
    if (cfg.cluster && cfg.store != "redis")
        return {std::nullopt, "--cluster on needs --store redis: the nodes share their rooms through Redis", false};
    if (cfg.threads == 0) cfg.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return {std::move(cfg), {}, false};
}

}  // namespace ts::app
