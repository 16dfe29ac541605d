#include "net/address_rate_limiter.hpp"

#include <gtest/gtest.h>

namespace ts::net {
namespace {

TEST(AddressRateLimiter, EachAddressHasItsOwnBucketAndQuietOnesAreForgotten) {
    address_rate_limiter limiter(1.0 / 60, 2, 3);  // one a minute, two at once, three addresses kept
    EXPECT_EQ(limiter.take("a", 0), 0u);
    EXPECT_EQ(limiter.take("a", 0), 0u);
    const auto wait = limiter.take("a", 0);
    EXPECT_GT(wait, 59'000u);
    EXPECT_LE(wait, 60'001u);
    EXPECT_EQ(limiter.take("b", 0), 0u) << "another address is not held back";
    EXPECT_EQ(limiter.take("a", 60'001), 0u) << "a minute later, one more";
    EXPECT_GT(limiter.take("a", 60'001), 0u);
    // A full table forgets only buckets that have filled up again: a busy address keeps its own.
    EXPECT_EQ(limiter.take("c", 60'001), 0u);
    EXPECT_EQ(limiter.take("d", 90'000), 0u);
    EXPECT_GT(limiter.take("a", 90'000), 0u) << "a busy address is never forgotten into a fresh bucket";
}

}  // namespace
}  // namespace ts::net
