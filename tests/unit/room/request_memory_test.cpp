#include "room/request_memory.hpp"

#include <gtest/gtest.h>

namespace ts::room {
namespace {

TEST(RequestMemory, FindsARequestOnlyByPersonIdAndContent) {
    request_memory memory;
    memory.remember("m1", 7, "digest-a", 12);
    EXPECT_EQ(memory.find("m1", 7, "digest-a"), 12u);
    EXPECT_FALSE(memory.find("m2", 7, "digest-a"));  // another person's id 7
    EXPECT_FALSE(memory.find("m1", 8, "digest-a"));
    EXPECT_FALSE(memory.find("m1", 7, "digest-b"));  // the same id with other content
}

TEST(RequestMemory, ForgetsAPersonsOldestBeyondItsBound) {
    request_memory memory(3);
    for (std::uint64_t id = 1; id <= 4; ++id) memory.remember("m1", id, "d", id * 10);
    EXPECT_FALSE(memory.find("m1", 1, "d"));
    EXPECT_EQ(memory.find("m1", 2, "d"), 20u);
    EXPECT_EQ(memory.find("m1", 4, "d"), 40u);
}

}  // namespace
}  // namespace ts::room
