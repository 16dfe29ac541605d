#include "room/decisions/instant_runoff.hpp"

#include <algorithm>

namespace ts::room {

runoff_result instant_runoff(std::uint32_t options, const std::vector<std::vector<std::uint32_t>>& ballots) {
    runoff_result result;
    std::vector<bool> in_count(options, true);
    for (std::uint32_t left = options; left > 0;) {
        runoff_round round;
        round.votes.assign(options, 0);
        std::uint32_t counted = 0;
        for (const auto& ballot : ballots) {
            auto top =
                std::find_if(ballot.begin(), ballot.end(), [&](std::uint32_t o) { return o < options && in_count[o]; });
            if (top == ballot.end()) {
                ++round.exhausted;
                continue;
            }
            ++round.votes[*top];
            ++counted;
        }
        if (counted == 0) {  // nothing left to count: no result
            result.rounds.push_back(std::move(round));
            return result;
        }
        for (std::uint32_t o = 0; o < options; ++o)
            if (in_count[o] && round.votes[o] * 2 > counted) {
                result.winner = o;
                result.rounds.push_back(std::move(round));
                return result;
            }
        std::uint32_t fewest = counted;
        for (std::uint32_t o = 0; o < options; ++o)
            if (in_count[o]) fewest = std::min(fewest, round.votes[o]);
        for (std::uint32_t o = 0; o < options; ++o)
            if (in_count[o] && round.votes[o] == fewest) round.eliminated.push_back(o);
        if (round.eliminated.size() == left) {  // all tied: the room decides
            result.tied = round.eliminated;
            round.eliminated.clear();
            result.rounds.push_back(std::move(round));
            return result;
        }
        for (auto o : round.eliminated) in_count[o] = false;
        left -= static_cast<std::uint32_t>(round.eliminated.size());
        result.rounds.push_back(std::move(round));
    }
    return result;
}

}  // namespace ts::room
