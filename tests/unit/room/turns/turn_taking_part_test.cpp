// The turn-taking part on its own: hands, the floor and its clock, and how it answers the
// events of other parts (a room pause, an accepted invitation, new fairness settings).
#include "room/turns/turn_taking_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class TurnTakingPart : public ::testing::Test, protected test::three_people {
protected:
    TurnTakingPart() {
        for (const auto& m : {mod, ada, bo}) {
            view.members[m.member_id()] = m;
            view.members[m.member_id()].set_present(true);
        }
    }

    decision run(const pb::ClientMessage& m, const pb::Member& who, std::int64_t now_ms = 1000) {
        return test::run_part(part, m, who, view, seq, now_ms);
    }
    decision raise(const pb::Member& who, pb::HandKind kind = pb::NEW_POINT) {
        pb::ClientMessage m;
        m.mutable_raise_hand()->set_kind(kind);
        return run(m, who);
    }
    decision grant(std::uint32_t seconds = 0, std::int64_t now_ms = 1000) {
        pb::ClientMessage m;
        m.mutable_grant_floor()->set_seconds(seconds);
        return run(m, mod, now_ms);
    }
    // Folds an event of another part, as the room would, and returns what this part answers.
    std::vector<logged_event> happen(pb::Event event, std::int64_t now_ms = 1000) {
        return test::happen(part, view, std::move(event), seq, now_ms);
    }
    std::vector<std::string> waiting() const {
        std::vector<std::string> ids;
        for (const auto& e : part.queue().entries()) ids.push_back(e.member_id());
        return ids;
    }

    turn_taking_part part{room_limits{}, turn_defaults{120, 30, 60}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(TurnTakingPart, DecidingChangesNothingUntilTheEventsAreFolded) {
    pb::ClientMessage m;
    m.mutable_raise_hand()->set_kind(pb::NEW_POINT);
    auto d = part.decide(part_command{m, ada, 1000, view});
    ASSERT_FALSE(d.error);
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].event.queue_changed().entry_id(), "q1");
    EXPECT_TRUE(part.queue().entries().empty());
    part.evolve(d.events[0].event, {});
    EXPECT_EQ(waiting(), std::vector<std::string>{"m2"});
}

TEST_F(TurnTakingPart, HandsThenTheFloorThenItsEnd) {
    auto observer = person("m4", pb::OBSERVER);
    EXPECT_EQ(raise(observer).error->code, pb::PERMISSION_DENIED);
    ASSERT_FALSE(raise(ada).error);
    EXPECT_EQ(raise(ada).error->code, pb::CONFLICT);  // one hand of a kind
    ASSERT_FALSE(raise(bo, pb::POINT_OF_ORDER).error);
    EXPECT_EQ(waiting(), (std::vector<std::string>{"m3", "m2"}));  // a point of order goes first

    pb::ClientMessage give;
    give.mutable_grant_floor();
    EXPECT_EQ(run(give, ada).error->code, pb::PERMISSION_DENIED);
    auto granted = grant(60, 1000);
    ASSERT_FALSE(granted.error);
    ASSERT_EQ(granted.events.size(), 2u);
    EXPECT_EQ(granted.events[0].event.queue_changed().change(), pb::QUEUE_CHANGE_GRANTED);
    EXPECT_EQ(granted.events[1].event.floor_changed().change(), pb::FLOOR_CHANGE_GRANTED);
    EXPECT_EQ(part.floor().holder_member_id(), "m3");
    EXPECT_EQ(part.floor().deadline_ms(), 61000);

    pb::ClientMessage yield;
    yield.mutable_yield_floor();
    EXPECT_EQ(run(yield, ada).error->code, pb::CONFLICT);  // not Ada's floor
    auto ended = run(yield, bo, 21000);
    ASSERT_EQ(ended.events.size(), 1u);
    EXPECT_EQ(ended.events[0].event.floor_changed().change(), pb::FLOOR_CHANGE_ENDED);
    EXPECT_EQ(ended.events[0].event.floor_changed().turn_duration_ms(), 20000);
    EXPECT_EQ(ended.events[0].event.floor_changed().member_id(), "m3");
    EXPECT_TRUE(part.floor().holder_member_id().empty());

    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.queue_size(), 1);
    EXPECT_TRUE(snap.queue_open());
}

TEST_F(TurnTakingPart, OrdersByTheFairnessSettingsItReadsFromTheirEvent) {
    // Ada speaks once; then both wait.
    ASSERT_FALSE(raise(ada).error);
    ASSERT_FALSE(grant(30).error);
    pb::ClientMessage end;
    end.mutable_end_turn();
    ASSERT_FALSE(run(end, mod, 5000).error);
    ASSERT_FALSE(raise(ada).error);
    ASSERT_FALSE(raise(bo).error);
    EXPECT_EQ(waiting(), (std::vector<std::string>{"m2", "m3"}));  // first come

    pb::Event fairness;
    fairness.mutable_fairness_changed()->mutable_settings()->set_policy(pb::FEWEST_TURNS);
    fairness.mutable_fairness_changed()->set_by_member_id("m1");
    auto answer = happen(fairness);
    ASSERT_EQ(answer.size(), 1u);
    EXPECT_EQ(answer[0].event.queue_changed().change(), pb::QUEUE_CHANGE_REORDERED);
    EXPECT_EQ(answer[0].event.queue_changed().by_member_id(), "m1");
    EXPECT_EQ(waiting(), (std::vector<std::string>{"m3", "m2"}));  // Bo has not spoken yet
}

TEST_F(TurnTakingPart, GrantingANamedHandGivesItThatPersonEvenWhenEndingTheLastTurnReordersTheQueue) {
    pb::Event fairness;
    fairness.mutable_fairness_changed()->mutable_settings()->set_policy(pb::LEAST_FLOOR_TIME);
    happen(fairness);
    ASSERT_FALSE(raise(bo).error);
    ASSERT_FALSE(grant(60, 1000).error);  // Bo speaks
    ASSERT_FALSE(raise(bo).error);
    ASSERT_FALSE(raise(ada).error);
    EXPECT_EQ(waiting(), (std::vector<std::string>{"m3", "m2"}));  // no finished floor time yet: first come
    pb::ClientMessage give_ada;
    give_ada.mutable_grant_floor()->set_entry_id(part.queue().entries()[1].entry_id());
    auto d = run(give_ada, mod, 21000);
    ASSERT_FALSE(d.error);
    // Bo's 20 s put him behind Ada when his turn ended; the hand named is still Ada's.
    EXPECT_EQ(part.floor().holder_member_id(), "m2");
    EXPECT_EQ(waiting(), std::vector<std::string>{"m3"});
}

TEST_F(TurnTakingPart, ARoomPauseStopsARunningClockAndItsEndStartsItAgain) {
    ASSERT_FALSE(raise(ada).error);
    ASSERT_FALSE(grant(60, 1000).error);
    pb::Event pause;
    pause.mutable_pause_changed()->set_paused(true);
    pause.mutable_pause_changed()->set_by_member_id("m1");
    auto paused = happen(pause, 11000);
    ASSERT_EQ(paused.size(), 1u);
    EXPECT_EQ(paused[0].event.floor_changed().change(), pb::FLOOR_CHANGE_PAUSED);
    EXPECT_TRUE(part.floor().paused());
    EXPECT_EQ(part.next_deadline(view), std::nullopt);  // a paused clock has no deadline

    pb::Event resume;
    resume.mutable_pause_changed()->set_paused(false);
    auto resumed = happen(resume, 41000);
    ASSERT_EQ(resumed.size(), 1u);
    EXPECT_EQ(resumed[0].event.floor_changed().change(), pb::FLOOR_CHANGE_RESUMED);
    EXPECT_EQ(part.floor().deadline_ms(), 91000);  // the 30 s pause is not spoken time

    // A clock the moderator had paused stays paused through a room pause and after it.
    pb::ClientMessage hold;
    hold.mutable_pause_clock();
    ASSERT_FALSE(run(hold, mod, 42000).error);
    EXPECT_TRUE(happen(pause, 43000).empty());
    EXPECT_TRUE(happen(resume, 44000).empty());
    EXPECT_TRUE(part.floor().paused());
}

// Only the person and the moderators know of an invitation: the hand it brings looks like
// any hand raised by that person.
TEST_F(TurnTakingPart, AnAcceptedInvitationIsAHandEvenInAClosedQueueThatDoesNotSayWhy) {
    pb::ClientMessage close;
    close.mutable_set_queue_open()->set_open(false);
    ASSERT_FALSE(run(close, mod).error);
    EXPECT_EQ(raise(ada).error->code, pb::CONFLICT);
    pb::Event declined;
    declined.mutable_invitation_answered()->set_member_id("m2");
    declined.mutable_invitation_answered()->set_answer(pb::DECLINE);
    EXPECT_TRUE(happen(declined).empty());
    pb::Event accepted = declined;
    accepted.mutable_invitation_answered()->set_answer(pb::ACCEPT);
    auto answer = happen(accepted);
    ASSERT_EQ(answer.size(), 1u);
    EXPECT_EQ(answer[0].event.queue_changed().change(), pb::QUEUE_CHANGE_RAISED);
    EXPECT_EQ(answer[0].event.queue_changed().note(), "");
    EXPECT_EQ(answer[0].event.queue_changed().by_member_id(), "m2");
    EXPECT_TRUE(answer[0].event.private_to().empty());
    EXPECT_EQ(waiting(), std::vector<std::string>{"m2"});
    EXPECT_TRUE(happen(accepted).empty());  // already has a hand up
}

TEST_F(TurnTakingPart, TimersWarnEndTheTurnAndLetGoOfHandsOfPeopleGoneTooLong) {
    ASSERT_FALSE(raise(ada).error);
    ASSERT_FALSE(raise(bo).error);
    ASSERT_FALSE(grant(60, 1000).error);
    EXPECT_EQ(part.next_deadline(view), 31000);  // the warning, 30 s before the end
    auto warned = part.tick(view, 31000).events;
    ASSERT_EQ(warned.size(), 1u);
    EXPECT_EQ(warned[0].event.floor_changed().change(), pb::FLOOR_CHANGE_WARNING);
    test::fold_into(part, warned, seq, 31000);
    auto up = part.tick(view, 61000).events;
    ASSERT_GE(up.size(), 2u);
    EXPECT_EQ(up[0].event.floor_changed().change(), pb::FLOOR_CHANGE_TIME_UP);
    EXPECT_EQ(up[1].event.floor_changed().end_reason(), pb::TIME_RAN_OUT);
    test::fold_into(part, up, seq, 61000);
    EXPECT_EQ(part.next_deadline(view), std::nullopt);

    // Bo leaves at 70 s; the grace period is 60 s.
    view.members["m3"].set_present(false);
    view.absent_since["m3"] = 70000;
    EXPECT_EQ(part.next_deadline(view), 130000);
    EXPECT_TRUE(part.tick(view, 129999).events.empty());
    auto expired = part.tick(view, 130000).events;
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(expired[0].event.queue_changed().change(), pb::QUEUE_CHANGE_EXPIRED);
    EXPECT_EQ(expired[0].event.queue_changed().member_id(), "m3");
}

// The core keeps the list of people in the physical room; turn-taking answers one leaving it.
TEST_F(TurnTakingPart, SomeoneTakenOffTheListOfPeopleInTheRoomLosesTheFloorAndTheirHands) {
    auto cy = person("m4", pb::PARTICIPANT);
    cy.set_in_room(true);
    cy.set_present(true);
    view.members["m4"] = cy;
    ASSERT_FALSE(raise(ada).error);
    pb::ClientMessage for_cy;
    for_cy.mutable_raise_hand()->set_kind(pb::REPLY);
    for_cy.mutable_raise_hand()->set_member_id("m4");
    EXPECT_EQ(run(for_cy, ada).error->code, pb::PERMISSION_DENIED);
    ASSERT_FALSE(run(for_cy, mod).error);
    ASSERT_FALSE(grant().error);  // the reply goes first: Cy has the floor
    ASSERT_EQ(part.floor().holder_member_id(), "m4");
    for_cy.mutable_raise_hand()->set_kind(pb::NEW_POINT);
    ASSERT_FALSE(run(for_cy, mod).error);

    pb::Event left;
    left.mutable_member_left()->set_member_id("m4");
    left.mutable_member_left()->set_reason(pb::LEFT);
    left.mutable_member_left()->set_by_member_id("m1");
    view.members["m4"].set_present(false);
    auto answer = happen(left);
    ASSERT_EQ(answer.size(), 2u);
    EXPECT_EQ(answer[0].event.floor_changed().end_reason(), pb::SPEAKER_REMOVED);
    EXPECT_EQ(answer[0].event.floor_changed().by_member_id(), "m1");
    EXPECT_EQ(answer[1].event.queue_changed().change(), pb::QUEUE_CHANGE_REMOVED);
    EXPECT_EQ(answer[1].event.queue_changed().member_id(), "m4");
    EXPECT_TRUE(part.floor().holder_member_id().empty());
    EXPECT_EQ(waiting(), std::vector<std::string>{"m2"});
}

TEST_F(TurnTakingPart, SomeoneOnADeviceWhoLeavesKeepsTheirHandThroughTheGrace) {
    ASSERT_FALSE(raise(bo).error);
    pb::Event left;
    left.mutable_member_left()->set_member_id("m3");
    left.mutable_member_left()->set_reason(pb::DISCONNECTED);
    view.members["m3"].set_present(false);
    EXPECT_TRUE(happen(left).empty());
    EXPECT_EQ(waiting(), std::vector<std::string>{"m3"});
}

}  // namespace
}  // namespace ts::room
