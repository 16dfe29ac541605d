#include "net/origin_policy.hpp"

#include <gtest/gtest.h>

namespace ts::net {
namespace {

TEST(OriginPolicy, TheServersOwnPagesLoopbackAndAllowedOriginsOnly) {
    origin_policy policy;
    EXPECT_TRUE(policy.allows("", "meet.example.org")) << "no Origin: not a browser";
    EXPECT_TRUE(policy.allows("https://meet.example.org", "meet.example.org"));
    EXPECT_TRUE(policy.allows("https://MEET.example.org:8443", "meet.example.org:8443"));
    EXPECT_FALSE(policy.allows("https://meet.example.org", "meet.example.org:8443")) << "another port, another origin";
    EXPECT_FALSE(policy.allows("https://evil.example", "meet.example.org"));
    EXPECT_FALSE(policy.allows("https://meet.example.org.evil.example", "meet.example.org"));
    EXPECT_FALSE(policy.allows("null", "meet.example.org"));
    EXPECT_FALSE(policy.allows("file://", "meet.example.org"));
    EXPECT_FALSE(policy.allows("https://meet.example.org/path", "meet.example.org"));
    EXPECT_TRUE(policy.allows("http://localhost:5173", "meet.example.org"));
    EXPECT_TRUE(policy.allows("http://127.0.0.1:8080", "127.0.0.1"));
    EXPECT_TRUE(policy.allows("http://[::1]:8080", "meet.example.org"));
    EXPECT_FALSE(policy.allows("http://localhost.evil.example", "meet.example.org"));
    policy.allowed = {"https://partner.example"};
    EXPECT_TRUE(policy.allows("https://partner.example", "meet.example.org"));
    EXPECT_FALSE(policy.allows("https://partner.example:444", "meet.example.org"));
}

}  // namespace
}  // namespace ts::net
