// The agenda part on its own.
#include "room/agenda/agenda_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

TEST(AgendaPart, ModeratorsStartItemsNumberedInOrder) {
    agenda_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
    auto start = [&](const std::string& title, const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_start_agenda_item()->set_title(title);
        return test::run_part(part, m, who, view, seq);
    };
    auto mod = person("m1", pb::MODERATOR);
    pb::RoomSnapshot before;
    part.add_to(before);
    EXPECT_FALSE(before.has_agenda_item());
    EXPECT_EQ(start("Budget", person("m2", pb::PARTICIPANT)).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(start("  ", mod).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(start(std::string(room_limits{}.max_title_chars + 1, 'x'), mod).error->code, pb::TOO_LARGE);
    EXPECT_EQ(start("Budget", mod).events[0].event.agenda_item_started().item_id(), "a1");
    auto second = start("Transport", mod);
    EXPECT_EQ(second.events[0].event.agenda_item_started().item_id(), "a2");
    EXPECT_EQ(second.events[0].event.agenda_item_started().by_member_id(), "m1");
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.agenda_item().title(), "Transport");
}

}  // namespace
}  // namespace ts::room
