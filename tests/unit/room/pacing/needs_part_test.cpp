// The needs part on its own.
#include "room/pacing/needs_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class NeedsPartTest : public ::testing::Test {
protected:
    decision say(const pb::Member& who, bool slower, bool check_in, bool share) {
        pb::ClientMessage m;
        auto* n = m.mutable_set_needs()->mutable_needs();
        n->set_slower_pace(slower);
        n->set_check_in(check_in);
        n->set_share_with_moderators(share);
        return test::run_part(part, m, who, view, seq);
    }

    needs_part part;
    test::fake_room_view view;
    std::uint64_t seq = 0;
    pb::Member ada = person("m2", pb::PARTICIPANT);
    pb::Member bo = person("m3", pb::OBSERVER);
    pb::Member cy = person("m4", pb::PARTICIPANT);
};

TEST_F(NeedsPartTest, ANeedReachesOnlyThePersonAndModeratorsOnlyIfShared) {
    auto kept = say(ada, true, false, false);
    ASSERT_FALSE(kept.error);
    const auto& event = kept.events[0].event;
    ASSERT_EQ(event.private_to_size(), 1);
    EXPECT_EQ(event.private_to(0), "m2");
    EXPECT_TRUE(event.only_listed());
    EXPECT_FALSE(say(ada, true, false, true).events[0].event.only_listed());
    EXPECT_TRUE(part.needs_of("m2").slower_pace());
    EXPECT_FALSE(part.needs_of("m9").slower_pace());
}

TEST_F(NeedsPartTest, ModeratorsSeeTotalsAndOnlySharedNamesInTheRoomsOrder) {
    say(cy, true, true, true);
    say(ada, true, false, false);
    say(bo, false, false, true);  // nothing needed: not counted
    auto s = part.summary({"m2", "m3", "m4"});
    EXPECT_EQ(s.people(), 2u);
    EXPECT_EQ(s.slower_pace(), 2u);
    EXPECT_EQ(s.check_in(), 1u);
    ASSERT_EQ(s.shared_size(), 1);
    EXPECT_EQ(s.shared(0).member_id(), "m4");
    EXPECT_EQ(part.summary({"m2"}).people(), 1u);  // only those asked about
}

}  // namespace
}  // namespace ts::room
