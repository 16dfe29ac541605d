// A room keeps only its recent events in memory, within both bounds; pages from memory start
// exactly where asked and never run past what is held; events read back from the record go
// in front, and a removed message among them shows as removed.
#include <gtest/gtest.h>

#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

class RecentEvents : public ::testing::Test {
protected:
    RecentEvents() : r("r1", limits()) {
        keep(r.create("Meeting", "", "moderator-key-0123456789", "join-code-0123456789", 1000));
        pb::ClientMessage join;
        join.mutable_join()->set_display_name("Ada");
        join.mutable_join()->set_join_code("join-code-0123456789");
        keep(r.apply(join, {1, "token-1"}, 1000));
    }
    static room::room_limits limits() {
        room::room_limits l;
        l.recent_events = 5;
        return l;
    }
    void keep(const room::outcome& out) {
        ASSERT_TRUE(out.ok()) << out.error->message;
        for (const auto& e : out.events) log.push_back(e);
    }
    std::uint64_t post(const std::string& text) {
        pb::ClientMessage m;
        m.mutable_post()->set_text(text);
        keep(r.apply(m, {1, ""}, 2000));
        return r.last_seq();
    }
    room::room r;
    std::vector<room::logged_event> log;
};

TEST_F(RecentEvents, TheRoomHoldsOnlyItsLastEventsAndPagesNeverRunPastThem) {
    for (int i = 1; i <= 10; ++i) post("point " + std::to_string(i));
    ASSERT_EQ(r.last_seq(), 12u);
    EXPECT_EQ(r.first_recent_seq(), 8u) << "the last 5 of 12";
    EXPECT_EQ(r.events_after(0).size(), 5u) << "a resume from long ago gets what is held";
    EXPECT_EQ(r.events_after(10).size(), 2u);
    EXPECT_TRUE(r.events_after(12).empty());
    EXPECT_TRUE(r.events_page(6, 12, 10).empty()) << "event 7 is not held: nothing, rather than a gap";
    auto page = r.events_page(7, 12, 3);
    ASSERT_EQ(page.size(), 3u);
    EXPECT_EQ(page.front().seq(), 8u);
    EXPECT_EQ(page.back().seq(), 10u);
    EXPECT_EQ(r.events_page(7, 9, 10).size(), 2u) << "never past up_to (what is durable)";
    EXPECT_TRUE(r.events_page(12, 12, 10).empty());
    // Still a message: older messages stay known (to withdraw them), though not held.
    pb::ClientMessage withdraw;
    withdraw.mutable_withdraw_message()->set_seq(3);
    EXPECT_TRUE(r.apply(withdraw, {1, ""}, 3000).ok());
}

TEST_F(RecentEvents, TheByteBoundHoldsTooButTheNewestEventAlwaysStays) {
    room::room_limits l;
    l.recent_bytes = 1024;
    room::room small("r2", l);
    ASSERT_TRUE(small.create("Meeting", "", "moderator-key-0123456789", "join-code-0123456789", 1000).ok());
    pb::ClientMessage join;
    join.mutable_join()->set_display_name("Ada");
    join.mutable_join()->set_join_code("join-code-0123456789");
    ASSERT_TRUE(small.apply(join, {1, "token-1"}, 1000).ok());
    pb::ClientMessage big;
    big.mutable_post()->set_text(std::string(1500, 'x'));
    ASSERT_TRUE(small.apply(big, {1, ""}, 2000).ok());
    EXPECT_EQ(small.first_recent_seq(), small.last_seq()) << "over the bound alone, the newest stays";
}

TEST_F(RecentEvents, EventsReadBackGoInFrontAndARemovedMessageShowsAsRemoved) {
    const auto first = post("to be withdrawn");
    for (int i = 0; i < 6; ++i) post("more");
    pb::ClientMessage withdraw;
    withdraw.mutable_withdraw_message()->set_seq(first);
    keep(r.apply(withdraw, {1, ""}, 3000));
    // A room restored from its state holds nothing recent; the loader puts back what it reads.
    auto restored = room::room::restore("r1", r.save_state(), limits());
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->first_recent_seq(), restored->last_seq() + 1);
    restored->remember_recent(log[restored->last_seq() - 1].event);
    restored->remember_recent(log[restored->last_seq() - 3].event);  // not the one just before: refused
    EXPECT_EQ(restored->first_recent_seq(), restored->last_seq());
    for (auto seq = restored->last_seq() - 1; seq >= restored->last_seq() - 4; --seq)
        restored->remember_recent(log[seq - 1].event);
    EXPECT_EQ(restored->first_recent_seq(), restored->last_seq() - 4) << "up to the bound of 5";
    // The withdrawn message, as stored (its text kept apart and deleted), shows as withdrawn.
    auto stored = log[first - 1].event;
    stored.mutable_message_posted()->clear_text();
    r.mark_removed(stored);
    EXPECT_TRUE(stored.message_posted().withdrawn());
    EXPECT_EQ(stored.message_posted().removed_by_member_id(), "m1");
}

}  // namespace
}  // namespace ts::test
