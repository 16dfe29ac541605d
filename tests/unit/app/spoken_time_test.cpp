// Time actually spoken, as the voice bridge counts it from Janus's talking events and the
// server's moderation: only talking that is let through counts, being held back ends it at
// once (Janus says nothing then), and a long stretch of talking is handed on in pieces whose
// spans join up and never hold more than they last.
#include <gtest/gtest.h>

#include "app/spoken_time.hpp"

namespace ts::test {
namespace {

void expect_span(const std::optional<app::spoken_span>& span, std::int64_t voiced, std::int64_t from, std::int64_t to) {
    ASSERT_TRUE(span);
    EXPECT_EQ(span->voiced_ms, voiced);
    EXPECT_EQ(span->from_ms, from);
    EXPECT_EQ(span->to_ms, to);
}

TEST(SpokenTime, OnlyTalkingThatIsHeardCounts) {
    app::spoken_time t;
    t.janus_says(true, 1'000);  // (Janus hears a voice it does not forward only after a restart)
    t.janus_says(false, 2'000);
    EXPECT_FALSE(t.take(2'500)) << "not let through: nothing spoken";
    t.heard(true, 3'000);
    t.janus_says(true, 4'000);
    t.janus_says(false, 6'500);
    t.janus_says(true, 7'000);
    t.janus_says(false, 7'500);
    expect_span(t.take(9'000), 3'000, 4'000, 9'000);
    EXPECT_FALSE(t.take(10'000));
}

// A turn ends: the voice is held back while it talks, and Janus never says it stopped.
TEST(SpokenTime, BeingHeldBackEndsTheTalkingWhateverJanusSaidLast) {
    app::spoken_time t;
    t.janus_says(true, 0);
    t.heard(true, 2'000);  // the floor comes while the person already talks
    t.heard(false, 7'000);
    expect_span(t.take(7'000), 5'000, 2'000, 7'000);
    t.janus_says(false, 30'000);  // Janus's late word changes nothing
    EXPECT_FALSE(t.take(31'000));
    // Heard again with Janus's last word "stopped": silent until Janus says it talks.
    t.heard(true, 40'000);
    EXPECT_FALSE(t.take(41'000));
    t.janus_says(true, 42'000);
    expect_span(t.take(43'000), 1'000, 42'000, 43'000);
}

// Talking for 25 s, handed on every 10 s: three pieces, each as long as its span, joined end
// to start, 25 s in all.
TEST(SpokenTime, LongTalkingIsHandedOnInPiecesThatJoinUp) {
    app::spoken_time t;
    t.heard(true, 0);
    t.janus_says(true, 5'000);
    expect_span(t.take(15'000), 10'000, 5'000, 15'000);
    expect_span(t.take(25'000), 10'000, 15'000, 25'000);
    t.janus_says(false, 30'000);
    expect_span(t.take(35'000), 5'000, 25'000, 35'000);
    EXPECT_FALSE(t.take(45'000));
}

// A microphone sent again replaces the old one: what the old one spoke stays to be taken, and
// the new one counts nothing until it is moderated and Janus hears it talk.
TEST(SpokenTime, ANewMicrophoneStartsHeldBackAndSilent) {
    app::spoken_time t;
    t.heard(true, 0);
    t.janus_says(true, 0);
    t.restart(4'000);
    t.janus_says(true, 5'000);
    expect_span(t.take(6'000), 4'000, 0, 6'000);
    t.heard(true, 8'000);
    expect_span(t.take(9'000), 1'000, 8'000, 9'000);
}

}  // namespace
}  // namespace ts::test
