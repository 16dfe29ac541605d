#include "room/languages.hpp"

#include <algorithm>
#include <array>

namespace ts::room {

namespace {

constexpr std::array<std::string_view, 3> codes = {"en", "pl", "ar"};

}  // namespace

std::span<const std::string_view> interface_languages() { return codes; }

std::optional<room_error> check_language(const std::string& code, bool required) {
    if (code.empty() && !required) return std::nullopt;
    if (std::find(codes.begin(), codes.end(), code) != codes.end()) return std::nullopt;
    std::string known;
    for (const auto c : codes) known += (known.empty() ? "" : ", ") + std::string(c);
    return room_error{talkingstick::v1::BAD_REQUEST, "the language is one of " + known, 0};
}

}  // namespace ts::room
