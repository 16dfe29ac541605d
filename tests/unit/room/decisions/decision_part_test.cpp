// Decisions on their own: each kind of question, who may answer (and for whom), changes of
// answer, amend and recheck, closing by hand and by time, and the record a close leaves.
#include "room/decisions/decision_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"
#include "unit/room/part_scenario.hpp"

namespace ts::room {
namespace {

class DecisionPart : public ::testing::Test, protected test::three_people {
protected:
    DecisionPart() {
        watcher = test::person("m4", pb::OBSERVER);
        carer = test::person("m5", pb::PARTICIPANT);
        carer.set_in_room(true);
        for (auto* m : {&mod, &ada, &bo, &watcher, &carer}) {
            m->set_present(true);
            view.members[m->member_id()] = *m;
        }
    }

    decision open(pb::QuestionKind kind, const std::string& text, std::vector<std::string> options = {},
                  pb::QuestionSettings settings = {}) {
        pb::ClientMessage m;
        auto* o = m.mutable_open_question();
        o->set_kind(kind);
        o->set_text(text);
        for (auto& opt : options) o->add_options(opt);
        *o->mutable_settings() = settings;
        return test::run_part(part, m, mod, view, seq, now);
    }
    decision choose(const pb::Member& who, std::vector<std::uint32_t> choices, const std::string& q = "q1",
                    const std::string& for_member = "") {
        pb::ClientMessage m;
        auto* a = m.mutable_answer_question();
        a->set_question_id(q);
        for (auto c : choices) a->mutable_ballot()->add_choices(c);
        a->set_for_member_id(for_member);
        return test::run_part(part, m, who, view, seq, now);
    }
    decision respond(const pb::Member& who, pb::ConsensusResponse r, const std::string& reason = "") {
        pb::ClientMessage m;
        auto* a = m.mutable_answer_question();
        a->set_question_id("q1");
        a->mutable_ballot()->set_response(r);
        a->mutable_ballot()->set_reason(reason);
        return test::run_part(part, m, who, view, seq, now);
    }
    decision scale(const pb::Member& who, std::uint32_t value) {
        pb::ClientMessage m;
        m.mutable_answer_question()->set_question_id("q1");
        m.mutable_answer_question()->mutable_ballot()->set_scale(value);
        return test::run_part(part, m, who, view, seq, now);
    }
    pb::DecisionRecorded close(const std::string& outcome = "") {
        pb::ClientMessage m;
        m.mutable_close_question()->set_question_id("q1");
        m.mutable_close_question()->set_outcome(outcome);
        auto d = test::run_part(part, m, mod, view, seq, now);
        EXPECT_FALSE(d.error) << d.error->message;
        return d.events.empty() ? pb::DecisionRecorded{} : d.events[0].event.decision_recorded();
    }
    pb::RoomSnapshot snapshot() const {
        pb::RoomSnapshot s;
        part.add_to(s);
        return s;
    }

    pb::Member watcher, carer;
    decision_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
    std::int64_t now = 1000;
};

TEST_F(DecisionPart, OnlyAModeratorOpensAQuestionAndItMustMakeSense) {
    pb::ClientMessage m;
    m.mutable_open_question()->set_kind(pb::SINGLE_CHOICE);
    EXPECT_EQ(test::run_part(part, m, ada, view, seq).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(open(pb::SINGLE_CHOICE, "Which first?", {"Transport"}).error->code, pb::BAD_REQUEST);  // one option
    EXPECT_EQ(open(pb::SINGLE_CHOICE, "Which first?", {"A", " A "}).error->code, pb::BAD_REQUEST);   // the same twice
    EXPECT_EQ(open(pb::CONSENSUS, "We do X", {"A", "B"}).error->code, pb::BAD_REQUEST);              // no options
    EXPECT_EQ(open(pb::FIST_TO_FIVE, "  ").error->code, pb::BAD_REQUEST);
    EXPECT_EQ(open(static_cast<pb::QuestionKind>(42), "?").error->code, pb::BAD_REQUEST);
    pb::QuestionSettings past;
    past.set_closes_at_ms(now - 1);
    EXPECT_EQ(open(pb::FIST_TO_FIVE, "Ready?", {}, past).error->code, pb::BAD_REQUEST);
    pb::QuestionSettings too_many;
    too_many.set_most_choices(3);
    EXPECT_EQ(open(pb::MULTIPLE_CHOICE, "Which?", {"A", "B"}, too_many).error->code, pb::BAD_REQUEST);
    EXPECT_TRUE(snapshot().questions().empty());

    pb::Event item;
    item.mutable_agenda_item_started()->set_item_id("a1");
    test::happen(part, view, item, seq);
    auto opened = open(pb::SINGLE_CHOICE, "Which service first?", {"Transport", "Day centre"});
    ASSERT_FALSE(opened.error);
    const auto& q = opened.events[0].event.question_opened();
    EXPECT_EQ(q.question_id(), "q1");
    EXPECT_EQ(q.agenda_item_id(), "a1");  // tied to the item under discussion
    EXPECT_EQ(snapshot().questions(0).question().text(), "Which service first?");
}

// Readers never count ballots: every live answer, named or not, carries the counts as they
// stand, and so does the snapshot a joining reader starts from.
TEST_F(DecisionPart, EveryLiveAnswerCarriesTheCountsNamedOrNot) {
    auto opening = [](bool hidden) {
        pb::ClientMessage m;
        auto* o = m.mutable_open_question();
        o->set_kind(pb::SINGLE_CHOICE);
        o->set_text(hidden ? "Which, in secret?" : "Which first?");
        o->add_options("Transport");
        o->add_options("Day centre");
        o->mutable_settings()->set_results_hidden_until_close(hidden);
        return m;
    };
    auto answer = [](const std::string& q, std::uint32_t choice, const std::string& for_member = "") {
        pb::ClientMessage m;
        m.mutable_answer_question()->set_question_id(q);
        m.mutable_answer_question()->mutable_ballot()->add_choices(choice);
        m.mutable_answer_question()->set_for_member_id(for_member);
        return m;
    };
    auto tally = [](const decision& d) {
        const auto& t = d.events.at(0).event.question_answered().tally();
        return std::vector<std::uint32_t>(t.begin(), t.end());
    };
    using V = std::vector<std::uint32_t>;
    const auto answered = pb::Event::kQuestionAnswered;
    test::part_scenario s(part, view);
    s.when(mod, opening(false)).then_events({pb::Event::kQuestionOpened});
    EXPECT_EQ(tally(s.when(ada, answer("q1", 0)).then_events({answered})), (V{1, 0}));
    EXPECT_EQ(tally(s.when(bo, answer("q1", 1)).then_events({answered})), (V{1, 1}));
    EXPECT_EQ(tally(s.when(ada, answer("q1", 1)).then_events({answered})), (V{0, 2})) << "a change moves a count";
    EXPECT_EQ(tally(s.when(mod, answer("q1", 1, "m5")).then_events({answered})), (V{0, 3})) << "entered for Cy";
    const auto snap = snapshot();
    const auto& shown = snap.questions(0).tally();
    EXPECT_EQ(V(shown.begin(), shown.end()), (V{0, 3}));

    s.when(mod, opening(true)).then_events({pb::Event::kQuestionOpened});
    EXPECT_EQ(tally(s.when(ada, answer("q2", 0)).then_events({answered})), V{}) << "hidden until the close";
    EXPECT_TRUE(snapshot().questions(1).tally().empty());
}

TEST_F(DecisionPart, EveryoneAnswersOnceTheLastAnswerCountsAndChangesAreKept) {
    ASSERT_FALSE(open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Day centre"}).error);
    EXPECT_EQ(choose(ada, {2}).error->code, pb::BAD_REQUEST);     // no such option
    EXPECT_EQ(choose(ada, {0, 1}).error->code, pb::BAD_REQUEST);  // one only
    EXPECT_EQ(choose(ada, {0}, "q9").error->code, pb::NOT_FOUND);
    EXPECT_EQ(choose(watcher, {0}).error->code, pb::PERMISSION_DENIED);  // observers excluded by default
    EXPECT_EQ(choose(mod, {0}).error->code, pb::PERMISSION_DENIED);      // facilitators run it
    auto first = choose(ada, {0});
    ASSERT_FALSE(first.error);
    EXPECT_FALSE(first.events[0].event.question_answered().changed());
    EXPECT_EQ(first.events[0].event.question_answered().answered(), 1u);
    auto again = choose(ada, {1});
    EXPECT_TRUE(again.events[0].event.question_answered().changed());
    EXPECT_EQ(again.events[0].event.question_answered().answered(), 1u);  // still one person
    ASSERT_FALSE(choose(bo, {1}).error);
    auto record = close("Agreed: the day centre first.");
    EXPECT_EQ(record.counts(0), 0u);
    EXPECT_EQ(record.counts(1), 2u);
    EXPECT_EQ(record.answered(), 2u);
    EXPECT_EQ(record.changes(), 1u);
    EXPECT_EQ(record.eligible(), 3u);  // Ada, Bo and the carer in the room
    EXPECT_EQ(record.outcome(), "Agreed: the day centre first.");
    EXPECT_EQ(record.closed_by_member_id(), "m1");
    EXPECT_TRUE(snapshot().questions().empty());
    ASSERT_EQ(snapshot().decisions_size(), 1);
    EXPECT_EQ(choose(ada, {0}).error->code, pb::NOT_FOUND);  // closed: no more answers
}

TEST_F(DecisionPart, SomeoneInTheRoomAnswersThroughAModeratorOrNoteTakerAndCountsOnce) {
    ASSERT_FALSE(open(pb::FIST_TO_FIVE, "How ready are we?").error);
    pb::ClientMessage m;
    m.mutable_answer_question()->set_question_id("q1");
    m.mutable_answer_question()->mutable_ballot()->set_scale(4);
    m.mutable_answer_question()->set_for_member_id("m5");
    EXPECT_EQ(test::run_part(part, m, bo, view, seq).error->code, pb::PERMISSION_DENIED);  // not a note-taker
    m.mutable_answer_question()->set_for_member_id("m2");
    EXPECT_EQ(test::run_part(part, m, mod, view, seq).error->code,
              pb::NOT_FOUND);  // Ada is online: she answers herself
    m.mutable_answer_question()->set_for_member_id("m5");
    auto entered = test::run_part(part, m, mod, view, seq);
    ASSERT_FALSE(entered.error);
    EXPECT_EQ(entered.events[0].event.question_answered().member_id(), "m5");
    EXPECT_EQ(entered.events[0].event.question_answered().recorded_by(), "m1");
    pb::Member noter = bo;
    noter.set_note_taker(true);
    m.mutable_answer_question()->mutable_ballot()->set_scale(5);
    auto again = test::run_part(part, m, noter, view, seq);  // the carer changed their mind
    ASSERT_FALSE(again.error);
    EXPECT_TRUE(again.events[0].event.question_answered().changed());
    EXPECT_EQ(scale(ada, 6).error->code, pb::BAD_REQUEST);
    ASSERT_FALSE(scale(ada, 0).error);  // a fist: 0 is an answer
    auto record = close();
    EXPECT_EQ(record.answered(), 2u);
    EXPECT_EQ(record.counts(5), 1u);
    EXPECT_EQ(record.counts(0), 1u);
}

TEST_F(DecisionPart, AConsensusCheckNeedsReasonsForConcernsAndBlocksAndCanBeAmendedAndRechecked) {
    ASSERT_FALSE(open(pb::CONSENSUS, "We move the group to Tuesdays.").error);
    EXPECT_EQ(respond(ada, pb::CONSENSUS_BLOCK).error->code, pb::BAD_REQUEST);  // a block needs its reason
    EXPECT_EQ(respond(ada, pb::CONSENSUS_AGREE_WITH_CONCERNS, "  ").error->code, pb::BAD_REQUEST);
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_BLOCK, "Carers cannot come on Tuesdays").error);
    ASSERT_FALSE(respond(bo, pb::CONSENSUS_AGREE).error);
    pb::ClientMessage amend;
    amend.mutable_amend_question()->set_question_id("q1");
    amend.mutable_amend_question()->set_text("We move the group to Tuesdays, with transport for carers.");
    EXPECT_EQ(test::run_part(part, amend, ada, view, seq).error->code, pb::PERMISSION_DENIED);
    auto amended = test::run_part(part, amend, mod, view, seq);
    ASSERT_FALSE(amended.error);
    EXPECT_EQ(amended.events[0].event.question_amended().version(), 2u);
    // The responses to version 1 are kept, and shown as such.
    const auto& earlier = amended.events[0].event.question_amended().earlier();
    EXPECT_EQ(earlier.version(), 1u);
    EXPECT_EQ(earlier.counts(pb::CONSENSUS_BLOCK), 1u);
    EXPECT_EQ(earlier.reasons(0).reason(), "Carers cannot come on Tuesdays");
    EXPECT_EQ(snapshot().questions(0).earlier(0).answered(), 2u);
    EXPECT_TRUE(snapshot().questions(0).answers().empty());  // everyone answers the new version
    EXPECT_EQ(snapshot().questions(0).text(), "We move the group to Tuesdays, with transport for carers.");
    auto agreed = respond(ada, pb::CONSENSUS_AGREE_WITH_CONCERNS, "If transport is booked in time");
    ASSERT_FALSE(agreed.error);
    EXPECT_EQ(agreed.events[0].event.question_answered().version(), 2u);
    EXPECT_FALSE(agreed.events[0].event.question_answered().changed());  // her first answer to version 2
    ASSERT_FALSE(respond(bo, pb::CONSENSUS_AGREE).error);
    auto record = close("Agreed, with transport for carers.");
    EXPECT_EQ(record.version(), 2u);
    EXPECT_EQ(record.counts(pb::CONSENSUS_AGREE), 1u);
    EXPECT_EQ(record.counts(pb::CONSENSUS_AGREE_WITH_CONCERNS), 1u);
    EXPECT_EQ(record.counts(pb::CONSENSUS_BLOCK), 0u);
    ASSERT_EQ(record.reasons_size(), 1);
    EXPECT_EQ(record.reasons(0).member_id(), "m2");
    EXPECT_EQ(record.reasons(0).reason(), "If transport is booked in time");
    ASSERT_EQ(record.earlier_size(), 1);
    EXPECT_EQ(record.earlier(0).text(), "We move the group to Tuesdays.");
    EXPECT_EQ(record.earlier(0).reasons(0).member_id(), "m2");
}

// A decision is never misstated: a blocked proposal cannot be recorded as agreed, and one
// closed without words says what happened.
TEST_F(DecisionPart, ABlockedConsensusCheckIsRecordedAsNotAgreedNeverAsAgreed) {
    ASSERT_FALSE(open(pb::CONSENSUS, "We close the walk-in service on Fridays.").error);
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_BLOCK, "People who work cannot come any other day").error);
    ASSERT_FALSE(respond(bo, pb::CONSENSUS_AGREE).error);
    pb::ClientMessage agreed;
    agreed.mutable_close_question()->set_question_id("q1");
    agreed.mutable_close_question()->set_result(pb::CONSENSUS_AGREED);
    const auto refused = test::run_part(part, agreed, mod, view, seq, now);
    ASSERT_TRUE(refused.error);
    EXPECT_EQ(refused.error->code, pb::CONFLICT);
    EXPECT_NE(refused.error->message.find("blocks"), std::string::npos);
    // Closed with nothing typed: the server says what happened.
    const auto record = close();
    EXPECT_EQ(record.result(), pb::CONSENSUS_NOT_AGREED);
    EXPECT_EQ(record.outcome(), "Not agreed: 1 block");
    ASSERT_EQ(record.reasons_size(), 1);
    EXPECT_EQ(record.reasons(0).reason(), "People who work cannot come any other day");
}

TEST_F(DecisionPart, AConsensusCheckSaysAgreedOrNotAgreedInWordsWhenTheModeratorTypesNothing) {
    ASSERT_FALSE(open(pb::CONSENSUS, "Tea at the break.").error);
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_AGREE_WITH_CONCERNS, "Decaf too").error);
    ASSERT_FALSE(respond(bo, pb::CONSENSUS_STAND_ASIDE).error);
    auto record = close();
    EXPECT_EQ(record.result(), pb::CONSENSUS_AGREED);
    EXPECT_EQ(record.outcome(), "Agreed (1 with concerns, 1 standing aside)");
    // The moderator may record a proposal nobody blocked as not agreed, in their own words.
    ASSERT_FALSE(open(pb::CONSENSUS, "Biscuits too.").error);
    pb::ClientMessage not_agreed;
    not_agreed.mutable_close_question()->set_question_id("q2");
    not_agreed.mutable_close_question()->set_result(pb::CONSENSUS_NOT_AGREED);
    not_agreed.mutable_close_question()->set_outcome("We ran out of time; next meeting.");
    auto d = test::run_part(part, not_agreed, mod, view, seq, now);
    ASSERT_FALSE(d.error) << d.error->message;
    EXPECT_EQ(d.events[0].event.decision_recorded().result(), pb::CONSENSUS_NOT_AGREED);
    EXPECT_EQ(d.events[0].event.decision_recorded().outcome(), "We ran out of time; next meeting.");
    // Nobody answered: not agreed. Only a consensus check takes a result.
    ASSERT_FALSE(open(pb::CONSENSUS, "Cake.").error);
    pb::ClientMessage empty;
    empty.mutable_close_question()->set_question_id("q3");
    auto nobody = test::run_part(part, empty, mod, view, seq, now);
    ASSERT_FALSE(nobody.error);
    EXPECT_EQ(nobody.events[0].event.decision_recorded().outcome(), "Not agreed: nobody answered");
    ASSERT_FALSE(open(pb::SINGLE_CHOICE, "Which?", {"A", "B"}).error);
    not_agreed.mutable_close_question()->set_question_id("q4");
    EXPECT_EQ(test::run_part(part, not_agreed, mod, view, seq, now).error->code, pb::BAD_REQUEST);
}

TEST_F(DecisionPart, ARankedPollIsCountedByInstantRunoffWithEveryRoundOnTheRecord) {
    ASSERT_FALSE(open(pb::RANKED_CHOICE, "Order of work", {"Transport", "Meals", "Times"}).error);
    EXPECT_EQ(choose(ada, {0, 0}).error->code, pb::BAD_REQUEST);
    ASSERT_FALSE(choose(ada, {2, 1}).error);
    ASSERT_FALSE(choose(bo, {1, 2}).error);
    pb::ClientMessage m;
    m.mutable_answer_question()->set_question_id("q1");
    m.mutable_answer_question()->mutable_ballot()->add_choices(0);
    m.mutable_answer_question()->mutable_ballot()->add_choices(1);
    m.mutable_answer_question()->set_for_member_id("m5");
    ASSERT_FALSE(test::run_part(part, m, mod, view, seq).error);
    auto record = close();
    // Round 1: one each: all tied, so the room decides.
    ASSERT_EQ(record.rounds_size(), 1);
    EXPECT_EQ(record.winner(), 0u);
    EXPECT_EQ(record.tied_size(), 3);
}

TEST_F(DecisionPart, AMultipleChoicePollKeepsToItsMostChoices) {
    pb::QuestionSettings two;
    two.set_most_choices(2);
    ASSERT_FALSE(open(pb::MULTIPLE_CHOICE, "What matters most?", {"Cost", "Time", "Place"}, two).error);
    EXPECT_EQ(choose(ada, {0, 1, 2}).error->code, pb::BAD_REQUEST);
    ASSERT_FALSE(choose(ada, {0, 2}).error);
    ASSERT_FALSE(choose(bo, {2}).error);
    auto record = close();
    EXPECT_EQ(record.counts(2), 2u);
    EXPECT_EQ(record.counts(0), 1u);
}

TEST_F(DecisionPart, AQuestionWithAClosingTimeClosesByItselfAndObserversMayBeLetIn) {
    pb::QuestionSettings settings;
    settings.set_closes_at_ms(now + 60000);
    settings.set_observers_may_answer(true);
    ASSERT_FALSE(open(pb::TEMPERATURE, "How is the pace?", {}, settings).error);
    EXPECT_EQ(scale(watcher, 0).error->code, pb::BAD_REQUEST);  // a temperature is 1 to 5
    ASSERT_FALSE(scale(watcher, 3).error);
    EXPECT_EQ(part.next_deadline(view), now + 60000);
    EXPECT_TRUE(part.tick(view, now + 59999).events.empty());
    auto due = part.tick(view, now + 60000).events;
    ASSERT_EQ(due.size(), 1u);
    EXPECT_TRUE(due[0].event.decision_recorded().closed_by_member_id().empty());
    EXPECT_EQ(due[0].event.decision_recorded().eligible(), 4u);  // the observer counts too
    test::fold_into(part, due, seq, now + 60000);
    EXPECT_FALSE(part.next_deadline(view));
}

TEST_F(DecisionPart, AtMostTenQuestionsAreOpenAtOnceWithAtMostTwentyOptions) {
    std::vector<std::string> many;
    for (int i = 0; i < 21; ++i) many.push_back("Option " + std::to_string(i));
    EXPECT_EQ(open(pb::SINGLE_CHOICE, "Which?", many).error->code, pb::BAD_REQUEST);
    many.pop_back();
    ASSERT_FALSE(open(pb::SINGLE_CHOICE, "Which?", many).error);  // 20 is fine
    for (int i = 1; i < 10; ++i) ASSERT_FALSE(open(pb::FIST_TO_FIVE, "Ready " + std::to_string(i) + "?").error);
    auto eleventh = open(pb::FIST_TO_FIVE, "One more?");
    ASSERT_TRUE(eleventh.error);
    EXPECT_EQ(eleventh.error->code, pb::CONFLICT);
    EXPECT_EQ(snapshot().questions_size(), 10);
}

TEST_F(DecisionPart, ClosingTheMeetingClosesEveryOpenQuestionOnTheRecord) {
    ASSERT_FALSE(open(pb::FIST_TO_FIVE, "Ready?").error);
    ASSERT_FALSE(open(pb::TEMPERATURE, "Pace?").error);
    ASSERT_FALSE(scale(ada, 4).error);
    pb::Event lobby;
    lobby.mutable_room_phase_changed()->set_phase(pb::LOBBY);
    EXPECT_TRUE(part.react(lobby, view, now).events.empty());
    pb::Event closed;
    closed.mutable_room_phase_changed()->set_phase(pb::CLOSED);
    closed.mutable_room_phase_changed()->set_by_member_id("m1");
    auto records = test::happen(part, view, closed, seq);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].event.decision_recorded().answered(), 1u);
    EXPECT_EQ(records[0].event.decision_recorded().closed_by_member_id(), "m1");
    EXPECT_EQ(records[1].event.decision_recorded().outcome(), "Closed with the meeting.");
    EXPECT_TRUE(snapshot().questions().empty());
    EXPECT_EQ(snapshot().decisions_size(), 2);
}

// Whether any of these member ids is in the bytes a client could be sent.
bool names_anyone(const google::protobuf::Message& sent, std::initializer_list<const char*> ids) {
    const auto bytes = sent.SerializeAsString();
    return std::any_of(ids.begin(), ids.end(), [&](const char* id) { return bytes.find(id) != std::string::npos; });
}

TEST_F(DecisionPart, AnAnonymousAnswerTellsNobodyWhoAnsweredWhatAndTheRoomHandsInItsBallotsTogether) {
    pb::QuestionSettings anonymous;
    anonymous.set_anonymous(true);
    auto opened = open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Day centre"}, anonymous);
    ASSERT_FALSE(opened.error);
    EXPECT_FALSE(opened.events[0].event.question_opened().settings().audited());
    std::vector<logged_event> answers;
    for (auto [who, choice] : {std::pair{&ada, 0u}, std::pair{&bo, 1u}, std::pair{&ada, 1u}, std::pair{&ada, 1u}}) {
        auto d = choose(*who, {choice});
        ASSERT_FALSE(d.error) << d.error->message;
        EXPECT_TRUE(d.untraceable);  // nor is the request tied to them in the log
        answers.push_back(d.events[0]);
    }
    for (const auto& e : answers) {
        const auto& a = e.event.question_answered();
        EXPECT_FALSE(names_anyone(e.event, {"m2", "m3"}));
        EXPECT_FALSE(a.has_ballot());
        EXPECT_FALSE(e.hidden.ballot_slot().empty());  // what counts each person once
        EXPECT_TRUE(e.hidden.ballot_member_id().empty());
    }
    EXPECT_EQ(answers[1].event.question_answered().tally(0), 1u);  // live counts, no names
    EXPECT_EQ(answers[1].event.question_answered().tally(1), 1u);
    EXPECT_TRUE(answers[2].event.question_answered().changed());
    EXPECT_EQ(answers[2].event.question_answered().answered(), 2u);
    EXPECT_FALSE(answers[3].event.question_answered().changed());  // the same answer again is no change
    EXPECT_EQ(answers[2].hidden.ballot_slot(), answers[0].hidden.ballot_slot());

    // Someone in the physical room: not one by one, but the room's ballots together.
    EXPECT_EQ(choose(mod, {0}, "q1", "m5").error->code, pb::BAD_REQUEST);
    pb::ClientMessage room_ballots;
    room_ballots.mutable_answer_question()->set_question_id("q1");
    room_ballots.mutable_answer_question()->add_room_ballots()->add_choices(0);
    room_ballots.mutable_answer_question()->add_room_ballots()->add_choices(0);
    EXPECT_EQ(test::run_part(part, room_ballots, mod, view, seq).error->code, pb::BAD_REQUEST);  // one person there
    EXPECT_EQ(test::run_part(part, room_ballots, ada, view, seq).error->code, pb::PERMISSION_DENIED);
    room_ballots.mutable_answer_question()->mutable_room_ballots()->RemoveLast();
    auto entered = test::run_part(part, room_ballots, mod, view, seq);
    ASSERT_FALSE(entered.error) << entered.error->message;
    EXPECT_EQ(entered.events[0].event.question_answered().recorded_by(), "m1");
    EXPECT_EQ(entered.events[0].event.question_answered().answered(), 3u);
    EXPECT_FALSE(names_anyone(entered.events[0].event, {"m5"}));

    const auto snap = snapshot();
    EXPECT_TRUE(snap.questions(0).answers().empty());
    EXPECT_EQ(snap.questions(0).answered(), 3u);
    EXPECT_EQ(snap.questions(0).tally(0), 1u);
    EXPECT_EQ(snap.questions(0).tally(1), 2u);
    EXPECT_FALSE(names_anyone(snap, {"m2", "m3", "m5"}));

    auto record = close();
    EXPECT_TRUE(record.answers().empty());
    EXPECT_EQ(record.counts(1), 2u);
    EXPECT_EQ(record.answered(), 3u);
    EXPECT_EQ(record.changes(), 1u);  // that there was a change, not what it was
    EXPECT_TRUE(record.settings().anonymous());
    EXPECT_FALSE(names_anyone(record, {"m2", "m3", "m5"}));
}

TEST_F(DecisionPart, AnAnonymousConsensusGivesReasonsWithoutNamesAndAnAuditedOneKeepsWhoPrivately) {
    view.audit = true;
    pb::QuestionSettings anonymous;
    anonymous.set_anonymous(true);
    auto opened = open(pb::CONSENSUS, "We meet monthly.", {}, anonymous);
    EXPECT_TRUE(opened.events[0].event.question_opened().settings().audited());
    auto blocked = respond(bo, pb::CONSENSUS_BLOCK, "Too often for carers.");
    ASSERT_FALSE(blocked.error);
    EXPECT_EQ(blocked.events[0].hidden.ballot_member_id(), "m3");  // only in the private record
    EXPECT_FALSE(names_anyone(blocked.events[0].event, {"m3"}));
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_AGREE_WITH_CONCERNS, "Evenings are hard.").error);
    auto record = close("Not agreed; to revisit.");
    ASSERT_EQ(record.reasons_size(), 2);
    EXPECT_EQ(record.reasons(0).response(), pb::CONSENSUS_AGREE_WITH_CONCERNS);  // by response, not by time
    EXPECT_TRUE(record.reasons(0).member_id().empty());
    EXPECT_EQ(record.reasons(1).reason(), "Too often for carers.");
    EXPECT_EQ(record.counts(pb::CONSENSUS_BLOCK), 1u);
}

TEST_F(DecisionPart, AnAnonymousQuestionReplayedCountsEachPersonOnceAndKeepsTheRoomsBallots) {
    pb::QuestionSettings anonymous;
    anonymous.set_anonymous(true);
    std::vector<logged_event> log;
    auto keep = [&](decision d) {
        ASSERT_FALSE(d.error) << d.error->message;
        for (auto& e : d.events) log.push_back(e);
    };
    keep(open(pb::FIST_TO_FIVE, "Ready?", {}, anonymous));
    keep(scale(ada, 2));
    keep(scale(bo, 5));
    pb::ClientMessage room_ballots;
    room_ballots.mutable_answer_question()->set_question_id("q1");
    room_ballots.mutable_answer_question()->add_room_ballots()->set_scale(3);
    keep(test::run_part(part, room_ballots, mod, view, seq));

    decision_part replayed{room_limits{}};
    for (const auto& e : log) replayed.evolve(e.event, e.hidden);
    pb::RoomSnapshot before, after;
    part.add_to(before);
    replayed.add_to(after);
    EXPECT_EQ(before.SerializeAsString(), after.SerializeAsString());
    // After a restart Ada changes her answer: it replaces hers, it is not a fourth.
    pb::ClientMessage m;
    m.mutable_answer_question()->set_question_id("q1");
    m.mutable_answer_question()->mutable_ballot()->set_scale(4);
    auto changed = test::run_part(replayed, m, ada, view, seq);
    ASSERT_FALSE(changed.error);
    EXPECT_TRUE(changed.events[0].event.question_answered().changed());
    EXPECT_EQ(changed.events[0].event.question_answered().answered(), 3u);
    pb::RoomSnapshot last;
    replayed.add_to(last);
    EXPECT_EQ(last.questions(0).tally(2), 0u);
    EXPECT_EQ(last.questions(0).tally(3), 1u);
    EXPECT_EQ(last.questions(0).tally(4), 1u);
}

TEST_F(DecisionPart, HiddenResultsShowWhoAnsweredButNotWhatUntilTheClose) {
    pb::QuestionSettings hidden;
    hidden.set_results_hidden_until_close(true);
    ASSERT_FALSE(open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Day centre"}, hidden).error);
    auto a = choose(ada, {1});
    ASSERT_FALSE(a.error);
    EXPECT_EQ(a.events[0].event.question_answered().member_id(), "m2");
    EXPECT_FALSE(a.events[0].event.question_answered().has_ballot());
    EXPECT_TRUE(a.events[0].event.question_answered().tally().empty());
    EXPECT_EQ(a.events[0].hidden.ballot().choices(0), 1u);  // kept, privately, for the count
    ASSERT_FALSE(choose(mod, {1}, "q1", "m5").error);
    const auto snap = snapshot();
    ASSERT_EQ(snap.questions(0).answers_size(), 2);
    EXPECT_FALSE(snap.questions(0).answers(0).has_ballot());
    EXPECT_TRUE(snap.questions(0).tally().empty());
    auto record = close();
    EXPECT_EQ(record.counts(1), 2u);
    ASSERT_EQ(record.answers_size(), 2);
    EXPECT_EQ(record.answers(0).ballot().choices(0), 1u);  // open once closed
}

TEST_F(DecisionPart, AnAmendedProposalWithHiddenResultsShowsTheEarlierCountsOnlyInTheRecord) {
    pb::QuestionSettings hidden;
    hidden.set_results_hidden_until_close(true);
    ASSERT_FALSE(open(pb::CONSENSUS, "Monthly.", {}, hidden).error);
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_BLOCK, "Too often.").error);
    pb::ClientMessage amend;
    amend.mutable_amend_question()->set_question_id("q1");
    amend.mutable_amend_question()->set_text("Every two months.");
    auto amended = test::run_part(part, amend, mod, view, seq);
    ASSERT_FALSE(amended.error);
    EXPECT_TRUE(amended.events[0].event.question_amended().earlier().counts().empty());
    EXPECT_TRUE(amended.events[0].event.question_amended().earlier().reasons().empty());
    EXPECT_EQ(amended.events[0].event.question_amended().earlier().answered(), 1u);
    EXPECT_TRUE(snapshot().questions(0).earlier(0).counts().empty());
    auto record = close();
    EXPECT_EQ(record.earlier(0).counts(pb::CONSENSUS_BLOCK), 1u);
    EXPECT_EQ(record.earlier(0).reasons(0).reason(), "Too often.");
}

TEST_F(DecisionPart, AChangeOfPaceIsAConsensusCheckThatABlockStopsAndAdoptingApplies) {
    pb::ClientMessage m;
    auto* o = m.mutable_open_question();
    o->set_kind(pb::FIST_TO_FIVE);
    o->set_text("Read at 150 words a minute?");
    o->mutable_pacing()->set_words_per_minute(150);
    EXPECT_EQ(test::run_part(part, m, mod, view, seq).error->code, pb::BAD_REQUEST);  // consensus only
    o->set_kind(pb::CONSENSUS);
    o->mutable_pacing()->set_words_per_minute(900);
    EXPECT_EQ(test::run_part(part, m, mod, view, seq).error->code, pb::BAD_REQUEST);  // the pacing rules
    o->mutable_pacing()->set_words_per_minute(150);
    ASSERT_FALSE(test::run_part(part, m, mod, view, seq).error);
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_BLOCK, "Still too fast for me.").error);
    pb::ClientMessage adopt;
    adopt.mutable_close_question()->set_question_id("q1");
    adopt.mutable_close_question()->set_adopt(true);
    EXPECT_EQ(test::run_part(part, adopt, mod, view, seq).error->code, pb::CONFLICT);
    pb::ClientMessage amend;
    amend.mutable_amend_question()->set_question_id("q1");
    amend.mutable_amend_question()->set_text("Read at 150 words a minute, with a pause after each message?");
    ASSERT_FALSE(test::run_part(part, amend, mod, view, seq).error);
    ASSERT_FALSE(respond(ada, pb::CONSENSUS_AGREE).error);
    ASSERT_FALSE(respond(bo, pb::CONSENSUS_STAND_ASIDE).error);
    auto adopted = test::run_part(part, adopt, mod, view, seq);
    ASSERT_FALSE(adopted.error);
    ASSERT_TRUE(adopted.then);
    EXPECT_EQ(adopted.then->set_pacing().settings().words_per_minute(), 150u);
    const auto& record = adopted.events[0].event.decision_recorded();
    EXPECT_TRUE(record.adopted());
    EXPECT_EQ(record.pacing().words_per_minute(), 150u);
    EXPECT_EQ(record.version(), 2u);

    ASSERT_FALSE(open(pb::SINGLE_CHOICE, "Which?", {"A", "B"}).error);
    adopt.mutable_close_question()->set_question_id("q2");
    EXPECT_EQ(test::run_part(part, adopt, mod, view, seq).error->code, pb::BAD_REQUEST);  // nothing to adopt
}

TEST_F(DecisionPart, PaceProposalsRecordedBeforeTheyBecameConsensusChecksReplayAsHistory) {
    pb::Event started;
    started.mutable_proposal_started()->set_proposal_id("p1");
    test::happen(part, view, started, seq);
    EXPECT_TRUE(snapshot().questions().empty());
}

}  // namespace
}  // namespace ts::room
