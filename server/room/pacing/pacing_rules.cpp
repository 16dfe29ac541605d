#include "room/pacing/pacing_rules.hpp"

#include <string>

namespace ts::room::pacing_rules {

namespace pb = talkingstick::v1;

std::optional<room_error> check(const pb::PacingSettings& s, const room_limits& limits) {
    auto refuse = [](std::string message) { return room_error{pb::BAD_REQUEST, std::move(message), 0}; };
    if (s.slow_mode_seconds() > 300) return refuse("slow mode is at most 300 seconds");
    if (s.words_per_minute() != 0 && (s.words_per_minute() < 60 || s.words_per_minute() > 400))
        return refuse("a reading pace is from 60 to 400 words a minute (or 0 for off)");
    if (s.min_gap_seconds() > 120) return refuse("the gap between messages is at most 120 seconds");
    if (s.max_message_chars() > limits.max_message_chars)
        return refuse("messages can be at most " + std::to_string(limits.max_message_chars) +
                      " characters on this server");
    if (s.pause_threshold() > 1000) return refuse("the pause threshold is too large");
    return std::nullopt;
}

}  // namespace ts::room::pacing_rules
