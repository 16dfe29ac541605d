#pragma once
// Limits the network layer enforces. Defaults live here; configuration overrides them.
#include <cstddef>
#include <cstdint>

#include "net/client_address.hpp"
#include "net/origin_policy.hpp"

namespace ts::net {

struct net_limits {
    std::size_t max_frame_bytes = 64 * 1024;         // one incoming WebSocket message
    std::size_t send_queue_bytes = 4 * 1024 * 1024;  // per session, waiting to be written
    std::size_t send_queue_frames = 8192;            // per session
    double commands_per_second = 20;                 // per connection, sustained
    double command_burst = 40;                       // per connection, short bursts
    std::size_t max_http_body_bytes = 16 * 1024;
    std::size_t max_connections_per_address = 256;  // a hybrid room's office may share one address
    int http_idle_seconds = 30;
    int idle_timeout_seconds = 300;       // a silent WebSocket is pinged at half of it, closed at its end
    int close_timeout_seconds = 10;       // a reader closed for falling behind loses its socket by then
    int drain_seconds = 10;               // on SIGTERM: how long connections get to take the 1012 close
    double room_creations_per_hour = 60;  // per address, sustained (POST /api/rooms)
    double room_creation_burst = 10;      // per address, at once
    double new_members_per_hour = 600;    // people one address may add to rooms (Join without resume token)
    double new_member_burst = 300;        // at once: a venue on one shared address joining together
    origin_policy origins;                // pages that may open a WebSocket here
    trusted_proxies proxies;              // whose Forwarded / X-Forwarded-For is believed
};

// WebSocket close codes of our own (4000-4999 are for applications, RFC 6455 7.4.2).
constexpr std::uint16_t close_too_slow = 4008;      // the send queue overflowed: reconnect to resume
constexpr std::uint16_t close_removed = 4003;       // a moderator removed this person: do not reconnect
constexpr std::uint16_t close_moved_table = 4009;   // moved to another table: the plenary shows which
constexpr std::uint16_t close_room_deleted = 4404;  // the room and its record are gone: nothing to reconnect to
constexpr std::uint16_t close_normal = 1000;        // the person left (RFC 6455 7.4.1)
constexpr std::uint16_t close_restarting = 1012;    // the server is restarting: reconnect (IANA "Service Restart")

}  // namespace ts::net
