// Who may send each command and when, as the room's parts declare it: the phases a room's
// life allows, the refusals people are given, and the README's table written from them.
#include "room/command_policy.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "room/permission_table.hpp"
#include "room/room.hpp"

namespace ts::room {
namespace {

using M = pb::ClientMessage;

class CommandPolicy : public ::testing::Test {
protected:
    const command_policy& policy(M::CommandCase command) const {
        for (const auto* p : policies)
            if (p->command == command) return *p;
        throw std::logic_error("no policy for command " + std::to_string(command));
    }
    std::optional<room_error> in(pb::RoomPhase phase, M::CommandCase command) const {
        return refusal_in_phase(policy(command), phase);
    }

    room r{"r", room_limits{}, turn_defaults{}};
    std::vector<const command_policy*> policies = r.policies();
};

TEST_F(CommandPolicy, EveryCommandOfTheProtocolHasOne) {
    EXPECT_EQ(policies.size(), static_cast<std::size_t>(M::descriptor()->FindOneofByName("command")->field_count()));
}

TEST_F(CommandPolicy, EachPhaseAllowsWhatBelongsToIt) {
    for (auto meeting : {M::kPost, M::kRaiseHand, M::kGrantFloor, M::kReact, M::kRequestPause, M::kStartReadCheck,
                         M::kInviteToSpeak, M::kStartAgendaItem, M::kEndAgendaItem, M::kExtendAgendaItem}) {
        for (auto before : {pb::PREPARING, pb::LOBBY}) {
            auto refused = in(before, meeting);
            ASSERT_TRUE(refused) << meeting;
            EXPECT_EQ(refused->code, pb::NOT_LIVE);
            EXPECT_NE(refused->message.find("not started yet"), std::string::npos);
        }
        EXPECT_FALSE(in(pb::LIVE, meeting)) << meeting;
    }
    for (auto preparing : {M::kJoin, M::kLeave, M::kSetNeeds, M::kSetPacing, M::kSetGlossaryTerm, M::kUpdateRoom,
                           M::kSetRoomPhase, M::kAddInRoomParticipant, M::kSendThreadMessage, M::kMarkThreadRead,
                           M::kSetSurveys, M::kAnswerReadiness, M::kOpenQuestion, M::kAnswerQuestion, M::kCloseQuestion,
                           M::kPlanAgendaItem, M::kMoveAgendaItem, M::kRemoveAgendaItem})
        EXPECT_FALSE(in(pb::PREPARING, preparing)) << preparing;
    auto too_early = in(pb::LIVE, M::kAnswerFollowUp);
    ASSERT_TRUE(too_early);
    EXPECT_NE(too_early->message.find("opens when the meeting closes"), std::string::npos);
    // After the meeting: reading, the follow-up survey, talking with the facilitators, and
    // taking back what one said.
    for (auto after : {M::kJoin, M::kLeave, M::kAnswerFollowUp, M::kSendThreadMessage, M::kMarkThreadRead,
                       M::kConfirmBriefingRead, M::kWithdrawMessage, M::kGetHistory})
        EXPECT_FALSE(in(pb::CLOSED, after)) << after;
    for (auto any :
         {M::kPost, M::kSetNeeds, M::kSetPacing, M::kSetRoomPhase, M::kAnswerReadiness, M::kRaiseThreadPoint}) {
        auto refused = in(pb::CLOSED, any);
        ASSERT_TRUE(refused) << any;
        EXPECT_NE(refused->message.find("closed"), std::string::npos);
    }
}

TEST_F(CommandPolicy, EachPersonIsOneKindOfActorAndIsRefusedInWordsForIt) {
    pb::Member screen, mod, observer, note_taker, participant;
    screen.set_role(pb::OBSERVER);
    screen.set_room_screen(true);
    mod.set_role(pb::MODERATOR);
    observer.set_role(pb::OBSERVER);
    note_taker.set_role(pb::PARTICIPANT);
    note_taker.set_note_taker(true);
    participant.set_role(pb::PARTICIPANT);
    EXPECT_EQ(actor_of(screen), actor::room_screen);
    EXPECT_EQ(actor_of(mod), actor::moderator);
    EXPECT_EQ(actor_of(observer), actor::observer);
    EXPECT_EQ(actor_of(note_taker), actor::note_taker);
    EXPECT_EQ(actor_of(participant), actor::participant);

    auto grant = refusal_of_caller(policy(M::kGrantFloor), participant);
    ASSERT_TRUE(grant);
    EXPECT_EQ(grant->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(grant->message, "only a moderator can give the floor");
    EXPECT_FALSE(refusal_of_caller(policy(M::kGrantFloor), mod));
    auto screen_posts = refusal_of_caller(policy(M::kPost), screen);
    ASSERT_TRUE(screen_posts);
    EXPECT_NE(screen_posts->message.find("room's screen"), std::string::npos);
    EXPECT_FALSE(refusal_of_caller(policy(M::kLeave), screen));
    EXPECT_FALSE(refusal_of_caller(policy(M::kRecordContribution), note_taker));
    EXPECT_TRUE(refusal_of_caller(policy(M::kRecordContribution), participant));
    EXPECT_TRUE(refusal_of_caller(policy(M::kConfirmRead), mod));  // read checks ask the participants
}

// The README's table is written from the policies by scripts/permissions; this fails when a
// policy changed and the README was not written again.
TEST_F(CommandPolicy, TheReadmeSaysWhatThePoliciesSay) {
    std::ifstream readme(TS_README);
    std::stringstream text;
    text << readme.rdbuf();
    const std::string start = "<!-- permission-matrix:start -->\n", end = "<!-- permission-matrix:end -->";
    const auto all = text.str();
    const auto from = all.find(start), to = all.find(end);
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_EQ(all.substr(from + start.size(), to - from - start.size()), permission_table(policies))
        << "README.md's \"Who may do what\" differs from the commands' policies: run scripts/permissions";
}

}  // namespace
}  // namespace ts::room
