#include "room/queue_policy.hpp"

namespace ts::room {

std::string hand_kind_name(pb::HandKind kind) {
    switch (kind) {
        case pb::POINT_OF_ORDER: return "point of order";
        case pb::CLARIFYING_QUESTION: return "clarifying question";
        case pb::REPLY: return "reply to the current point";
        case pb::NEW_POINT: return "new point";
        default: return "hand";
    }
}

bool first_come_policy::before(const pb::QueueEntry& a, const pb::QueueEntry& b) const {
    return a.raised_at_ms() < b.raised_at_ms();
}

std::string first_come_policy::reason(const pb::QueueEntry& entry) const {
    switch (entry.kind()) {
        case pb::POINT_OF_ORDER: return "point of order: served first";
        case pb::CLARIFYING_QUESTION: return "clarifying question: before replies and new points";
        case pb::REPLY: return "reply: before new points";
        default: return "new point: in the order hands went up";
    }
}

}  // namespace ts::room
