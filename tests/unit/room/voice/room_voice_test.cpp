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
    auto restored = expect_replay_and_restore_agree();
    ASSERT_TRUE(restored);
    EXPECT_EQ(room::reports::participation_report(*restored, member(ada), clock.now_ms()).mine().voiced_ms(), 7'250);
}

pb::VoiceSpoken spoken_by(const std::string& member_id, std::int64_t now_ms, std::int64_t voiced_ms) {
    pb::VoiceSpoken spoken;
    spoken.set_member_id(member_id);
    spoken.set_from_ms(now_ms - voiced_ms);
    spoken.set_to_ms(now_ms);
    spoken.set_voiced_ms(voiced_ms);
    return spoken;
}

// Floor time is not speech: with the spoken-time policy, who held the floor longest in
// silence goes before who spoke most, the queue moves as each report comes, and says why.
TEST_F(RoomVoice, TheSpokenTimePolicyOrdersTheQueueByTimeActuallySpoken) {
    auto mo = join("Mo", true);
    auto ada = join("Ada");
    auto bo = join("Bo");
    auto cy = join("Cy");
    ASSERT_TRUE(run(mo, command([](auto& m) {
                        m.mutable_set_fairness()->mutable_settings()->set_policy(pb::LEAST_SPOKEN_TIME);
                    }))
                    .ok());
    const auto raise = command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); });
    const auto next = command([](auto& m) { m.mutable_grant_floor(); });
    const auto yield = command([](auto& m) { m.mutable_yield_floor(); });
    // Ada holds the floor for a minute and says little; Bo for ten seconds and talks throughout.
    ASSERT_TRUE(run(ada, raise).ok());
    ASSERT_TRUE(run(mo, next).ok());
    clock.advance(60'000);
    record(r.record_voice(spoken_by(member(ada), clock.now_ms(), 3'000), clock.now_ms()));
    ASSERT_TRUE(run(ada, yield).ok());
    ASSERT_TRUE(run(bo, raise).ok());
    ASSERT_TRUE(run(mo, next).ok());
    clock.advance(10'000);
    ASSERT_TRUE(run(bo, yield).ok());
    // Bo's last report comes after the turn ended (a flush at the close of the microphone).
    for (auto c : {bo, ada, cy}) {
        clock.advance(1);
        ASSERT_TRUE(run(c, raise).ok());
    }
    const auto order = [&] {
        std::vector<std::string> ids;
        const auto snapshot = r.snapshot(clock.now_ms());
        for (const auto& e : snapshot.queue()) ids.push_back(e.member_id());
        return ids;
    };
    EXPECT_EQ(order(), (std::vector<std::string>{member(bo), member(cy), member(ada)}));  // Bo: none heard yet
    auto late = r.record_voice(spoken_by(member(bo), clock.now_ms(), 9'500), clock.now_ms());
    ASSERT_TRUE(late.ok());
    record(late);
    ASSERT_EQ(late.events.size(), 2u);
    EXPECT_EQ(late.events[1].event.queue_changed().change(), pb::QUEUE_CHANGE_REORDERED);
    EXPECT_EQ(order(), (std::vector<std::string>{member(cy), member(ada), member(bo)}));
    const auto queue = r.snapshot(clock.now_ms()).queue();
    EXPECT_EQ(queue[0].why().kind(), pb::QUEUE_REASON_NOT_HEARD_YET);
    EXPECT_EQ(queue[1].why().kind(), pb::QUEUE_REASON_SPOKEN_TIME);
    EXPECT_EQ(queue[1].why().spoken_ms(), 3'000);
    EXPECT_EQ(queue[2].reason(), "has spoken for 9 s — those who have spoken less go first");

    // The same from the log, and from stored state.
    expect_replay_and_restore_agree();
}

// The room's voice by consent, as its pace: the moderator proposes a mode, a block stops it,
// and adopting it applies it at once (the holder heard, the others not).
TEST_F(RoomVoice, AVoiceModeIsAdoptedByTheRoomsConsent) {
    auto mo = join("Mo", true);
    auto ada = join("Ada");
    auto bo = join("Bo");
    auto propose = command([](auto& m) {
        auto* o = m.mutable_open_question();
        o->set_kind(pb::CONSENSUS);
        o->set_text("Only the person with the floor is heard?");
        o->mutable_voice()->set_mode(pb::VOICE_FLOOR);
    });
    auto poll = propose;
    poll.mutable_open_question()->set_kind(pb::FIST_TO_FIVE);
    EXPECT_EQ(code_of(run(mo, poll)), pb::BAD_REQUEST);
    auto both = propose;
    both.mutable_open_question()->mutable_pacing()->set_words_per_minute(150);
    EXPECT_EQ(code_of(run(mo, both)), pb::BAD_REQUEST);
    auto unknown = propose;
    unknown.mutable_open_question()->mutable_voice()->set_mode(static_cast<pb::VoiceMode>(42));
    EXPECT_EQ(code_of(run(mo, unknown)), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(run(ada, propose)), pb::PERMISSION_DENIED);
    auto opened = run(mo, propose);
    ASSERT_TRUE(opened.ok());
    const auto id = opened.events[0].event.question_opened().question_id();
    EXPECT_EQ(opened.events[0].event.question_opened().voice().mode(), pb::VOICE_FLOOR);
    const auto respond = [&](pb::ConsensusResponse response) {
        return command([&](auto& m) {
            m.mutable_answer_question()->set_question_id(id);
            m.mutable_answer_question()->mutable_ballot()->set_response(response);
            m.mutable_answer_question()->mutable_ballot()->set_reason("I need to hear everyone");
        });
    };
    const auto adopt = command([&](auto& m) {
        m.mutable_close_question()->set_question_id(id);
        m.mutable_close_question()->set_adopt(true);
    });
    ASSERT_TRUE(run(ada, respond(pb::CONSENSUS_BLOCK)).ok());
    EXPECT_EQ(code_of(run(mo, adopt)), pb::CONFLICT);
    EXPECT_EQ(r.snapshot(clock.now_ms()).voice().settings().mode(), pb::VOICE_OFF);
    ASSERT_TRUE(run(ada, respond(pb::CONSENSUS_AGREE)).ok());
    ASSERT_TRUE(run(bo, respond(pb::CONSENSUS_AGREE)).ok());
    auto adopted = run(mo, adopt);
    ASSERT_TRUE(adopted.ok());
    ASSERT_EQ(adopted.events.size(), 2u);
    EXPECT_TRUE(adopted.events[0].event.decision_recorded().adopted());
    EXPECT_EQ(adopted.events[0].event.decision_recorded().voice().mode(), pb::VOICE_FLOOR);
    EXPECT_EQ(adopted.events[1].event.voice_changed().settings().mode(), pb::VOICE_FLOOR);
    EXPECT_TRUE(r.has_voice());
    for (auto c : {ada, bo})
        ASSERT_TRUE(run(c, command([](auto& m) { m.mutable_set_microphone()->set_open(true); })).ok());
    ASSERT_TRUE(run(bo, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); })).ok());
    ASSERT_TRUE(run(mo, command([](auto& m) { m.mutable_grant_floor(); })).ok());
    EXPECT_EQ(r.heard(), std::vector<std::string>{member(bo)});
}

}  // namespace
}  // namespace ts::test
