// The turn-settings part on its own.
#include "room/turns/turn_settings_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

TEST(TurnSettingsPart, StartsFromTheDefaultsAndModeratorsChangeThemWithinBounds) {
    turn_settings_part part{room_limits{}, turn_defaults{90, 15, 60}};
    EXPECT_EQ(part.settings().default_turn_seconds(), 90u);
    EXPECT_EQ(part.settings().time_up_action(), pb::END_TURN);
    test::fake_room_view view;
    std::uint64_t seq = 0;
    auto update = [&](std::uint32_t turn, std::uint32_t warning, pb::TimeUpAction action, const pb::Member& who) {
        pb::ClientMessage m;
        auto* s = m.mutable_update_turn_settings()->mutable_settings();
        s->set_default_turn_seconds(turn);
        s->set_warning_seconds(warning);
        s->set_time_up_action(action);
        return test::run_part(part, m, who, view, seq);
    };
    auto mod = person("m1", pb::MODERATOR);
    EXPECT_EQ(update(120, 30, pb::END_TURN, person("m2", pb::PARTICIPANT)).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(update(5, 0, pb::END_TURN, mod).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(update(120, 120, pb::END_TURN, mod).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(update(120, 30, pb::TIME_UP_ACTION_UNSPECIFIED, mod).error->code, pb::BAD_REQUEST);
    ASSERT_FALSE(update(180, 20, pb::FLAG_OVERTIME, mod).error);
    EXPECT_EQ(part.settings().default_turn_seconds(), 180u);
    EXPECT_EQ(part.settings().time_up_action(), pb::FLAG_OVERTIME);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.turn_settings().warning_seconds(), 20u);
}

}  // namespace
}  // namespace ts::room
