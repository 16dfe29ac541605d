// Instant-runoff counting: majorities, transfers round by round, exhausted ballots, and the
// tie rule (the lowest leave together; if all are tied, the room decides).
#include "room/decisions/instant_runoff.hpp"

#include <gtest/gtest.h>

namespace ts::room {
namespace {

using ballots = std::vector<std::vector<std::uint32_t>>;

TEST(InstantRunoff, AMajorityOfFirstChoicesWinsInTheFirstRound) {
    auto r = instant_runoff(3, ballots{{0, 1}, {0}, {1, 0}});
    ASSERT_EQ(r.winner, 0u);
    ASSERT_EQ(r.rounds.size(), 1u);
    EXPECT_EQ(r.rounds[0].votes, (std::vector<std::uint32_t>{2, 1, 0}));
}

TEST(InstantRunoff, VotesMoveToTheNextChoiceRoundByRound) {
    // 0: 4 first choices, 1: 3, 2: 2 whose next choice is 1.
    auto r = instant_runoff(3, ballots{{0}, {0}, {0}, {0}, {1}, {1}, {1}, {2, 1}, {2, 1}});
    ASSERT_EQ(r.rounds.size(), 2u);
    EXPECT_EQ(r.rounds[0].eliminated, (std::vector<std::uint32_t>{2}));
    EXPECT_EQ(r.rounds[1].votes, (std::vector<std::uint32_t>{4, 5, 0}));
    EXPECT_EQ(r.winner, 1u);
}

TEST(InstantRunoff, ExhaustedBallotsStopCountingAndTheMajorityIsOfThoseStillCounted) {
    // 2 leaves; its ballots rank nothing else, so round 2 counts 5 ballots: 3 beats 2.
    auto r = instant_runoff(3, ballots{{0}, {0}, {0}, {1}, {1}, {2}});
    ASSERT_EQ(r.rounds.size(), 2u);
    EXPECT_EQ(r.rounds[1].exhausted, 1u);
    EXPECT_EQ(r.winner, 0u);
}

TEST(InstantRunoff, TheOptionsTiedForFewestVotesLeaveTogether) {
    // Round 1: 0 has 3, and 1, 2 and 3 one each: all three leave at once.
    auto r = instant_runoff(4, ballots{{0}, {0}, {0}, {1}, {2}, {3, 0}});
    ASSERT_EQ(r.rounds.size(), 2u);
    EXPECT_EQ(r.rounds[0].eliminated, (std::vector<std::uint32_t>{1, 2, 3}));
    EXPECT_EQ(r.rounds[1].votes[0], 4u);
    EXPECT_EQ(r.rounds[1].exhausted, 2u);
    EXPECT_EQ(r.winner, 0u);
}

TEST(InstantRunoff, WhenEveryOptionLeftIsTiedTheRoomDecides) {
    auto r = instant_runoff(3, ballots{{0, 2}, {1, 2}, {2}});
    // Round 1: one each: all tied, nobody is eliminated and nobody wins.
    ASSERT_EQ(r.rounds.size(), 1u);
    EXPECT_FALSE(r.winner);
    EXPECT_EQ(r.tied, (std::vector<std::uint32_t>{0, 1, 2}));
    EXPECT_TRUE(r.rounds[0].eliminated.empty());
    auto two = instant_runoff(2, ballots{{0}, {1}, {0}, {1}});
    EXPECT_FALSE(two.winner);
    EXPECT_EQ(two.tied, (std::vector<std::uint32_t>{0, 1}));
}

TEST(InstantRunoff, NoBallotsGiveNoResult) {
    auto r = instant_runoff(2, {});
    EXPECT_FALSE(r.winner);
    EXPECT_TRUE(r.tied.empty());
    ASSERT_EQ(r.rounds.size(), 1u);
}

}  // namespace
}  // namespace ts::room
