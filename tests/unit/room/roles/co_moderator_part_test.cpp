// The co-moderator part on its own: who may share moderating, with whom, and taking it back.
#include "room/roles/co_moderator_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class CoModeratorPart : public ::testing::Test, protected test::three_people {
protected:
    CoModeratorPart() {
        for (const auto& m : {mod, ada, bo, person("m4", pb::OBSERVER), person("m5", pb::MODERATOR)})
            view.members[m.member_id()] = m;
        view.members["m6"] = person("m6", pb::PARTICIPANT);
        view.members["m6"].set_in_room(true);
        for (auto& [id, m] : view.members) m.set_present(true);
    }
    decision set(const std::string& who, bool on, const pb::Member& by) {
        pb::ClientMessage m;
        m.mutable_set_co_moderator()->set_member_id(who);
        m.mutable_set_co_moderator()->set_co_moderator(on);
        auto d = test::run_part(part, m, by, view, seq);
        // The core folds the role into the member's record.
        for (const auto& e : d.events)
            view.members[e.event.role_changed().member_id()].set_role(e.event.role_changed().role());
        return d;
    }

    co_moderator_part part;
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(CoModeratorPart, AModeratorSharesModeratingWithAParticipantOnlineAndTakesItBack) {
    EXPECT_EQ(set("m2", true, bo).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(set("m6", true, mod).error->code, pb::NOT_FOUND);  // in the room, no device
    EXPECT_EQ(set("m4", true, mod).error->code, pb::CONFLICT);   // an observer
    EXPECT_EQ(set("m9", true, mod).error->code, pb::NOT_FOUND);
    auto made = set("m2", true, mod);
    ASSERT_FALSE(made.error);
    EXPECT_EQ(made.events[0].event.role_changed().role(), pb::MODERATOR);
    EXPECT_EQ(made.events[0].event.role_changed().by_member_id(), "m1");
    EXPECT_EQ(set("m2", true, mod).error->code, pb::CONFLICT);  // already
    const auto ada_now = view.members["m2"];
    // The co-moderator may do what moderators do, sharing too, but not undo their own role.
    EXPECT_EQ(set("m2", false, ada_now).error->code, pb::CONFLICT);
    ASSERT_FALSE(set("m3", true, ada_now).error);
    // Only a granted role is taken back: whoever came with the key stays a moderator.
    EXPECT_EQ(set("m5", false, mod).error->code, pb::CONFLICT);
    EXPECT_EQ(set("m1", false, ada_now).error->code, pb::CONFLICT);
    auto back = set("m2", false, mod);
    ASSERT_FALSE(back.error);
    EXPECT_EQ(back.events[0].event.role_changed().role(), pb::PARTICIPANT);
    EXPECT_EQ(set("m2", false, mod).error->code, pb::CONFLICT);
}

// The role goes to someone here online (proto and README): not to someone who has left.
TEST_F(CoModeratorPart, SomeoneWhoHasLeftCannotBeMadeACoModerator) {
    view.members["m2"].set_present(false);
    const auto refused = set("m2", true, mod);
    ASSERT_TRUE(refused.error);
    EXPECT_EQ(refused.error->code, pb::CONFLICT);
    EXPECT_NE(refused.error->message.find("left"), std::string::npos) << refused.error->message;
    view.members["m2"].set_present(true);
    EXPECT_FALSE(set("m2", true, mod).error);
}

}  // namespace
}  // namespace ts::room
