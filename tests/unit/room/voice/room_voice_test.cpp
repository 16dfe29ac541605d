// Voice through the whole room: the floor moves whose microphone is heard, the voiced time the
// media server reports lands in the person's figures, bad reports change nothing, and all of
// it comes back the same from a replay and from stored state.
#include <gtest/gtest.h>

#include "room/reports/participation_reports.hpp"
#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

class RoomVoice : public room_fixture {};

TEST_F(RoomVoice, TheFloorOpensTheHoldersMicrophoneAndVoicedTimeIsCounted) {
    auto mo = join("Mo", true);
    auto ada = join("Ada");
    auto bo = join("Bo");
    ASSERT_TRUE(
        run(mo, command([](auto& m) { m.mutable_set_voice()->mutable_settings()->set_mode(pb::VOICE_FLOOR); })).ok());
    for (auto c : {ada, bo})
        ASSERT_TRUE(run(c, command([](auto& m) { m.mutable_set_microphone()->set_open(true); })).ok());
    EXPECT_TRUE(r.heard().empty());
    for (auto c : {ada, bo})
        ASSERT_TRUE(run(c, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); })).ok());
    ASSERT_TRUE(run(mo, command([](auto& m) { m.mutable_grant_floor(); })).ok());
    EXPECT_EQ(r.heard(), std::vector<std::string>{member(ada)});
    ASSERT_TRUE(run(ada, command([](auto& m) { m.mutable_yield_floor(); })).ok());
    EXPECT_TRUE(r.heard().empty());

    pb::VoiceSpoken spoken;
    spoken.set_member_id(member(ada));
    spoken.set_from_ms(clock.now_ms() - 10'000);
    spoken.set_to_ms(clock.now_ms());
    spoken.set_voiced_ms(7'250);
    auto recorded = r.record_voice(spoken, clock.now_ms());
    ASSERT_TRUE(recorded.ok());
    record(recorded);
    EXPECT_EQ(room::reports::participation_report(r, member(ada), clock.now_ms()).mine().voiced_ms(), 7'250);

    // More time than the span, a negative time, someone unknown: refused, nothing recorded.
    auto bad = spoken;
    bad.set_voiced_ms(10'001);
    EXPECT_EQ(code_of(r.record_voice(bad, clock.now_ms())), pb::BAD_REQUEST);
    bad.set_voiced_ms(-1);
    EXPECT_EQ(code_of(r.record_voice(bad, clock.now_ms())), pb::BAD_REQUEST);
    bad = spoken;
    bad.set_member_id("m99");
    EXPECT_EQ(code_of(r.record_voice(bad, clock.now_ms())), pb::BAD_REQUEST);
    EXPECT_EQ(room::reports::participation_report(r, member(ada), clock.now_ms()).mine().voiced_ms(), 7'250);

    // The same from the log, and from stored state.
    room::room replayed("r1");
    for (const auto& e : log) ASSERT_FALSE(replayed.replay(e));
    EXPECT_EQ(replayed.snapshot(clock.now_ms()).SerializeAsString(), r.snapshot(clock.now_ms()).SerializeAsString());
    auto restored = room::room::restore("r1", r.save_state());
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->save_state(), r.save_state());
    EXPECT_EQ(room::reports::participation_report(*restored, member(ada), clock.now_ms()).mine().voiced_ms(), 7'250);
}

}  // namespace
}  // namespace ts::test
