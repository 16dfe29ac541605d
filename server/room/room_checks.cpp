#include "room/room_checks.hpp"

#include "room/person_name.hpp"

#include "room/text_rules.hpp"

namespace ts::room::checks {

room_error make_error(pb::ErrorCode code, std::string message) { return room_error{code, std::move(message), 0}; }

outcome failed(pb::ErrorCode code, std::string message) { return failed(make_error(code, std::move(message))); }

outcome failed(room_error error) {
    outcome out;
    out.error = std::move(error);
    return out;
}

std::string numbered_id(char prefix, std::size_t ordinal) {
    std::string id = std::to_string(ordinal);
    id.insert(id.begin(), prefix);
    return id;
}

std::optional<room_error> clean_text(const std::string& raw, text_kind kind, std::size_t max_chars,
                                     const std::string& what, bool required, std::string& out) {
    if (!is_valid_utf8(raw)) return make_error(pb::BAD_REQUEST, what + " is not valid UTF-8");
    // Check the raw size first so that a huge field costs nothing to normalise.
    if (raw.size() > max_chars * 4)
        return make_error(pb::TOO_LARGE, what + " is longer than " + std::to_string(max_chars) + " characters");
    auto clean = kind == text_kind::label ? normalize_label(raw) : normalize_prose(raw);
    if (!clean) return make_error(pb::BAD_REQUEST, what + " contains control characters");
    if (required && clean->empty()) return make_error(pb::BAD_REQUEST, what + " must not be empty");
    if (count_code_points(*clean) > max_chars)
        return make_error(pb::TOO_LARGE, what + " is longer than " + std::to_string(max_chars) + " characters");
    out = std::move(*clean);
    return std::nullopt;
}

std::optional<room_error> check_person_name(const std::string& raw, std::size_t max_chars, const room_view& room,
                                            std::string& out) {
    std::string cleaned;
    if (auto e = clean_text(raw, text_kind::label, max_chars, "the display name", true, cleaned)) return e;
    auto name = normalize_person_name(cleaned);
    if (!name)
        return make_error(pb::BAD_REQUEST, "the display name holds characters nobody can see; type it without them");
    if (room.name_in_use(*name))
        return make_error(pb::CONFLICT,
                          "someone here already uses a name that looks like that; add something to tell "
                          "you apart (an initial, or where you are from)");
    out = std::move(*name);
    return std::nullopt;
}

}  // namespace ts::room::checks
