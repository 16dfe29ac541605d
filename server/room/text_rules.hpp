#pragma once
// Rules for user-supplied text. Pure functions, shared by every field the protocol accepts.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ts::room {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Number of code points in valid UTF-8 s.
std::size_t count_code_points(std::string_view s);

// The first max code points of valid UTF-8 s (all of it when shorter).
std::string first_code_points(std::string_view s, std::size_t max);

// A short single-line label (display name, pronouns, title): trims, collapses runs of
// white space to one space. Returns nullopt if s holds control or invisible format
// characters that could disguise it; the caller reports that as bad input.
std::optional<std::string> normalize_label(std::string_view s);

// Multi-line prose (messages, purpose): keeps line breaks and tabs, trims the ends.
// Returns nullopt if s holds other control characters.
std::optional<std::string> normalize_prose(std::string_view s);

}  // namespace ts::room
