// The voice part on its own: which microphones the media server lets through after each
// event — the mode, people's own choice, a moderator closing one, the floor, the room's
// microphone for the people in the room — with no media server.
#include "room/voice/voice_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class VoicePart : public ::testing::Test, protected test::three_people {
protected:
    VoicePart() {
        screen.set_role(pb::OBSERVER);
        screen.set_room_screen(true);
        watcher = person("m4", pb::OBSERVER);
        ines = person("m5", pb::PARTICIPANT);
        ines.set_in_room(true);
        for (const auto* m : {&mod, &ada, &bo, &watcher, &ines, &screen}) {
            view.members[m->member_id()] = *m;
            pb::Event joined;
            *joined.mutable_member_joined()->mutable_member() = *m;
            test::happen(part, view, joined, seq);
        }
    }
    decision set_voice(pb::VoiceMode mode, bool room_always = false, const pb::Member* who = nullptr) {
        pb::ClientMessage m;
        m.mutable_set_voice()->mutable_settings()->set_mode(mode);
        m.mutable_set_voice()->mutable_settings()->set_room_always_heard(room_always);
        return test::run_part(part, m, who ? *who : mod, view, seq);
    }
    decision microphone(const pb::Member& who, bool open) {
        pb::ClientMessage m;
        m.mutable_set_microphone()->set_open(open);
        return test::run_part(part, m, who, view, seq);
    }
    decision close(const std::string& member_id, const pb::Member& by) {
        pb::ClientMessage m;
        m.mutable_close_microphone()->set_member_id(member_id);
        return test::run_part(part, m, by, view, seq);
    }
    void floor_to(const std::string& holder) {
        pb::Event e;
        e.mutable_floor_changed()->set_change(holder.empty() ? pb::FLOOR_CHANGE_ENDED : pb::FLOOR_CHANGE_GRANTED);
        e.mutable_floor_changed()->mutable_floor()->set_holder_member_id(holder);
        test::happen(part, view, e, seq);
    }
    std::vector<std::string> heard() const { return part.heard(); }
    using ids = std::vector<std::string>;

    pb::Member screen = person("m6", pb::OBSERVER);
    pb::Member watcher, ines;
    voice_part part;
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(VoicePart, WithoutVoiceNobodyIsHeardAndNoMicrophoneOpens) {
    EXPECT_EQ(microphone(ada, true).error->code, pb::CONFLICT);
    EXPECT_TRUE(heard().empty());
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_FALSE(snap.has_voice());
}

TEST_F(VoicePart, OnlyModeratorsSetTheVoiceAndASettingIsNotSetTwice) {
    EXPECT_EQ(set_voice(pb::VOICE_OPEN, false, &ada).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(set_voice(static_cast<pb::VoiceMode>(9)).error->code, pb::BAD_REQUEST);
    auto set = set_voice(pb::VOICE_FLOOR);
    ASSERT_FALSE(set.error);
    EXPECT_EQ(set.events[0].event.voice_changed().by_member_id(), "m1");
    EXPECT_EQ(set_voice(pb::VOICE_FLOOR).error->code, pb::CONFLICT);
    EXPECT_FALSE(set_voice(pb::VOICE_FLOOR, true).error);  // the room's microphone always on is a change
}

TEST_F(VoicePart, InOpenModeEveryoneWhoOpensTheirMicrophoneIsHeardButNotObservers) {
    ASSERT_FALSE(set_voice(pb::VOICE_OPEN).error);
    EXPECT_TRUE(heard().empty());  // everyone starts closed
    ASSERT_FALSE(microphone(ada, true).error);
    ASSERT_FALSE(microphone(mod, true).error);
    EXPECT_EQ(microphone(ada, true).error->code, pb::CONFLICT);
    EXPECT_EQ(microphone(watcher, true).error->code, pb::PERMISSION_DENIED);  // observers listen
    EXPECT_EQ(heard(), (ids{"m2", "m1"}));
    ASSERT_FALSE(microphone(ada, false).error);
    EXPECT_EQ(heard(), ids{"m1"});
}

TEST_F(VoicePart, InFloorModeOnlyTheHolderAndTheModeratorsAreHeardAndTheFloorMovesIt) {
    ASSERT_FALSE(set_voice(pb::VOICE_FLOOR).error);
    for (const auto* m : {&mod, &ada, &bo}) ASSERT_FALSE(microphone(*m, true).error);
    EXPECT_EQ(heard(), ids{"m1"});  // nobody has the floor: only the moderator
    EXPECT_FALSE(part.allowed("m2"));
    floor_to("m2");
    EXPECT_EQ(heard(), (ids{"m1", "m2"}));
    floor_to("m3");  // the turn moves on: Ada's stream is dropped, Bo's let through
    EXPECT_EQ(heard(), (ids{"m1", "m3"}));
    floor_to("");
    EXPECT_EQ(heard(), ids{"m1"});
    // With the floor but a closed microphone: they are not heard until they open it.
    ASSERT_FALSE(microphone(bo, false).error);
    floor_to("m3");
    EXPECT_EQ(heard(), ids{"m1"});
    EXPECT_TRUE(part.allowed("m3"));
}

TEST_F(VoicePart, AModeratorClosesAnyonesMicrophoneAndTheyMayOpenItAgain) {
    ASSERT_FALSE(set_voice(pb::VOICE_OPEN).error);
    ASSERT_FALSE(microphone(ada, true).error);
    EXPECT_EQ(close("m2", bo).error->code, pb::PERMISSION_DENIED);
    auto closed = close("m2", mod);
    ASSERT_FALSE(closed.error);
    EXPECT_EQ(closed.events[0].event.microphone_changed().by_member_id(), "m1");
    EXPECT_TRUE(heard().empty());
    EXPECT_EQ(close("m2", mod).error->code, pb::CONFLICT);
    EXPECT_EQ(close("m99", mod).error->code, pb::NOT_FOUND);
    ASSERT_FALSE(microphone(ada, true).error);
    EXPECT_EQ(heard(), ids{"m2"});
}

TEST_F(VoicePart, TheRoomsMicrophoneIsHeardWhileSomeoneInTheRoomHasTheFloorOrAlways) {
    ASSERT_FALSE(set_voice(pb::VOICE_FLOOR).error);
    ASSERT_FALSE(microphone(screen, true).error);
    EXPECT_TRUE(heard().empty());
    floor_to("m5");  // Ines, in the room without a device
    EXPECT_EQ(heard(), ids{"m6"});
    floor_to("m2");
    EXPECT_TRUE(heard().empty());
    ASSERT_FALSE(set_voice(pb::VOICE_FLOOR, true).error);
    EXPECT_EQ(heard(), ids{"m6"});
}

TEST_F(VoicePart, ModeratorsOnlyAndAModeratorMadeSo) {
    ASSERT_FALSE(set_voice(pb::VOICE_MODERATORS_ONLY).error);
    ASSERT_FALSE(microphone(mod, true).error);
    ASSERT_FALSE(microphone(ada, true).error);
    floor_to("m2");
    EXPECT_EQ(heard(), ids{"m1"});  // the floor opens nothing here
    pb::Event co;
    co.mutable_role_changed()->set_member_id("m2");
    co.mutable_role_changed()->set_role(pb::MODERATOR);
    test::happen(part, view, co, seq);
    EXPECT_EQ(heard(), (ids{"m1", "m2"}));
}

TEST_F(VoicePart, SomeoneWhoLeavesComesBackWithTheirMicrophoneClosed) {
    ASSERT_FALSE(set_voice(pb::VOICE_OPEN).error);
    ASSERT_FALSE(microphone(ada, true).error);
    pb::Event left;
    left.mutable_member_left()->set_member_id("m2");
    test::happen(part, view, left, seq);
    EXPECT_TRUE(heard().empty());
}

TEST_F(VoicePart, TheSnapshotSaysWhoseMicrophonesAreOpenAndWhoIsHeard) {
    ASSERT_FALSE(set_voice(pb::VOICE_FLOOR).error);
    ASSERT_FALSE(microphone(ada, true).error);
    ASSERT_FALSE(microphone(bo, true).error);
    floor_to("m2");
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.voice().settings().mode(), pb::VOICE_FLOOR);
    EXPECT_EQ(ids(snap.voice().open_microphones().begin(), snap.voice().open_microphones().end()), (ids{"m2", "m3"}));
    EXPECT_EQ(ids(snap.voice().heard().begin(), snap.voice().heard().end()), ids{"m2"});
}

}  // namespace
}  // namespace ts::room
