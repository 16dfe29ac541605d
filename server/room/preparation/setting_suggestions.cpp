#include "room/preparation/setting_suggestions.hpp"

#include <algorithm>
#include <string>

namespace ts::room {

namespace pb = talkingstick::v1;

namespace {

// Gentle values: a reading pace most people keep up with comfortably, and enough time
// between one person's messages for others to read and answer.
constexpr std::uint32_t reading_words_per_minute = 150;
constexpr std::uint32_t reading_gap_seconds = 3;
constexpr std::uint32_t slow_mode_seconds = 20;

std::string people(std::uint32_t n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

}  // namespace

std::vector<pb::SettingSuggestion> suggest_settings(const pb::NeedsSummary& needs, const pb::PacingSettings& current,
                                                    std::size_t after_people) {
    std::vector<pb::SettingSuggestion> out;
    const auto more_time = std::max(needs.slower_pace(), needs.extra_time());
    if (more_time >= after_people && current.words_per_minute() == 0) {
        pb::SettingSuggestion s;
        s.set_kind(pb::SETTING_SUGGESTION_READING_PACE);
        s.set_people(more_time);
        s.set_reason(people(more_time) + " asked for a slower pace or more time to read.");
        s.set_question("Shall messages reach us at a reading pace (" + std::to_string(reading_words_per_minute) +
                       " words a minute), so that everyone has time to read?");
        *s.mutable_pacing() = current;
        s.mutable_pacing()->set_words_per_minute(reading_words_per_minute);
        s.mutable_pacing()->set_min_gap_seconds(reading_gap_seconds);
        out.push_back(std::move(s));
    }
    if (needs.slower_pace() >= after_people && current.slow_mode_seconds() == 0) {
        pb::SettingSuggestion s;
        s.set_kind(pb::SETTING_SUGGESTION_SLOW_MODE);
        s.set_people(needs.slower_pace());
        s.set_reason(people(needs.slower_pace()) + " asked for a slower pace.");
        s.set_question("Shall each of us wait " + std::to_string(slow_mode_seconds) +
                       " seconds between messages, so that the conversation does not race ahead?");
        *s.mutable_pacing() = current;
        s.mutable_pacing()->set_slow_mode_seconds(slow_mode_seconds);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ts::room
