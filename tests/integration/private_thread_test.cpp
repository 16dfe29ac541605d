// A participant's private thread with the facilitators, over real sockets and Redis: it is
// read by its audience only, whichever way anyone else tries (another participant, an
// observer, another room's moderator, the public log, a later joiner's history, a resume,
// a restart and replay); a point the participant asks to raise reaches the room as asked.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

constexpr const char* secret = "I get anxious when people talk over each other";
constexpr const char* reply = "Thank you for telling us. Shall we talk on Tuesday?";

class PrivateThreadTest : public ServerTest {
protected:
    static pb::ClientMessage write(const std::string& thread, const std::string& text, bool raise = false) {
        pb::ClientMessage m;
        m.mutable_send_thread_message()->set_member_id(thread);
        m.mutable_send_thread_message()->set_text(text);
        m.mutable_send_thread_message()->set_ask_to_raise(raise);
        return m;
    }
    static bool mentions(const pb::ServerMessage& m, const std::string& text) {
        return m.SerializeAsString().find(text) != std::string::npos;
    }
    static bool any_mentions(const std::vector<pb::Event>& events, const std::string& text) {
        for (const auto& e : events)
            if (e.SerializeAsString().find(text) != std::string::npos) return true;
        return false;
    }
};

TEST_F(PrivateThreadTest, AThreadIsReadByItsParticipantAndTheFacilitatorsOnlyWhicheverWayOthersTry) {
    auto room = create_room("Support", "", "PREPARING");
    auto other_room = create_room("Another room");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto ada = client();
    auto ada_welcome = ada->join(room.room_id(), "Ada", room.join_code());
    ASSERT_TRUE(ada_welcome.has_welcome());
    auto bo = client();
    auto bo_welcome = bo->join(room.room_id(), "Bo", room.join_code());
    ASSERT_TRUE(bo_welcome.has_welcome());
    auto watcher = client();
    ASSERT_TRUE(join_as_observer(*watcher, room.room_id(), room.join_code()).has_welcome());
    auto cy = client();  // made a co-facilitator below
    ASSERT_TRUE(cy->join(room.room_id(), "Cy", room.join_code()).has_welcome());
    pb::ClientMessage grant;
    grant.mutable_set_co_moderator()->set_member_id("m5");
    grant.mutable_set_co_moderator()->set_co_moderator(true);
    ASSERT_TRUE(mod->request(grant).has_ack());

    // Ada writes before the meeting; both facilitators read it, nobody else does.
    auto sent = ada->request(write("", secret));
    ASSERT_TRUE(sent.has_ack()) << sent.DebugString();
    const auto seq = sent.ack().seq();
    for (auto* facilitator : {mod.get(), cy.get()}) {
        const auto& seen = facilitator->wait_for_seq(seq);
        EXPECT_EQ(seen.thread_message_sent().text(), secret);
        EXPECT_EQ(seen.thread_message_sent().member_id(), "m2");
    }
    for (auto* outsider : {bo.get(), watcher.get()}) {
        const auto& seen = outsider->wait_for_seq(seq);  // the number only: no gap, nothing else
        EXPECT_EQ(seen.kind_case(), pb::Event::KIND_NOT_SET);
        EXPECT_EQ(seen.private_to_size(), 0);
        EXPECT_FALSE(any_mentions(outsider->events(), "anxious"));
    }
    // Nobody else can write in it or reach it.
    EXPECT_EQ(bo->request(write("m2", "let me in")).error().code(), pb::PERMISSION_DENIED);
    EXPECT_EQ(watcher->request(write("", "hello")).error().code(), pb::PERMISSION_DENIED);
    auto stranger = client();
    EXPECT_EQ(stranger->join(room.room_id(), "Other mod", "", other_room.moderator_key()).error().code(),
              pb::UNAUTHENTICATED);

    ASSERT_TRUE(cy->request(write("m2", reply)).has_ack());
    auto replied = ada->receive_until([](const pb::ServerMessage& m) {
        return m.has_event() && m.event().has_thread_message_sent() &&
               m.event().thread_message_sent().from_member_id() == "m5";
    });
    EXPECT_EQ(replied.event().thread_message_sent().text(), reply);

    // The public log holds only numbers; the private record holds the thread.
    for (const auto& stored : read_log(room.room_id())) {
        EXPECT_EQ(stored.event_bytes.find("anxious"), std::string::npos) << "public log entry " << stored.id;
        EXPECT_EQ(stored.event_bytes.find("Tuesday"), std::string::npos) << "public log entry " << stored.id;
    }
    const std::string private_key = "ts:{" + room.room_id() + "}:private";
    EXPECT_NE(redis.command({"XRANGE", private_key, "-", "+"}).find("anxious"), std::string::npos);

    // A later joiner's history, and Bo's resume from the start, carry none of it.
    auto dee = client();
    auto dee_welcome = dee->join(room.room_id(), "Dee", room.join_code());
    ASSERT_TRUE(dee_welcome.has_welcome());
    EXPECT_FALSE(mentions(dee_welcome, "anxious"));
    EXPECT_FALSE(mentions(dee_welcome, "Tuesday"));
    auto bo_back = client();
    auto bo_resumed = bo_back->join(room.room_id(), "Bo", "", "", bo_welcome.welcome().resume_token(), 0);
    ASSERT_TRUE(bo_resumed.has_welcome());
    EXPECT_FALSE(mentions(bo_resumed, "anxious"));

    // After a restart (the room replayed from Redis) the thread is whole, for its audience only.
    restart_server();
    auto ada_back = client();
    auto ada_resumed = ada_back->join(room.room_id(), "Ada", "", "", ada_welcome.welcome().resume_token(), 0);
    ASSERT_TRUE(ada_resumed.has_welcome());
    EXPECT_TRUE(mentions(ada_resumed, "anxious"));
    EXPECT_TRUE(mentions(ada_resumed, "Tuesday"));
    auto mod_back = client();
    auto mod_resumed = mod_back->join(room.room_id(), "Mo", "", room.moderator_key());
    ASSERT_TRUE(mod_resumed.has_welcome());
    EXPECT_TRUE(mentions(mod_resumed, "anxious"));
    auto bo_after = client();
    auto bo_restarted = bo_after->join(room.room_id(), "Bo", "", "", bo_welcome.welcome().resume_token(), 0);
    ASSERT_TRUE(bo_restarted.has_welcome());
    EXPECT_FALSE(mentions(bo_restarted, "anxious"));
    EXPECT_FALSE(mentions(bo_restarted, "Tuesday"));
    // The conversation goes on after the restart.
    EXPECT_TRUE(ada_back->request(write("", "Tuesday works")).has_ack());
}

TEST_F(PrivateThreadTest, APointRaisedForAParticipantReachesTheRoomAsTheyAsked) {
    auto room = create_room("Live support");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    auto bo = client();
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());

    auto point = write("", "Can we hear from carers before we vote?", true);
    point.mutable_send_thread_message()->set_anonymously(true);
    auto sent = ada->request(point);
    ASSERT_TRUE(sent.has_ack());
    pb::ClientMessage raise;
    raise.mutable_raise_thread_point()->set_member_id("m2");
    raise.mutable_raise_thread_point()->set_seq(sent.ack().seq());
    EXPECT_EQ(bo->request(raise).error().code(), pb::PERMISSION_DENIED);
    auto raised = mod->request(raise);
    ASSERT_TRUE(raised.has_ack());
    // The post, then the private note that it was raised (Bo sees only its number).
    const auto& posted = bo->wait_for_seq(raised.ack().seq() - 1);
    EXPECT_EQ(posted.message_posted().text(),
              "A participant asked me to raise this: Can we hear from carers before we vote?");
    EXPECT_EQ(posted.message_posted().member_id(), "m1");
    EXPECT_FALSE(bo->wait_for_seq(raised.ack().seq()).has_thread_point_raised());
    EXPECT_TRUE(ada->wait_for_seq(raised.ack().seq()).has_thread_point_raised());
    // Raised once.
    auto again = mod->request(raise);
    ASSERT_TRUE(again.has_error());
    EXPECT_EQ(again.error().code(), pb::CONFLICT);
}

// In a cluster, with everyone connected through a node that does not own the room: that
// node's replica shows each person what the owner would, live, on joining and in history.
class PrivateThreadThroughAReplica : public PrivateThreadTest {
protected:
    void SetUp() override { start_cluster_of_two(); }
};

TEST_F(PrivateThreadThroughAReplica, AThreadStaysWithItsAudienceLiveOnJoiningAndInHistory) {
    auto room = create_room("Support");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    auto bo = client();
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());

    auto sent = ada->request(write("", secret));
    ASSERT_TRUE(sent.has_ack()) << sent.DebugString();
    const auto seq = sent.ack().seq();
    EXPECT_EQ(mod->wait_for_seq(seq).thread_message_sent().text(), secret);
    EXPECT_EQ(bo->wait_for_seq(seq).kind_case(), pb::Event::KIND_NOT_SET) << "the number only";
    EXPECT_FALSE(any_mentions(bo->events(), "anxious"));
    ASSERT_TRUE(mod->request(write("m2", reply)).has_ack());
    EXPECT_TRUE(ada->receive_until([](const pb::ServerMessage& m) {
                       return m.has_event() && m.event().has_thread_message_sent() &&
                              m.event().thread_message_sent().from_member_id() == "m1";
                   })
                    .event()
                    .thread_message_sent()
                    .text() == reply);

    // History read from the replica: whole for the facilitator, numbers for Bo.
    pb::ClientMessage history;
    history.mutable_get_history()->set_before_seq(seq + 1);
    history.mutable_get_history()->set_max(50);
    auto mod_page = mod->request(history);
    ASSERT_TRUE(mod_page.has_history_page()) << mod_page.DebugString();
    EXPECT_TRUE(mentions(mod_page, "anxious"));
    auto bo_page = bo->request(history);
    ASSERT_TRUE(bo_page.has_history_page()) << bo_page.DebugString();
    EXPECT_EQ(bo_page.history_page().events().rbegin()->seq(), seq);
    EXPECT_FALSE(mentions(bo_page, "anxious"));

    // A later joiner through the replica hears none of it.
    auto dee = client();
    auto dee_welcome = dee->join(room.room_id(), "Dee", room.join_code());
    ASSERT_TRUE(dee_welcome.has_welcome());
    EXPECT_FALSE(mentions(dee_welcome, "anxious"));
    EXPECT_FALSE(mentions(dee_welcome, "Tuesday"));
}

}  // namespace
}  // namespace ts::test
