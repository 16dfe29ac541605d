#include "net/connection_limiter.hpp"

#include <gtest/gtest.h>

namespace ts::net {
namespace {

TEST(ConnectionLimiter, LimitsPerAddressAndReleases) {
    connection_limiter limiter(2);
    auto a = limiter.acquire("1.1.1.1");
    auto b = limiter.acquire("1.1.1.1");
    EXPECT_TRUE(a);
    EXPECT_TRUE(b);
    EXPECT_FALSE(limiter.acquire("1.1.1.1"));
    EXPECT_TRUE(limiter.acquire("2.2.2.2"));  // others are unaffected
    {
        auto moved = std::move(a);
        EXPECT_EQ(limiter.open("1.1.1.1"), 2u);
    }
    EXPECT_EQ(limiter.open("1.1.1.1"), 1u);
    EXPECT_TRUE(limiter.acquire("1.1.1.1"));
}

}  // namespace
}  // namespace ts::net
