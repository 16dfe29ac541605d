// What the room's needs suggest, and when they suggest nothing.
#include "room/preparation/setting_suggestions.hpp"

#include <gtest/gtest.h>

namespace ts::room {
namespace {

namespace pb = talkingstick::v1;

TEST(SettingSuggestions, SeveralPeopleAskingForTimeToReadSuggestAReadingPace) {
    pb::NeedsSummary needs;
    needs.set_extra_time(1);
    pb::PacingSettings pace;
    pace.set_pause_threshold(3);
    EXPECT_TRUE(suggest_settings(needs, pace, 2).empty());  // one person: not yet a pattern
    needs.set_extra_time(2);
    auto s = suggest_settings(needs, pace, 2);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].reason(), "2 people asked for a slower pace or more time to read.");
    // What the interface words in each person's language.
    EXPECT_EQ(s[0].kind(), pb::SETTING_SUGGESTION_READING_PACE);
    EXPECT_EQ(s[0].people(), 2u);
    EXPECT_GT(s[0].pacing().words_per_minute(), 0u);
    EXPECT_EQ(s[0].pacing().pause_threshold(), 3u);  // the rest of the pace stays as it is
    EXPECT_FALSE(s[0].question().empty());
    pace.set_words_per_minute(120);
    EXPECT_TRUE(suggest_settings(needs, pace, 2).empty());  // already has a reading pace
}

TEST(SettingSuggestions, ASlowerPaceAlsoSuggestsSlowMode) {
    pb::NeedsSummary needs;
    needs.set_slower_pace(3);
    auto s = suggest_settings(needs, {}, 2);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].kind(), pb::SETTING_SUGGESTION_READING_PACE);
    EXPECT_EQ(s[1].kind(), pb::SETTING_SUGGESTION_SLOW_MODE);
    EXPECT_EQ(s[1].people(), 3u);
    EXPECT_GT(s[1].pacing().slow_mode_seconds(), 0u);
    EXPECT_EQ(s[1].pacing().words_per_minute(), 0u);  // one question at a time
}

}  // namespace
}  // namespace ts::room
