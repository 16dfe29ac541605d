// What waits for the store, without a store: answers in order, once durable; notices while
// saving is slow; refusals past the bounds.
#include "app/durability_pipeline.hpp"

#include <gtest/gtest.h>

#include "unit/app/fake_sink.hpp"

namespace ts::app {
namespace {

using namespace std::chrono_literals;

class DurabilityPipeline : public ::testing::Test {
protected:
    pending waiting_for(std::uint64_t seq, std::shared_ptr<test::fake_sink> from = nullptr, std::uint64_t request = 0) {
        pending p;
        p.seq = seq;
        p.reply_to = std::move(from);
        p.request_id = request;
        return p;
    }
    static std::vector<std::uint64_t> seqs(const std::vector<pending>& ps) {
        std::vector<std::uint64_t> out;
        for (const auto& p : ps) out.push_back(p.seq);
        return out;
    }

    save_limits limits{2000ms, 10000ms, 5, 3000ms};
    durability_pipeline pipeline{10, limits};
    steady_time t0 = std::chrono::steady_clock::now();
    std::shared_ptr<test::fake_sink> ada = std::make_shared<test::fake_sink>();
    std::shared_ptr<test::fake_sink> bo = std::make_shared<test::fake_sink>();
};

TEST_F(DurabilityPipeline, ReleasesInOrderWhatIsDurableAndNothingPastIt) {
    pipeline.hold(waiting_for(11), t0);
    pipeline.hold(waiting_for(13), t0);
    pipeline.hold(waiting_for(13), t0);  // an answer with nothing to write waits behind it
    pipeline.hold(waiting_for(14), t0);
    EXPECT_TRUE(pipeline.durable_up_to(10).empty());
    EXPECT_EQ(seqs(pipeline.durable_up_to(12)), (std::vector<std::uint64_t>{11}));
    EXPECT_EQ(pipeline.durable_seq(), 12u);
    EXPECT_EQ(seqs(pipeline.durable_up_to(13)), (std::vector<std::uint64_t>{13, 13}));
    EXPECT_EQ(seqs(pipeline.durable_up_to(12)), (std::vector<std::uint64_t>{}));  // an older outcome changes nothing
    EXPECT_EQ(pipeline.durable_seq(), 13u);
    EXPECT_FALSE(pipeline.empty());
    EXPECT_EQ(seqs(pipeline.durable_up_to(14)), (std::vector<std::uint64_t>{14}));
    EXPECT_TRUE(pipeline.empty());
}

TEST_F(DurabilityPipeline, WhatWasNotSavedIsDroppedAndNeverCountedDurable) {
    pipeline.hold(waiting_for(11), t0);
    pipeline.hold(waiting_for(12), t0);
    EXPECT_EQ(seqs(pipeline.not_saved_up_to(11)), (std::vector<std::uint64_t>{11}));
    EXPECT_EQ(pipeline.durable_seq(), 10u);
    EXPECT_EQ(seqs(pipeline.drop_all()), (std::vector<std::uint64_t>{12}));
    EXPECT_TRUE(pipeline.empty());
    pipeline.restart_at(40);
    EXPECT_EQ(pipeline.durable_seq(), 40u);
}

TEST_F(DurabilityPipeline, SendersWaitingPastTheNoticeTimeAreToldOnceEach) {
    pipeline.hold(waiting_for(11, ada, 1), t0);
    pipeline.hold(waiting_for(12, bo, 7), t0 + 500ms);
    pipeline.hold(waiting_for(13, ada, 2), t0 + 1000ms);
    pipeline.hold(waiting_for(13), t0 + 1000ms);  // nobody to tell (a timer's events)
    EXPECT_EQ(pipeline.next_notice(), t0 + 2000ms);
    EXPECT_TRUE(pipeline.notices_due(t0 + 1999ms).empty());
    auto due = pipeline.notices_due(t0 + 3000ms);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].to, ada);
    EXPECT_EQ(due[0].request_ids, (std::vector<std::uint64_t>{1, 2}));
    EXPECT_EQ(due[0].waiting_ms, 3000u);
    EXPECT_EQ(due[1].to, bo);
    EXPECT_EQ(due[1].request_ids, (std::vector<std::uint64_t>{7}));
    EXPECT_TRUE(pipeline.notices_due(t0 + 9000ms).empty());  // each is told once
    EXPECT_EQ(pipeline.next_notice(), std::nullopt);
}

TEST_F(DurabilityPipeline, NewCommandsAreRefusedOnlyPastTheBounds) {
    EXPECT_FALSE(pipeline.refusal(false, 10, true, t0));
    auto full = pipeline.refusal(false, 10, false, t0);  // the store has no room, whatever waits
    ASSERT_TRUE(full);
    EXPECT_EQ(full->code, talkingstick::v1::STORE_UNAVAILABLE);
    EXPECT_EQ(full->retry_after_ms, 3000u);
    pipeline.hold(waiting_for(11, ada, 1), t0);
    EXPECT_FALSE(pipeline.refusal(false, 11, true, t0 + 9999ms));
    EXPECT_FALSE(pipeline.refusal(true, 11, true, t0 + 1999ms));
    auto joining = pipeline.refusal(true, 11, true, t0 + 2000ms);  // a newcomer hears at once
    ASSERT_TRUE(joining);
    EXPECT_NE(joining->message.find("join as soon as saving works again"), std::string::npos);
    EXPECT_TRUE(pipeline.refusal(false, 11, true, t0 + 10000ms));  // waited too long
    EXPECT_TRUE(pipeline.refusal(false, 15, true, t0));            // too many unsaved events
    EXPECT_FALSE(pipeline.refusal(false, 14, true, t0));
}

}  // namespace
}  // namespace ts::app
