// Keeping a room for the people invited, over real sockets: one address can add only so
// many people; a moderator removes and bans someone (their connection closes with its own
// code, and their browser's token no longer lets them back), and replaces the join code.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class MembershipTest : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        room = create_room();
        facilitator = client();
        ASSERT_TRUE(facilitator->join(room.room_id(), "Facilitator", "", room.moderator_key()).has_welcome());
    }

    pb::ServerMessage command(const std::function<void(pb::ClientMessage&)>& set) {
        pb::ClientMessage m;
        set(m);
        return facilitator->request(m);
    }

    pb::CreateRoomResponse room;
    std::unique_ptr<ws_client> facilitator;
};

TEST_F(MembershipTest, OneAddressAddsOnlySoManyPeopleButAnyoneMayComeBack) {
    restart_server({"--new-members-per-hour", "60", "--new-member-burst", "30"});
    facilitator = client();
    ASSERT_TRUE(facilitator->join(room.room_id(), "Facilitator", "", room.moderator_key()).has_welcome());
    std::vector<std::unique_ptr<ws_client>> people;
    std::string first_token;
    // The facilitator was one; a first 30 at once in all.
    for (int i = 1; i < 30; ++i) {
        people.push_back(client());
        auto w = people.back()->join(room.room_id(), "Person " + std::to_string(i), room.join_code());
        ASSERT_TRUE(w.has_welcome()) << "person " << i << ": " << w.DebugString();
        if (i == 1) first_token = w.welcome().resume_token();
    }
    auto refused = client()->join(room.room_id(), "One too many", room.join_code());
    ASSERT_TRUE(refused.has_error()) << refused.DebugString();
    EXPECT_EQ(refused.error().code(), pb::RATE_LIMITED);
    EXPECT_GT(refused.error().retry_after_ms(), 0u);
    // Coming back is never limited.
    people.front().reset();
    auto back = client()->join(room.room_id(), "", "", "", first_token);
    EXPECT_TRUE(back.has_welcome()) << back.DebugString();
}

// A community event: forty people on one venue's Wi-Fi (one public address) arrive together at
// the start of the meeting. The default burst lets them all in.
TEST_F(MembershipTest, AVenueOfFortyOnOneAddressJoinsTogetherWithTheDefaults) {
    restart_server({"--new-members-per-hour", "600"});  // the default rate, and the default burst
    std::vector<std::unique_ptr<ws_client>> people;
    for (int i = 1; i <= 40; ++i) {
        people.push_back(client());
        auto w = people.back()->join(room.room_id(), "Guest " + std::to_string(i), room.join_code());
        ASSERT_TRUE(w.has_welcome()) << "guest " << i << ": " << w.ShortDebugString();
    }
}

TEST_F(MembershipTest, ABannedPersonIsClosedOutAndTheirTokenRefused) {
    auto ada = client();
    auto w = ada->join(room.room_id(), "Ada", room.join_code());
    ASSERT_TRUE(w.has_welcome());
    const auto token = w.welcome().resume_token();
    const auto ada_id = w.welcome().member_id();
    // The minutes are shared with everyone: Ada's token downloads them, until she is banned.
    ASSERT_TRUE(command([&](auto& m) { m.mutable_share_minutes()->set_with_everyone(true); }).has_ack());
    const auto minutes = [&](const std::string& format) {
        return http_request(server->port(), "GET", "/api/rooms/" + room.room_id() + "/transcript?format=" + format, "",
                            {{"Authorization", "Bearer " + token}})
            .status;
    };
    EXPECT_EQ(minutes("md"), 200);

    auto removed = command([&](auto& m) {
        m.mutable_remove_member()->set_member_id(ada_id);
        m.mutable_remove_member()->set_ban(true);
    });
    ASSERT_TRUE(removed.has_ack()) << removed.DebugString();
    EXPECT_EQ(ada->wait_closed(), 4003) << ada->close_reason();
    EXPECT_NE(ada->close_reason().find("removed"), std::string::npos);

    auto again = client()->join(room.room_id(), "", "", "", token);
    ASSERT_TRUE(again.has_error()) << again.DebugString();
    EXPECT_EQ(again.error().code(), pb::BANNED);
    // A ban closes every way in, the downloads too.
    EXPECT_EQ(minutes("md"), 401);
    EXPECT_EQ(minutes("html"), 401);
    EXPECT_EQ(minutes("txt"), 401);

    // After a restart too: the ban is in the record.
    restart_server();
    again = client()->join(room.room_id(), "", "", "", token);
    ASSERT_TRUE(again.has_error()) << again.DebugString();
    EXPECT_EQ(again.error().code(), pb::BANNED);
    EXPECT_EQ(minutes("md"), 401);
}

TEST_F(MembershipTest, ARotatedJoinCodeRefusesTheOldLink) {
    const std::string fresh = "rotated-code-0123456789abcdef";
    auto rotated = command([&](auto& m) { m.mutable_rotate_join_code()->set_join_code(fresh); });
    ASSERT_TRUE(rotated.has_ack()) << rotated.DebugString();
    auto old = client()->join(room.room_id(), "Cy", room.join_code());
    ASSERT_TRUE(old.has_error());
    EXPECT_EQ(old.error().code(), pb::UNAUTHENTICATED);
    EXPECT_TRUE(client()->join(room.room_id(), "Cy", fresh).has_welcome());
    restart_server();
    EXPECT_TRUE(client()->join(room.room_id(), "Dee", fresh).has_welcome());
    EXPECT_TRUE(client()->join(room.room_id(), "Eli", room.join_code()).has_error());
}

}  // namespace
}  // namespace ts::test
