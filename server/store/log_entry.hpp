#pragma once
// One stored event of a room, as bytes: the store does not interpret events.
#include <cstdint>
#include <string>

namespace ts::store {

struct log_entry {
    std::uint64_t seq = 0;
    std::string event;   // serialized talkingstick.v1.Event
    std::string hidden;  // serialized talkingstick.v1.EventPrivate
    // For a private event: the whole serialized Event, kept in the room's private record
    // (event then holds only its number, marked sealed). Empty for a public event.
    std::string sealed;
    // A message's text, kept apart in the room's texts under this seq (event then holds the
    // message without it), so that removing the message deletes the text. Empty otherwise.
    std::string text{};
    // This entry removes an earlier message: the text stored under that seq is deleted in
    // the same atomic step that writes this entry. 0 otherwise.
    std::uint64_t erases_text_of = 0;
};

}  // namespace ts::store
