#pragma once
// How the speaking queue is ordered. The kind priority (point of order, clarifying
// question, reply, new point) always comes first; then people over a cap go after those
// under it; then the room's policy orders people; ties go to whoever raised a hand first.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

namespace pb = talkingstick::v1;

// What a policy may know of a person waiting to speak.
struct speaker_standing {
    std::uint32_t turns = 0;
    std::int64_t floor_ms = 0;
    std::int64_t spoken_ms = 0;  // time actually spoken, as the media server measured it
    bool capped = false;         // over the room's cap on turns or floor time
};

struct order_context {
    std::function<speaker_standing(const std::string& member_id)> standing;
    std::uint32_t cap_turns = 0;             // for the reason text; 0: none
    std::uint32_t fewest_turns_waiting = 0;  // among people in the queue (round robin's round)
};

class queue_policy {
public:
    virtual ~queue_policy() = default;
    virtual pb::QueuePolicy kind() const = 0;
    // Should a be served before b? Both have the same hand kind and cap standing.
    virtual bool before(const pb::QueueEntry& a, const pb::QueueEntry& b, const order_context& ctx) const = 0;
    // Why someone stands where they do, as far as the policy goes.
    virtual pb::QueueReason reason(const pb::QueueEntry& entry, const order_context& ctx) const = 0;
    // Whether the order can change when people's figures change (after each turn).
    virtual bool follows_figures() const { return true; }
    // Whether the order can change when the time people actually spoke is reported.
    virtual bool follows_voice() const { return false; }
};

std::unique_ptr<queue_policy> make_policy(pb::QueuePolicy policy);

// The full ordering: kind, then cap, then the policy, then who raised first.
bool serve_before(const queue_policy& policy, const pb::QueueEntry& a, const pb::QueueEntry& b,
                  const order_context& ctx);

// Why an entry stands where it does: kind priority and caps first, then the policy's own.
pb::QueueReason position_reason(const queue_policy& policy, const pb::QueueEntry& entry, const order_context& ctx);

// The reason in English words, for the record and clients without a translation.
std::string reason_words(const pb::QueueReason& why);

// Sets both the reason and its words on an entry.
void set_position_reason(const queue_policy& policy, pb::QueueEntry& entry, const order_context& ctx);

// Plain words for a kind of hand ("point of order").
std::string hand_kind_name(pb::HandKind kind);

}  // namespace ts::room
