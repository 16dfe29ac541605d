#include "net/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace ts::net {
namespace {

TEST(RateLimiter, AllowsBurstThenLimits) {
    rate_limiter limiter(10, 3);
    EXPECT_EQ(limiter.take(0), 0u);
    EXPECT_EQ(limiter.take(0), 0u);
    EXPECT_EQ(limiter.take(0), 0u);
    auto wait = limiter.take(0);
    EXPECT_GT(wait, 0u);
    EXPECT_LE(wait, 101u);
}

TEST(RateLimiter, RefillsAtTheRate) {
    rate_limiter limiter(10, 1);
    EXPECT_EQ(limiter.take(1000), 0u);
    EXPECT_GT(limiter.take(1050), 0u);  // half a token
    EXPECT_EQ(limiter.take(1100), 0u);  // a whole token after 100 ms
}

TEST(RateLimiter, NeverExceedsBurst) {
    rate_limiter limiter(10, 2);
    limiter.take(0);
    // A long idle period refills to the burst, not beyond.
    EXPECT_EQ(limiter.take(100000), 0u);
    EXPECT_EQ(limiter.take(100000), 0u);
    EXPECT_GT(limiter.take(100000), 0u);
}

}  // namespace
}  // namespace ts::net
