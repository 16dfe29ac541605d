#pragma once
// Which pacing settings a room accepts. Named here, apart from the pacing state, so that
// whoever proposes settings (a consensus check on a change of pace) checks them by the
// same rule that applies them.
#include <optional>

#include "room/room_error.hpp"
#include "room/room_limits.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::room::pacing_rules {

// Why these settings are not accepted on this server, or nothing when they are.
std::optional<room_error> check(const talkingstick::v1::PacingSettings& settings, const room_limits& limits);

}  // namespace ts::room::pacing_rules
