#include "store/memory_event_log.hpp"

#include <gtest/gtest.h>

namespace ts::store {
namespace {

TEST(MemoryEventLog, KeepsEntriesInOrderPerRoom) {
    memory_event_log log;
    int done = 0;
    log.append("a", {{1, "e1", "p1"}, {2, "e2", ""}}, [&](store::write_outcome o) { done += o.result == write_result::durable; });
    log.append("b", {{1, "x", ""}}, [&](store::write_outcome o) { done += o.result == write_result::durable; });
    log.append("a", {{3, "e3", ""}}, [&](store::write_outcome o) { done += o.result == write_result::durable; });
    EXPECT_EQ(done, 3);
    auto a = log.load("a");
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[0].hidden, "p1");
    EXPECT_EQ(a[2].event, "e3");
    EXPECT_EQ(log.room_ids(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(log.status().written, 4u);
    EXPECT_TRUE(log.load("nope").empty());
}

}  // namespace
}  // namespace ts::store
