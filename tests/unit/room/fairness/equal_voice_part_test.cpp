// The equal-voice part on its own: fairness settings, invitations to speak, and the figures.
#include "room/fairness/equal_voice_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class EqualVoicePart : public ::testing::Test, protected test::three_people {
protected:
    EqualVoicePart() {
        for (auto m : {mod, ada, bo}) {
            m.set_present(true);
            view.members[m.member_id()] = m;
        }
    }
    decision run(const pb::ClientMessage& m, const pb::Member& who) { return test::run_part(part, m, who, view, seq); }
    decision invite(const std::string& member_id) {
        pb::ClientMessage m;
        m.mutable_invite_to_speak()->set_member_id(member_id);
        m.mutable_invite_to_speak()->set_note("we have not heard from you yet");
        return run(m, mod);
    }
    decision answer(const std::string& invitation_id, const pb::Member& who, pb::InvitationAnswer a = pb::ACCEPT) {
        pb::ClientMessage m;
        m.mutable_answer_invitation()->set_invitation_id(invitation_id);
        m.mutable_answer_invitation()->set_answer(a);
        return run(m, who);
    }
    void happen(pb::Event event, std::int64_t at_ms) { test::happen(part, view, std::move(event), seq, at_ms); }

    equal_voice_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(EqualVoicePart, ModeratorsSetFairnessWithinBounds) {
    EXPECT_EQ(part.settings().policy(), pb::FIRST_COME);
    pb::ClientMessage m;
    auto* s = m.mutable_set_fairness()->mutable_settings();
    s->set_policy(pb::FEWEST_TURNS);
    s->set_max_turns(3);
    EXPECT_EQ(run(m, ada).error->code, pb::PERMISSION_DENIED);
    s->set_max_turns(5000);
    EXPECT_EQ(run(m, mod).error->code, pb::BAD_REQUEST);
    s->set_max_turns(3);
    s->set_policy(pb::QUEUE_POLICY_UNSPECIFIED);
    EXPECT_EQ(run(m, mod).error->code, pb::BAD_REQUEST);
    s->set_policy(pb::FEWEST_TURNS);
    auto d = run(m, mod);
    ASSERT_FALSE(d.error);
    ASSERT_EQ(d.events.size(), 1u);  // re-ordering the queue is turn-taking's answer to it
    EXPECT_EQ(part.settings().max_turns(), 3u);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.fairness().policy(), pb::FEWEST_TURNS);
}

TEST_F(EqualVoicePart, AnInvitationGoesToOneParticipantOnlineAndIsAnsweredOnceByThem) {
    view.members["m4"] = person("m4", pb::PARTICIPANT);  // not present
    EXPECT_EQ(invite("m4").error->code, pb::NOT_FOUND);
    EXPECT_EQ(invite("m1").error->code, pb::NOT_FOUND);  // not a participant
    auto sent = invite("m2");
    ASSERT_FALSE(sent.error);
    const auto& event = sent.events[0].event;
    EXPECT_EQ(event.invitation_sent().invitation_id(), "i1");
    ASSERT_EQ(event.private_to_size(), 1);
    EXPECT_EQ(event.private_to(0), "m2");

    EXPECT_EQ(answer("i1", bo).error->code, pb::NOT_FOUND);  // not Bo's
    EXPECT_EQ(answer("i1", ada, pb::INVITATION_ANSWER_UNSPECIFIED).error->code, pb::BAD_REQUEST);
    auto answered = answer("i1", ada);
    ASSERT_FALSE(answered.error);
    EXPECT_EQ(answered.events[0].event.invitation_answered().answer(), pb::ACCEPT);
    EXPECT_EQ(answer("i1", ada).error->code, pb::NOT_FOUND);  // answered already
    EXPECT_EQ(invite("m2").events[0].event.invitation_sent().invitation_id(), "i2");
}

TEST_F(EqualVoicePart, CountsTurnsFloorTimeAndTheLiveTurnFromTheEvents) {
    pb::Event granted;
    auto* g = granted.mutable_floor_changed();
    g->set_change(pb::FLOOR_CHANGE_GRANTED);
    g->set_member_id("m2");
    happen(granted, 1000);
    pb::Event ended;
    auto* e = ended.mutable_floor_changed();
    e->set_change(pb::FLOOR_CHANGE_ENDED);
    e->set_member_id("m2");
    e->set_turn_duration_ms(20000);
    happen(ended, 21000);
    EXPECT_EQ(part.figures().session("m2").turns, 1u);
    EXPECT_EQ(part.figures().session("m2").floor_ms, 20000);

    pb::FloorState live;  // Bo has been speaking for 5 s
    live.set_holder_member_id("m3");
    live.set_started_at_ms(30000);
    live.set_deadline_ms(90000);
    auto report = part.balance({{"m2", true}, {"m3", true}}, live, 35000);
    ASSERT_EQ(report.session().people_size(), 2);
    EXPECT_EQ(report.session().people(0).floor_ms(), 20000);
    EXPECT_EQ(report.session().people(1).floor_ms(), 5000);
    EXPECT_FALSE(report.has_agenda_item());
}

}  // namespace
}  // namespace ts::room
