#pragma once
// Turn-taking: the speaking queue, the floor and its clock, and people in the physical room
// (who take part through a moderator's or note-taker's hands). The queue is ordered by the
// room's fairness settings and by each person's turns, floor and spoken time, which this part folds
// from the events themselves, never from another part's fields. It answers three events of
// other parts: a pause of the room stops a running turn clock (and the end of the pause
// starts it again), an accepted invitation to speak is a hand raised, and new fairness
// settings re-order the queue (as does time spoken, for the policy that follows it).
#include <cstdint>
#include <string>
#include <unordered_map>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"
#include "room/turns/speaking_queue.hpp"

namespace ts::room {

class turn_taking_part final : public room_part {
public:
    turn_taking_part(room_limits limits, turn_defaults defaults);

    const char* name() const override { return "turn-taking"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override;
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;
    std::vector<pb::Event::KindCase> reacts_to() const override;
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;
    // The turn clock's warning and time-up, and hands whose owners have been gone longer
    // than the grace period.
    decision tick(const room_view& room, std::int64_t now_ms) const override;
    std::optional<std::int64_t> next_deadline(const room_view& room) const override;

    const speaking_queue& queue() const { return state_.queue; }
    const pb::FloorState& floor() const { return state_.floor; }

    // What this part knows and changes; public so that the rules in the .cpp can take it.
    struct turn_figures {
        std::uint32_t turns = 0;
        std::int64_t floor_ms = 0;   // finished turns
        std::int64_t voiced_ms = 0;  // time actually spoken (VoiceSpoken)
        template <class Archive>
        void serialize(Archive& a) {
            a(turns, floor_ms, voiced_ms);
        }
    };
    struct state {
        speaking_queue queue;
        pb::FloorState floor;
        std::uint64_t hands_raised = 0;  // numbers queue entries q1, q2, ...
        pb::FairnessSettings fairness;   // the queue policy and the caps
        pb::TurnSettings settings;
        std::unordered_map<std::string, turn_figures> figures;  // by member id
        bool floor_paused_by_room = false;                      // the room's current (or last) pause stopped the clock
        template <class Archive>
        void serialize(Archive& a) {
            a(queue, floor, hands_raised, fairness, settings, figures, floor_paused_by_room);
        }
    };
    // The one place state changes: live, on replay, and on a decision's draft.
    static void fold(state& s, const pb::Event& event);

private:
    room_limits limits_;
    state state_;
};

}  // namespace ts::room
