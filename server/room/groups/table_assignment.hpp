#pragma once
// Who sits at which table when a plenary splits into small groups: pure functions of who is
// there and what the room knows of them, so that every rule is tested without a room. The
// result is recorded in the GroupsOpened event: replaying never assigns again.
#include <cstdint>
#include <string>
#include <vector>

namespace ts::room {

// Someone to seat, with what balanced assignment weighs.
struct seat_candidate {
    std::string member_id;
    std::int64_t heard_ms = 0;  // floor time so far in the meeting
    bool shared_needs = false;  // stated access needs and agreed to share them
};

// tables[i]: the member ids at table i + 1.
using seating = std::vector<std::vector<std::string>>;

// Shuffled by seed, then dealt round the tables: sizes differ by at most one.
seating assign_random(const std::vector<seat_candidate>& people, std::size_t tables, std::uint64_t seed);

// The most heard are spread first, one per table, down to the least heard, each to the
// table with fewest people (then least floor time): sizes differ by at most one, and each
// table gets its share of the loud and the quiet. People who shared their needs are spread
// first, so that no table holds them all.
seating assign_balanced(const std::vector<seat_candidate>& people, std::size_t tables);

// Those not yet seated (by hand, or the facilitators) go to the smallest tables, in order.
void seat_the_rest(seating& tables, const std::vector<std::string>& rest);

// The table (1 …) with fewest people, the first of them on a tie.
std::uint32_t smallest_table(const seating& tables);

}  // namespace ts::room
