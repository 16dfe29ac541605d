#include "room/turns/queue_policy.hpp"

namespace ts::room {
namespace {

std::string times(std::uint32_t n) { return n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times"; }

pb::QueueReason why(pb::QueueReasonKind kind, std::uint32_t turns = 0, std::int64_t floor_ms = 0) {
    pb::QueueReason r;
    r.set_kind(kind);
    r.set_turns(turns);
    r.set_floor_ms(floor_ms);
    return r;
}

std::string minutes_seconds(std::int64_t ms) {
    auto s = ms / 1000;
    return s < 60 ? std::to_string(s) + " s" : std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

class first_come final : public queue_policy {
public:
    pb::QueuePolicy kind() const override { return pb::FIRST_COME; }
    bool before(const pb::QueueEntry&, const pb::QueueEntry&, const order_context&) const override { return false; }
    pb::QueueReason reason(const pb::QueueEntry&, const order_context&) const override {
        return why(pb::QUEUE_REASON_ORDER_RAISED);
    }
    bool follows_figures() const override { return false; }
};

class fewest_turns final : public queue_policy {
public:
    pb::QueuePolicy kind() const override { return pb::FEWEST_TURNS; }
    bool before(const pb::QueueEntry& a, const pb::QueueEntry& b, const order_context& ctx) const override {
        return ctx.standing(a.member_id()).turns < ctx.standing(b.member_id()).turns;
    }
    pb::QueueReason reason(const pb::QueueEntry& e, const order_context& ctx) const override {
        auto turns = ctx.standing(e.member_id()).turns;
        return turns == 0 ? why(pb::QUEUE_REASON_FIRST_TIME) : why(pb::QUEUE_REASON_SPOKEN_TURNS, turns);
    }
};

class least_floor_time final : public queue_policy {
public:
    pb::QueuePolicy kind() const override { return pb::LEAST_FLOOR_TIME; }
    bool before(const pb::QueueEntry& a, const pb::QueueEntry& b, const order_context& ctx) const override {
        return ctx.standing(a.member_id()).floor_ms < ctx.standing(b.member_id()).floor_ms;
    }
    pb::QueueReason reason(const pb::QueueEntry& e, const order_context& ctx) const override {
        auto ms = ctx.standing(e.member_id()).floor_ms;
        return ms == 0 ? why(pb::QUEUE_REASON_NO_FLOOR_YET) : why(pb::QUEUE_REASON_FLOOR_TIME, 0, ms);
    }
};

// By voice, not by floor time: someone who held the floor in silence, or typed, has not
// been heard, and goes before whoever has spoken most.
class least_spoken_time final : public queue_policy {
public:
    pb::QueuePolicy kind() const override { return pb::LEAST_SPOKEN_TIME; }
    bool before(const pb::QueueEntry& a, const pb::QueueEntry& b, const order_context& ctx) const override {
        return ctx.standing(a.member_id()).spoken_ms < ctx.standing(b.member_id()).spoken_ms;
    }
    pb::QueueReason reason(const pb::QueueEntry& e, const order_context& ctx) const override {
        auto ms = ctx.standing(e.member_id()).spoken_ms;
        if (ms == 0) return why(pb::QUEUE_REASON_NOT_HEARD_YET);
        auto r = why(pb::QUEUE_REASON_SPOKEN_TIME);
        r.set_spoken_ms(ms);
        return r;
    }
    bool follows_voice() const override { return true; }
};

class round_robin final : public queue_policy {
public:
    pb::QueuePolicy kind() const override { return pb::ROUND_ROBIN; }
    bool before(const pb::QueueEntry& a, const pb::QueueEntry& b, const order_context& ctx) const override {
        return in_round(a, ctx) && !in_round(b, ctx);
    }
    pb::QueueReason reason(const pb::QueueEntry& e, const order_context& ctx) const override {
        return in_round(e, ctx) ? why(pb::QUEUE_REASON_NOT_SPOKEN_THIS_ROUND)
                                : why(pb::QUEUE_REASON_SPOKEN_THIS_ROUND, ctx.standing(e.member_id()).turns);
    }

private:
    static bool in_round(const pb::QueueEntry& e, const order_context& ctx) {
        return ctx.standing(e.member_id()).turns <= ctx.fewest_turns_waiting;
    }
};

}  // namespace

std::unique_ptr<queue_policy> make_policy(pb::QueuePolicy policy) {
    switch (policy) {
        case pb::FEWEST_TURNS: return std::make_unique<fewest_turns>();
        case pb::LEAST_FLOOR_TIME: return std::make_unique<least_floor_time>();
        case pb::ROUND_ROBIN: return std::make_unique<round_robin>();
        case pb::LEAST_SPOKEN_TIME: return std::make_unique<least_spoken_time>();
        default: return std::make_unique<first_come>();
    }
}

bool serve_before(const queue_policy& policy, const pb::QueueEntry& a, const pb::QueueEntry& b,
                  const order_context& ctx) {
    if (a.kind() != b.kind()) return a.kind() < b.kind();
    bool capped_a = ctx.standing(a.member_id()).capped, capped_b = ctx.standing(b.member_id()).capped;
    if (capped_a != capped_b) return capped_b;
    if (policy.before(a, b, ctx)) return true;
    if (policy.before(b, a, ctx)) return false;
    return a.raised_at_ms() < b.raised_at_ms() ||
           (a.raised_at_ms() == b.raised_at_ms() && a.entry_id().size() < b.entry_id().size()) ||
           (a.raised_at_ms() == b.raised_at_ms() && a.entry_id().size() == b.entry_id().size() &&
            a.entry_id() < b.entry_id());
}

pb::QueueReason position_reason(const queue_policy& policy, const pb::QueueEntry& entry, const order_context& ctx) {
    switch (entry.kind()) {
        case pb::POINT_OF_ORDER: return why(pb::QUEUE_REASON_POINT_OF_ORDER);
        case pb::CLARIFYING_QUESTION: return why(pb::QUEUE_REASON_CLARIFYING_QUESTION);
        case pb::REPLY: return why(pb::QUEUE_REASON_REPLY);
        default: break;
    }
    if (ctx.standing(entry.member_id()).capped) return why(pb::QUEUE_REASON_OVER_LIMIT);
    return policy.reason(entry, ctx);
}

std::string reason_words(const pb::QueueReason& why) {
    switch (why.kind()) {
        case pb::QUEUE_REASON_POINT_OF_ORDER: return "point of order: served first";
        case pb::QUEUE_REASON_CLARIFYING_QUESTION: return "clarifying question: before replies and new points";
        case pb::QUEUE_REASON_REPLY: return "reply: before new points";
        case pb::QUEUE_REASON_OVER_LIMIT:
            return "you have reached the room's limit for now — everyone else first, then you";
        case pb::QUEUE_REASON_FIRST_TIME: return "first-time speaker";
        case pb::QUEUE_REASON_SPOKEN_TURNS:
            return "spoken " + times(why.turns()) + " — those who have spoken less go first";
        case pb::QUEUE_REASON_NO_FLOOR_YET: return "has not had the floor yet";
        case pb::QUEUE_REASON_FLOOR_TIME:
            return "has had the floor for " + minutes_seconds(why.floor_ms()) + " — those who have had less go first";
        case pb::QUEUE_REASON_NOT_SPOKEN_THIS_ROUND: return "has not spoken yet this round";
        case pb::QUEUE_REASON_NOT_HEARD_YET: return "has not been heard speaking yet";
        case pb::QUEUE_REASON_SPOKEN_TIME:
            return "has spoken for " + minutes_seconds(why.spoken_ms()) + " — those who have spoken less go first";
        case pb::QUEUE_REASON_SPOKEN_THIS_ROUND:
            return "spoken " + times(why.turns()) + " — after everyone who has spoken less";
        default: return "in the order hands went up";
    }
}

void set_position_reason(const queue_policy& policy, pb::QueueEntry& entry, const order_context& ctx) {
    *entry.mutable_why() = position_reason(policy, entry, ctx);
    entry.set_reason(reason_words(entry.why()));
}

std::string hand_kind_name(pb::HandKind kind) {
    switch (kind) {
        case pb::POINT_OF_ORDER: return "point of order";
        case pb::CLARIFYING_QUESTION: return "clarifying question";
        case pb::REPLY: return "reply to the current point";
        case pb::NEW_POINT: return "new point";
        default: return "hand";
    }
}

}  // namespace ts::room
