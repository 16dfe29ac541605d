// Reading stored entries back: each decodes and carries its own number, none is missing, and
// where that fails the damage says exactly which entries cannot be read.
#include "app/stored_event.hpp"

#include <gtest/gtest.h>

namespace ts::app {
namespace {

store::log_entry entry(std::uint64_t seq, const std::string& text = "hello") {
    room::logged_event logged;
    logged.event.set_seq(seq);
    logged.event.set_at_ms(1000 + static_cast<std::int64_t>(seq));
    logged.event.mutable_message_posted()->set_text(text);
    return to_stored(logged);
}

TEST(ReadEntries, AWholeRunReadsBackInOrder) {
    auto read = read_entries({entry(3), entry(4), entry(5)}, 3, 5);
    EXPECT_FALSE(read.damage);
    ASSERT_EQ(read.events.size(), 3u);
    EXPECT_EQ(read.events[2].event.seq(), 5u);
    EXPECT_EQ(read.events[0].event.message_posted().text(), "hello");
}

TEST(ReadEntries, AnEntryThatDoesNotDecodeIsDamageOfThatEntryAlone) {
    auto bad = entry(4);
    bad.event = "\xff\xff\xff not protobuf";
    auto read = read_entries({entry(3), bad, entry(5)}, 3, 5);
    ASSERT_TRUE(read.damage);
    EXPECT_EQ(read.damage->from_seq, 4u);
    EXPECT_EQ(read.damage->to_seq, 4u);
    EXPECT_EQ(read.events.size(), 1u) << "the events stop before the damage";
    EXPECT_NE(damage_words(*read.damage).find("event 4 of this room's stored record cannot be read"),
              std::string::npos);
}

TEST(ReadEntries, AMissingRunIsOneDamageFromItsFirstToItsLastEntry) {
    auto read = read_entries({entry(3), entry(7)}, 3, 7);
    ASSERT_TRUE(read.damage);
    EXPECT_EQ(read.damage->from_seq, 4u);
    EXPECT_EQ(read.damage->to_seq, 6u);
    EXPECT_EQ(read.damage->problem, "entries 4 to 6 are missing");
    EXPECT_EQ(damage_words(*read.damage).rfind("events 4 to 6", 0), 0u);
}

TEST(ReadEntries, ARecordThatEndsTooSoonIsDamageToWhereItShouldEnd) {
    auto read = read_entries({entry(3)}, 3, 5);
    ASSERT_TRUE(read.damage);
    EXPECT_EQ(read.damage->from_seq, 4u);
    EXPECT_EQ(read.damage->to_seq, 5u);
    EXPECT_TRUE(read_entries({}, 3, 2).events.empty());
    EXPECT_FALSE(read_entries({}, 3, 2).damage);
}

TEST(ReadEntries, AnEntryHoldingAnotherNumberIsDamage) {
    auto moved = entry(9);
    moved.seq = 4;
    auto read = read_entries({entry(3), moved}, 3, 4);
    ASSERT_TRUE(read.damage);
    EXPECT_EQ(read.damage->from_seq, 4u);
    EXPECT_NE(read.damage->problem.find("holds event 9"), std::string::npos);
}

TEST(ReadEntries, TheLastDamageOfARunIsTheOneNearestItsEnd) {
    auto bad = entry(4);
    bad.event = "\xff";
    EXPECT_FALSE(last_damage({entry(3), entry(4), entry(5)}, 3, 5));
    auto last = last_damage({entry(3), bad, entry(5), entry(8), entry(9)}, 3, 10);
    ASSERT_TRUE(last);
    EXPECT_EQ(last->from_seq, 10u) << "the record ends before 10";
    last = last_damage({entry(3), bad, entry(5), entry(8), entry(9)}, 3, 9);
    ASSERT_TRUE(last);
    EXPECT_EQ(last->from_seq, 6u);
    EXPECT_EQ(last->to_seq, 7u);
}

}  // namespace
}  // namespace ts::app
