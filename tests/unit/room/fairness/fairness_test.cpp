// Equal voice: figures, queue policies, caps, invitations, anonymity, and replay.
#include "unit/room/room_fixture.hpp"
#include "room/reports/participation_reports.hpp"
#include "room/turns/queue_policy.hpp"

namespace ts::test {
namespace {

namespace reports = room::reports;

pb::ClientMessage raise(pb::HandKind kind = pb::NEW_POINT) {
    return command([kind](auto& m) { m.mutable_raise_hand()->set_kind(kind); });
}

pb::ClientMessage post(const std::string& text, bool anonymous = false) {
    return command([&](auto& m) {
        m.mutable_post()->set_text(text);
        m.mutable_post()->set_anonymous(anonymous);
    });
}

pb::ClientMessage fairness(pb::QueuePolicy policy, std::uint32_t max_turns = 0, bool visible = false,
                           bool audit = false) {
    return command([=](auto& m) {
        auto* s = m.mutable_set_fairness()->mutable_settings();
        s->set_policy(policy);
        s->set_max_turns(max_turns);
        s->set_balance_visible_to_all(visible);
        s->set_audit_anonymous(audit);
    });
}

class FairnessTest : public room_fixture {
protected:
    FairnessTest() {
        mod = join("Mo", true);
        ada = join("Ada");
        bo = join("Bo");
        cy = join("Cy");
    }

    // Gives the floor to the first in the queue and ends the turn after ms.
    void speak_next(std::int64_t ms) {
        ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_grant_floor(); })).ok());
        clock.advance(ms);
        ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_end_turn(); })).ok());
    }

    std::vector<std::string> order() const {
        std::vector<std::string> out;
        for (const auto& e : r.queue().entries()) out.push_back(e.member_id());
        return out;
    }

    const pb::PersonFigures& figures(const pb::ParticipationScope& scope, std::uint64_t connection) {
        for (const auto& p : scope.people())
            if (p.member_id() == member(connection)) return p;
        static pb::PersonFigures none;
        return none;
    }

    std::uint64_t mod, ada, bo, cy;
};

TEST_F(FairnessTest, FiguresCountTurnsFloorMessagesWordsHandsWaitsAndReactions) {
    run(ada, raise());
    clock.advance(30000);
    run(bo, raise());
    speak_next(60000);  // Ada waited 30 s... then spoke 60 s
    run(ada, post("Three short words"));
    run(cy, raise());
    run(cy, command([](auto& m) { m.mutable_lower_hand(); }));
    run(cy, command([](auto& m) { m.mutable_react()->set_kind(pb::AGREE); }));
    clock.advance(10000);
    auto scope = reports::balance(r, clock.now_ms()).session();
    const auto& a = figures(scope, ada);
    EXPECT_EQ(a.turns(), 1u);
    EXPECT_EQ(a.floor_ms(), 60000);
    EXPECT_EQ(a.messages(), 1u);
    EXPECT_EQ(a.words(), 3u);
    EXPECT_EQ(a.hands_raised(), 1u);
    EXPECT_EQ(a.waiting_ms(), 30000);
    const auto& b = figures(scope, bo);
    EXPECT_EQ(b.waiting_ms(), 70000);  // still waiting: counted up to now
    EXPECT_EQ(b.current_wait_ms(), 70000);
    const auto& c = figures(scope, cy);
    EXPECT_EQ(c.hands_withdrawn(), 1u);
    EXPECT_EQ(c.reactions(), 1u);
    EXPECT_EQ(scope.longest_waiting_member_id(), member(bo));
    // Cy and Bo have not spoken (no turn, no message); Ada has. Moderators are not counted.
    EXPECT_EQ(std::vector<std::string>(scope.not_yet_spoken().begin(), scope.not_yet_spoken().end()),
              (std::vector<std::string>{member(bo), member(cy)}));
    EXPECT_DOUBLE_EQ(a.floor_share(), 1.0);
}

TEST_F(FairnessTest, LiveTurnCountsTowardsFloorTime) {
    run(ada, raise());
    run(mod, command([](auto& m) { m.mutable_grant_floor(); }));
    clock.advance(42000);
    EXPECT_EQ(figures(reports::balance(r, clock.now_ms()).session(), ada).floor_ms(), 42000);
}

TEST_F(FairnessTest, GiniIsZeroForEqualAndHighForOneVoice) {
    EXPECT_DOUBLE_EQ(room::participation::gini({}), 0);
    EXPECT_DOUBLE_EQ(room::participation::gini({5, 5, 5, 5}), 0);
    EXPECT_DOUBLE_EQ(room::participation::gini({0, 0, 0}), 0);
    EXPECT_NEAR(room::participation::gini({0, 0, 0, 10}), 0.75, 1e-9);  // (n-1)/n for one of n
    EXPECT_NEAR(room::participation::gini({1, 2, 3, 4}), 0.25, 1e-9);
}

TEST_F(FairnessTest, UnansweredHandsAreCounted) {
    run(ada, raise());
    run(bo, raise());
    run(mod, command([&](auto& m) { m.mutable_remove_hand()->set_entry_id(r.queue().entries()[0].entry_id()); }));
    run(cy, raise());
    run(mod, command([](auto& m) { m.mutable_clear_queue(); }));
    auto scope = reports::balance(r, clock.now_ms()).session();
    EXPECT_EQ(figures(scope, ada).hands_unanswered(), 1u);
    EXPECT_EQ(figures(scope, bo).hands_unanswered(), 1u);
    EXPECT_EQ(figures(scope, cy).hands_unanswered(), 1u);
}

TEST_F(FairnessTest, FewestTurnsFirstWithReasonsAndFirstComeTies) {
    ASSERT_TRUE(run(mod, fairness(pb::FEWEST_TURNS)).ok());
    run(ada, raise());
    speak_next(10000);  // Ada: 1 turn
    run(ada, raise());
    clock.advance(1);
    run(bo, raise());
    clock.advance(1);
    run(cy, raise());
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(cy), member(ada)}));
    EXPECT_EQ(r.queue().entries()[0].reason(), "first-time speaker");
    EXPECT_NE(r.queue().entries()[2].reason().find("spoken once"), std::string::npos);
    // The same reasons as the interface translates them: a kind and the figure it rests on.
    EXPECT_EQ(r.queue().entries()[0].why().kind(), pb::QUEUE_REASON_FIRST_TIME);
    EXPECT_EQ(r.queue().entries()[2].why().kind(), pb::QUEUE_REASON_SPOKEN_TURNS);
    EXPECT_EQ(r.queue().entries()[2].why().turns(), 1u);
}

TEST_F(FairnessTest, EveryReasonHasEnglishWordsForTheRecord) {
    for (int kind = pb::QUEUE_REASON_POINT_OF_ORDER; kind <= pb::QUEUE_REASON_SPOKEN_THIS_ROUND; ++kind) {
        pb::QueueReason why;
        why.set_kind(static_cast<pb::QueueReasonKind>(kind));
        why.set_turns(2);
        why.set_floor_ms(65000);
        EXPECT_FALSE(room::reason_words(why).empty()) << kind;
    }
    pb::QueueReason floor;
    floor.set_kind(pb::QUEUE_REASON_FLOOR_TIME);
    floor.set_floor_ms(65000);
    EXPECT_EQ(room::reason_words(floor), "has had the floor for 1 min 5 s — those who have had less go first");
}

TEST_F(FairnessTest, KindPriorityComesBeforeThePolicy) {
    ASSERT_TRUE(run(mod, fairness(pb::FEWEST_TURNS)).ok());
    run(ada, raise());
    speak_next(10000);
    run(bo, raise());
    run(ada, raise(pb::POINT_OF_ORDER));
    EXPECT_EQ(order(), (std::vector<std::string>{member(ada), member(bo)}));
    EXPECT_EQ(r.queue().entries()[0].reason(), "point of order: served first");
}

TEST_F(FairnessTest, SwitchingPolicyReordersTheQueueAsAnEvent) {
    run(ada, raise());
    speak_next(90000);
    run(ada, raise());
    clock.advance(1);
    run(bo, raise());
    EXPECT_EQ(order(), (std::vector<std::string>{member(ada), member(bo)}));  // first come
    auto out = run(mod, fairness(pb::FEWEST_TURNS));
    ASSERT_TRUE(out.ok());
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_EQ(out.events[1].event.queue_changed().change(), pb::QUEUE_CHANGE_REORDERED);
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(ada)}));
    EXPECT_EQ(code_of(run(ada, fairness(pb::FIRST_COME))), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(mod, fairness(pb::QUEUE_POLICY_UNSPECIFIED))), pb::BAD_REQUEST);
}

TEST_F(FairnessTest, LeastFloorTimeFirst) {
    ASSERT_TRUE(run(mod, fairness(pb::LEAST_FLOOR_TIME)).ok());
    run(ada, raise());
    speak_next(100000);
    run(bo, raise());
    speak_next(20000);
    run(ada, raise());
    clock.advance(1);
    run(bo, raise());
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(ada)}));
}

TEST_F(FairnessTest, RoundRobinServesEveryoneWaitingOnceBeforeSeconds) {
    ASSERT_TRUE(run(mod, fairness(pb::ROUND_ROBIN)).ok());
    run(ada, raise());
    speak_next(1000);
    run(ada, raise());
    speak_next(1000);  // Ada: 2 turns
    run(bo, raise());
    speak_next(1000);  // Bo: 1 turn
    run(ada, raise());
    clock.advance(1);
    run(bo, raise());
    clock.advance(1);
    run(cy, raise());
    // Cy (0) first; then Ada and Bo have both spoken: first come among them.
    EXPECT_EQ(order(), (std::vector<std::string>{member(cy), member(ada), member(bo)}));
    speak_next(1000);
    // Now the round is "1 turn": Bo (1) before Ada (2).
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(ada)}));
}

TEST_F(FairnessTest, CapsPutPeopleOverTheLimitLastAndSaySoKindly) {
    ASSERT_TRUE(run(mod, fairness(pb::FIRST_COME, 1)).ok());
    run(ada, raise());
    speak_next(1000);  // Ada has used her one turn
    auto raised = run(ada, raise());
    ASSERT_TRUE(raised.ok());  // she can still raise a hand
    clock.advance(1);
    run(bo, raise());
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(ada)}));
    EXPECT_NE(r.queue().entries()[1].reason().find("limit"), std::string::npos);
}

TEST_F(FairnessTest, FloorTimeCap) {
    ASSERT_TRUE(run(mod, command([](auto& m) {
                        m.mutable_set_fairness()->mutable_settings()->set_policy(pb::FIRST_COME);
                        m.mutable_set_fairness()->mutable_settings()->set_max_floor_seconds(60);
                    }))
                    .ok());
    run(ada, raise());
    speak_next(61000);
    run(ada, raise());
    clock.advance(1);
    run(bo, raise());
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(ada)}));
}

TEST_F(FairnessTest, InvitationsArePrivateAndCanBeAcceptedOrDeclined) {
    auto invite = command([&](auto& m) {
        m.mutable_invite_to_speak()->set_member_id(member(cy));
        m.mutable_invite_to_speak()->set_note("Would you like to add anything?");
    });
    EXPECT_EQ(code_of(run(ada, invite)), pb::PERMISSION_DENIED);
    auto sent = run(mod, invite);
    ASSERT_TRUE(sent.ok());
    const auto& event = sent.events[0].event;
    EXPECT_TRUE(r.may_see(event, member(cy)));
    EXPECT_TRUE(r.may_see(event, member(mod)));
    EXPECT_FALSE(r.may_see(event, member(ada)));
    auto id = event.invitation_sent().invitation_id();
    // Only the invited person answers.
    auto answer = [&](pb::InvitationAnswer a) {
        return command([&, a](auto& m) {
            m.mutable_answer_invitation()->set_invitation_id(id);
            m.mutable_answer_invitation()->set_answer(a);
        });
    };
    EXPECT_EQ(code_of(run(ada, answer(pb::ACCEPT))), pb::NOT_FOUND);
    auto accepted = run(cy, answer(pb::ACCEPT));
    ASSERT_TRUE(accepted.ok());
    EXPECT_FALSE(r.may_see(accepted.events[0].event, member(bo)));
    EXPECT_EQ(order(), (std::vector<std::string>{member(cy)}));       // accepting joins the queue
    EXPECT_EQ(code_of(run(cy, answer(pb::DECLINE))), pb::NOT_FOUND);  // answered already
    // A decline changes nothing in the queue.
    auto second = run(mod, command([&](auto& m) { m.mutable_invite_to_speak()->set_member_id(member(bo)); }));
    auto bo_id = second.events[0].event.invitation_sent().invitation_id();
    auto declined = run(bo, command([&](auto& m) {
                            m.mutable_answer_invitation()->set_invitation_id(bo_id);
                            m.mutable_answer_invitation()->set_answer(pb::ASK_SUPPORT);
                        }));
    ASSERT_TRUE(declined.ok());
    EXPECT_EQ(declined.events.size(), 1u);
    EXPECT_EQ(order(), (std::vector<std::string>{member(cy)}));
}

TEST_F(FairnessTest, AnonymousContributionsCarryNoAuthorAnywhereAClientCanSee) {
    auto out = run(ada, post("I am worried about the cuts", true));
    ASSERT_TRUE(out.ok());
    const auto& posted = out.events[0].event.message_posted();
    EXPECT_TRUE(posted.anonymous());
    EXPECT_TRUE(posted.member_id().empty());
    EXPECT_EQ(out.events[0].event.SerializeAsString().find(member(ada)), std::string::npos);
    // The audit record is off by default: not even the server's private record knows.
    EXPECT_TRUE(out.events[0].hidden.anonymous_author_member_id().empty());
    // Nor do the figures give it away.
    EXPECT_EQ(figures(reports::balance(r, clock.now_ms()).session(), ada).messages(), 0u);
    // With the audit setting on, the private record keeps the author.
    ASSERT_TRUE(run(mod, fairness(pb::FIRST_COME, 0, false, true)).ok());
    auto audited = run(bo, post("Another view", true));
    EXPECT_EQ(audited.events[0].hidden.anonymous_author_member_id(), member(bo));
    EXPECT_TRUE(audited.events[0].event.message_posted().member_id().empty());
    EXPECT_EQ(code_of(run(mod, post("chair", true))), pb::PERMISSION_DENIED);
}

TEST_F(FairnessTest, WhoSeesTheBalance) {
    run(ada, raise());
    auto own = reports::participation_report(r, member(ada), clock.now_ms());
    EXPECT_EQ(own.mine().member_id(), member(ada));
    EXPECT_EQ(own.mine().hands_raised(), 1u);
    EXPECT_FALSE(own.has_session());
    EXPECT_TRUE(reports::participation_report(r, member(mod), clock.now_ms()).has_session());
    ASSERT_TRUE(run(mod, fairness(pb::FIRST_COME, 0, true)).ok());
    EXPECT_TRUE(reports::participation_report(r, member(ada), clock.now_ms()).has_session());
}

TEST_F(FairnessTest, AgendaItemsHaveTheirOwnFigures) {
    run(ada, raise());
    speak_next(30000);
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_start_agenda_item()->set_title("Item 2: transport"); })).ok());
    run(bo, raise());
    speak_next(10000);
    auto report = reports::balance(r, clock.now_ms());
    EXPECT_EQ(report.agenda_item().title(), "Item 2: transport");
    EXPECT_EQ(figures(report.agenda_item(), ada).turns(), 0u);
    EXPECT_EQ(figures(report.agenda_item(), bo).floor_ms(), 10000);
    EXPECT_EQ(figures(report.session(), ada).floor_ms(), 30000);
}

TEST_F(FairnessTest, ReplayReproducesEveryFigure) {
    run(mod, fairness(pb::FEWEST_TURNS, 2));
    run(ada, raise());
    clock.advance(5000);
    run(bo, raise());
    speak_next(40000);
    run(ada, post("Some words here", false));
    run(cy, post("secret", true));
    run(mod, command([](auto& m) { m.mutable_start_agenda_item()->set_title("Next"); }));
    run(ada, raise());
    speak_next(20000);
    run(cy, command([](auto& m) { m.mutable_react()->set_kind(pb::DISAGREE); }));

    room::room copy("r1");
    for (const auto& e : log) ASSERT_FALSE(copy.replay(e).has_value());
    auto now = clock.now_ms();
    EXPECT_EQ(reports::balance(copy, now).SerializeAsString(), reports::balance(r, now).SerializeAsString());
    EXPECT_EQ(copy.snapshot(now).SerializeAsString(), r.snapshot(now).SerializeAsString());
}

}  // namespace
}  // namespace ts::test
