#pragma once
// How the speaking queue is ordered. The kind priority (point of order, clarifying
// question, reply, new point) always comes first; a policy orders people within a kind.
#include <string>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

namespace pb = talkingstick::v1;

class queue_policy {
public:
    virtual ~queue_policy() = default;
    // True when a should be served before b; both have the same kind.
    virtual bool before(const pb::QueueEntry& a, const pb::QueueEntry& b) const = 0;
    // Why an entry of this kind stands where it does, for the person to read.
    virtual std::string reason(const pb::QueueEntry& entry) const = 0;
};

// First come, first served within each kind.
class first_come_policy final : public queue_policy {
public:
    bool before(const pb::QueueEntry& a, const pb::QueueEntry& b) const override;
    std::string reason(const pb::QueueEntry& entry) const override;
};

// Plain words for a kind of hand ("point of order").
std::string hand_kind_name(pb::HandKind kind);

}  // namespace ts::room
