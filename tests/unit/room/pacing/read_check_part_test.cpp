// The read-check part on its own.
#include "room/pacing/read_check_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class ReadCheckPartTest : public ::testing::Test {
protected:
    ReadCheckPartTest() { view.messages = {4, 7}; }

    decision start(std::uint64_t message_seq, const pb::Member& caller) {
        pb::ClientMessage m;
        m.mutable_start_read_check()->set_seq(message_seq);
        return test::run_part(part, m, caller, view, seq);
    }
    decision confirm(const std::string& id, const pb::Member& caller) {
        pb::ClientMessage m;
        m.mutable_confirm_read()->set_check_id(id);
        return test::run_part(part, m, caller, view, seq);
    }

    read_check_part part;
    test::fake_room_view view;
    std::uint64_t seq = 10;
    pb::Member mod = person("m1", pb::MODERATOR);
    pb::Member ada = person("m2", pb::PARTICIPANT);
    pb::Member bo = person("m3", pb::PARTICIPANT);
};

TEST_F(ReadCheckPartTest, ModeratorsCheckMessagesOnly) {
    EXPECT_EQ(start(4, ada).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(start(5, mod).error->code, pb::NOT_FOUND);  // not a message
    auto started = start(4, mod);
    ASSERT_FALSE(started.error);
    EXPECT_EQ(started.events[0].event.read_check_started().check_id(), "c1");
    EXPECT_EQ(start(7, mod).events[0].event.read_check_started().check_id(), "c2");
}

TEST_F(ReadCheckPartTest, OnlyParticipantsConfirm) {
    start(4, mod);
    EXPECT_EQ(confirm("c1", mod).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(confirm("c1", person("m4", pb::OBSERVER)).error->code, pb::PERMISSION_DENIED);
    EXPECT_FALSE(confirm("c1", ada).error);
}

TEST_F(ReadCheckPartTest, EachPersonCountsOnceAndOnlyTheCountIsShown) {
    start(4, mod);
    auto first = confirm("c1", ada);
    ASSERT_FALSE(first.error);
    EXPECT_EQ(first.events[0].event.read_confirmed().count(), 1u);
    EXPECT_EQ(first.events[0].hidden.reader_member_id(), "m2");
    EXPECT_EQ(first.events[0].event.SerializeAsString().find("m2"), std::string::npos);
    EXPECT_EQ(confirm("c1", ada).error->code, pb::CONFLICT);
    EXPECT_EQ(confirm("c9", ada).error->code, pb::NOT_FOUND);
    EXPECT_EQ(confirm("c1", bo).events[0].event.read_confirmed().count(), 2u);

    pb::RoomSnapshot snap;
    part.add_to(snap);
    ASSERT_EQ(snap.read_checks_size(), 1);
    EXPECT_EQ(snap.read_checks(0).count(), 2u);
    EXPECT_EQ(snap.read_check_messages(0).seq(), 4u);
}

}  // namespace
}  // namespace ts::room
