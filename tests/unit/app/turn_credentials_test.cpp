// TURN credentials as coturn's use-auth-secret checks them: the expected credentials were
// computed apart (Python's hmac and base64) for the same secret and username.
#include <gtest/gtest.h>

#include "app/turn_credentials.hpp"

namespace ts::test {
namespace {

TEST(TurnCredentials, AreTheBase64OfTheHmacSha1OfAnExpiringUsername) {
    app::turn_options options;
    options.urls = {"turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"};
    options.secret = "north-star-secret";
    const auto servers = app::turn_servers(options, "r1", 1767225600);
    ASSERT_EQ(servers.size(), 1u);
    EXPECT_EQ(servers[0].urls_size(), 2);
    EXPECT_EQ(servers[0].urls(1), "turns:turn.example.org:5349");
    EXPECT_EQ(servers[0].username(), "1767312000:r1");  // a day on
    EXPECT_EQ(servers[0].credential(), "2HbcQy3C/ipqVIXzpiTzgudO7jY=");

    options.lifetime = std::chrono::hours(1);
    EXPECT_EQ(app::turn_servers(options, "r1", 1767225600)[0].username(), "1767229200:r1");
    EXPECT_EQ(app::turn_servers(options, "r1", 1767225600)[0].credential(), "fFzv9yoXy6y84kmXurKD4bIYjsQ=");

    options.urls.clear();
    EXPECT_TRUE(app::turn_servers(options, "r1", 1767225600).empty());
}

TEST(TurnCredentials, OnlyTurnAndStunUrlsAreIceServers) {
    for (const char* good : {"turn:10.0.0.1:3478", "turns:turn.example.org:5349?transport=tcp", "stun:example.org"})
        EXPECT_TRUE(app::is_ice_url(good)) << good;
    for (const char* bad : {"", "turn:", "http://example.org", "turn:a b", "ws://x:1", "TURN:x"})
        EXPECT_FALSE(app::is_ice_url(bad)) << bad;
}

}  // namespace
}  // namespace ts::test
