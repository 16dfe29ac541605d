// The consent part on its own: no room around it, only its commands and events.
#include "room/consent/consent_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class ConsentPartTest : public ::testing::Test {
protected:
    decision run(const pb::ClientMessage& m, const pb::Member& caller) { return test::run_part(part, m, caller, view, seq); }

    static pb::ClientMessage propose(std::uint32_t wpm, const std::string& question = "Read at this pace?") {
        pb::ClientMessage m;
        m.mutable_propose_pacing()->set_question(question);
        m.mutable_propose_pacing()->mutable_settings()->set_words_per_minute(wpm);
        return m;
    }

    static pb::ClientMessage answer(const std::string& id, bool yes) {
        pb::ClientMessage m;
        m.mutable_answer_proposal()->set_proposal_id(id);
        m.mutable_answer_proposal()->set_yes(yes);
        return m;
    }

    static pb::ClientMessage close(const std::string& id, bool adopt) {
        pb::ClientMessage m;
        m.mutable_close_proposal()->set_proposal_id(id);
        m.mutable_close_proposal()->set_adopt(adopt);
        return m;
    }

    consent_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
    pb::Member mod = person("m1", pb::MODERATOR);
    pb::Member ada = person("m2", pb::PARTICIPANT);
    pb::Member bo = person("m3", pb::PARTICIPANT);
    pb::Member obs = person("m4", pb::OBSERVER);
};

TEST_F(ConsentPartTest, OwnsItsCommandsAndEvents) {
    EXPECT_EQ(part.commands().size(), 3u);
    EXPECT_EQ(part.folds().size(), 3u);
}

TEST_F(ConsentPartTest, OnlyModeratorsProposeCheckedSettingsOneAtATime) {
    EXPECT_EQ(run(propose(150), ada).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(run(propose(900), mod).error->code, pb::BAD_REQUEST);  // the pacing rules say no
    EXPECT_EQ(run(propose(150, "   "), mod).error->code, pb::BAD_REQUEST);
    auto started = run(propose(150), mod);
    ASSERT_FALSE(started.error);
    ASSERT_EQ(started.events.size(), 1u);
    EXPECT_EQ(started.events[0].event.proposal_started().proposal_id(), "p1");
    EXPECT_EQ(started.events[0].event.proposal_started().by_member_id(), "m1");
    EXPECT_EQ(run(propose(120), mod).error->code, pb::CONFLICT);
}

TEST_F(ConsentPartTest, AnswersAreCountedOncePerPersonAndOnlyTotalsAreShown) {
    run(propose(150), mod);
    auto yes = run(answer("p1", true), ada);
    ASSERT_FALSE(yes.error);
    EXPECT_EQ(yes.events[0].event.proposal_answered().yes(), 1u);
    EXPECT_EQ(yes.events[0].hidden.answerer_member_id(), "m2");
    EXPECT_EQ(yes.events[0].event.SerializeAsString().find("m2"), std::string::npos);
    EXPECT_EQ(run(answer("p1", false), ada).error->code, pb::CONFLICT);
    EXPECT_EQ(run(answer("p1", true), obs).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(run(answer("p9", true), bo).error->code, pb::NOT_FOUND);
    auto no = run(answer("p1", false), bo);
    EXPECT_EQ(no.events[0].event.proposal_answered().yes(), 1u);
    EXPECT_EQ(no.events[0].event.proposal_answered().no(), 1u);

    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.open_proposal().proposal_id(), "p1");
    EXPECT_EQ(snap.open_proposal_answers().no(), 1u);
}

TEST_F(ConsentPartTest, AdoptingHandsTheSettingsToPacingAsACommand) {
    run(propose(150), mod);
    EXPECT_EQ(run(close("p1", true), ada).error->code, pb::PERMISSION_DENIED);
    auto adopted = run(close("p1", true), mod);
    ASSERT_FALSE(adopted.error);
    EXPECT_TRUE(adopted.events[0].event.proposal_closed().adopted());
    ASSERT_TRUE(adopted.then);
    EXPECT_EQ(adopted.then->set_pacing().settings().words_per_minute(), 150u);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_FALSE(snap.has_open_proposal());

    run(propose(120), mod);
    auto dropped = run(close("p2", false), mod);
    EXPECT_FALSE(dropped.then);
    EXPECT_FALSE(part.open_proposal());
}

}  // namespace
}  // namespace ts::room
