#pragma once
// A connection as the room host sees it, keeping what it was sent: the decoded frames in
// order, and how it was closed.
#include <optional>
#include <string>
#include <vector>

#include "net/frame_sink.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::test {

struct fake_sink final : net::frame_sink {
    void send(net::shared_frame frame) override {
        talkingstick::v1::ServerMessage message;
        message.ParseFromString(*frame);
        received.push_back(std::move(message));
        frames.push_back(std::move(frame));
    }
    void finish(std::uint16_t code, std::string reason) override { closed = std::make_pair(code, std::move(reason)); }

    std::vector<talkingstick::v1::ServerMessage> received;
    std::vector<net::shared_frame> frames;
    std::optional<std::pair<std::uint16_t, std::string>> closed;
};

}  // namespace ts::test
