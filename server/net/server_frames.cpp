#include "net/server_frames.hpp"

namespace ts::net {

shared_frame encode_frame(const talkingstick::v1::ServerMessage& message) {
    return std::make_shared<const std::string>(message.SerializeAsString());
}

shared_frame error_frame(std::uint64_t request_id, talkingstick::v1::ErrorCode code, const std::string& text,
                         std::uint32_t retry_after_ms) {
    talkingstick::v1::ServerMessage message;
    auto* error = message.mutable_error();
    error->set_request_id(request_id);
    error->set_code(code);
    error->set_message(text);
    error->set_retry_after_ms(retry_after_ms);
    return encode_frame(message);
}

}  // namespace ts::net
