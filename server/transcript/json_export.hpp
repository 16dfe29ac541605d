#pragma once
// The complete public record as JSON, written piece by piece: {"roomId": …, "events": [ … ]},
// each event in protobuf's JSON mapping of talkingstick.v1.Event (seq, atMs, and its kind),
// one per line, in order; then, if any of the record could not be read, "damaged": [{fromSeq,
// toSeq, problem}]. Enough to rebuild the room's public state; private events are in
// it only when a moderator asked for them.
#include <cstdint>
#include <string>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::transcript {

class json_export {
public:
    explicit json_export(std::string room_id) : room_id_(std::move(room_id)) {}
    std::string begin() const;
    std::string add(const talkingstick::v1::Event& event);
    // Events from_seq to to_seq could not be read from the store: listed at the end, under
    // "damaged", so that a reader never takes the record for whole.
    void damaged(std::uint64_t from_seq, std::uint64_t to_seq, const std::string& words);
    std::string end() const;

private:
    std::string room_id_;
    bool first_ = true;
    std::string damaged_;  // the JSON objects of the damaged ranges, comma-separated
};

}  // namespace ts::transcript
