// A room's life over real sockets and Redis: created preparing, people join and get ready,
// the meeting itself is refused with NOT_LIVE until a moderator starts it, and the phase
// survives a restart.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class LifecycleTest : public ServerTest {
protected:
    pb::CreateRoomResponse create_preparing(const std::string& title) { return create_room(title, "", "PREPARING"); }

    static pb::ClientMessage phase(pb::RoomPhase p) {
        pb::ClientMessage m;
        m.mutable_set_room_phase()->set_phase(p);
        return m;
    }
};

TEST_F(LifecycleTest, APreparingRoomRefusesTheMeetingUntilAModeratorStartsIt) {
    auto room = create_preparing("Getting ready");
    auto info = http_request(server->port(), "GET", "/api/rooms/" + room.room_id());
    EXPECT_NE(info.body.find("\"phase\":\"PREPARING\""), std::string::npos) << info.body;

    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto ada = client();
    auto welcome = ada->join(room.room_id(), "Ada", room.join_code());
    ASSERT_TRUE(welcome.has_welcome());
    EXPECT_EQ(welcome.welcome().room().phase(), pb::PREPARING);

    auto early = ada->post("Is anyone here?");
    ASSERT_TRUE(early.has_error());
    EXPECT_EQ(early.error().code(), pb::NOT_LIVE);
    EXPECT_NE(early.error().message().find("not started yet"), std::string::npos);
    pb::ClientMessage hand;
    hand.mutable_raise_hand()->set_kind(pb::NEW_POINT);
    EXPECT_EQ(ada->request(hand).error().code(), pb::NOT_LIVE);
    pb::ClientMessage needs;
    needs.mutable_set_needs()->mutable_needs()->set_extra_time(true);
    EXPECT_TRUE(ada->request(needs).has_ack());  // getting ready is allowed
    EXPECT_EQ(ada->request(phase(pb::LIVE)).error().code(), pb::PERMISSION_DENIED);

    ASSERT_TRUE(mod->request(phase(pb::LOBBY)).has_ack());
    ASSERT_TRUE(mod->request(phase(pb::LIVE)).has_ack());
    auto started = ada->receive_until([](const pb::ServerMessage& m) {
        return m.has_event() && m.event().has_room_phase_changed() &&
               m.event().room_phase_changed().phase() == pb::LIVE;
    });
    EXPECT_EQ(started.event().room_phase_changed().by_member_id(), "m1");
    EXPECT_TRUE(ada->post("Now we can start").has_ack());

    // After a restart the room is still live, and the record is whole.
    restart_server();
    auto again = client();
    auto back = again->join(room.room_id(), "Bo", room.join_code());
    ASSERT_TRUE(back.has_welcome());
    EXPECT_EQ(back.welcome().room().phase(), pb::LIVE);
    EXPECT_TRUE(again->post("Still live").has_ack());
    auto mod2 = client();
    ASSERT_TRUE(mod2->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    ASSERT_TRUE(mod2->request(phase(pb::CLOSED)).has_ack());
    EXPECT_EQ(again->post("Too late").error().code(), pb::NOT_LIVE);
}

TEST_F(LifecycleTest, ARoomCreatedWithoutAPhaseIsLiveAsBefore) {
    auto room = create_room("Straight in");
    auto ada = client();
    auto welcome = ada->join(room.room_id(), "Ada", room.join_code());
    EXPECT_EQ(welcome.welcome().room().phase(), pb::LIVE);
    EXPECT_TRUE(ada->post("Hello").has_ack());
    auto bad = http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"X\",\"phase\":\"CLOSED\"}",
                            {{"Content-Type", "application/json"}});
    EXPECT_EQ(bad.status, 400) << bad.body;
}

}  // namespace
}  // namespace ts::test

namespace ts::test {
namespace {

// Readiness answers reach the person and the moderators only: live, in a welcome's history,
// and after a restart.
TEST_F(LifecycleTest, ReadinessAnswersAreReadByThePersonAndTheModeratorsOnly) {
    auto room = create_preparing("Private answers");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto ada = client();
    auto ada_welcome = ada->join(room.room_id(), "Ada", room.join_code());
    ASSERT_TRUE(ada_welcome.has_welcome());
    auto bo = client();
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());

    pb::ClientMessage answer;
    auto* r = answer.mutable_answer_readiness()->mutable_readiness();
    r->set_confidence(2);
    r->set_would_help("a quiet word before we start");
    ASSERT_TRUE(ada->request(answer).has_ack());
    auto is_answer_seq = [](const pb::ServerMessage& m) { return m.has_event() && m.event().private_to_size() > 0; };
    auto seen_by_mod = mod->receive_until(is_answer_seq);
    EXPECT_EQ(seen_by_mod.event().readiness_answered().readiness().would_help(), "a quiet word before we start");
    auto seen_by_bo = bo->receive_until([](const pb::ServerMessage& m) { return m.has_event(); });
    EXPECT_FALSE(seen_by_bo.event().has_readiness_answered());
    EXPECT_EQ(seen_by_bo.event().SerializeAsString().find("quiet word"), std::string::npos);

    restart_server();
    auto cy = client();
    auto cy_welcome = cy->join(room.room_id(), "Cy", room.join_code());
    ASSERT_TRUE(cy_welcome.has_welcome());
    EXPECT_EQ(cy_welcome.SerializeAsString().find("quiet word"), std::string::npos);
    auto ada_back = client();
    auto back = ada_back->join(room.room_id(), "Ada", "", "", ada_welcome.welcome().resume_token());
    ASSERT_TRUE(back.has_welcome());
    EXPECT_EQ(back.welcome().my_readiness().would_help(), "a quiet word before we start");
}

}  // namespace
}  // namespace ts::test
