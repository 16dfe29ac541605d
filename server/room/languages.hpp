#pragma once
// The languages people read the room in: the interface's (client-web/src/i18n/languages.ts)
// and the minutes' (messages/minutes/), by their codes. Moderators give their texts in these,
// since nobody could choose to read another.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "room/room_error.hpp"

namespace ts::room {

// Every language's code, English first.
std::span<const std::string_view> interface_languages();

// Refuses (BAD_REQUEST, naming the codes) a code that is not one of them; empty is refused
// only when required.
std::optional<room_error> check_language(const std::string& code, bool required);

}  // namespace ts::room
