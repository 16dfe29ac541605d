#pragma once
// How a room's events are stored. A public event is its log entry. A private one (it has
// private_to) is sealed: its log entry holds only its number, and the whole event goes to
// the room's private record, so that the public log never holds what only some may see.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "room/room_part.hpp"
#include "store/log_entry.hpp"

namespace ts::app {

// An event as people outside its audience see it: that it happened (its number and time),
// nothing more.
room::pb::Event redacted(const room::pb::Event& event);

store::log_entry to_stored(const room::logged_event& logged);

// Reads back what to_stored() wrote (or an older, unsealed entry); nullopt when it can be
// read, otherwise why not.
std::optional<std::string> from_stored(const store::log_entry& entry, room::logged_event& out);

// Entries of a record that cannot be read: from_seq to to_seq (inclusive), and why.
struct record_damage {
    std::uint64_t from_seq = 0;
    std::uint64_t to_seq = 0;
    std::string problem;
};

// A run of stored entries that should hold events from_seq to to_seq, read back and checked:
// each decodes and carries the number it is stored under, none missing. The events stop at
// the first damage, which says which entries cannot be read (a missing run is one damage).
struct read_back {
    std::vector<room::logged_event> events;
    std::optional<record_damage> damage;
};
// The damage in plain words, for people and for exports.
std::string damage_words(const record_damage& damage);

read_back read_entries(const std::vector<store::log_entry>& entries, std::uint64_t from_seq, std::uint64_t to_seq);

// The last damage in the same run (the one nearest to_seq), for readers that page backwards;
// nullopt when the whole run reads back.
std::optional<record_damage> last_damage(const std::vector<store::log_entry>& entries, std::uint64_t from_seq,
                                         std::uint64_t to_seq);

}  // namespace ts::app
