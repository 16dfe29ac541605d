#pragma once
// Rebuilds a room from its stored log, as far as the log can be read: every entry must
// decode, carry the number it is stored under, follow the one before, and be accepted by
// the room's own rules. Used at start-up (restore), by --verify and by --repair.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "room/room.hpp"
#include "store/event_log.hpp"
#include "store/log_entry.hpp"

namespace ts::app {

// Where and why a stored log stops being readable.
struct log_damage {
    std::uint64_t readable_up_to = 0;   // the last entry replayed
    std::uint64_t bad_seq = 0;          // the number of the entry that failed (or the missing one)
    std::uint64_t last_stored_seq = 0;  // the log's last entry, readable or not
    std::size_t entries_after = 0;      // stored entries past the readable part
    std::string problem;
};

struct replayed_log {
    room::room state;
    std::size_t events = 0;            // entries replayed
    std::optional<log_damage> damage;  // nullopt: the whole log replayed
};

replayed_log replay_log(const std::string& room_id, const std::vector<store::log_entry>& entries,
                        const room::room_limits& limits);

// Loads a room from the store as it serves it: its latest snapshot and the entries after it
// (the whole log when there is no snapshot this build can read), read a page at a time,
// then its recent events back to memory. Blocking: never on a network thread. Throws
// std::runtime_error when the store cannot be read.
struct loaded_room {
    replayed_log replayed;
    std::uint64_t snapshot_seq = 0;  // 0: replayed from the start
    std::size_t snapshot_bytes = 0;
};
loaded_room load_room(store::event_log& log, const std::string& room_id, const room::room_limits& limits);

// The room's status for people: read-only, and why, in plain words.
talkingstick::v1::RoomStatus damaged_status(const log_damage& damage);

}  // namespace ts::app
