#include "app/snapshot_schedule.hpp"

#include <gtest/gtest.h>

namespace ts::app {
namespace {

TEST(SnapshotSchedule, ASnapshotIsTakenEverySoManyEventsAndWhenTheMeetingCloses) {
    snapshot_schedule s(10, 100);
    EXPECT_FALSE(s.due(10, true));  // nothing new since the last
    EXPECT_FALSE(s.due(109, false));
    EXPECT_TRUE(s.due(110, false));
    EXPECT_TRUE(s.due(11, true));
    s.taken({110, std::string(300 * 1024, 'x')});  // a large state: written more rarely
    EXPECT_FALSE(s.due(300, false));
    EXPECT_TRUE(s.due(410, false));
}

TEST(SnapshotSchedule, ASnapshotIsWrittenOnlyOnceItsEventsAreDurableAndOneAtATime) {
    snapshot_schedule s(0, 10);
    s.taken({10, "first"});
    EXPECT_FALSE(s.idle());
    EXPECT_FALSE(s.to_write(9));
    auto first = s.to_write(10);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->state, "first");
    EXPECT_TRUE(s.writing());
    s.taken({20, "second"});
    EXPECT_FALSE(s.to_write(30));  // the first is still being written
    s.written();
    auto second = s.to_write(30);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->seq, 20u);
    s.written();
    EXPECT_TRUE(s.idle());
    EXPECT_FALSE(s.to_write(30));
}

}  // namespace
}  // namespace ts::app
