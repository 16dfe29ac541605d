#pragma once
// Encoding of server-to-client frames. Each frame is built once and shared.
#include <cstdint>
#include <string>

#include "net/frame_sink.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::net {

shared_frame encode_frame(const talkingstick::v1::ServerMessage& message);

shared_frame error_frame(std::uint64_t request_id, talkingstick::v1::ErrorCode code, const std::string& message,
                         std::uint32_t retry_after_ms = 0);

}  // namespace ts::net
