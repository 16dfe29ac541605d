#include "net/frame_queue.hpp"

#include <gtest/gtest.h>

namespace ts::net {
namespace {

shared_frame frame(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

TEST(FrameQueueTest, KeepsOrderAndCountsBytes) {
    frame_queue q;
    EXPECT_TRUE(q.empty());
    q.push_back(frame("ab"));
    q.push_back(frame("cde"));
    q.push_back(frame("f"));
    EXPECT_EQ(q.size(), 3u);
    EXPECT_EQ(q.bytes(), 6u);
    EXPECT_EQ(*q[0], "ab");
    EXPECT_EQ(*q[2], "f");
    q.pop_front();
    EXPECT_EQ(*q[0], "cde");
    EXPECT_EQ(q.bytes(), 4u);
    q.pop_back();
    EXPECT_EQ(q.size(), 1u);
    EXPECT_EQ(q.bytes(), 3u);
    q.pop_front();
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.bytes(), 0u);
}

TEST(FrameQueueTest, StaysInOrderAcrossLongRunsOfPushAndPop) {
    frame_queue q;
    int next_in = 0, next_out = 0;
    for (int round = 0; round < 50; ++round) {
        for (int i = 0; i < 100; ++i) q.push_back(frame(std::to_string(next_in++)));
        for (int i = 0; i < 70; ++i) {
            ASSERT_EQ(*q[0], std::to_string(next_out++));
            q.pop_front();
        }
    }
    EXPECT_EQ(q.size(), static_cast<std::size_t>(next_in - next_out));
    // Compaction kept the backing store near what is waiting, not everything ever queued.
    std::size_t expected_bytes = 0;
    for (int i = next_out; i < next_in; ++i) expected_bytes += std::to_string(i).size();
    EXPECT_EQ(q.bytes(), expected_bytes);
}

TEST(FrameQueueTest, ReleasesFramesItNoLongerHolds) {
    frame_queue q;
    auto f = frame("shared with other readers");
    q.push_back(f);
    q.push_back(f);
    EXPECT_EQ(f.use_count(), 3);
    q.pop_front();
    EXPECT_EQ(f.use_count(), 2);
    q.clear();
    EXPECT_EQ(f.use_count(), 1);
    EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace ts::net
