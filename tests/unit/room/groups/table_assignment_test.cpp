// Who sits where when the plenary splits into tables (room/groups/table_assignment).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "room/groups/table_assignment.hpp"

namespace ts::test {
namespace {

using room::seat_candidate;
using room::seating;

std::vector<seat_candidate> people(int n) {
    std::vector<seat_candidate> out;
    // m1 has been heard most, mN least.
    for (int i = 1; i <= n; ++i) out.push_back({"m" + std::to_string(i), (n + 1 - i) * 60'000, false});
    return out;
}

// Everyone sits at exactly one table, and table sizes differ by at most one.
void expect_everyone_once_and_even(const seating& tables, std::size_t n) {
    std::multiset<std::string> seen;
    std::size_t smallest = n, largest = 0;
    for (const auto& t : tables) {
        seen.insert(t.begin(), t.end());
        smallest = std::min(smallest, t.size());
        largest = std::max(largest, t.size());
    }
    EXPECT_EQ(seen.size(), n);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), n) << "someone sits at two tables";
    EXPECT_LE(largest - smallest, 1u);
}

std::map<std::string, std::size_t> table_by_member(const seating& tables) {
    std::map<std::string, std::size_t> at;
    for (std::size_t t = 0; t < tables.size(); ++t)
        for (const auto& id : tables[t]) at[id] = t;
    return at;
}

TEST(TableAssignment, RandomSeatsEveryoneOnceEvenlyAndTheSameSeedGivesTheSameTables) {
    const auto thirteen = people(13);
    const auto tables = room::assign_random(thirteen, 3, 42);
    expect_everyone_once_and_even(tables, 13);
    EXPECT_EQ(room::assign_random(thirteen, 3, 42), tables);
    EXPECT_NE(room::assign_random(thirteen, 3, 43), tables) << "another seed, another shuffle";
}

TEST(TableAssignment, BalancedSpreadsTheMostAndTheLeastHeardAcrossTheTables) {
    const auto twelve = people(12);
    const auto tables = room::assign_balanced(twelve, 3);
    expect_everyone_once_and_even(tables, 12);
    auto at = table_by_member(tables);
    // The three most heard sit at three different tables; so do the three least heard.
    EXPECT_EQ((std::set<std::size_t>{at["m1"], at["m2"], at["m3"]}).size(), 3u);
    EXPECT_EQ((std::set<std::size_t>{at["m10"], at["m11"], at["m12"]}).size(), 3u);
    // No table holds much more of the meeting's floor time than another.
    std::vector<std::int64_t> heard(3, 0);
    for (const auto& p : twelve) heard[at[p.member_id]] += p.heard_ms;
    const auto [low, high] = std::minmax_element(heard.begin(), heard.end());
    EXPECT_LE(*high - *low, 3 * 60'000) << "tables' floor time " << heard[0] << " " << heard[1] << " " << heard[2];
}

TEST(TableAssignment, BalancedSpreadsThoseWhoSharedTheirNeeds) {
    auto twelve = people(12);
    // Three people who said what they need, all among the quietest.
    for (int i : {9, 10, 11}) twelve[static_cast<std::size_t>(i)].shared_needs = true;
    const auto tables = room::assign_balanced(twelve, 3);
    expect_everyone_once_and_even(tables, 12);
    auto at = table_by_member(tables);
    EXPECT_EQ((std::set<std::size_t>{at["m10"], at["m11"], at["m12"]}).size(), 3u);
}

TEST(TableAssignment, TheRestGoToTheSmallestTables) {
    seating tables{{"a", "b"}, {}, {"c"}};
    room::seat_the_rest(tables, {"d", "e", "f"});
    EXPECT_EQ(tables[1], (std::vector<std::string>{"d", "e"}));
    EXPECT_EQ(tables[2], (std::vector<std::string>{"c", "f"}));
    EXPECT_EQ(room::smallest_table(tables), 1u);
}

}  // namespace
}  // namespace ts::test
