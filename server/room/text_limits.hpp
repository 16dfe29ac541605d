#pragma once
// The longest text a room takes in each field, as the browser is told it (Welcome, RoomInfo,
// GET /api/limits): from the same room_limits the room's checks use.
#include "room/room_limits.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

talkingstick::v1::TextLimits text_limits(const room_limits& limits);

}  // namespace ts::room
