// Bad input gets a clear, typed error (or, for protocol violations, a close with the
// right RFC 6455 code); the server stays up; nothing is persisted from a refused command.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class BadInputTest : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        room = create_room();
        ada = client();
        auto w = ada->join(room.room_id(), "Ada", room.join_code());
        ASSERT_TRUE(w.has_welcome());
        logged_before = read_log(room.room_id()).size();
    }

    void TearDown() override {
        EXPECT_EQ(read_log(room.room_id()).size(), logged_before) << "a refused command left a trace in Redis";
        expect_alive();
    }

    static void expect_error(const pb::ServerMessage& m, pb::ErrorCode code) {
        ASSERT_TRUE(m.has_error()) << m.DebugString();
        EXPECT_EQ(m.error().code(), code) << m.error().message();
        EXPECT_FALSE(m.error().message().empty());
    }

    pb::ServerMessage next_error(ws_client& c) {
        return c.receive_until([](const pb::ServerMessage& m) { return m.has_error(); });
    }

    // Another connection, kept open until after TearDown has checked the log (closing it
    // would record a departure).
    ws_client* other() {
        others.push_back(client());
        return others.back().get();
    }

    // Someone else in the room, who sees Ada leave when the server closes her connection.
    ws_client* watcher() {
        auto* bo = other();
        EXPECT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
        logged_before += 1;
        return bo;
    }

    // A closed connection leaves the room, and that departure is all that was recorded.
    void expect_only_departure(ws_client& watcher) {
        auto left = watcher.receive_until(
            [](const pb::ServerMessage& m) { return m.has_event() && m.event().has_member_left(); });
        EXPECT_EQ(left.event().member_left().member_id(), "m1");
        logged_before += 1;
        auto log = read_log(room.room_id());
        EXPECT_TRUE(log.back().event.has_member_left());
    }

    pb::CreateRoomResponse room;
    std::unique_ptr<ws_client> ada;
    std::vector<std::unique_ptr<ws_client>> others;
    std::size_t logged_before = 0;
};

TEST_F(BadInputTest, UndecodableBytes) {
    ada->send_binary(std::string("\xff\xff\xff\xff\x0f garbage", 14));
    expect_error(next_error(*ada), pb::BAD_REQUEST);
    // The connection is still usable afterwards.
    EXPECT_TRUE(ada->post("still here").has_ack());
    logged_before += 1;
}

TEST_F(BadInputTest, UnknownCommand) {
    // request_id = 5, then field 999 (length-delimited, empty): a command from the future.
    ada->send_binary(std::string("\x08\x05\xba\x3e\x00", 5));
    auto m = next_error(*ada);
    expect_error(m, pb::BAD_REQUEST);
    EXPECT_EQ(m.error().request_id(), 5u);
}

TEST_F(BadInputTest, FrameOverTheSizeLimitClosesWith1009) {
    auto bo = watcher();
    pb::ClientMessage m;
    m.mutable_post()->set_text(std::string(70 * 1024, 'a'));
    ada->send(m);
    EXPECT_EQ(ada->wait_closed(), 1009) << ada->close_reason();
    expect_only_departure(*bo);
}

TEST_F(BadInputTest, TextFrameClosesWith1003) {
    auto bo = watcher();
    ada->send_text("{\"post\": \"hello\"}");
    EXPECT_EQ(ada->wait_closed(), 1003) << ada->close_reason();
    expect_only_departure(*bo);
}

TEST_F(BadInputTest, InvalidUtf8InATextField) {
    // request_id = 7; post { text = "\xff\xfe" }
    ada->send_binary(std::string("\x08\x07\x5a\x04\x0a\x02\xff\xfe", 8));
    expect_error(next_error(*ada), pb::BAD_REQUEST);
}

TEST_F(BadInputTest, DisplayNames) {
    auto* c = other();
    expect_error(c->join(room.room_id(), "", room.join_code()), pb::BAD_REQUEST);
    expect_error(c->join(room.room_id(), "   ", room.join_code()), pb::BAD_REQUEST);
    expect_error(c->join(room.room_id(), std::string(65, 'x'), room.join_code()), pb::TOO_LARGE);
    expect_error(c->join(room.room_id(), "tab\x01name", room.join_code()), pb::BAD_REQUEST);
}

TEST_F(BadInputTest, OverLongMessage) {
    expect_error(ada->post(std::string(2001, 'x')), pb::TOO_LARGE);
    expect_error(ada->post(" \n\t "), pb::BAD_REQUEST);
}

TEST_F(BadInputTest, WrongJoinCode) {
    auto* c = other();
    expect_error(c->join(room.room_id(), "Eve", "not-the-code"), pb::UNAUTHENTICATED);
    expect_error(c->join(room.room_id(), "Eve", "", "not-the-key"), pb::UNAUTHENTICATED);
    expect_error(c->join(room.room_id(), "Eve", "", "", "not-a-token"), pb::UNAUTHENTICATED);
}

TEST_F(BadInputTest, ModeratorCommandFromAParticipant) {
    pb::ClientMessage update;
    update.mutable_update_room()->set_title("Taken over");
    expect_error(ada->request(update), pb::PERMISSION_DENIED);
    auto info = http_request(server->port(), "GET", "/api/rooms/" + room.room_id());
    EXPECT_EQ(info.body.find("Taken over"), std::string::npos);
}

TEST_F(BadInputTest, CommandBeforeJoining) {
    auto* c = other();
    expect_error(c->post("hello?"), pb::UNAUTHENTICATED);
}

TEST_F(BadInputTest, RoomThatDoesNotExist) {
    auto* c = other();
    expect_error(c->join("nosuchroom", "Eve", room.join_code()), pb::NOT_FOUND);
    // The connection may still join a real room afterwards.
    EXPECT_TRUE(c->join(room.room_id(), "Eve", room.join_code()).has_welcome());
    logged_before += 1;
}

TEST_F(BadInputTest, JoiningTwiceOnOneConnection) {
    expect_error(ada->join(room.room_id(), "Ada again", room.join_code()), pb::CONFLICT);
}

TEST_F(BadInputTest, WrongOrMissingSubprotocolIsRefusedAtTheHandshake) {
    EXPECT_EQ(handshake_status(server->port(), ""), 400);
    EXPECT_EQ(handshake_status(server->port(), "talkingstick.v0"), 400);
    EXPECT_EQ(handshake_status(server->port(), "chat, talkingstick.v1"), 101);
}

// A page on another site cannot open sessions from its visitors' browsers: only the server's
// own pages, loopback (development) and origins the operator allows.
class OriginTest : public ServerTest {};

TEST_F(OriginTest, AWebSocketFromAnotherSitesPageIsRefused) {
    const int port = server->port();
    EXPECT_EQ(handshake_status(port, "talkingstick.v1", "https://elsewhere.example"), 403);
    EXPECT_EQ(handshake_status(port, "talkingstick.v1", "null"), 403);
    EXPECT_EQ(handshake_status(port, "talkingstick.v1", "https://meet.example.org", "meet.example.org"), 101);
    EXPECT_EQ(handshake_status(port, "talkingstick.v1", "https://meet.example.org", "other.example.org"), 403);
    EXPECT_EQ(handshake_status(port, "talkingstick.v1", "http://localhost:5173"), 101);
    EXPECT_EQ(handshake_status(port, "talkingstick.v1", ""), 101) << "a program, not a browser";
    restart_server({"--allowed-origin", "https://partner.example, https://intranet.example:8443"});
    EXPECT_EQ(handshake_status(server->port(), "talkingstick.v1", "https://partner.example"), 101);
    EXPECT_EQ(handshake_status(server->port(), "talkingstick.v1", "https://intranet.example:8443"), 101);
    EXPECT_EQ(handshake_status(server->port(), "talkingstick.v1", "https://elsewhere.example"), 403);
}

TEST_F(BadInputTest, TooManyCommandsAreRateLimited) {
    // The default allows a burst of 40 and 20 per second; send 80 without waiting.
    const int sent = 80;
    for (int i = 0; i < sent; ++i) {
        pb::ClientMessage m;
        m.set_request_id(1000 + i);
        m.mutable_post()->set_text("flood " + std::to_string(i));
        ada->send(m);
    }
    int acks = 0, limited = 0;
    while (acks + limited < sent) {
        auto m = ada->receive_until([](const pb::ServerMessage& x) { return x.has_ack() || x.has_error(); });
        if (m.has_ack())
            ++acks;
        else {
            EXPECT_EQ(m.error().code(), pb::RATE_LIMITED);
            EXPECT_GT(m.error().retry_after_ms(), 0u);
            ++limited;
        }
    }
    EXPECT_GT(limited, 0);
    EXPECT_GE(acks, 39);                              // the burst, less the token the join took
    logged_before += static_cast<std::size_t>(acks);  // exactly the accepted ones were kept
}

}  // namespace
}  // namespace ts::test
