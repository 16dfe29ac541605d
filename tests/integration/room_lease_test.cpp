// Room ownership in a real Redis: one owner per room at a time, its epoch rising at each
// take-over, and the append script fencing off a writer whose epoch is older, without
// judging the record damaged.
#include <gtest/gtest.h>

#include <future>

#include "integration/server_process.hpp"
#include "store/redis_event_log.hpp"
#include "store/redis_link.hpp"
#include "store/room_leases.hpp"

namespace ts::test {
namespace {

using store::write_outcome;
using store::write_result;

store::redis_options options_for(const redis_process& redis) {
    store::redis_options options;
    options.port = redis.port();
    return options;
}

write_outcome append(store::event_log& log, const std::string& room, std::uint64_t epoch, std::uint64_t seq,
                     const std::string& bytes) {
    std::promise<write_outcome> written;
    log.append(room, epoch, {{seq, bytes, "", ""}}, [&written](write_outcome o) { written.set_value(std::move(o)); });
    return written.get_future().get();
}

TEST(RoomLeases, OneNodeHoldsARoomAndTheEpochRisesAtEachTakeOver) {
    redis_process redis;
    store::redis_link link_a(options_for(redis)), link_b(options_for(redis));
    store::room_leases a(link_a, "node-a", 300), b(link_b, "node-b", 300);

    auto first = a.acquire("r1");
    ASSERT_TRUE(first);
    EXPECT_EQ(*first, 1u);
    EXPECT_FALSE(b.acquire("r1")) << "held by a";
    EXPECT_FALSE(a.acquire("r1")) << "not even a takes it twice";
    auto owner = b.owner("r1");
    ASSERT_TRUE(owner);
    EXPECT_EQ(owner->node, "node-a");
    EXPECT_EQ(owner->epoch, 1u);
    EXPECT_TRUE(a.renew({{"r1", 1}}).empty());

    // a stops renewing: the lease lapses and b takes the room at the next epoch.
    std::optional<std::uint64_t> second;
    while (!(second = b.acquire("r1"))) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(*second, 2u);
    EXPECT_EQ(a.renew({{"r1", 1}, {"r2", 1}}), (std::vector<std::string>{"r1", "r2"}))
        << "a finds out it lost r1 (and never held r2)";
    a.release("r1", 1);
    EXPECT_EQ(b.owner("r1")->node, "node-b") << "a stale release leaves the new owner's lease alone";
    b.release("r1", 2);
    EXPECT_FALSE(b.owner("r1"));
    EXPECT_EQ(*a.acquire("r1"), 3u);
}

TEST(RoomLeases, TheAppendScriptFencesOffAnOlderEpochWithoutCallingTheRecordDamaged) {
    redis_process redis;
    store::redis_link link(options_for(redis));
    store::room_leases leases(link, "node-a", 60000);
    auto options = options_for(redis);
    store::redis_event_log log(options);

    auto epoch = *leases.acquire("r1");
    EXPECT_EQ(append(log, "r1", epoch, 1, "e1").result, write_result::durable);
    leases.release("r1", epoch);
    auto next = *leases.acquire("r1");
    ASSERT_GT(next, epoch);

    auto stale = append(log, "r1", epoch, 2, "from the old owner");
    EXPECT_EQ(stale.result, write_result::fenced);
    EXPECT_NE(stale.problem.find("TSFENCED"), std::string::npos) << stale.problem;
    EXPECT_EQ(append(log, "r1", next, 2, "e2").result, write_result::durable)
        << "the new owner writes on at the same seq: the room is not damaged";
    auto stored = log.load("r1");
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[1].event, "e2");
    EXPECT_EQ(log.status().refusing_rooms, 0u);
}

}  // namespace
}  // namespace ts::test
