#pragma once
// The parts every meeting room has, in the order the room adds them: parts that react to the
// same event kind answer in this order, and their timers run in this order. A new capability
// is a new part, added here (see docs/architecture.md).
#include <memory>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

std::vector<std::unique_ptr<room_part>> meeting_parts(const room_limits& limits, const turn_defaults& turns);

}  // namespace ts::room
