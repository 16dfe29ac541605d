#pragma once
// Which node owns each room, by a lease in Redis (ts:{ROOM}:owner = "NODE:EPOCH", expiring
// unless renewed), and the room's epoch (ts:{ROOM}:epoch), raised at each take-over. Only the
// owner decides the room's commands and runs its clocks; the append script refuses writes
// from an older epoch (fencing), so a node that lost its lease without noticing (paused,
// cut off) can never write over the new owner. Blocking: call it off the network threads.
// Throws std::runtime_error when Redis cannot be reached.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/redis_link.hpp"

namespace ts::store {

struct room_owner {
    std::string node;
    std::uint64_t epoch = 0;
};

class room_leases {
public:
    // lease_ms: how long a lease lasts unless renewed (renew well inside it).
    room_leases(redis_link& redis, std::string node_id, int lease_ms);

    const std::string& node_id() const { return node_id_; }
    int lease_ms() const { return lease_ms_; }

    // Takes the room when nobody holds its lease: its epoch goes up by one, and that epoch is
    // returned. nullopt while another node (or this one, under an earlier epoch) holds it.
    std::optional<std::uint64_t> acquire(const std::string& room_id);
    // Renews each lease held (room, epoch); returns the rooms whose lease is no longer this
    // node's at that epoch (it lapsed and someone took the room): they must be let go.
    std::vector<std::string> renew(const std::vector<std::pair<std::string, std::uint64_t>>& held);
    // Gives the room up at once (a node stopping, a room unloaded), if the lease is still ours.
    void release(const std::string& room_id, std::uint64_t epoch);
    // Who holds the room's lease now; nullopt when nobody does.
    std::optional<room_owner> owner(const std::string& room_id);

    static std::string owner_key(const std::string& room_id) { return "ts:{" + room_id + "}:owner"; }

private:
    std::string holder(std::uint64_t epoch) const { return node_id_ + ":" + std::to_string(epoch); }

    redis_link& redis_;
    std::string node_id_;
    int lease_ms_;
};

}  // namespace ts::store
