// The readiness survey on its own: who answers, what is accepted, privacy, and the summary.
#include "room/preparation/readiness_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

class ReadinessPart : public ::testing::Test, protected test::three_people {
protected:
    decision answer(const pb::Member& who, std::uint32_t confidence, pb::OneToOne one_to_one,
                    const std::string& would_help = "") {
        pb::ClientMessage m;
        auto* r = m.mutable_answer_readiness()->mutable_readiness();
        r->set_confidence(confidence);
        r->set_one_to_one(one_to_one);
        r->set_would_help(would_help);
        return test::run_part(part, m, who, view, seq);
    }

    readiness_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(ReadinessPart, ParticipantsAnswerPrivatelyAndMayChangeTheirAnswers) {
    EXPECT_EQ(answer(mod, 3, pb::ONE_TO_ONE_NO).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(answer(ada, 6, pb::ONE_TO_ONE_NO).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(answer(ada, 3, static_cast<pb::OneToOne>(7)).error->code, pb::BAD_REQUEST);
    auto first = answer(ada, 2, pb::ONE_TO_ONE_YES, "  Time to read first  ");
    ASSERT_FALSE(first.error);
    const auto& event = first.events[0].event;
    ASSERT_EQ(event.private_to_size(), 1);
    EXPECT_EQ(event.private_to(0), "m2");  // and the moderators, who see every private event
    EXPECT_FALSE(event.only_listed());
    EXPECT_EQ(part.readiness_of("m2").would_help(), "Time to read first");
    ASSERT_FALSE(answer(ada, 4, pb::ONE_TO_ONE_NOT_SURE).error);  // changed her mind
    EXPECT_EQ(part.readiness_of("m2").confidence(), 4u);
    EXPECT_EQ(part.readiness_of("m3").confidence(), 0u);  // Bo has not answered
}

TEST_F(ReadinessPart, TheSummaryCountsConfidenceAndListsAnswersInOrder) {
    ASSERT_FALSE(answer(bo, 2, pb::ONE_TO_ONE_YES).error);
    ASSERT_FALSE(answer(ada, 5, pb::ONE_TO_ONE_NO).error);
    auto s = part.summary({"m1", "m2", "m3"});
    EXPECT_EQ(s.answered(), 2u);
    ASSERT_EQ(s.confidence_size(), 5);
    EXPECT_EQ(s.confidence(1), 1u);  // one person answered 2
    EXPECT_EQ(s.confidence(4), 1u);  // one answered 5
    ASSERT_EQ(s.answers_size(), 2);
    EXPECT_EQ(s.answers(0).member_id(), "m2");  // in the order given (joining)
    EXPECT_EQ(s.answers(1).readiness().one_to_one(), pb::ONE_TO_ONE_YES);
}

TEST_F(ReadinessPart, ConfidenceIsSummedUpAsItStoodAtTheEndOfEachDay) {
    constexpr std::int64_t day = 24LL * 60 * 60 * 1000;
    auto at = [&](const pb::Member& who, std::uint32_t confidence, std::int64_t when) {
        pb::ClientMessage m;
        m.mutable_answer_readiness()->mutable_readiness()->set_confidence(confidence);
        ASSERT_FALSE(test::run_part(part, m, who, view, seq, when).error);
    };
    at(ada, 2, 10 * day + 5);
    at(bo, 1, 10 * day + 9);
    at(ada, 4, 12 * day + 1);  // two days later, Ada feels readier
    auto s = part.summary({"m2", "m3"});
    ASSERT_EQ(s.over_time_size(), 2);
    EXPECT_EQ(s.over_time(0).day_ms(), 10 * day);
    EXPECT_EQ(s.over_time(0).confidence(0), 1u);  // Bo at 1
    EXPECT_EQ(s.over_time(0).confidence(1), 1u);  // Ada at 2
    EXPECT_EQ(s.over_time(1).day_ms(), 12 * day);
    EXPECT_EQ(s.over_time(1).confidence(1), 0u);
    EXPECT_EQ(s.over_time(1).confidence(3), 1u);  // Ada now at 4
    EXPECT_EQ(s.over_time(1).confidence(0), 1u);  // Bo still at 1
}

TEST_F(ReadinessPart, AnAnonymousSummaryShowsModeratorsOnlyTotalsAndUnnamedAnswers) {
    ASSERT_FALSE(answer(ada, 2, pb::ONE_TO_ONE_YES, "more time").error);
    pb::Event anonymous;
    anonymous.mutable_surveys_changed()->mutable_settings()->set_anonymous_summary(true);
    test::happen(part, view, anonymous, seq);
    auto later = answer(bo, 5, pb::ONE_TO_ONE_NO, "a quiet room");
    ASSERT_FALSE(later.error);
    EXPECT_TRUE(later.events[0].event.only_listed());  // moderators do not get Bo's answers
    auto s = part.summary({"m2", "m3"});
    EXPECT_TRUE(s.anonymous());
    EXPECT_EQ(s.answered(), 2u);
    EXPECT_EQ(s.answers_size(), 0);              // together, one person's answers could name them
    EXPECT_EQ(s.would_help(0), "a quiet room");  // sorted, not in order of joining
    EXPECT_EQ(s.would_help(1), "more time");
    // Who asked for a one-to-one stays known (the survey says so): the room lists it.
    EXPECT_GT(part.one_to_one_asked("m2"), 0u);
    EXPECT_EQ(part.one_to_one_asked("m3"), 0u);
}

}  // namespace
}  // namespace ts::room
