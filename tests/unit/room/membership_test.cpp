// Who may be in a room: the cap counts people here (not everyone ever admitted, which has a
// larger bound of its own), and a moderator can remove and ban someone, let them back, and
// replace the join code. One participant with one join code cannot lock the room.
#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

class MembershipTest : public room_fixture {
protected:
    MembershipTest() {
        facilitator = join("Facilitator", true);
        ada = join("Ada");
        bo = join("Bo");
    }

    room::outcome rejoin(std::uint64_t connection, std::uint64_t as_connection) {
        pb::ClientMessage m;
        m.mutable_join()->set_resume_token("token-" + std::to_string(as_connection));
        auto out = r.apply(m, {connection, ""}, clock.now_ms());
        record(out);
        return out;
    }

    room::outcome join_new(const std::string& name, const std::string& with_code = code) {
        pb::ClientMessage m;
        m.mutable_join()->set_display_name(name);
        m.mutable_join()->set_join_code(with_code);
        auto connection = ++connections;
        auto out = r.apply(m, {connection, "token-" + std::to_string(connection)}, clock.now_ms());
        record(out);
        return out;
    }

    static pb::ClientMessage remove(const std::string& member_id, bool ban) {
        return command([&](auto& m) {
            m.mutable_remove_member()->set_member_id(member_id);
            m.mutable_remove_member()->set_ban(ban);
        });
    }

    std::uint64_t facilitator = 0, ada = 0, bo = 0;
};

// A room of its own limits, joined with its join code.
struct capped_room {
    explicit capped_room(room::room_limits limits) : small("r", limits) {
        EXPECT_TRUE(small.create("t", "", "key-0123456789", "code-0123456789", 0).ok());
    }
    room::outcome join(std::uint64_t connection, const std::string& name) {
        pb::ClientMessage m;
        m.mutable_join()->set_display_name(name);
        m.mutable_join()->set_join_code("code-0123456789");
        return small.apply(m, {connection, "t" + std::to_string(connection)}, 0);
    }
    room::room small;
};

TEST(MembershipCapTest, TheCapCountsPeopleHereSoPeopleWhoWentMakeRoom) {
    capped_room capped(room::room_limits{.max_present = 2, .max_members = 10});
    auto& small = capped.small;
    auto join = [&](std::uint64_t connection, const std::string& name) { return capped.join(connection, name); };
    ASSERT_TRUE(join(1, "Ada").ok());
    ASSERT_TRUE(join(2, "Bo").ok());
    auto full = join(3, "Cy");
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error->code, pb::CONFLICT);
    EXPECT_NE(full.error->message.find("2 people are here"), std::string::npos) << full.error->message;
    // Facilitators always get in, to run the meeting.
    pb::ClientMessage moderator;
    moderator.mutable_join()->set_display_name("Facilitator");
    moderator.mutable_join()->set_moderator_key("key-0123456789");
    EXPECT_TRUE(small.apply(moderator, {4, "t4"}, 0).ok());
    // People leaving make room for someone new (the facilitator counted while here).
    ASSERT_FALSE(small.disconnect(1, 0).events.empty());
    EXPECT_FALSE(join(5, "Cy").ok());
    ASSERT_FALSE(small.disconnect(4, 0).events.empty());
    EXPECT_TRUE(join(6, "Cy").ok());
}

TEST(MembershipCapTest, PeopleEverAdmittedHaveALargerBoundOfTheirOwn) {
    capped_room capped(room::room_limits{.max_present = 10, .max_members = 2});
    auto& small = capped.small;
    auto join = [&](std::uint64_t connection, const std::string& name) { return capped.join(connection, name); };
    ASSERT_TRUE(join(1, "Ada").ok());
    ASSERT_TRUE(small.disconnect(1, 0).ok());
    ASSERT_TRUE(join(2, "Bo").ok());
    ASSERT_TRUE(small.disconnect(2, 0).ok());
    auto refused = join(3, "Cy");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error->code, pb::CONFLICT);
    EXPECT_NE(refused.error->message.find("over its life"), std::string::npos);
}

TEST(UnusedRoomTest, ARoomNobodyJoinedExpiresAndOneSomeoneJoinedDoesNot) {
    room::room unused("r", room::room_limits{.unused_room_days = 3});
    ASSERT_TRUE(unused.create("t", "", "key-0123456789", "code-0123456789", 1000).ok());
    EXPECT_EQ(unused.expires_at_ms(), 1000 + 3 * 24 * 3600 * 1000LL);
    // The time comes from the record: a restored room keeps it.
    auto restored = room::room::restore("r", unused.save_state(), room::room_limits{.unused_room_days = 3});
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->expires_at_ms(), unused.expires_at_ms());

    pb::ClientMessage moderator;
    moderator.mutable_join()->set_display_name("Facilitator");
    moderator.mutable_join()->set_moderator_key("key-0123456789");
    ASSERT_TRUE(unused.apply(moderator, {1, "t1"}, 2000).ok());
    EXPECT_FALSE(unused.expires_at_ms()) << "used: kept until it closes and its retention is over";
}

TEST_F(MembershipTest, AModeratorRemovesSomeoneWhoMayComeBack) {
    auto out = run(facilitator, remove(member(ada), false));
    ASSERT_TRUE(out.ok()) << out.error->message;
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].event.member_left().reason(), pb::REMOVED);
    EXPECT_EQ(out.closed_connections, std::vector<std::uint64_t>{ada});
    // The removed connection no longer acts for them.
    EXPECT_EQ(code_of(run(ada, command([](auto& m) { m.mutable_post()->set_text("Still here?"); }))),
              pb::UNAUTHENTICATED);
    // Not banned: they may come back.
    EXPECT_TRUE(rejoin(++connections, ada).ok());
}

TEST_F(MembershipTest, ABannedPersonsTokenIsRefusedUntilTheBanIsLifted) {
    const auto ada_id = member(ada);
    auto out = run(facilitator, remove(ada_id, true));
    ASSERT_TRUE(out.ok()) << out.error->message;
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_TRUE(out.events[1].event.member_ban_changed().banned());
    EXPECT_EQ(out.events[1].event.member_ban_changed().by_member_id(), member(facilitator));

    auto back = rejoin(++connections, ada);
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error->code, pb::BANNED);
    EXPECT_TRUE(r.snapshot().members(1).banned());

    // The record says so: a replayed room refuses them too.
    room::room replayed("r1");
    for (const auto& entry : log) ASSERT_FALSE(replayed.replay(entry));
    pb::ClientMessage token;
    token.mutable_join()->set_resume_token("token-" + std::to_string(ada));
    EXPECT_EQ(code_of(replayed.apply(token, {99, ""}, clock.now_ms())), pb::BANNED);

    EXPECT_EQ(code_of(run(facilitator, remove(ada_id, true))), pb::CONFLICT) << "already banned";
    ASSERT_TRUE(run(facilitator, command([&](auto& m) { m.mutable_lift_ban()->set_member_id(ada_id); })).ok());
    EXPECT_TRUE(rejoin(++connections, ada).ok());
    EXPECT_EQ(code_of(run(facilitator, command([&](auto& m) { m.mutable_lift_ban()->set_member_id(ada_id); }))),
              pb::CONFLICT)
        << "not banned any more";
}

TEST_F(MembershipTest, SomeoneWhoHasGoneCanStillBeBanned) {
    const auto bo_id = member(bo);
    record(r.disconnect(bo, clock.now_ms()));
    EXPECT_EQ(code_of(run(facilitator, remove(bo_id, false))), pb::CONFLICT) << "removing someone not here";
    auto out = run(facilitator, remove(bo_id, true));
    ASSERT_TRUE(out.ok());
    ASSERT_EQ(out.events.size(), 1u) << "no leaving: they had gone";
    EXPECT_TRUE(out.events[0].event.has_member_ban_changed());
    EXPECT_EQ(code_of(rejoin(++connections, bo)), pb::BANNED);
}

TEST_F(MembershipTest, OnlyModeratorsRemoveAndNeverAModeratorOrThemselves) {
    const auto before = r.save_state();
    EXPECT_EQ(code_of(run(ada, remove(member(bo), true))), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(facilitator, remove(member(facilitator), false))), pb::CONFLICT);
    auto second = join("Second facilitator", true);
    EXPECT_EQ(code_of(run(facilitator, remove(member(second), true))), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(facilitator, remove("m99", true))), pb::NOT_FOUND);
    EXPECT_EQ(code_of(run(ada, command([&](auto& m) { m.mutable_lift_ban()->set_member_id("m2"); }))),
              pb::PERMISSION_DENIED);
    EXPECT_NE(r.save_state(), before) << "the second facilitator joined";
    EXPECT_TRUE(r.member_of(ada) && r.member_of(bo));
}

TEST_F(MembershipTest, ANewJoinCodeLetsNobodyNewInWithTheOldOne) {
    const std::string fresh = "NewCode_0123456789-abc";
    auto rotate = [&](std::uint64_t who, const std::string& value) {
        return run(who, command([&](auto& m) { m.mutable_rotate_join_code()->set_join_code(value); }));
    };
    EXPECT_EQ(code_of(rotate(ada, fresh)), pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(rotate(facilitator, "short")), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(rotate(facilitator, "has spaces in it, which a link cannot")), pb::BAD_REQUEST);
    auto out = rotate(facilitator, fresh);
    ASSERT_TRUE(out.ok()) << out.error->message;
    EXPECT_EQ(out.events[0].event.join_code_rotated().by_member_id(), member(facilitator));
    EXPECT_EQ(out.events[0].event.SerializeAsString().find(fresh), std::string::npos) << "the code is not public";

    EXPECT_EQ(code_of(join_new("Cy")), pb::UNAUTHENTICATED);
    EXPECT_TRUE(join_new("Cy", fresh).ok());
    // People already in keep coming back with their tokens.
    record(r.disconnect(ada, clock.now_ms()));
    EXPECT_TRUE(rejoin(++connections, ada).ok());

    room::room replayed("r1");
    for (const auto& entry : log) {
        auto e = replayed.replay(entry);
        ASSERT_FALSE(e) << e->message;
    }
    pb::ClientMessage with_new;
    with_new.mutable_join()->set_display_name("Dee");
    with_new.mutable_join()->set_join_code(fresh);
    EXPECT_TRUE(replayed.apply(with_new, {99, "t99"}, clock.now_ms()).ok());
}

}  // namespace
}  // namespace ts::test

namespace ts::test {
namespace {

// What the host answers itself (participation figures, deleting the room) is allowed by the
// room's own rules, like every command.
TEST_F(MembershipTest, OnlyAModeratorWhoTypesTheTitleMayDeleteTheRoomAndOnlyMembersGetFigures) {
    auto deletion = [&](const std::string& typed) {
        return command([&](auto& m) { m.mutable_delete_room()->set_title(typed); });
    };
    pb::ClientMessage figures;
    figures.mutable_get_participation();
    EXPECT_EQ(r.refusal_of_request(999, figures)->code, pb::UNAUTHENTICATED);
    EXPECT_FALSE(r.refusal_of_request(ada, figures));
    EXPECT_EQ(r.refusal_of_request(ada, deletion(r.title()))->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(r.refusal_of_request(facilitator, deletion("meeting"))->code, pb::BAD_REQUEST);  // exactly, case too
    EXPECT_EQ(r.refusal_of_request(facilitator, deletion("something else"))->code, pb::BAD_REQUEST);
    EXPECT_FALSE(r.refusal_of_request(facilitator, deletion(r.title())));
}

}  // namespace
}  // namespace ts::test
