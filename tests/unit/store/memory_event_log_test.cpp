#include "store/memory_event_log.hpp"

#include <gtest/gtest.h>

namespace ts::store {
namespace {

TEST(MemoryEventLog, KeepsEntriesInOrderPerRoom) {
    memory_event_log log;
    int done = 0;
    log.append("a", 0, {{1, "e1", "p1", ""}, {2, "e2", "", ""}},
               [&](store::write_outcome o) { done += o.result == write_result::durable; });
    log.append("b", 0, {{1, "x", "", ""}}, [&](store::write_outcome o) { done += o.result == write_result::durable; });
    log.append("a", 0, {{3, "e3", "", ""}}, [&](store::write_outcome o) { done += o.result == write_result::durable; });
    EXPECT_EQ(done, 3);
    auto a = log.load("a");
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[0].hidden, "p1");
    EXPECT_EQ(a[2].event, "e3");
    EXPECT_EQ(log.room_ids(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(log.status().written, 4u);
    EXPECT_TRUE(log.load("nope").empty());
}

TEST(MemoryEventLog, KeepsTheRedisPromisesOnOrderAndRepeats) {
    memory_event_log log;
    std::vector<write_outcome> outcomes;
    auto keep = [&](write_outcome o) { outcomes.push_back(std::move(o)); };
    log.append("a", 0, {{1, "e1", "", ""}, {2, "e2", "", ""}}, keep);
    log.append("a", 0, {{2, "e2", "", ""}}, keep);         // a repeat of what is stored: fine
    log.append("a", 0, {{4, "e4", "", ""}}, keep);         // would leave a gap
    log.append("a", 0, {{2, "different", "", ""}}, keep);  // contradicts what is stored
    ASSERT_EQ(outcomes.size(), 4u);
    EXPECT_EQ(outcomes[0].result, write_result::durable);
    EXPECT_EQ(outcomes[1].result, write_result::durable);
    EXPECT_EQ(outcomes[2].result, write_result::damaged);
    EXPECT_EQ(outcomes[3].result, write_result::damaged);
    EXPECT_EQ(log.load("a").size(), 2u);
    EXPECT_EQ(log.load("a")[1].event, "e2");
}

TEST(MemoryEventLog, AWriterOlderThanTheNewestToWriteTheRoomIsFencedOff) {
    memory_event_log log;
    std::vector<write_outcome> outcomes;
    auto keep = [&](write_outcome o) { outcomes.push_back(std::move(o)); };
    log.append("a", 1, {{1, "e1", "", ""}}, keep);
    log.append("a", 2, {{2, "e2", "", ""}}, keep);     // taken over
    log.append("a", 1, {{3, "stale", "", ""}}, keep);  // the old owner, late
    log.append("a", 2, {{3, "e3", "", ""}}, keep);
    ASSERT_EQ(outcomes.size(), 4u);
    EXPECT_EQ(outcomes[2].result, write_result::fenced);
    EXPECT_EQ(outcomes[3].result, write_result::durable) << "a fence says nothing against the record";
    EXPECT_EQ(log.load("a").back().event, "e3");
}

}  // namespace
}  // namespace ts::store
