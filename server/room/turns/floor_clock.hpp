#pragma once
// Arithmetic of the turn clock over a FloorState. All times are server wall-clock
// milliseconds, so a deadline written to the log still holds after a restart.
#include <cstdint>
#include <optional>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room::floor_clock {

namespace pb = talkingstick::v1;

bool held(const pb::FloorState& floor);

// A new turn for member, starting now, lasting seconds.
pb::FloorState grant(const std::string& member_id, pb::HandKind kind, const std::string& topic, std::uint32_t seconds,
                     std::int64_t now_ms);

// Milliseconds left (negative in overtime).
std::int64_t remaining_ms(const pb::FloorState& floor, std::int64_t now_ms);

// Speaking time so far: time since the start, pauses excluded.
std::int64_t spoken_ms(const pb::FloorState& floor, std::int64_t now_ms);

void pause(pb::FloorState& floor, std::int64_t now_ms);
void resume(pb::FloorState& floor, std::int64_t now_ms);
// Adds time; clears the time-up and warning marks when the new deadline allows it.
void add_time(pb::FloorState& floor, std::uint32_t seconds, std::uint32_t warning_seconds, std::int64_t now_ms);

// When the warning is due (nullopt: none pending), and when time is up (nullopt: already).
std::optional<std::int64_t> warning_at(const pb::FloorState& floor, std::uint32_t warning_seconds);
std::optional<std::int64_t> time_up_at(const pb::FloorState& floor);

}  // namespace ts::room::floor_clock
