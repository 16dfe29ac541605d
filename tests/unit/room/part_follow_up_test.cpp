// One part making another act: a reaction or a timer names a command, and the room carries
// it out as the room itself, through the part that owns it.
#include <gtest/gtest.h>

#include "unit/room/room_fixture.hpp"

namespace ts::room {
namespace {

using M = pb::ClientMessage;

// A capability being tried out: when someone's hand goes up it closes the queue to others
// (turn-taking's own command), and when its time comes it ends the turn.
class probe_part final : public room_part {
public:
    const char* name() const override { return "probe"; }
    std::vector<command_policy> policies() const override { return {}; }
    std::vector<pb::Event::KindCase> folds() const override { return {}; }
    decision decide(const part_command&) const override { return {}; }
    void evolve(const pb::Event&, const pb::EventPrivate&) override {}
    void add_to(pb::RoomSnapshot&) const override {}
    void save(state_out&) const override {}
    void load(state_in&) override {}

    std::vector<pb::Event::KindCase> reacts_to() const override { return {pb::Event::kQueueChanged}; }
    decision react(const pb::Event& event, const room_view&, std::int64_t) const override {
        decision d;
        if (event.queue_changed().change() != pb::QUEUE_CHANGE_RAISED) return d;
        d.then.emplace().mutable_set_queue_open()->set_open(false);
        return d;
    }
    decision tick(const room_view&, std::int64_t now_ms) const override {
        decision d;
        if (now_ms >= end_turn_at) d.then.emplace().mutable_end_turn();
        return d;
    }
    std::int64_t end_turn_at = 1LL << 62;
};

class PartFollowUp : public test::room_fixture {
protected:
    PartFollowUp() {
        auto probe = std::make_unique<probe_part>();
        this->probe = probe.get();
        std::vector<std::unique_ptr<room_part>> more;
        more.push_back(std::move(probe));
        r = room("r1", room_limits{}, turn_defaults{}, std::move(more));
        record(r.create("Meeting", "", key, code, clock.now_ms()));
        mod = join("Mo", true);
        ada = join("Ada");
    }
    static std::vector<pb::Event::KindCase> kinds(const outcome& out) {
        std::vector<pb::Event::KindCase> k;
        for (const auto& e : out.events) k.push_back(e.event.kind_case());
        return k;
    }
    probe_part* probe;
    std::uint64_t mod, ada;
};

TEST_F(PartFollowUp, AReactionsCommandIsCarriedOutByThePartThatOwnsIt) {
    auto raised = run(ada, test::command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); }));
    ASSERT_TRUE(raised.ok()) << raised.error->message;
    // The hand, then the queue closing: turn-taking's own event, by nobody (the room).
    ASSERT_EQ(kinds(raised), (std::vector{pb::Event::kQueueChanged, pb::Event::kQueueChanged}));
    EXPECT_EQ(raised.events[1].event.queue_changed().change(), pb::QUEUE_CHANGE_CLOSED);
    EXPECT_EQ(raised.events[1].event.queue_changed().by_member_id(), "");
    EXPECT_FALSE(r.queue().open());
}

TEST_F(PartFollowUp, ATimersCommandIsCarriedOutAndItsRefusalChangesNothing) {
    probe->end_turn_at = clock.now_ms();
    EXPECT_TRUE(tick().events.empty());  // nobody has the floor: ending the turn is refused, quietly
    run(ada, test::command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); }));
    ASSERT_TRUE(run(mod, test::command([](auto& m) { m.mutable_grant_floor(); })).ok());
    ASSERT_FALSE(r.floor().holder_member_id().empty());
    auto ended = tick();
    ASSERT_FALSE(ended.events.empty());
    EXPECT_TRUE(r.floor().holder_member_id().empty());
    // Ended by the room, not by a moderator: the speaker's time ran out.
    const auto& last = ended.events.back().event;
    bool time_ran_out = false;
    for (const auto& e : ended.events)
        if (e.event.has_floor_changed() && e.event.floor_changed().change() == pb::FLOOR_CHANGE_ENDED)
            time_ran_out = e.event.floor_changed().end_reason() == pb::TIME_RAN_OUT;
    EXPECT_TRUE(time_ran_out) << last.ShortDebugString();
}

}  // namespace
}  // namespace ts::room
