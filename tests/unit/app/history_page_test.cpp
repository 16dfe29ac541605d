// A page of earlier events: which entries a GetHistory asks for, and what the reader is sent
// back for each way reading them can end.
#include "app/history_page.hpp"

#include <gtest/gtest.h>

namespace ts::app {
namespace {

namespace pb = talkingstick::v1;

pb::GetHistory ask(std::uint64_t before_seq, std::uint32_t max) {
    pb::GetHistory a;
    a.set_before_seq(before_seq);
    a.set_max(max);
    return a;
}

pb::ServerMessage decoded(const net::shared_frame& frame) {
    pb::ServerMessage m;
    EXPECT_TRUE(m.ParseFromString(*frame));
    return m;
}

TEST(HistoryRange, NoBeforeMeansTheNewestPage) {
    auto r = history_range(ask(0, 10), 50, 200);
    EXPECT_EQ(r.after_seq, 40u);  // events 41..50
    EXPECT_EQ(r.count, 10u);
}

TEST(HistoryRange, TheMostIsTheCapAndNoMaxMeansTheCap) {
    EXPECT_EQ(history_range(ask(0, 500), 1000, 200).count, 200u);
    EXPECT_EQ(history_range(ask(0, 0), 1000, 200).count, 200u);
}

TEST(HistoryRange, APageStopsAtTheFirstEvent) {
    auto r = history_range(ask(5, 10), 50, 200);
    EXPECT_EQ(r.after_seq, 0u);  // events 1..4
    EXPECT_EQ(r.count, 4u);
    EXPECT_EQ(history_range(ask(1, 10), 50, 200).count, 0u);
}

TEST(HistoryRange, NothingPastWhatMayBeShownIsRead) {
    // 60 is not durable yet (or not readable in a read-only room): the page ends at 50.
    auto r = history_range(ask(61, 5), 50, 200);
    EXPECT_EQ(r.after_seq, 45u);
    EXPECT_EQ(r.count, 5u);
}

TEST(HistoryReply, AStoreThatCannotBeReadAsksTheReaderToTryAgain) {
    page_read read;
    read.unavailable = true;
    auto m = decoded(history_reply(read, 7, 3000, [](const pb::Event&) { return true; }));
    ASSERT_TRUE(m.has_error());
    EXPECT_EQ(m.error().request_id(), 7u);
    EXPECT_EQ(m.error().code(), pb::STORE_UNAVAILABLE);
    EXPECT_EQ(m.error().retry_after_ms(), 3000u);
}

TEST(HistoryReply, DamageNamesTheDamageNearestTheReader) {
    page_read read;
    read.damage = record_damage{4, 5, "gone"};
    read.last_damage = record_damage{9, 9, "bad"};
    auto m = decoded(history_reply(read, 7, 3000, [](const pb::Event&) { return true; }));
    ASSERT_TRUE(m.has_error());
    EXPECT_EQ(m.error().code(), pb::DAMAGED);
    EXPECT_EQ(m.error().damaged_from_seq(), 9u);
    EXPECT_EQ(m.error().damaged_to_seq(), 9u);
}

TEST(HistoryReply, EachEventIsSentAsTheReaderCouldSeeItLive) {
    page_read read;
    read.events.resize(2);
    read.events[0].set_seq(1);
    read.events[0].mutable_message_posted()->set_text("for all");
    read.events[1].set_seq(2);
    read.events[1].add_private_to("m3");
    read.events[1].mutable_message_posted()->set_text("for m3");
    auto m = decoded(history_reply(read, 7, 3000, [](const pb::Event& e) { return e.private_to_size() == 0; }));
    ASSERT_TRUE(m.has_history_page());
    EXPECT_EQ(m.history_page().request_id(), 7u);
    ASSERT_EQ(m.history_page().events_size(), 2);
    EXPECT_EQ(m.history_page().events(0).message_posted().text(), "for all");
    EXPECT_EQ(m.history_page().events(1).seq(), 2u);
    EXPECT_FALSE(m.history_page().events(1).has_message_posted()) << "only its number and time";
}

}  // namespace
}  // namespace ts::app
