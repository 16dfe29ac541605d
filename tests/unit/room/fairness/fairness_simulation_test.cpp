// A deterministic two-hour meeting of 10 participants, run through the real room once per
// queue policy: 2 people raise their hands at every opportunity, 3 rarely, 5 sometimes.
// It shows (and asserts) what each policy does to the balance of voices. The table it
// prints is the one in docs/fairness.md.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "unit/room/room_fixture.hpp"
#include "room/reports/participation_reports.hpp"

namespace ts::test {
namespace {

namespace reports = room::reports;

// A small deterministic generator (64-bit LCG), so that every run is the same meeting.
class lcg {
public:
    explicit lcg(std::uint64_t seed) : state_(seed) {}
    double uniform() {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state_ >> 11) / static_cast<double>(1ULL << 53);
    }

private:
    std::uint64_t state_;
};

struct result {
    double gini = 0;
    int never_spoke = 0;
    std::int64_t longest_wait_ms = 0;
    int turns = 0;
    bool third_turn_before_everyone_waiting_spoke = false;
};

class simulation : public room_fixture {
public:
    void TestBody() override {}

    result run_meeting(pb::QueuePolicy policy) {
        auto mod = join("Moderator", true);
        std::vector<std::uint64_t> people;
        std::vector<double> eagerness;
        for (int i = 0; i < 10; ++i) {
            people.push_back(join("P" + std::to_string(i + 1)));
            eagerness.push_back(i < 2 ? 0.95 : i < 5 ? 0.04 : 0.3);
        }
        pb::ClientMessage settings;
        settings.mutable_set_fairness()->mutable_settings()->set_policy(policy);
        EXPECT_TRUE(run(mod, settings).ok());

        lcg random(20261126);
        const std::int64_t end = clock.now_ms() + 2 * 3600 * 1000;
        std::map<std::string, std::int64_t> raised_at;  // entry id -> when
        result res;
        std::map<std::string, int> turns;
        auto note_raises = [&](const room::outcome& out) {
            for (const auto& e : out.events)
                if (e.event.has_queue_changed() && e.event.queue_changed().change() == pb::QUEUE_CHANGE_RAISED)
                    raised_at[e.event.queue_changed().entry_id()] = e.event.at_ms();
        };
        while (clock.now_ms() < end) {
            // Everyone not already waiting may raise a hand.
            for (std::size_t i = 0; i < people.size(); ++i) {
                if (r.queue().find(member(people[i]), pb::NEW_POINT)) continue;
                if (random.uniform() < eagerness[i]) {
                    pb::ClientMessage m;
                    m.mutable_raise_hand()->set_kind(pb::NEW_POINT);
                    note_raises(run(people[i], m));
                }
                clock.advance(1);
            }
            if (r.queue().entries().empty()) {
                clock.advance(30000);
                continue;
            }
            // Before granting: who is next, and has everyone waiting spoken already?
            const auto& next = r.queue().entries()[0];
            if (turns[next.member_id()] >= 2)
                for (const auto& e : r.queue().entries())
                    if (turns[e.member_id()] == 0) res.third_turn_before_everyone_waiting_spoke = true;
            res.longest_wait_ms = std::max(res.longest_wait_ms, clock.now_ms() - raised_at[next.entry_id()]);
            ++turns[next.member_id()];
            pb::ClientMessage grant;
            grant.mutable_grant_floor()->set_seconds(300);
            EXPECT_TRUE(run(mod, grant).ok());
            clock.advance(static_cast<std::int64_t>(40000 + random.uniform() * 80000));
            pb::ClientMessage yield;
            yield.mutable_yield_floor();
            EXPECT_TRUE(run(people[std::stoul(r.floor().holder_member_id().substr(1)) - 2], yield).ok());
            ++res.turns;
        }
        // Hands still up at the end have waited until the end.
        for (const auto& e : r.queue().entries())
            res.longest_wait_ms = std::max(res.longest_wait_ms, clock.now_ms() - raised_at[e.entry_id()]);
        auto scope = reports::balance(r, clock.now_ms()).session();
        res.gini = scope.floor_gini();
        res.never_spoke = scope.not_yet_spoken_size();
        return res;
    }
};

const char* policy_name(pb::QueuePolicy p) {
    switch (p) {
        case pb::FIRST_COME: return "first come, first served";
        case pb::FEWEST_TURNS: return "fewest turns first";
        case pb::LEAST_FLOOR_TIME: return "least floor time first";
        default: return "round robin";
    }
}

TEST(FairnessSimulation, PoliciesThatFavourTheLeastHeardBalanceTheRoom) {
    std::map<pb::QueuePolicy, result> results;
    std::ostringstream table;
    table << "| policy | turns | Gini of floor time | never spoke | longest wait |\n"
          << "| --- | ---: | ---: | ---: | ---: |\n";
    for (auto policy : {pb::FIRST_COME, pb::FEWEST_TURNS, pb::LEAST_FLOOR_TIME, pb::ROUND_ROBIN}) {
        simulation sim;
        auto res = sim.run_meeting(policy);
        results[policy] = res;
        char line[200];
        std::snprintf(line, sizeof line, "| %s | %d | %.2f | %d | %lld min %02lld s |\n", policy_name(policy),
                      res.turns, res.gini, res.never_spoke, static_cast<long long>(res.longest_wait_ms / 60000),
                      static_cast<long long>(res.longest_wait_ms / 1000 % 60));
        table << line;
    }
    std::printf("\n%s\n", table.str().c_str());
    std::filesystem::create_directories("test-output");
    std::ofstream("test-output/fairness-simulation.md") << table.str();

    // Nobody speaks a third time while someone who is waiting has not spoken at all.
    EXPECT_FALSE(results[pb::FEWEST_TURNS].third_turn_before_everyone_waiting_spoke);
    EXPECT_FALSE(results[pb::ROUND_ROBIN].third_turn_before_everyone_waiting_spoke);
    // First come, first served lets the eager voices dominate; the fair policies do not.
    EXPECT_TRUE(results[pb::FIRST_COME].third_turn_before_everyone_waiting_spoke);
    EXPECT_LT(results[pb::FEWEST_TURNS].gini, results[pb::FIRST_COME].gini);
    EXPECT_LT(results[pb::ROUND_ROBIN].gini, results[pb::FIRST_COME].gini);
    EXPECT_LT(results[pb::LEAST_FLOOR_TIME].gini, results[pb::FIRST_COME].gini);
    EXPECT_LE(results[pb::FEWEST_TURNS].never_spoke, results[pb::FIRST_COME].never_spoke);
}

}  // namespace
}  // namespace ts::test
