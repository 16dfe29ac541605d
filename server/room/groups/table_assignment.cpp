#include "room/groups/table_assignment.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <tuple>

namespace ts::room {

seating assign_random(const std::vector<seat_candidate>& people, std::size_t tables, std::uint64_t seed) {
    std::vector<std::string> order;
    for (const auto& p : people) order.push_back(p.member_id);
    // std::shuffle's steps are the library's own: fine, as the result is recorded, never
    // computed again.
    std::mt19937_64 random(seed);
    std::shuffle(order.begin(), order.end(), random);
    seating out(tables);
    seat_the_rest(out, order);
    return out;
}

seating assign_balanced(const std::vector<seat_candidate>& people, std::size_t tables) {
    std::vector<const seat_candidate*> order;
    for (const auto& p : people) order.push_back(&p);
    std::stable_sort(order.begin(), order.end(), [](const seat_candidate* a, const seat_candidate* b) {
        if (a->shared_needs != b->shared_needs) return a->shared_needs;
        return a->heard_ms > b->heard_ms;
    });
    seating out(tables);
    std::vector<std::int64_t> heard(tables, 0);
    std::vector<std::size_t> needs(tables, 0);
    for (const auto* p : order) {
        std::size_t best = 0;
        for (std::size_t t = 1; t < tables; ++t) {
            auto key = [&](std::size_t i) {
                return std::make_tuple(p->shared_needs ? needs[i] : 0, out[i].size(), heard[i]);
            };
            if (key(t) < key(best)) best = t;
        }
        out[best].push_back(p->member_id);
        heard[best] += p->heard_ms;
        if (p->shared_needs) ++needs[best];
    }
    return out;
}

void seat_the_rest(seating& tables, const std::vector<std::string>& rest) {
    if (tables.empty()) return;
    for (const auto& id : rest) tables[smallest_table(tables) - 1].push_back(id);
}

std::uint32_t smallest_table(const seating& tables) {
    std::size_t best = 0;
    for (std::size_t t = 1; t < tables.size(); ++t)
        if (tables[t].size() < tables[best].size()) best = t;
    return static_cast<std::uint32_t>(best + 1);
}

}  // namespace ts::room
