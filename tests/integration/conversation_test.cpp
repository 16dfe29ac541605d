// A room end to end: create, join, post, late joiners, leaving, and a restart of the
// server, all over real sockets against real Redis.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

std::vector<std::string> texts(const std::vector<pb::Event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events)
        if (e.has_message_posted()) out.push_back(e.message_posted().text());
    return out;
}

std::vector<std::uint64_t> seqs(const std::vector<pb::Event>& events) {
    std::vector<std::uint64_t> out;
    for (const auto& e : events) out.push_back(e.seq());
    return out;
}

using ConversationTest = ServerTest;

TEST_F(ConversationTest, ThreePeopleSeeTheSameOrderedConversation) {
    auto room = create_room();
    auto mod = client();
    auto ada = client();
    auto bo = client();
    auto w = mod->join(room.room_id(), "Mo", "", room.moderator_key());
    ASSERT_TRUE(w.has_welcome()) << w.DebugString();
    EXPECT_EQ(w.welcome().role(), pb::MODERATOR);
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());

    // Interleaved posts from all three.
    std::uint64_t last = 0;
    for (int round = 0; round < 5; ++round) {
        for (auto* c : {mod.get(), ada.get(), bo.get()}) {
            auto ack = c->post("round " + std::to_string(round));
            ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
            EXPECT_GT(ack.ack().seq(), last);
            last = ack.ack().seq();
        }
    }
    for (auto* c : {mod.get(), ada.get(), bo.get()}) c->wait_for_seq(last);

    // Everyone's view from their join onwards is the same sequence, without gaps.
    auto tail = [last](const std::vector<pb::Event>& events) {
        std::vector<pb::Event> out;
        for (const auto& e : events)
            if (e.seq() > last - 15) out.push_back(e);
        return out;
    };
    EXPECT_EQ(seqs(tail(mod->events())), seqs(tail(ada->events())));
    EXPECT_EQ(seqs(tail(ada->events())), seqs(tail(bo->events())));
    EXPECT_EQ(texts(mod->events()), texts(bo->events()));
    auto all = seqs(mod->events());
    for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i + 1);

    // Redis holds exactly what was broadcast, byte for byte, with ids 0-SEQ.
    auto stored = read_log(room.room_id());
    ASSERT_EQ(stored.size(), mod->events().size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
        EXPECT_EQ(stored[i].id, "0-" + std::to_string(i + 1));
        EXPECT_EQ(stored[i].event_bytes, mod->events()[i].SerializeAsString());
    }
}

TEST_F(ConversationTest, LongMessagesArriveWholeAndInOrder) {
    // The server reads a message in small pieces (an idle connection keeps a small buffer);
    // long ones must still arrive whole and in order.
    auto room = create_room();
    auto ada = client();
    auto bo = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
    std::vector<std::string> sent;
    std::uint64_t last = 0;
    for (char c : {'a', 'b', 'c'}) {
        sent.push_back(std::string(1990, c) + "0123456789");
        auto ack = ada->post(sent.back());
        ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
        last = ack.ack().seq();
    }
    bo->wait_for_seq(last);
    EXPECT_EQ(texts(bo->events()), sent);
}

TEST_F(ConversationTest, LateJoinerGetsHistoryAndPresence) {
    auto room = create_room();
    auto ada = client();
    ada->join(room.room_id(), "Ada", room.join_code());
    ada->post("first");
    ada->post("second");
    auto late = client();
    auto w = late->join(room.room_id(), "Late", room.join_code());
    ASSERT_TRUE(w.has_welcome());
    EXPECT_EQ(texts(late->events()), (std::vector<std::string>{"first", "second"}));
    EXPECT_EQ(w.welcome().room().title(), "Budget meeting");
    ASSERT_EQ(w.welcome().room().members_size(), 2);
    EXPECT_TRUE(w.welcome().room().members(0).present());
    EXPECT_EQ(w.welcome().room().seq(), late->events().back().seq());
    // Ada sees the newcomer arrive.
    auto joined =
        ada->receive_until([](const pb::ServerMessage& m) { return m.has_event() && m.event().has_member_joined(); });
    EXPECT_EQ(joined.event().member_joined().member().display_name(), "Late");
}

TEST_F(ConversationTest, ClosingTheConnectionShowsThePersonAsGone) {
    auto room = create_room();
    auto ada = client();
    auto bo = client();
    ada->join(room.room_id(), "Ada", room.join_code());
    auto w = bo->join(room.room_id(), "Bo", room.join_code());
    auto bo_id = w.welcome().member_id();
    bo->close();
    auto left =
        ada->receive_until([](const pb::ServerMessage& m) { return m.has_event() && m.event().has_member_left(); });
    EXPECT_EQ(left.event().member_left().member_id(), bo_id);
    EXPECT_EQ(left.event().member_left().reason(), pb::DISCONNECTED);
}

TEST_F(ConversationTest, LeaveIsAcknowledgedThenTheServerCloses) {
    auto room = create_room();
    auto ada = client();
    ada->join(room.room_id(), "Ada", room.join_code());
    pb::ClientMessage leave;
    leave.mutable_leave();
    auto ack = ada->request(leave);
    ASSERT_TRUE(ack.has_ack());
    EXPECT_EQ(ada->wait_closed(), 1000);
}

TEST_F(ConversationTest, ResumeTokenBringsTheSamePersonBackWithWhatTheyMissed) {
    auto room = create_room();
    auto ada = client();
    auto bo = client();
    auto first = ada->join(room.room_id(), "Ada", room.join_code());
    bo->join(room.room_id(), "Bo", room.join_code());
    auto seen = ada->wait_for_seq(3).seq();
    ada->close();
    bo->receive_until([](const pb::ServerMessage& m) { return m.has_event() && m.event().has_member_left(); });
    bo->post("while you were away");
    auto again = client();
    auto w = again->join(room.room_id(), "", "", "", first.welcome().resume_token(), seen);
    ASSERT_TRUE(w.has_welcome()) << w.DebugString();
    EXPECT_EQ(w.welcome().member_id(), first.welcome().member_id());
    // Only what came after seq 3: Ada's departure, Bo's message, Ada's return.
    ASSERT_EQ(w.welcome().history_size(), 3);
    EXPECT_EQ(w.welcome().history(0).seq(), 4u);
    EXPECT_EQ(w.welcome().history(1).message_posted().text(), "while you were away");
    EXPECT_TRUE(w.welcome().history(2).member_joined().returning());
}

TEST_F(ConversationTest, RestartKeepsHistoryAndTheRoomContinues) {
    auto room = create_room("Restart me");
    std::string token;
    std::vector<std::string> before;
    {
        auto ada = client();
        token = ada->join(room.room_id(), "Ada", room.join_code()).welcome().resume_token();
        for (int i = 0; i < 20; ++i) ada->post("message " + std::to_string(i));
        before = texts(ada->events());
        restart_server();  // with Ada still connected: the server stops under her
    }
    auto info = http_request(server->port(), "GET", "/api/rooms/" + room.room_id());
    EXPECT_EQ(info.status, 200);
    EXPECT_NE(info.body.find("Restart me"), std::string::npos);

    auto ada = client();
    auto w = ada->join(room.room_id(), "", "", "", token);
    ASSERT_TRUE(w.has_welcome()) << w.DebugString();
    EXPECT_EQ(w.welcome().member_id(), "m1");
    auto history = texts(ada->events());
    EXPECT_EQ(std::vector<std::string>(history.begin(), history.begin() + 20), before);
    // The restart marked her gone; she came back; numbering continues without a gap.
    auto ack = ada->post("after the restart");
    ASSERT_TRUE(ack.has_ack());
    auto stored = read_log(room.room_id());
    ASSERT_EQ(stored.size(), ack.ack().seq());
    for (std::size_t i = 0; i < stored.size(); ++i) EXPECT_EQ(stored[i].event.seq(), i + 1);
    EXPECT_EQ(stored[stored.size() - 3].event.member_left().reason(), pb::SERVER_RESTART);
    // New people can still join with the original code.
    EXPECT_TRUE(client()->join(room.room_id(), "Bo", room.join_code()).has_welcome());
}

TEST_F(ConversationTest, ManyRoomsAreIndependent) {
    auto a = create_room("A");
    auto b = create_room("B");
    auto in_a = client();
    auto in_b = client();
    in_a->join(a.room_id(), "Ada", a.join_code());
    in_b->join(b.room_id(), "Bo", b.join_code());
    in_a->post("only in A");
    auto ack = in_b->post("only in B");
    EXPECT_EQ(ack.ack().seq(), 3u);  // B's own numbering
    // A code of one room does not open another.
    auto err = client()->join(b.room_id(), "Eve", a.join_code());
    ASSERT_TRUE(err.has_error());
    EXPECT_EQ(err.error().code(), pb::UNAUTHENTICATED);
    std::vector<pb::Event> b_events;
    for (const auto& stored : read_log(b.room_id())) b_events.push_back(stored.event);
    EXPECT_EQ(texts(b_events), (std::vector<std::string>{"only in B"}));
}

}  // namespace
}  // namespace ts::test
