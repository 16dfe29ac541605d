// A meeting run over real WebSockets against real Redis: hands, turns, the server's clock,
// and a restart in the middle of a turn.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class MeetingTest : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        room = create_room("Meeting");
        mod = client();
        ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
        for (const char* name : {"Ada", "Bo", "Cy"}) {
            people.push_back(client());
            auto w = people.back()->join(room.room_id(), name, room.join_code());
            ASSERT_TRUE(w.has_welcome());
            tokens.push_back(w.welcome().resume_token());
        }
    }

    pb::ServerMessage raise(ws_client& c, pb::HandKind kind, const std::string& topic = "") {
        pb::ClientMessage m;
        m.mutable_raise_hand()->set_kind(kind);
        m.mutable_raise_hand()->set_topic(topic);
        return c.request(m);
    }

    pb::ServerMessage grant(std::uint32_t seconds = 0) {
        pb::ClientMessage m;
        m.mutable_grant_floor()->set_seconds(seconds);
        return mod->request(m);
    }

    // Waits for the next FloorChanged of this kind (about member, if given).
    pb::FloorChanged floor_event(ws_client& c, pb::FloorChange change, const std::string& member = "") {
        return c
            .receive_until([&](const pb::ServerMessage& m) {
                return m.has_event() && m.event().has_floor_changed() && m.event().floor_changed().change() == change &&
                       (member.empty() || m.event().floor_changed().member_id() == member);
            })
            .event()
            .floor_changed();
    }

    pb::CreateRoomResponse room;
    std::unique_ptr<ws_client> mod;
    std::vector<std::unique_ptr<ws_client>> people;
    std::vector<std::string> tokens;
};

TEST_F(MeetingTest, SeveralTurnsRunByTheModeratorAndTheClock) {
    auto& ada = *people[0];
    auto& bo = *people[1];
    auto& cy = *people[2];
    ASSERT_TRUE(raise(ada, pb::NEW_POINT, "transport").has_ack());
    ASSERT_TRUE(raise(bo, pb::NEW_POINT, "parking").has_ack());
    ASSERT_TRUE(raise(cy, pb::CLARIFYING_QUESTION).has_ack());

    // Cy's clarifying question comes first; everyone sees the same queue.
    auto first = grant(30);
    ASSERT_TRUE(first.has_ack()) << first.DebugString();
    auto granted = floor_event(ada, pb::FLOOR_CHANGE_GRANTED);
    EXPECT_EQ(granted.floor().holder_member_id(), "m4");
    EXPECT_EQ(granted.floor().granted_seconds(), 30u);

    // Cy yields; Ada is next and gets a short turn that the server's clock ends.
    pb::ClientMessage yield;
    yield.mutable_yield_floor();
    ASSERT_TRUE(cy.request(yield).has_ack());
    pb::ClientMessage settings;
    auto* s = settings.mutable_update_turn_settings()->mutable_settings();
    s->set_default_turn_seconds(10);
    s->set_warning_seconds(1);
    s->set_time_up_action(pb::END_TURN);
    s->set_disconnect_grace_seconds(120);
    ASSERT_TRUE(mod->request(settings).has_ack());
    ASSERT_TRUE(grant(2).has_ack());
    EXPECT_EQ(floor_event(bo, pb::FLOOR_CHANGE_GRANTED, "m2").floor().granted_seconds(), 2u);
    EXPECT_EQ(floor_event(bo, pb::FLOOR_CHANGE_WARNING).member_id(), "m2");
    EXPECT_EQ(floor_event(bo, pb::FLOOR_CHANGE_TIME_UP).member_id(), "m2");
    auto ended = floor_event(bo, pb::FLOOR_CHANGE_ENDED, "m2");
    EXPECT_EQ(ended.end_reason(), pb::TIME_RAN_OUT);
    EXPECT_GE(ended.turn_duration_ms(), 2000);

    // Bo's turn, then the queue is empty.
    ASSERT_TRUE(grant(60).has_ack());
    pb::ClientMessage end;
    end.mutable_end_turn();
    ASSERT_TRUE(mod->request(end).has_ack());
    auto none = grant();
    ASSERT_TRUE(none.has_error());
    EXPECT_EQ(none.error().code(), pb::CONFLICT);

    // The transcript holds every turn with its duration, in Redis.
    std::vector<std::string> speakers;
    for (const auto& e : read_log(room.room_id()))
        if (e.event.has_floor_changed() && e.event.floor_changed().change() == pb::FLOOR_CHANGE_ENDED) {
            speakers.push_back(e.event.floor_changed().member_id());
            EXPECT_TRUE(e.event.floor_changed().has_floor());
        }
    EXPECT_EQ(speakers, (std::vector<std::string>{"m4", "m2", "m3"}));
}

TEST_F(MeetingTest, ARestartMidTurnKeepsQueueFloorAndRemainingTime) {
    ASSERT_TRUE(raise(*people[0], pb::NEW_POINT).has_ack());
    ASSERT_TRUE(raise(*people[1], pb::REPLY).has_ack());
    ASSERT_TRUE(raise(*people[2], pb::NEW_POINT).has_ack());
    ASSERT_TRUE(grant(300).has_ack());  // Bo (reply) first
    auto before = floor_event(*people[0], pb::FLOOR_CHANGE_GRANTED).floor();

    people.clear();
    mod.reset();
    restart_server();

    auto ada = client();
    auto w = ada->join(room.room_id(), "", "", "", tokens[0]);
    ASSERT_TRUE(w.has_welcome()) << w.DebugString();
    const auto& snap = w.welcome().room();
    EXPECT_EQ(snap.floor().holder_member_id(), before.holder_member_id());
    EXPECT_EQ(snap.floor().deadline_ms(), before.deadline_ms());
    EXPECT_GT(snap.floor().deadline_ms() - snap.server_time_ms(), 250000);  // the clock went on, not reset
    ASSERT_EQ(snap.queue_size(), 2);
    EXPECT_EQ(snap.queue(0).member_id(), "m2");
    EXPECT_EQ(snap.queue(1).member_id(), "m4");
    // The room carries on: Bo yields after reconnecting.
    auto bo = client();
    ASSERT_TRUE(bo->join(room.room_id(), "", "", "", tokens[1]).has_welcome());
    pb::ClientMessage yield;
    yield.mutable_yield_floor();
    auto ack = bo->request(yield);
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
}

TEST_F(MeetingTest, ChangingThePolicyReordersTheQueueForEveryoneAtOnce) {
    auto& ada = *people[0];
    auto& bo = *people[1];
    auto& cy = *people[2];
    ASSERT_TRUE(raise(ada, pb::NEW_POINT).has_ack());
    ASSERT_TRUE(grant(60).has_ack());
    pb::ClientMessage yield;
    yield.mutable_yield_floor();
    ASSERT_TRUE(ada.request(yield).has_ack());
    ASSERT_TRUE(raise(ada, pb::NEW_POINT).has_ack());
    ASSERT_TRUE(raise(bo, pb::NEW_POINT).has_ack());
    ASSERT_TRUE(raise(cy, pb::NEW_POINT).has_ack());

    pb::ClientMessage fair;
    fair.mutable_set_fairness()->mutable_settings()->set_policy(pb::FEWEST_TURNS);
    auto ack = mod->request(fair);
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    // Everyone receives the same reordering, as the same event.
    // The acknowledgement carries the number of the reordering event.
    for (auto* c : {mod.get(), &ada, &bo, &cy}) {
        const auto& e = c->wait_for_seq(ack.ack().seq());
        ASSERT_EQ(e.queue_changed().change(), pb::QUEUE_CHANGE_REORDERED);
        const auto& q = e.queue_changed().queue();
        ASSERT_EQ(q.size(), 3);
        EXPECT_EQ(q[0].member_id(), "m3");
        EXPECT_EQ(q[1].member_id(), "m4");
        EXPECT_EQ(q[2].member_id(), "m2");
        EXPECT_EQ(q[0].reason(), "first-time speaker");
    }

    // Figures: the moderator sees the room; Ada sees her own figures only.
    pb::ClientMessage ask;
    ask.mutable_get_participation();
    ada.send(ask);
    auto mine = ada.receive_until(
        [](const pb::ServerMessage& m) { return m.has_participation() && m.participation().has_mine(); });
    EXPECT_EQ(mine.participation().mine().turns(), 1u);
    EXPECT_FALSE(mine.participation().has_session());
    mod->send(ask);
    auto room = mod->receive_until(
        [](const pb::ServerMessage& m) { return m.has_participation() && m.participation().has_session(); });
    EXPECT_GE(room.participation().session().people_size(), 4);
}

TEST_F(MeetingTest, FiguresGoOnlyToThoseWhoseFiguresChanged) {
    auto& ada = *people[0];
    auto& bo = *people[1];
    auto has_mine = [](const pb::ServerMessage& m) { return m.has_participation() && m.participation().has_mine(); };
    // Everyone's first figures, after the joins.
    ada.receive_until(has_mine);
    bo.receive_until(has_mine);

    // Bo speaks up: his figures change, and the moderator's view of the room with them.
    ASSERT_TRUE(bo.post("a first word").has_ack());
    bo.receive_until(
        [&](const pb::ServerMessage& m) { return has_mine(m) && m.participation().mine().messages() == 1; });
    auto room_view = mod->receive_until([](const pb::ServerMessage& m) {
        if (!m.has_participation() || !m.participation().has_session()) return false;
        for (const auto& p : m.participation().session().people())
            if (p.member_id() == "m3" && p.messages() == 1) return true;
        return false;
    });
    EXPECT_GE(room_view.participation().session().people_size(), 4);

    // Ada's figures did not change, so nothing new about them reached her. The report that
    // told Bo went out before her next command, so it would be ahead of that command's answer.
    pb::ClientMessage react;
    react.set_request_id(9001);
    react.mutable_react()->set_kind(pb::AGREE);
    ada.send(react);
    int resent = 0;
    ada.receive_until([&](const pb::ServerMessage& m) {
        if (has_mine(m)) ++resent;
        return m.has_ack() && m.ack().request_id() == 9001;
    });
    EXPECT_EQ(resent, 0);
}

TEST_F(MeetingTest, InvitationsAndAnonymousPointsStayPrivate) {
    auto& ada = *people[0];
    auto& bo = *people[1];
    auto& cy = *people[2];
    pb::ClientMessage invite;
    invite.mutable_invite_to_speak()->set_member_id("m4");
    invite.mutable_invite_to_speak()->set_note("Cy, would you like to come in?");
    auto ack = mod->request(invite);
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    auto seq = ack.ack().seq();
    EXPECT_EQ(cy.wait_for_seq(seq).invitation_sent().note(), "Cy, would you like to come in?");
    const auto& seen_by_ada = ada.wait_for_seq(seq);
    EXPECT_EQ(seen_by_ada.kind_case(), pb::Event::KIND_NOT_SET);  // only that something happened
    EXPECT_EQ(seen_by_ada.SerializeAsString().find("come in"), std::string::npos);
    // Cy accepts: a hand goes up for her, and nothing anyone else receives says why.
    pb::ClientMessage accept;
    accept.mutable_answer_invitation()->set_invitation_id(cy.wait_for_seq(seq).invitation_sent().invitation_id());
    accept.mutable_answer_invitation()->set_answer(pb::ACCEPT);
    auto accepted = cy.request(accept);
    ASSERT_TRUE(accepted.has_ack()) << accepted.ShortDebugString();
    ada.forget_received();
    const auto& raised = ada.wait_for_seq(accepted.ack().seq());
    EXPECT_EQ(raised.queue_changed().member_id(), "m4");
    EXPECT_EQ(ada.received().find("invitation"), std::string::npos);

    pb::ClientMessage anonymous;
    anonymous.mutable_post()->set_text("I don't feel able to say this with my name");
    anonymous.mutable_post()->set_anonymous(true);
    auto posted = bo.request(anonymous);
    ASSERT_TRUE(posted.has_ack());
    for (auto* c : {mod.get(), &ada, &bo, &cy}) {
        const auto& e = c->wait_for_seq(posted.ack().seq());
        EXPECT_TRUE(e.message_posted().anonymous());
        EXPECT_TRUE(e.message_posted().member_id().empty());
    }
    // Redis holds no author either (the room's audit setting is off by default).
    auto log = read_log(room.room_id());
    EXPECT_TRUE(log.back().event.message_posted().member_id().empty());
}

}  // namespace
}  // namespace ts::test
