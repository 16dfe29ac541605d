#pragma once
// How a room's events are stored. A public event is its log entry. A private one (it has
// private_to) is sealed: its log entry holds only its number, and the whole event goes to
// the room's private record, so that the public log never holds what only some may see.
#include <optional>
#include <string>

#include "room/room_part.hpp"
#include "store/log_entry.hpp"

namespace ts::app {

store::log_entry to_stored(const room::logged_event& logged);

// Reads back what to_stored() wrote (or an older, unsealed entry); nullopt when it can be
// read, otherwise why not.
std::optional<std::string> from_stored(const store::log_entry& entry, room::logged_event& out);

}  // namespace ts::app
