#pragma once
// What every network session shares: limits, the rooms, the client files. Owned by the
// application, which outlives every session.
#include <atomic>
#include <cstdint>
#include <string>

#include "net/address_rate_limiter.hpp"
#include "net/connection_limiter.hpp"
#include "net/net_limits.hpp"
#include "net/room_gateway.hpp"
#include "net/session_registry.hpp"
#include "net/static_files.hpp"
#include "net/tls_certificates.hpp"

namespace ts::net {

inline constexpr const char* websocket_protocol = "talkingstick.v1";

struct server_context {
    server_context(room_gateway& g, const static_files& f, net_limits l)
        : gateway(g),
          files(f),
          limits(l),
          connections(l.max_connections_per_address),
          room_creations(l.room_creations_per_hour / 3600.0, l.room_creation_burst),
          new_members(l.new_members_per_hour / 3600.0, l.new_member_burst) {}

    room_gateway& gateway;
    const static_files& files;
    net_limits limits;
    // GET /metrics asks for "Authorization: Bearer" with this; empty: open to all.
    std::string metrics_token;
    // POST /api/rooms asks for "Authorization: Bearer" with this; empty: anyone may create.
    std::string api_key;
    // Serving HTTPS and WSS with these; null: plain HTTP.
    tls_certificates* tls = nullptr;
    connection_limiter connections;
    address_rate_limiter room_creations;  // rooms created, per address
    address_rate_limiter new_members;     // joins as someone new (no resume token), per address
    std::atomic<std::uint64_t> next_connection_id{1};
    std::atomic<std::uint64_t> open_websockets{0};
    session_registry sessions;  // the open WebSockets, told why when the server stops
    // The server is stopping: /readyz says so, and no new WebSocket is taken.
    std::atomic<bool> draining{false};
    // Connections the listener could not take (out of descriptors, usually), and those it
    // refused (too many from one address): for /healthz.
    std::atomic<std::uint64_t> accept_failures{0};
    std::atomic<std::uint64_t> refused_connections{0};
};

}  // namespace ts::net
