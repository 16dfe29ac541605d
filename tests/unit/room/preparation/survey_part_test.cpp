// The surveys' wording: defaults, rewording by moderators only, and the anonymous summary.
#include "room/preparation/survey_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

class SurveyPart : public ::testing::Test, protected test::three_people {
protected:
    decision set(const pb::Member& who, const pb::SurveySettings& settings) {
        pb::ClientMessage m;
        *m.mutable_set_surveys()->mutable_settings() = settings;
        return test::run_part(part, m, who, view, seq);
    }
    pb::SurveySettings shown() const {
        pb::RoomSnapshot snapshot;
        part.add_to(snapshot);
        return snapshot.surveys();
    }

    survey_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(SurveyPart, ARoomStartsWithTheUsualQuestionsWhichModeratorsMayReword) {
    EXPECT_EQ(shown().readiness_questions_size(), 4);
    EXPECT_EQ(shown().readiness_questions(0), "How confident do you feel about taking part?");
    EXPECT_EQ(shown().follow_up_questions(0), "Did you feel heard?");
    EXPECT_FALSE(shown().anonymous_summary());

    pb::SurveySettings mine = survey_part::defaults();
    mine.set_readiness_questions(0, "  How sure do you feel about joining in?  ");
    mine.clear_follow_up_questions();  // the usual wording
    mine.set_anonymous_summary(true);
    EXPECT_EQ(set(ada, mine).error->code, pb::PERMISSION_DENIED);
    ASSERT_FALSE(set(mod, mine).error);
    EXPECT_EQ(shown().readiness_questions(0), "How sure do you feel about joining in?");
    EXPECT_EQ(shown().follow_up_questions_size(), 3);
    EXPECT_TRUE(shown().anonymous_summary());
}

TEST_F(SurveyPart, AQuestionCannotBeDroppedOrLeftEmpty) {
    auto before = shown().SerializeAsString();
    pb::SurveySettings three = survey_part::defaults();
    three.mutable_readiness_questions()->RemoveLast();
    EXPECT_EQ(set(mod, three).error->code, pb::BAD_REQUEST);
    pb::SurveySettings blank = survey_part::defaults();
    blank.set_follow_up_questions(1, "   ");
    EXPECT_EQ(set(mod, blank).error->code, pb::BAD_REQUEST);
    pb::SurveySettings long_one = survey_part::defaults();
    long_one.set_follow_up_questions(2, std::string(301, 'a'));
    EXPECT_EQ(set(mod, long_one).error->code, pb::TOO_LARGE);
    EXPECT_EQ(shown().SerializeAsString(), before);
}

}  // namespace
}  // namespace ts::room
