// The note-taker part on its own.
#include "room/turns/note_taker_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

TEST(NoteTakerPart, ModeratorsNameParticipantsWithADevice) {
    note_taker_part part;
    test::fake_room_view view;
    view.members["m2"] = person("m2", pb::PARTICIPANT);
    view.members["m3"] = person("m3", pb::OBSERVER);
    view.members["m4"] = person("m4", pb::PARTICIPANT);
    view.members["m4"].set_in_room(true);
    std::uint64_t seq = 0;
    auto name = [&](const std::string& id, bool on, const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_set_note_taker()->set_member_id(id);
        m.mutable_set_note_taker()->set_note_taker(on);
        return test::run_part(part, m, who, view, seq);
    };
    auto mod = person("m1", pb::MODERATOR);
    EXPECT_EQ(name("m2", true, view.members["m2"]).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(name("m3", true, mod).error->code, pb::NOT_FOUND);  // an observer
    EXPECT_EQ(name("m4", true, mod).error->code, pb::NOT_FOUND);  // in the room, no device
    EXPECT_EQ(name("m9", true, mod).error->code, pb::NOT_FOUND);
    EXPECT_EQ(name("m2", false, mod).error->code, pb::CONFLICT);  // not one yet
    auto named = name("m2", true, mod);
    ASSERT_FALSE(named.error);
    EXPECT_EQ(named.events[0].event.note_taker_changed().member_id(), "m2");
    EXPECT_EQ(named.events[0].event.note_taker_changed().by_member_id(), "m1");
}

}  // namespace
}  // namespace ts::room
