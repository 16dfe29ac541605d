// Turn-taking rules: the queue, the floor, the clock, reactions, in-room participants.
#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

pb::ClientMessage raise(pb::HandKind kind, const std::string& topic = "", const std::string& member_id = "") {
    pb::ClientMessage m;
    m.mutable_raise_hand()->set_kind(kind);
    m.mutable_raise_hand()->set_topic(topic);
    m.mutable_raise_hand()->set_member_id(member_id);
    return m;
}

pb::ClientMessage grant(const std::string& entry_id = "", std::uint32_t seconds = 0) {
    pb::ClientMessage m;
    m.mutable_grant_floor()->set_entry_id(entry_id);
    m.mutable_grant_floor()->set_seconds(seconds);
    return m;
}

class TurnsTest : public room_fixture {
protected:
    TurnsTest() {
        mod = join("Mo", true);
        ada = join("Ada");
        bo = join("Bo");
        cy = join("Cy");
    }

    std::vector<std::string> queue_members() const {
        std::vector<std::string> out;
        for (const auto& e : r.queue().entries()) out.push_back(e.member_id());
        return out;
    }

    std::string entry_of(std::uint64_t connection, pb::HandKind kind) const {
        for (const auto& e : r.queue().entries())
            if (e.member_id() == member(connection) && e.kind() == kind) return e.entry_id();
        return "";
    }

    std::uint64_t mod, ada, bo, cy;
};

TEST_F(TurnsTest, KindPriorityThenFirstComeFirstServed) {
    ASSERT_TRUE(run(ada, raise(pb::NEW_POINT)).ok());
    clock.advance(1000);
    ASSERT_TRUE(run(bo, raise(pb::REPLY)).ok());
    clock.advance(1000);
    ASSERT_TRUE(run(cy, raise(pb::NEW_POINT)).ok());
    clock.advance(1000);
    ASSERT_TRUE(run(cy, raise(pb::POINT_OF_ORDER)).ok());
    clock.advance(1000);
    ASSERT_TRUE(run(ada, raise(pb::CLARIFYING_QUESTION)).ok());
    EXPECT_EQ(queue_members(),
              (std::vector<std::string>{member(cy), member(ada), member(bo), member(ada), member(cy)}));
    const auto& first = r.queue().entries()[0];
    EXPECT_EQ(first.kind(), pb::POINT_OF_ORDER);
    EXPECT_FALSE(first.reason().empty());
}

TEST_F(TurnsTest, OneHandPerKindPerPerson) {
    ASSERT_TRUE(run(ada, raise(pb::NEW_POINT)).ok());
    EXPECT_EQ(code_of(run(ada, raise(pb::NEW_POINT))), pb::CONFLICT);
    EXPECT_TRUE(run(ada, raise(pb::REPLY)).ok());
    EXPECT_EQ(r.queue().entries().size(), 2u);
}

TEST_F(TurnsTest, ObserversCannotRaiseHands) {
    auto olive = join("Olive", false, true);
    EXPECT_EQ(code_of(run(olive, raise(pb::NEW_POINT))), pb::PERMISSION_DENIED);
}

TEST_F(TurnsTest, HandsNeedAKindAndAShortTopic) {
    EXPECT_EQ(code_of(run(ada, raise(pb::HAND_KIND_UNSPECIFIED))), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(run(ada, raise(pb::NEW_POINT, std::string(121, 't')))), pb::TOO_LARGE);
    auto out = run(ada, raise(pb::NEW_POINT, "  budget   for transport "));
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(r.queue().entries()[0].topic(), "budget for transport");
}

TEST_F(TurnsTest, LowerAndChangeYourOwnHandOnly) {
    run(ada, raise(pb::NEW_POINT, "one"));
    run(bo, raise(pb::NEW_POINT));
    // Bo cannot lower Ada's hand.
    EXPECT_EQ(code_of(run(bo, command([&](auto& m) {
                              m.mutable_lower_hand()->set_kind(pb::NEW_POINT);
                              m.mutable_lower_hand()->set_member_id(member(ada));
                          }))),
              pb::PERMISSION_DENIED);
    // Ada turns her new point into a reply: it moves ahead of Bo.
    auto changed = run(ada, command([](auto& m) {
                           m.mutable_change_hand()->set_kind(pb::NEW_POINT);
                           m.mutable_change_hand()->set_new_kind(pb::REPLY);
                           m.mutable_change_hand()->set_topic("answering Bo");
                       }));
    ASSERT_TRUE(changed.ok());
    EXPECT_EQ(r.queue().entries()[0].member_id(), member(ada));
    EXPECT_EQ(r.queue().entries()[0].topic(), "answering Bo");
    ASSERT_TRUE(run(ada, command([](auto& m) { m.mutable_lower_hand()->set_kind(pb::REPLY); })).ok());
    EXPECT_EQ(queue_members(), (std::vector<std::string>{member(bo)}));
    EXPECT_EQ(code_of(run(ada, command([](auto& m) { m.mutable_lower_hand(); }))), pb::NOT_FOUND);
}

TEST_F(TurnsTest, ChangingTopicKeepsThePlace) {
    run(ada, raise(pb::NEW_POINT));
    run(bo, raise(pb::NEW_POINT));
    ASSERT_TRUE(run(ada, command([](auto& m) {
                        m.mutable_change_hand()->set_kind(pb::NEW_POINT);
                        m.mutable_change_hand()->set_topic("new topic");
                    }))
                    .ok());
    EXPECT_EQ(queue_members(), (std::vector<std::string>{member(ada), member(bo)}));
}

TEST_F(TurnsTest, OnlyModeratorsRunTheQueue) {
    run(ada, raise(pb::NEW_POINT));
    auto id = entry_of(ada, pb::NEW_POINT);
    auto seq = r.last_seq();
    EXPECT_EQ(code_of(run(bo, grant())), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(bo, command([&](auto& m) { m.mutable_move_hand()->set_entry_id(id); }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(bo, command([&](auto& m) { m.mutable_remove_hand()->set_entry_id(id); }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(bo, command([](auto& m) { m.mutable_clear_queue(); }))), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(bo, command([](auto& m) { m.mutable_set_queue_open()->set_open(false); }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(bo, command([](auto& m) { m.mutable_pause_clock(); }))), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(bo, command([](auto& m) { m.mutable_set_room_mode()->set_mode(pb::STRUCTURED); }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(r.last_seq(), seq);
}

TEST_F(TurnsTest, ModeratorMovesRemovesClearsClosesAndReopens) {
    run(ada, raise(pb::NEW_POINT));
    run(bo, raise(pb::NEW_POINT));
    run(cy, raise(pb::NEW_POINT));
    ASSERT_TRUE(run(mod, command([&](auto& m) {
                        m.mutable_move_hand()->set_entry_id(entry_of(cy, pb::NEW_POINT));
                        m.mutable_move_hand()->set_position(0);
                    }))
                    .ok());
    EXPECT_EQ(queue_members(), (std::vector<std::string>{member(cy), member(ada), member(bo)}));
    auto removed = run(mod, command([&](auto& m) {
                           m.mutable_remove_hand()->set_entry_id(entry_of(ada, pb::NEW_POINT));
                           m.mutable_remove_hand()->set_reason("already covered");
                       }));
    ASSERT_TRUE(removed.ok());
    EXPECT_EQ(removed.events[0].event.queue_changed().note(), "already covered");
    EXPECT_EQ(removed.events[0].event.queue_changed().member_id(), member(ada));
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_queue_open()->set_open(false); })).ok());
    auto refused = run(ada, raise(pb::NEW_POINT));
    EXPECT_EQ(code_of(refused), pb::CONFLICT);
    EXPECT_NE(refused.error->message.find("closed"), std::string::npos);
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_queue_open()->set_open(true); })).ok());
    EXPECT_TRUE(run(ada, raise(pb::NEW_POINT)).ok());
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_clear_queue(); })).ok());
    EXPECT_TRUE(r.queue().entries().empty());
}

TEST_F(TurnsTest, GrantNextByOrderOrAnyone) {
    run(ada, raise(pb::NEW_POINT));
    run(bo, raise(pb::POINT_OF_ORDER));
    EXPECT_EQ(code_of(run(mod, grant("q99"))), pb::NOT_FOUND);
    auto out = run(mod, grant());
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(r.floor().holder_member_id(), member(bo));  // point of order first
    EXPECT_EQ(r.floor().deadline_ms(), clock.now_ms() + 120000);
    // Granting Ada passes the floor on: Bo's turn ends with its duration.
    clock.advance(15000);
    out = run(mod, grant(entry_of(ada, pb::NEW_POINT), 60));
    ASSERT_TRUE(out.ok());
    ASSERT_GE(out.events.size(), 3u);
    const auto& ended = out.events[0].event.floor_changed();
    EXPECT_EQ(ended.change(), pb::FLOOR_CHANGE_ENDED);
    EXPECT_EQ(ended.end_reason(), pb::PASSED_ON);
    EXPECT_EQ(ended.turn_duration_ms(), 15000);
    EXPECT_EQ(r.floor().holder_member_id(), member(ada));
    EXPECT_EQ(r.floor().granted_seconds(), 60u);
    EXPECT_TRUE(r.queue().entries().empty());
    EXPECT_EQ(code_of(run(mod, grant())), pb::CONFLICT);  // nobody waiting
}

TEST_F(TurnsTest, HolderYieldsOthersCannot) {
    run(ada, raise(pb::NEW_POINT));
    run(mod, grant());
    auto yield = command([](auto& m) { m.mutable_yield_floor(); });
    EXPECT_EQ(code_of(run(bo, yield)), pb::CONFLICT);
    clock.advance(30000);
    auto out = run(ada, yield);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.events[0].event.floor_changed().end_reason(), pb::YIELDED);
    EXPECT_EQ(out.events[0].event.floor_changed().turn_duration_ms(), 30000);
    EXPECT_TRUE(r.floor().holder_member_id().empty());
}

TEST_F(TurnsTest, ClockWarnsThenEndsTheTurn) {
    run(ada, raise(pb::NEW_POINT));
    run(mod, grant("", 60));
    EXPECT_EQ(*r.next_deadline(), clock.now_ms() + 30000);  // warning at 30 s left
    clock.advance(29999);
    EXPECT_TRUE(tick().events.empty());
    clock.advance(1);
    auto warned = tick();
    ASSERT_EQ(warned.events.size(), 1u);
    EXPECT_EQ(warned.events[0].event.floor_changed().change(), pb::FLOOR_CHANGE_WARNING);
    EXPECT_EQ(*r.next_deadline(), clock.now_ms() + 30000);
    clock.advance(30000);
    auto up = tick();
    ASSERT_EQ(up.events.size(), 2u);
    EXPECT_EQ(up.events[0].event.floor_changed().change(), pb::FLOOR_CHANGE_TIME_UP);
    EXPECT_EQ(up.events[1].event.floor_changed().end_reason(), pb::TIME_RAN_OUT);
    EXPECT_EQ(up.events[1].event.floor_changed().turn_duration_ms(), 60000);
    EXPECT_FALSE(r.next_deadline());
}

TEST_F(TurnsTest, OvertimeIsFlaggedWhenTheRoomSaysSo) {
    auto settings = command([](auto& m) {
        auto* s = m.mutable_update_turn_settings()->mutable_settings();
        s->set_default_turn_seconds(60);
        s->set_warning_seconds(0);
        s->set_time_up_action(pb::FLAG_OVERTIME);
        s->set_disconnect_grace_seconds(60);
    });
    EXPECT_EQ(code_of(run(ada, settings)), pb::PERMISSION_DENIED);
    ASSERT_TRUE(run(mod, settings).ok());
    run(ada, raise(pb::NEW_POINT));
    run(mod, grant());
    clock.advance(60000);
    auto up = tick();
    ASSERT_EQ(up.events.size(), 1u);
    EXPECT_EQ(up.events[0].event.floor_changed().change(), pb::FLOOR_CHANGE_TIME_UP);
    EXPECT_TRUE(r.floor().time_up());
    EXPECT_EQ(r.floor().holder_member_id(), member(ada));  // still speaking, in overtime
    clock.advance(10000);
    EXPECT_TRUE(tick().events.empty());
    auto end = run(mod, command([](auto& m) { m.mutable_end_turn(); }));
    ASSERT_TRUE(end.ok());
    EXPECT_EQ(end.events[0].event.floor_changed().turn_duration_ms(), 70000);
}

TEST_F(TurnsTest, PauseStopsTheClockAndIsNotSpeakingTime) {
    run(ada, raise(pb::NEW_POINT));
    run(mod, grant("", 60));
    clock.advance(20000);
    auto pause = command([](auto& m) { m.mutable_pause_clock(); });
    auto resume = command([](auto& m) { m.mutable_resume_clock(); });
    EXPECT_EQ(code_of(run(mod, resume)), pb::CONFLICT);
    ASSERT_TRUE(run(mod, pause).ok());
    EXPECT_EQ(code_of(run(mod, pause)), pb::CONFLICT);
    EXPECT_EQ(r.floor().remaining_ms(), 40000);
    EXPECT_FALSE(r.next_deadline());  // nothing is due while paused
    clock.advance(300000);
    EXPECT_TRUE(tick().events.empty());
    ASSERT_TRUE(run(mod, resume).ok());
    EXPECT_EQ(r.floor().deadline_ms(), clock.now_ms() + 40000);
    clock.advance(5000);
    auto end = run(ada, command([](auto& m) { m.mutable_yield_floor(); }));
    EXPECT_EQ(end.events[0].event.floor_changed().turn_duration_ms(), 25000);
}

TEST_F(TurnsTest, ExtraTimeMovesTheDeadlineAndCanUndoTimeUp) {
    ASSERT_TRUE(run(mod, command([](auto& m) {
                        auto* s = m.mutable_update_turn_settings()->mutable_settings();
                        s->set_default_turn_seconds(60);
                        s->set_warning_seconds(10);
                        s->set_time_up_action(pb::FLAG_OVERTIME);
                    }))
                    .ok());
    run(ada, raise(pb::NEW_POINT));
    run(mod, grant());
    clock.advance(61000);
    tick();
    ASSERT_TRUE(r.floor().time_up());
    auto add = command([](auto& m) { m.mutable_add_time()->set_seconds(30); });
    auto out = run(mod, add);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.events[0].event.floor_changed().seconds(), 30u);
    EXPECT_FALSE(r.floor().time_up());
    EXPECT_EQ(r.floor().deadline_ms(), clock.now_ms() - 1000 + 30000);
    EXPECT_EQ(code_of(run(mod, command([](auto& m) { m.mutable_add_time()->set_seconds(0); }))), pb::BAD_REQUEST);
}

TEST_F(TurnsTest, ClockCommandsNeedSomeoneOnTheFloor) {
    EXPECT_EQ(code_of(run(mod, command([](auto& m) { m.mutable_pause_clock(); }))), pb::CONFLICT);
    EXPECT_EQ(code_of(run(mod, command([](auto& m) { m.mutable_end_turn(); }))), pb::CONFLICT);
    EXPECT_EQ(code_of(run(mod, command([](auto& m) { m.mutable_add_time()->set_seconds(5); }))), pb::CONFLICT);
}

TEST_F(TurnsTest, DisconnectedPeopleKeepTheirPlaceForTheGracePeriod) {
    run(ada, raise(pb::NEW_POINT));
    run(bo, raise(pb::NEW_POINT));
    record(r.disconnect(ada, clock.now_ms()));
    EXPECT_EQ(*r.next_deadline(), clock.now_ms() + 120000);
    clock.advance(119999);
    EXPECT_TRUE(tick().events.empty());
    EXPECT_EQ(r.queue().entries().size(), 2u);
    clock.advance(1);
    auto out = tick();
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].event.queue_changed().change(), pb::QUEUE_CHANGE_EXPIRED);
    EXPECT_EQ(queue_members(), (std::vector<std::string>{member(bo)}));
}

TEST_F(TurnsTest, ComingBackInTimeKeepsThePlace) {
    run(ada, raise(pb::NEW_POINT));
    auto ada_id = member(ada);
    record(r.disconnect(ada, clock.now_ms()));
    clock.advance(60000);
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token("token-" + std::to_string(ada));
    record(r.apply(back, {100, ""}, clock.now_ms()));
    clock.advance(120000);
    EXPECT_TRUE(tick().events.empty());
    EXPECT_EQ(r.queue().entries()[0].member_id(), ada_id);
}

TEST_F(TurnsTest, StructuredModeLetsOnlyTheHolderPost) {
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_room_mode()->set_mode(pb::STRUCTURED); })).ok());
    auto post = command([](auto& m) { m.mutable_post()->set_text("hello"); });
    EXPECT_EQ(code_of(run(ada, post)), pb::PERMISSION_DENIED);
    EXPECT_TRUE(run(ada, raise(pb::NEW_POINT)).ok());  // hands still work
    run(mod, grant());
    EXPECT_TRUE(run(ada, post).ok());
    EXPECT_EQ(code_of(run(bo, post)), pb::PERMISSION_DENIED);
    EXPECT_TRUE(run(mod, post).ok());  // the facilitator may always speak
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_room_mode()->set_mode(pb::OPEN); })).ok());
    EXPECT_TRUE(run(bo, post).ok());
}

TEST_F(TurnsTest, ReactionsAreEventsButNotFromObservers) {
    auto react = command([](auto& m) { m.mutable_react()->set_kind(pb::LOUDER_SLOWER); });
    auto out = run(ada, react);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.events[0].event.reaction_given().kind(), pb::LOUDER_SLOWER);
    auto olive = join("Olive", false, true);
    EXPECT_EQ(code_of(run(olive, react)), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(ada, command([](auto& m) { m.mutable_react(); }))), pb::BAD_REQUEST);
}

TEST_F(TurnsTest, InRoomParticipantsQueueSpeakAndAreRecorded) {
    auto add = command([](auto& m) {
        m.mutable_add_in_room_participant()->set_display_name("Dee");
        m.mutable_add_in_room_participant()->set_pronouns("she/her");
    });
    EXPECT_EQ(code_of(run(ada, add)), pb::PERMISSION_DENIED);
    auto added = run(mod, add);
    ASSERT_TRUE(added.ok());
    const auto& dee = added.events[0].event.member_joined().member();
    EXPECT_TRUE(dee.in_room());
    EXPECT_TRUE(dee.present());
    // Participants cannot raise hands for others; moderators can for in-room people.
    EXPECT_EQ(code_of(run(ada, raise(pb::NEW_POINT, "", dee.member_id()))), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(mod, raise(pb::NEW_POINT, "", member(bo)))), pb::PERMISSION_DENIED);
    ASSERT_TRUE(run(mod, raise(pb::NEW_POINT, "parking", dee.member_id())).ok());
    run(mod, grant());
    EXPECT_EQ(r.floor().holder_member_id(), dee.member_id());
    // A note-taker (named by the moderator) records what Dee said.
    auto note = command([&](auto& m) {
        m.mutable_record_contribution()->set_member_id(dee.member_id());
        m.mutable_record_contribution()->set_text("We need more parking near the clinic.");
    });
    EXPECT_EQ(code_of(run(bo, note)), pb::PERMISSION_DENIED);
    ASSERT_TRUE(run(mod, command([&](auto& m) {
                        m.mutable_set_note_taker()->set_member_id(member(bo));
                        m.mutable_set_note_taker()->set_note_taker(true);
                    }))
                    .ok());
    auto noted = run(bo, note);
    ASSERT_TRUE(noted.ok());
    EXPECT_EQ(noted.events[0].event.message_posted().member_id(), dee.member_id());
    EXPECT_EQ(noted.events[0].event.message_posted().noted_by_member_id(), member(bo));
    // Contributions are only for people without a device.
    auto for_ada = command([&](auto& m) {
        m.mutable_record_contribution()->set_member_id(member(ada));
        m.mutable_record_contribution()->set_text("words");
    });
    EXPECT_EQ(code_of(run(bo, for_ada)), pb::NOT_FOUND);
    // In-room people do not vanish at a restart, and need no grace period.
    auto out = r.end_presence(clock.now_ms());
    for (const auto& e : out.events) EXPECT_NE(e.event.member_left().member_id(), dee.member_id());
    // Removing Dee ends her turn and takes her hands down.
    run(mod, raise(pb::REPLY, "", dee.member_id()));
    auto removed =
        run(mod, command([&](auto& m) { m.mutable_remove_in_room_participant()->set_member_id(dee.member_id()); }));
    ASSERT_TRUE(removed.ok());
    EXPECT_TRUE(r.floor().holder_member_id().empty());
    EXPECT_TRUE(r.queue().entries().empty());
}

TEST_F(TurnsTest, TurnSettingsAreValidated) {
    auto with = [](std::uint32_t turn, std::uint32_t warning, pb::TimeUpAction action) {
        return command([=](auto& m) {
            auto* s = m.mutable_update_turn_settings()->mutable_settings();
            s->set_default_turn_seconds(turn);
            s->set_warning_seconds(warning);
            s->set_time_up_action(action);
        });
    };
    EXPECT_EQ(code_of(run(mod, with(5, 0, pb::END_TURN))), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(run(mod, with(60, 60, pb::END_TURN))), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(run(mod, with(60, 10, pb::TIME_UP_ACTION_UNSPECIFIED))), pb::BAD_REQUEST);
    EXPECT_TRUE(run(mod, with(90, 15, pb::END_TURN)).ok());
    EXPECT_EQ(r.turn_settings().default_turn_seconds(), 90u);
}

TEST_F(TurnsTest, ReplayReproducesQueueFloorAndClock) {
    run(ada, raise(pb::NEW_POINT, "a"));
    run(bo, raise(pb::REPLY, "b"));
    run(cy, raise(pb::NEW_POINT, "c"));
    run(mod, grant("", 90));
    clock.advance(10000);
    run(mod, command([](auto& m) { m.mutable_pause_clock(); }));
    run(mod, command([&](auto& m) {
            m.mutable_move_hand()->set_entry_id(entry_of(cy, pb::NEW_POINT));
            m.mutable_move_hand()->set_position(0);
        }));
    run(mod, command([](auto& m) { m.mutable_set_room_mode()->set_mode(pb::STRUCTURED); }));
    record(r.disconnect(cy, clock.now_ms()));

    room::room copy("r1");
    for (const auto& e : log) ASSERT_FALSE(copy.replay(e).has_value());
    EXPECT_EQ(copy.snapshot(1).SerializeAsString(), r.snapshot(1).SerializeAsString());
    EXPECT_EQ(copy.next_deadline(), r.next_deadline());
    // The copy goes on exactly like the original: same ids, same clock.
    clock.advance(5000);
    auto resume = command([](auto& m) { m.mutable_resume_clock(); });
    auto a = r.apply(resume, {mod, ""}, clock.now_ms());
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token("token-" + std::to_string(mod));
    copy.apply(back, {mod, ""}, clock.now_ms());
    auto b = copy.apply(resume, {mod, ""}, clock.now_ms());
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(copy.floor().deadline_ms(), r.floor().deadline_ms());
    EXPECT_EQ(copy.floor().deadline_ms(), clock.now_ms() + 80000);
}

}  // namespace
}  // namespace ts::test
