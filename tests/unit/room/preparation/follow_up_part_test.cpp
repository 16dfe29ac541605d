// The follow-up survey on its own: open only once the room has closed, private, and summed
// up beside measured participation, least heard first.
#include "room/preparation/follow_up_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"
#include "unit/room/part_scenario.hpp"

namespace ts::room {
namespace {

class FollowUpPart : public ::testing::Test, protected test::three_people {
protected:
    decision answer(const pb::Member& who, std::uint32_t felt_heard, pb::CouldSay could_say,
                    const std::string& change = "") {
        pb::ClientMessage m;
        auto* f = m.mutable_answer_follow_up()->mutable_follow_up();
        f->set_felt_heard(felt_heard);
        f->set_could_say(could_say);
        f->set_change_next_time(change);
        return test::run_part(part, m, who, view, seq);
    }
    void close() {
        pb::Event closed;
        closed.mutable_room_phase_changed()->set_phase(pb::CLOSED);
        test::happen(part, view, closed, seq);
    }
    static pb::PersonFigures figures(const std::string& id, std::int64_t floor_ms, std::uint32_t messages) {
        pb::PersonFigures p;
        p.set_member_id(id);
        p.set_floor_ms(floor_ms);
        p.set_messages(messages);
        return p;
    }

    follow_up_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

// The same rules, one line each, through part_scenario: every refusal is checked even when
// an earlier one fails.
TEST_F(FollowUpPart, RefusesWhatItMustOneLineEach) {
    auto answer_of = [](std::uint32_t felt_heard, int could_say) {
        pb::ClientMessage m;
        auto* f = m.mutable_answer_follow_up()->mutable_follow_up();
        f->set_felt_heard(felt_heard);
        f->set_could_say(static_cast<pb::CouldSay>(could_say));
        return m;
    };
    pb::Event closed;
    closed.mutable_room_phase_changed()->set_phase(pb::CLOSED);
    test::part_scenario s(part, view);
    s.when(ada, answer_of(4, pb::COULD_SAY_YES)).then_error(pb::NOT_LIVE);  // not before the meeting closes
    s.given(closed);
    s.when(mod, answer_of(4, pb::COULD_SAY_YES)).then_error(pb::PERMISSION_DENIED);  // participants only
    s.when(ada, answer_of(6, pb::COULD_SAY_YES)).then_error(pb::BAD_REQUEST);        // 1 to 5
    s.when(ada, answer_of(4, 8)).then_error(pb::BAD_REQUEST);                        // no such answer
    s.when(ada, answer_of(4, pb::COULD_SAY_PARTLY)).then_events({pb::Event::kFollowUpAnswered});
    s.when(bo, answer_of(1, pb::COULD_SAY_NO)).then_events({pb::Event::kFollowUpAnswered});
}

TEST_F(FollowUpPart, OpensWhenTheMeetingClosesForParticipantsOnly) {
    EXPECT_EQ(answer(ada, 4, pb::COULD_SAY_YES).error->code, pb::NOT_LIVE);
    close();
    EXPECT_EQ(answer(mod, 4, pb::COULD_SAY_YES).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(answer(ada, 6, pb::COULD_SAY_YES).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(answer(ada, 4, static_cast<pb::CouldSay>(8)).error->code, pb::BAD_REQUEST);
    auto done = answer(ada, 4, pb::COULD_SAY_PARTLY, "  More breaks ");
    ASSERT_FALSE(done.error);
    EXPECT_EQ(done.events[0].event.private_to(0), "m2");
    EXPECT_FALSE(done.events[0].event.only_listed());
    EXPECT_EQ(part.follow_up_of("m2").change_next_time(), "More breaks");
    ASSERT_FALSE(answer(ada, 2, pb::COULD_SAY_NO).error);  // changed on reflection
    EXPECT_EQ(part.follow_up_of("m2").felt_heard(), 2u);
}

TEST_F(FollowUpPart, TheSummaryPutsFeltBesideMeasuredLeastHeardFirst) {
    close();
    ASSERT_FALSE(answer(ada, 5, pb::COULD_SAY_YES).error);
    ASSERT_FALSE(answer(bo, 2, pb::COULD_SAY_NO).error);
    pb::ParticipationScope measured;
    *measured.add_people() = figures("m2", 90000, 4);  // Ada spoke most
    *measured.add_people() = figures("m3", 5000, 0);   // Bo hardly at all
    *measured.add_people() = figures("m5", 0, 0);      // did not answer: not listed
    auto s = part.summary(measured);
    EXPECT_EQ(s.answered(), 2u);
    EXPECT_EQ(s.felt_heard(1), 1u);
    EXPECT_EQ(s.felt_heard(4), 1u);
    ASSERT_EQ(s.people_size(), 2);
    EXPECT_EQ(s.people(0).member_id(), "m3");  // Bo first: he spoke least, and did not feel heard
    EXPECT_EQ(s.people(0).follow_up().felt_heard(), 2u);
    EXPECT_EQ(s.people(0).measured().floor_ms(), 5000);
    EXPECT_EQ(s.people(1).member_id(), "m2");
}

TEST_F(FollowUpPart, AnAnonymousSummaryKeepsThePairsButNotTheNames) {
    pb::Event anonymous;
    anonymous.mutable_surveys_changed()->mutable_settings()->set_anonymous_summary(true);
    test::happen(part, view, anonymous, seq);
    close();
    auto done = answer(bo, 3, pb::COULD_SAY_PARTLY, "Shorter papers");
    ASSERT_FALSE(done.error);
    EXPECT_TRUE(done.events[0].event.only_listed());
    pb::ParticipationScope measured;
    *measured.add_people() = figures("m3", 1000, 1);
    auto s = part.summary(measured);
    ASSERT_EQ(s.people_size(), 1);
    EXPECT_TRUE(s.people(0).member_id().empty());
    EXPECT_TRUE(s.people(0).measured().member_id().empty());
    EXPECT_EQ(s.people(0).measured().floor_ms(), 1000);
    EXPECT_EQ(s.people(0).follow_up().felt_heard(), 3u);
    EXPECT_TRUE(s.people(0).follow_up().change_next_time().empty());  // words go apart from scores
    ASSERT_EQ(s.changes_size(), 1);
    EXPECT_EQ(s.changes(0), "Shorter papers");
}

}  // namespace
}  // namespace ts::room
