// A property of the event logs, under many random interleavings of appends, Redis
// refusals and restarts of Redis and of the writer: the acknowledged entries of a room are
// always in its stored log, which is numbered 1, 2, 3… with no gap; within one run of the
// writer a room's acknowledgements come in order, none skipped; nothing is ever judged
// damaged when nobody damaged anything.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "integration/server_process.hpp"
#include "store/memory_event_log.hpp"
#include "store/redis_event_log.hpp"
#include "store/redis_log_reader.hpp"

namespace ts::test {
namespace {

using store::write_outcome;
using store::write_result;

struct model_room {
    std::string id;
    std::uint64_t next = 1;                      // the next seq to append
    std::uint64_t acked = 0;                     // acknowledged up to here in this run of the writer
    std::map<std::uint64_t, std::string> bytes;  // what was appended under each seq
    std::map<std::uint64_t, std::string> acked_bytes;
};

class store_model {
public:
    explicit store_model(int rooms) {
        for (int i = 0; i < rooms; ++i) rooms_.push_back(model_room{"p" + std::to_string(i), 1, 0, {}, {}});
    }

    void append(store::event_log& log, std::mt19937& rng) {
        auto& room = rooms_[std::uniform_int_distribution<std::size_t>(0, rooms_.size() - 1)(rng)];
        std::vector<store::log_entry> entries;
        auto count = std::uniform_int_distribution<int>(1, 3)(rng);
        {
            // The writer's thread reads the model in its callbacks.
            std::lock_guard lock(mutex_);
            for (int i = 0; i < count; ++i) {
                auto seq = room.next++;
                auto bytes = room.id + ":" + std::to_string(seq) + ":" + std::to_string(rng());
                room.bytes[seq] = bytes;
                // Some entries are sealed: their event goes to the room's private record too. Some
                // keep a message's text apart; some delete an earlier entry's text.
                entries.push_back({seq, bytes, seq % 3 == 0 ? "private" : "", seq % 4 == 0 ? "sealed:" + bytes : "",
                                   seq % 5 == 0 ? "text:" + bytes : "",
                                   seq % 7 == 0 && seq > 5 ? seq - 5 - (seq % 5) : 0});
            }
            ++waiting_;
        }
        auto first = entries.front().seq, last = entries.back().seq;
        log.append(room.id, 0, std::move(entries), [this, &room, first, last](write_outcome outcome) {
            std::lock_guard lock(mutex_);
            if (outcome.result == write_result::damaged)
                violations_.push_back(room.id + ": damaged: " + outcome.problem);
            if (outcome.result == write_result::durable) {
                if (first != room.acked + 1)
                    violations_.push_back(room.id + ": acknowledged " + std::to_string(first) + " after " +
                                          std::to_string(room.acked));
                for (auto s = first; s <= last; ++s) room.acked_bytes[s] = room.bytes.at(s);
                room.acked = last;
            }
            --waiting_;
            done_.notify_all();
        });
    }

    // Waits until every append has been answered.
    bool settle(std::chrono::seconds limit) {
        std::unique_lock lock(mutex_);
        return done_.wait_for(lock, limit, [&] { return waiting_ == 0; });
    }

    // After the writer restarted: rooms go on from what is stored, as a restored room does.
    void restart_from(const std::function<std::vector<store::log_entry>(const std::string&)>& load) {
        std::lock_guard lock(mutex_);
        for (auto& room : rooms_) {
            auto stored = load(room.id);
            room.next = stored.size() + 1;
            room.acked = stored.size();
        }
    }

    void check(const std::function<std::vector<store::log_entry>(const std::string&)>& load) {
        std::lock_guard lock(mutex_);
        for (const auto& v : violations_) ADD_FAILURE() << v;
        for (const auto& room : rooms_) {
            auto stored = load(room.id);
            for (std::size_t i = 0; i < stored.size(); ++i)
                ASSERT_EQ(stored[i].seq, i + 1) << room.id << ": the stored log has a gap";
            for (const auto& [seq, bytes] : room.acked_bytes) {
                ASSERT_LE(seq, stored.size()) << room.id << ": acknowledged entry " << seq << " is not stored";
                EXPECT_EQ(stored[seq - 1].event, bytes) << room.id << ": entry " << seq << " differs";
                EXPECT_EQ(stored[seq - 1].hidden, seq % 3 == 0 ? "private" : "");
                EXPECT_EQ(stored[seq - 1].sealed, seq % 4 == 0 ? "sealed:" + bytes : "")
                    << room.id << ": entry " << seq;
                // A text stays until a later stored entry deletes it (entry t deletes t - 5 - t % 5).
                bool erased = false;
                for (auto t = seq + 5; t <= seq + 9; ++t) erased = erased || (t % 7 == 0 && t <= stored.size());
                EXPECT_EQ(stored[seq - 1].text, seq % 5 == 0 && !erased ? "text:" + bytes : "")
                    << room.id << ": entry " << seq;
            }
        }
    }

    std::size_t acknowledged() const {
        std::lock_guard lock(mutex_);
        std::size_t n = 0;
        for (const auto& r : rooms_) n += r.acked_bytes.size();
        return n;
    }

private:
    std::vector<model_room> rooms_;
    mutable std::mutex mutex_;
    std::condition_variable done_;
    int waiting_ = 0;
    std::vector<std::string> violations_;
};

TEST(StoreProperty, MemoryLogKeepsEveryAcknowledgedEntryInOrder) {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        std::mt19937 rng(seed);
        store::memory_event_log log;
        store_model model(4);
        for (int step = 0; step < 300; ++step) model.append(log, rng);
        ASSERT_TRUE(model.settle(std::chrono::seconds(5)));
        model.check([&](const std::string& id) { return log.load(id); });
        EXPECT_GT(model.acknowledged(), 0u);
    }
}

class RedisStoreProperty : public ::testing::TestWithParam<unsigned> {};

TEST_P(RedisStoreProperty, RefusalsAndRestartsNeverLoseOrReorderAnAcknowledgedEntry) {
    redis_process redis;
    std::mt19937 rng(GetParam());
    store::redis_options options;
    options.port = redis.port();
    options.shutdown_drain_ms = 300;
    options.max_backoff_ms = 100;
    options.max_pipeline = 16;  // several batches in flight, so refusals land mid-pipeline
    auto log = std::make_unique<store::redis_event_log>(options);
    store_model model(5);
    auto load = [&](const std::string& id) {
        std::unique_ptr<redisContext, decltype(&redisFree)> c(redisConnect("127.0.0.1", redis.port()), &redisFree);
        return store::read_log(c.get(), id);
    };
    std::string wrong_type;  // a room whose log is, for now, a key of the wrong type
    bool out_of_memory = false;
    auto heal = [&] {
        if (out_of_memory) redis.command({"CONFIG", "SET", "maxmemory", "0"});
        if (!wrong_type.empty()) redis.command({"RENAME", wrong_type + ":aside", wrong_type});
        out_of_memory = false;
        wrong_type.clear();
    };
    redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"});
    for (int step = 0; step < 250; ++step) {
        auto roll = std::uniform_int_distribution<int>(0, 99)(rng);
        if (roll < 80) {
            model.append(*log, rng);
        } else if (roll < 84) {
            if (!out_of_memory)
                redis.command({"CONFIG", "SET", "maxmemory", "1"});
            else
                redis.command({"CONFIG", "SET", "maxmemory", "0"});
            out_of_memory = !out_of_memory;
        } else if (roll < 88) {
            redis.command({"CLIENT", "PAUSE", "100", "WRITE"});
        } else if (roll < 92) {
            if (wrong_type.empty()) {
                wrong_type = "ts:{p" + std::to_string(std::uniform_int_distribution<int>(0, 4)(rng)) + "}:log";
                if (redis.command({"EXISTS", wrong_type}) == "1")
                    redis.command({"EVAL",
                                   "redis.call('RENAME', KEYS[1], KEYS[2]); return redis.call('SET', KEYS[1], 'x')",
                                   "2", wrong_type, wrong_type + ":aside"});
                else
                    wrong_type.clear();
            } else {
                redis.command({"RENAME", wrong_type + ":aside", wrong_type});
                wrong_type.clear();
            }
        } else if (roll < 94) {
            redis.command({"SCRIPT", "FLUSH"});  // the writer must load its script again
        } else if (roll < 97) {
            redis.stop();
            redis.start();
            // A restarted Redis keeps its data but not its settings.
            redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"});
            out_of_memory = false;
        } else {
            // The server restarts: what was not yet durable is never acknowledged; rooms
            // then go on from what Redis holds.
            log.reset();
            ASSERT_TRUE(model.settle(std::chrono::seconds(10)));
            heal();
            model.restart_from(load);
            log = std::make_unique<store::redis_event_log>(options);
        }
        if (step % 25 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    heal();
    ASSERT_TRUE(model.settle(std::chrono::seconds(30))) << "appends were left unanswered";
    model.check(load);
    EXPECT_GT(model.acknowledged(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RedisStoreProperty, ::testing::Values(1u, 2u, 3u, 4u, 5u));

}  // namespace
}  // namespace ts::test
