#pragma once
// A refused command: a code from the protocol's closed set and a message a person can read.
#include <cstdint>
#include <string>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

struct room_error {
    talkingstick::v1::ErrorCode code = talkingstick::v1::BAD_REQUEST;
    std::string message;
    std::uint32_t retry_after_ms = 0;
};

}  // namespace ts::room
