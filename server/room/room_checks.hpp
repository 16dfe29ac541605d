#pragma once
// Helpers every room command uses to refuse input and to clean text fields.
#include <optional>
#include <string>

#include "room/room.hpp"

namespace ts::room::checks {

room_error make_error(pb::ErrorCode code, std::string message);

// An outcome that refuses the command and changes nothing.
outcome failed(pb::ErrorCode code, std::string message);
outcome failed(room_error error);

// Ids like m1, m2 (members) or q1, q2 (queue entries), numbered in the order of the
// events that create them, so that a replay reproduces them.
std::string numbered_id(char prefix, std::size_t ordinal);

enum class text_kind { label, prose };

// Validates and normalises one text field; on success writes the clean text to out.
// what names the field in the error ("the display name").
std::optional<room_error> clean_text(const std::string& raw, text_kind kind, std::size_t max_chars,
                                     const std::string& what, bool required, std::string& out);

// A new person's display name, cleaned (clean_text) and checked so that nobody can pass for
// someone present: no invisible code points, not confusable with a present person's name.
std::optional<room_error> check_person_name(const std::string& raw, std::size_t max_chars, const room_view& room,
                                            std::string& out);

}  // namespace ts::room::checks
