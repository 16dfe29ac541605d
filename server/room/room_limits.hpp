#pragma once
// Limits a room enforces on what people send. Defaults live here and nowhere else;
// the server's configuration can override each one.
#include <cstddef>

namespace ts::room {

struct room_limits {
    std::size_t max_display_name_chars = 64;   // code points, after trimming
    std::size_t max_pronouns_chars = 32;
    std::size_t max_support_note_chars = 500;
    std::size_t max_title_chars = 120;
    std::size_t max_purpose_chars = 1000;
    std::size_t max_message_chars = 2000;
    std::size_t max_members = 1000;             // people ever joined, present or not
};

}  // namespace ts::room
