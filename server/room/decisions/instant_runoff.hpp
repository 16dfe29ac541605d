#pragma once
// Counting ranked ballots by instant-runoff, every round kept, so that a room can see how
// its result came about.
//
// Each round counts every ballot for its highest-ranked option still in the count (a ballot
// with none left is exhausted and no longer counts). An option with more than half of the
// ballots counted in a round wins. Otherwise the option, or all the options, with the fewest
// votes leave the count together. If that would leave no option at all, because every option
// still in the count has the same number of votes, the result is a tie among them: the
// count does not break ties by chance or by order, the room does (its moderator records how).
#include <cstdint>
#include <optional>
#include <vector>

namespace ts::room {

struct runoff_round {
    std::vector<std::uint32_t> votes;       // per option (0 for those out of the count)
    std::uint32_t exhausted = 0;            // ballots with no option left in the count
    std::vector<std::uint32_t> eliminated;  // options leaving the count after this round
};

struct runoff_result {
    std::vector<runoff_round> rounds;
    std::optional<std::uint32_t> winner;  // none: no ballots, or a tie
    std::vector<std::uint32_t> tied;      // a tie: the options still in the count
};

// ballots: each a list of option indexes, most preferred first (each index below options,
// no repeats; the caller checked them).
runoff_result instant_runoff(std::uint32_t options, const std::vector<std::vector<std::uint32_t>>& ballots);

}  // namespace ts::room
