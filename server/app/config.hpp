#pragma once
// The server's configuration: command-line flags, each also settable by an environment
// variable (TS_ and the flag's name in upper case, '-' as '_'); a flag wins over the
// environment. Pure: no I/O, so that it can be tested.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/log.hpp"
#include "app/save_limits.hpp"
#include "net/net_limits.hpp"
#include "room/room_limits.hpp"
#include "store/redis_event_log.hpp"

namespace ts::app {

// Instead of serving: check every room's stored log, or repair one (operators' tools).
struct maintenance {
    enum class task { none, verify, repair };
    task what = task::none;
    std::string room_id;        // --repair ROOM
    std::string moderator_key;  // --moderator-key: a moderator's consent to the repair
    std::string note;           // --note: recorded with the repair
};

struct config {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 0;              // 0: one per core
    std::string store = "redis";  // "redis" or "memory"
    std::string tls_certificate;  // with tls_key: serve HTTPS and WSS; neither: plain HTTP
    std::string tls_key;
    std::string api_key_file;                     // its first line guards POST /api/rooms; empty: open
    std::string jwt_secret_file;                  // join tokens signed with HS256 and this secret
    std::string jwt_public_key_file;              // join tokens signed with RS256, checked with this key
    std::string metrics_token_file;               // its first line guards GET /metrics; empty: open
    std::string janus_url;                        // ws://… of the media server (Janus) for rooms' voice; empty: none
    std::string voice_secret_file;                // its first line: Janus's api_secret and VideoRoom admin_key
    std::vector<std::string> turn_urls;           // TURN (and STUN) servers for browsers behind NAT; empty: none
    std::string turn_secret_file;                 // its first line: coturn's static-auth-secret
    std::uint32_t turn_lifetime_seconds = 86400;  // how long a browser's TURN credentials last
    std::string static_dir = "client-web/dist";
    log::level log_level = log::level::info;
    log::format log_format = log::format::text;
    std::size_t max_rooms = 10000;
    std::uint32_t retention_check_seconds = 3600;  // how often closed rooms' records are checked for expiry
    std::uint32_t room_idle_seconds = 900;         // a room empty this long is unloaded from memory
    std::size_t scrub_entries_per_second = 1000;   // the background read of every stored record (0: off)
    store::redis_options redis;
    // One node of a cluster sharing Redis with others (docs/scale.md): rooms are owned by lease.
    bool cluster = false;
    std::string node_id;  // empty: the host's name and a random suffix
    int lease_ms = 6000;  // a room's lease; a node silent this long counts as gone
    net::net_limits net;
    room::room_limits room;
    save_limits saving;
    struct maintenance maintenance;
};

struct config_result {
    std::optional<config> value;  // set when the arguments were valid
    std::string error;            // what was wrong, for a person to read
    bool help = false;            // --help was asked for
};

using env_lookup = std::function<const char*(const char* name)>;

config_result parse_config(int argc, const char* const* argv, const env_lookup& getenv);

std::string help_text();

}  // namespace ts::app
