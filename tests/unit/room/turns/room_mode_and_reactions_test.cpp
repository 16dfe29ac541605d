// The room-mode and reactions parts on their own.
#include <gtest/gtest.h>

#include "room/turns/reactions_part.hpp"
#include "room/turns/room_mode_part.hpp"
#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

TEST(RoomModePart, ModeratorsSwitchBetweenOpenAndStructured) {
    room_mode_part part;
    test::fake_room_view view;
    std::uint64_t seq = 0;
    auto set = [&](pb::RoomMode mode, const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_set_room_mode()->set_mode(mode);
        return test::run_part(part, m, who, view, seq);
    };
    auto mod = person("m1", pb::MODERATOR);
    EXPECT_EQ(set(pb::STRUCTURED, person("m2", pb::PARTICIPANT)).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(set(pb::OPEN, mod).error->code, pb::CONFLICT);  // a room starts open
    EXPECT_EQ(set(pb::ROOM_MODE_UNSPECIFIED, mod).error->code, pb::BAD_REQUEST);
    auto changed = set(pb::STRUCTURED, mod);
    ASSERT_FALSE(changed.error);
    EXPECT_EQ(changed.events[0].event.room_mode_changed().by_member_id(), "m1");
    EXPECT_EQ(part.mode(), pb::STRUCTURED);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.mode(), pb::STRUCTURED);
}

TEST(ReactionsPart, EveryoneButObserversReactWithAKnownReaction) {
    reactions_part part;
    test::fake_room_view view;
    std::uint64_t seq = 0;
    auto react = [&](pb::ReactionKind kind, const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_react()->set_kind(kind);
        return test::run_part(part, m, who, view, seq);
    };
    EXPECT_EQ(react(pb::AGREE, person("m3", pb::OBSERVER)).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(react(pb::REACTION_KIND_UNSPECIFIED, person("m2", pb::PARTICIPANT)).error->code, pb::BAD_REQUEST);
    auto given = react(pb::PLEASE_CLARIFY, person("m2", pb::PARTICIPANT));
    ASSERT_FALSE(given.error);
    EXPECT_EQ(given.events[0].event.reaction_given().member_id(), "m2");
    EXPECT_EQ(given.events[0].event.reaction_given().kind(), pb::PLEASE_CLARIFY);
}

}  // namespace
}  // namespace ts::room
