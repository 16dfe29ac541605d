#include "app/voice_bridge.hpp"

#include <gtest/gtest.h>

namespace ts::app {
namespace {

// A Janus room's secret: the same for every node with the same voice secret (so any can manage
// the room), different for each room and unguessable without the voice secret.
TEST(VoiceBridge, RoomSecretsAreDerivedPerRoomFromTheVoiceSecret) {
    const auto a = voice_bridge::room_secret("operator secret", "room1");
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(a, voice_bridge::room_secret("operator secret", "room1"));
    EXPECT_NE(a, voice_bridge::room_secret("operator secret", "room2"));
    EXPECT_NE(a, voice_bridge::room_secret("another secret", "room1"));
}

}  // namespace
}  // namespace ts::app
