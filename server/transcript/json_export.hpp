#pragma once
// The complete public record as JSON, written piece by piece: {"roomId": …, "events": [ … ]},
// each event in protobuf's JSON mapping of talkingstick.v1.Event (seq, atMs, and its kind),
// one per line, in order. Enough to rebuild the room's public state; private events are in
// it only when a moderator asked for them.
#include <string>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::transcript {

class json_export {
public:
    explicit json_export(std::string room_id) : room_id_(std::move(room_id)) {}
    std::string begin() const;
    std::string add(const talkingstick::v1::Event& event);
    std::string end() const { return "\n]}\n"; }

private:
    std::string room_id_;
    bool first_ = true;
};

}  // namespace ts::transcript
