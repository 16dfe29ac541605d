// The Redis writer's decisions without Redis: which jobs go, what a reply does to its room,
// when a refused room goes again, what a lost connection sends again.
#include "store/append_scheduler.hpp"

#include <gtest/gtest.h>

namespace ts::store {
namespace {

using namespace std::chrono_literals;
using kind = append_scheduler::reply_kind;

class AppendScheduler : public ::testing::Test {
protected:
    AppendScheduler()
        : scheduler(4, 2000, [this](std::size_t entries, const write_outcome& o) {
              if (o.result == write_result::durable) durable_entries += entries;
          }) {}

    // Adds a job of n entries for room, recording how it ends under name.
    void add(const std::string& room, const std::string& name, std::size_t n = 1, std::uint64_t epoch = 0) {
        std::vector<log_entry> entries(n);
        scheduler.add({room, epoch, std::move(entries), [this, name](write_outcome o) {
                           ended.push_back(name + (o.result == write_result::durable   ? ":durable"
                                                   : o.result == write_result::damaged ? ":damaged"
                                                   : o.result == write_result::fenced  ? ":fenced"
                                                                                       : ":not_saved"));
                       }});
    }
    // The rooms of a batch's calls and how many jobs each call holds, e.g. "a2 b1".
    static std::string shape(const append_scheduler::batch& b) {
        std::string out;
        for (const auto& c : b.calls) out += (out.empty() ? "" : " ") + c.room_id + std::to_string(c.jobs.size());
        return out;
    }
    static append_scheduler::reply reply(kind k, std::string words = "") { return {k, std::move(words)}; }

    append_scheduler::time_point t0{std::chrono::seconds(1000)};
    append_scheduler scheduler;
    std::vector<std::string> ended;
    std::size_t durable_entries = 0;
};

TEST_F(AppendScheduler, OneCallPerRoomHoldsAllItsJobsInOrderAndAWrittenReplyEndsThem) {
    add("a", "a1");
    add("b", "b1");
    add("a", "a2");
    auto b = scheduler.next_batch(t0);
    EXPECT_EQ(shape(b), "a2 b1");
    EXPECT_FALSE(scheduler.next_send_time()) << "everything is in flight";
    for (const auto& c : b.calls) scheduler.settle(c, reply(kind::written), t0);
    EXPECT_EQ(ended, (std::vector<std::string>{"a1:durable", "a2:durable", "b1:durable"}));
    EXPECT_EQ(durable_entries, 3u);
    EXPECT_TRUE(scheduler.empty());
}

TEST_F(AppendScheduler, ABatchStopsAtThePipelineBoundButAlwaysTakesOneJob) {
    add("a", "big", 6);  // over the bound of 4 on its own
    add("b", "b1", 1);
    EXPECT_EQ(shape(scheduler.next_batch(t0)), "a1");
    EXPECT_EQ(shape(scheduler.next_batch(t0)), "b1");
    add("c", "c1", 3);
    add("d", "d1", 2);
    EXPECT_EQ(shape(scheduler.next_batch(t0)), "c1") << "3 + 2 entries would pass the bound";
}

TEST_F(AppendScheduler, ARefusedRoomWaitsForItsRetryTimeWhileOtherRoomsGoOn) {
    add("a", "a1");
    auto first = scheduler.next_batch(t0);
    scheduler.settle(first.calls[0], reply(kind::refused, "OOM command not allowed"), t0);
    EXPECT_TRUE(ended.empty()) << "nothing acknowledged, nothing lost: it waits";
    EXPECT_EQ(scheduler.refusing_rooms(), 1u);
    EXPECT_EQ(scheduler.last_refusal(), "OOM command not allowed");
    add("a", "a2");
    add("b", "b1");
    EXPECT_EQ(shape(scheduler.next_batch(t0 + 10ms)), "b1") << "room a is held, b goes on";
    EXPECT_EQ(scheduler.next_send_time(), t0 + 100ms);
    // a goes again with its oldest job alone; once that is written, the rest follow.
    auto retry = scheduler.next_batch(t0 + 100ms);
    ASSERT_EQ(shape(retry), "a1");
    scheduler.settle(retry.calls[0], reply(kind::written), t0 + 100ms);
    EXPECT_EQ(ended, std::vector<std::string>{"a1:durable"});
    EXPECT_EQ(scheduler.refusing_rooms(), 0u);
    EXPECT_EQ(shape(scheduler.next_batch(t0 + 100ms)), "a1") << "a2, now";
}

TEST_F(AppendScheduler, RefusalsBackOffDoublingUpToTheLimitAndAWriteEndsTheHold) {
    add("a", "a1");
    auto now = t0;
    std::vector<std::chrono::milliseconds> waits;
    for (int i = 0; i < 8; ++i) {
        auto b = scheduler.next_batch(now);
        ASSERT_EQ(shape(b), "a1");
        scheduler.settle(b.calls[0], reply(kind::refused, "BUSY"), now);
        auto next = *scheduler.next_send_time();
        waits.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(next - now));
        EXPECT_TRUE(scheduler.next_batch(next - 1ms).calls.empty()) << "not before its time";
        now = next;
    }
    EXPECT_EQ(waits,
              (std::vector<std::chrono::milliseconds>{100ms, 200ms, 400ms, 800ms, 1600ms, 2000ms, 2000ms, 2000ms}));
    auto b = scheduler.next_batch(now);
    scheduler.settle(b.calls[0], reply(kind::written), now);
    EXPECT_EQ(ended, std::vector<std::string>{"a1:durable"});
    EXPECT_EQ(scheduler.refusing_rooms(), 0u);
}

TEST_F(AppendScheduler, TheConnectionsBackOffIsTheSameDoubling) {
    EXPECT_EQ(retry_delay_ms(0, 2000), 50);
    EXPECT_EQ(retry_delay_ms(1, 2000), 100);
    EXPECT_EQ(retry_delay_ms(5, 2000), 1600);
    EXPECT_EQ(retry_delay_ms(6, 2000), 2000);
    EXPECT_EQ(retry_delay_ms(1000, 2000), 2000);
}

TEST_F(AppendScheduler, AContradictionEndsTheRoomsJobsAsDamagedNowAndFromThenOn) {
    add("a", "a1");
    add("a", "a2");
    add("b", "b1");
    auto b = scheduler.next_batch(t0);
    ASSERT_EQ(shape(b), "a2 b1");
    scheduler.settle(b.calls[0], reply(kind::damaged, "TSDAMAGED entry 0-3 is stored with different contents"), t0);
    scheduler.settle(b.calls[1], reply(kind::written), t0);
    EXPECT_EQ(ended, (std::vector<std::string>{"a1:damaged", "a2:damaged", "b1:durable"}));
    add("a", "a3");
    EXPECT_TRUE(scheduler.next_batch(t0).calls.empty()) << "nothing of a damaged room is sent again";
    EXPECT_EQ(ended.back(), "a3:damaged");
}

TEST_F(AppendScheduler, AFencedWriterEndsFencedWhileANewerWriterOfTheRoomGoesOn) {
    add("a", "old1", 1, 3);
    add("a", "old2", 1, 3);
    add("a", "new1", 1, 4);
    add("b", "b1");
    auto b = scheduler.next_batch(t0);
    ASSERT_EQ(shape(b), "a2 b1") << "one call holds one writer's jobs: the newer one's waits";
    EXPECT_EQ(b.calls[0].epoch, 3u);
    add("a", "old3", 1, 3);
    scheduler.settle(b.calls[0], reply(kind::fenced, "TSFENCED the room was taken over at epoch 4"), t0);
    scheduler.settle(b.calls[1], reply(kind::written), t0);
    EXPECT_EQ(ended, (std::vector<std::string>{"old1:fenced", "old2:fenced", "old3:fenced", "b1:durable"}))
        << "the stale writer's waiting jobs end too, unsent";
    EXPECT_EQ(scheduler.refusing_rooms(), 0u) << "a fence is not a refusal";
    auto next = scheduler.next_batch(t0);
    ASSERT_EQ(shape(next), "a1");
    EXPECT_EQ(next.calls[0].epoch, 4u);
    scheduler.settle(next.calls[0], reply(kind::written), t0);
    EXPECT_EQ(ended.back(), "new1:durable") << "the room is not damaged: its new owner writes on";
    add("a", "late", 1, 2);
    EXPECT_TRUE(scheduler.next_batch(t0).calls.empty()) << "an even older writer is fenced without a try";
    EXPECT_EQ(ended.back(), "late:fenced");
}

TEST_F(AppendScheduler, AGapBehindARefusedWriteOfItsRoomWaitsButAGapAloneIsDamage) {
    // Two batches in flight: a1 in the first, a2 in the second. a1 is refused, so a2 finds
    // the log one short: it waits for a1, which then goes first.
    add("a", "a1");
    auto first = scheduler.next_batch(t0);
    add("a", "a2");
    auto second = scheduler.next_batch(t0);
    ASSERT_EQ(shape(second), "a1");
    scheduler.settle(first.calls[0], reply(kind::refused, "BUSY"), t0);
    scheduler.settle(second.calls[0], reply(kind::gap, "TSGAP the log ends at 0, not at 1"), t0);
    EXPECT_TRUE(ended.empty());
    auto again = scheduler.next_batch(t0 + 100ms);
    ASSERT_EQ(shape(again), "a1") << "the refused job first, alone";
    scheduler.settle(again.calls[0], reply(kind::written), t0 + 100ms);
    auto then = scheduler.next_batch(t0 + 100ms);
    ASSERT_EQ(shape(then), "a1");
    scheduler.settle(then.calls[0], reply(kind::written), t0 + 100ms);
    EXPECT_EQ(ended, (std::vector<std::string>{"a1:durable", "a2:durable"}));

    add("c", "c1");
    auto alone = scheduler.next_batch(t0 + 200ms);
    scheduler.settle(alone.calls[0], reply(kind::gap, "TSGAP the log ends at 7, not at 9"), t0 + 200ms);
    EXPECT_EQ(ended.back(), "c1:damaged");
}

TEST_F(AppendScheduler, ARefusedRoomWaitsForWhatIsStillInFlightBeforeGoingAgain) {
    add("a", "a1");
    auto first = scheduler.next_batch(t0);
    add("a", "a2");
    auto second = scheduler.next_batch(t0);
    scheduler.settle(first.calls[0], reply(kind::refused, "BUSY"), t0);
    EXPECT_FALSE(scheduler.next_send_time()) << "a2's reply comes first";
    EXPECT_TRUE(scheduler.next_batch(t0 + 1s).calls.empty());
    scheduler.settle(second.calls[0], reply(kind::gap, "TSGAP"), t0 + 1s);
    auto retry = scheduler.next_batch(t0 + 1s);
    ASSERT_EQ(shape(retry), "a1");
    scheduler.settle(retry.calls[0], reply(kind::written), t0 + 1s);
    EXPECT_EQ(ended, std::vector<std::string>{"a1:durable"}) << "the refused job, first";
}

TEST_F(AppendScheduler, ALostConnectionSendsEverythingInFlightAgain) {
    add("a", "a1");
    add("b", "b1");
    std::deque<append_scheduler::batch> in_flight;
    in_flight.push_back(scheduler.next_batch(t0));
    add("a", "a2");
    in_flight.push_back(scheduler.next_batch(t0));
    scheduler.forget(in_flight);
    EXPECT_TRUE(in_flight.empty());
    EXPECT_TRUE(ended.empty());
    EXPECT_EQ(scheduler.next_send_time(), append_scheduler::time_point{});
    EXPECT_EQ(shape(scheduler.next_batch(t0)), "a2 b1") << "all of it, in order";
}

TEST_F(AppendScheduler, LosingTheScriptAsksForAFreshConnection) {
    add("a", "a1");
    auto b = scheduler.next_batch(t0);
    EXPECT_EQ(scheduler.settle(b.calls[0], reply(kind::noscript, "NOSCRIPT No matching script"), t0),
              append_scheduler::next_step::reconnect);
    EXPECT_TRUE(ended.empty());
    EXPECT_EQ(shape(scheduler.next_batch(t0)), "a1") << "sent again, unharmed";
}

TEST_F(AppendScheduler, ShuttingDownEndsWhatWaitsAsNotSaved) {
    add("a", "a1");
    add("b", "b1");
    scheduler.end_all({write_result::not_saved, "shutting down"});
    EXPECT_EQ(ended, (std::vector<std::string>{"a1:not_saved", "b1:not_saved"}));
    EXPECT_TRUE(scheduler.empty());
}

}  // namespace
}  // namespace ts::store
