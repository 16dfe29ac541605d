// Joining with a verified join token (the organisation's portal's word): the role and the
// name are the token's, and a token is taken once until it expires, also after a replay or
// a restore from a snapshot.
#include <gtest/gtest.h>

#include "room/room.hpp"
#include "unit/room/fake_clock.hpp"

namespace ts::room {
namespace {

pb::ClientMessage join_with_token(const std::string& client_name = "", bool as_observer = false) {
    pb::ClientMessage m;
    m.set_request_id(1);
    m.mutable_join()->set_room_id("r1");
    m.mutable_join()->set_display_name(client_name);
    m.mutable_join()->set_join_token("(checked by the server before the room sees it)");
    m.mutable_join()->set_as_observer(as_observer);
    return m;
}

verified_join grant(pb::Role role, const std::string& id, std::int64_t expires_ms, std::string name = "Ada Lovelace") {
    verified_join g;
    g.role = role;
    g.display_name = std::move(name);
    g.pronouns = "she/her";
    g.token_id = id;
    g.expires_ms = expires_ms;
    return g;
}

class JoinGrantTest : public ::testing::Test {
protected:
    JoinGrantTest() : r("r1") {
        keep(r.create("Budget meeting", "", "moderator-key-0123456789", "join-code-0123456789", clock.now_ms()));
    }

    outcome join(std::uint64_t connection, const verified_join& g, const pb::ClientMessage& m = join_with_token()) {
        return keep(r.apply(m, command_context{connection, "token-" + std::to_string(connection), g}, clock.now_ms()));
    }

    outcome keep(outcome out) {
        all.insert(all.end(), out.events.begin(), out.events.end());
        return out;
    }

    test::fake_clock clock;
    room r;
    std::vector<logged_event> all;
};

TEST_F(JoinGrantTest, TheRoleAndTheNameAreTheTokensNotTheClients) {
    auto out = join(1, grant(pb::MODERATOR, "jti-1", clock.now_ms() + 60000),
                    join_with_token("Someone Else", /*as_observer=*/false));
    ASSERT_TRUE(out.ok()) << out.error->message;
    EXPECT_EQ(out.welcome->role, pb::MODERATOR);
    const auto& joined = out.events.back().event.member_joined().member();
    EXPECT_EQ(joined.display_name(), "Ada Lovelace");
    EXPECT_EQ(joined.pronouns(), "she/her");
    EXPECT_EQ(joined.role(), pb::MODERATOR);
    // Only a digest of the token's id is kept, with its expiry; never the id itself.
    const auto& hidden = out.events.back().hidden;
    EXPECT_EQ(hidden.join_token_id_hash().size(), 32u);
    EXPECT_EQ(hidden.SerializeAsString().find("jti-1"), std::string::npos);

    auto observer = join(2, grant(pb::OBSERVER, "jti-2", clock.now_ms() + 60000, "Bo"));
    ASSERT_TRUE(observer.ok());
    EXPECT_EQ(observer.welcome->role, pb::OBSERVER);
}

TEST_F(JoinGrantTest, ATokenIsTakenOnceUntilItExpiresEvenAfterAReplayOrARestore) {
    const auto expires = clock.now_ms() + 60000;
    ASSERT_TRUE(join(1, grant(pb::PARTICIPANT, "jti-1", expires)).ok());
    auto again = join(2, grant(pb::PARTICIPANT, "jti-1", expires));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error->code, pb::CONFLICT);
    EXPECT_NE(again.error->message.find("used already"), std::string::npos);

    room replayed("r1");
    for (const auto& e : all) ASSERT_FALSE(replayed.replay(e).has_value());
    auto restored = room::restore("r1", r.save_state());
    ASSERT_TRUE(restored);
    for (room* copy : {&replayed, &*restored}) {
        auto refused = copy->apply(join_with_token(),
                                   command_context{7, "t7", grant(pb::PARTICIPANT, "jti-1", expires)}, clock.now_ms());
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error->code, pb::CONFLICT);
    }

    // Another token for the same person is a new join; the resume token is how they come back.
    EXPECT_TRUE(join(3, grant(pb::PARTICIPANT, "jti-3", expires, "Bo")).ok());
}

TEST_F(JoinGrantTest, AnExpiredTokensIdIsForgottenAsLaterJoinsAreRecorded) {
    const auto expires = clock.now_ms() + 1000;
    ASSERT_TRUE(join(1, grant(pb::PARTICIPANT, "jti-1", expires)).ok());
    clock.advance(5000);
    // (The server refuses an expired token before the room sees it; the room only forgets.)
    ASSERT_TRUE(join(2, grant(pb::PARTICIPANT, "jti-2", clock.now_ms() + 1000, "Bo")).ok());
    auto restored = room::restore("r1", r.save_state());
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->save_state(), r.save_state());
    room replayed("r1");
    for (const auto& e : all) ASSERT_FALSE(replayed.replay(e).has_value());
    EXPECT_EQ(replayed.save_state(), r.save_state()) << "replay forgets exactly what the live room forgot";
    // Past its time the id is no longer held against anyone.
    EXPECT_TRUE(join(3, grant(pb::PARTICIPANT, "jti-1", clock.now_ms() + 1000, "Cy")).ok());
}

}  // namespace
}  // namespace ts::room
