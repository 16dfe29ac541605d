// The actions part on its own: recording (owner, date, where it came from), changing,
// progress (who may mark it, the transitions, the reason a drop needs), limits, and replay.
#include "room/actions/action_part.hpp"

#include <gtest/gtest.h>

#include "room/actions/calendar_date.hpp"
#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class ActionPart : public ::testing::Test, protected test::three_people {
protected:
    ActionPart() {
        for (const auto* m : {&mod, &ada, &bo}) view.members[m->member_id()] = *m;
        note_taker.set_note_taker(true);
        view.members[note_taker.member_id()] = note_taker;
        view.messages.insert(4);
    }
    decision run(const pb::ClientMessage& m, const pb::Member& who) {
        auto d = test::run_part(part, m, who, view, seq, now);
        for (const auto& e : d.events) log.push_back(e);
        return d;
    }
    // Records an action: owner is a member id, or (starting with '@') a name in words.
    decision record(const std::string& text, const std::string& owner, const std::string& due = "",
                    const pb::Member* by = nullptr, const std::string& action_id = "") {
        pb::ClientMessage m;
        auto* a = m.mutable_record_action()->mutable_action();
        a->set_action_id(action_id);
        a->set_text(text);
        if (!owner.empty() && owner[0] == '@')
            a->set_owner_name(owner.substr(1));
        else
            a->set_owner_member_id(owner);
        a->set_due_date(due);
        return run(m, by ? *by : mod);
    }
    decision mark(const std::string& id, pb::ActionStatus status, const pb::Member& who, const std::string& note = "") {
        pb::ClientMessage m;
        m.mutable_set_action_status()->set_action_id(id);
        m.mutable_set_action_status()->set_status(status);
        m.mutable_set_action_status()->set_note(note);
        return run(m, who);
    }
    void happen(pb::Event e) { test::happen(part, view, std::move(e), seq, now); }
    const pb::Action& only() const { return part.actions().at(0); }
    static pb::ErrorCode code(const decision& d) { return d.error ? d.error->code : pb::ERROR_CODE_UNSPECIFIED; }

    action_part part{room_limits{}};
    test::fake_room_view view;
    pb::Member note_taker = person("m4", pb::PARTICIPANT);
    pb::Member observer = person("m5", pb::OBSERVER);
    std::uint64_t seq = 10;
    std::int64_t now = 5000;
    std::vector<logged_event> log;
};

TEST_F(ActionPart, AModeratorRecordsAnOpenActionWithAnOwnerInTheRoomAndADate) {
    auto d = record("Write to the trust about call-backs", ada.member_id(), "2027-04-30");
    ASSERT_FALSE(d.error) << d.error->message;
    ASSERT_EQ(part.actions().size(), 1u);
    EXPECT_EQ(only().action_id(), "act1");
    EXPECT_EQ(only().status(), pb::ACTION_OPEN);
    EXPECT_EQ(only().owner_member_id(), "m2");
    EXPECT_EQ(only().due_date(), "2027-04-30");
    EXPECT_EQ(only().recorded_by_member_id(), "m1");
    EXPECT_EQ(only().updated_at_ms(), now);
    EXPECT_FALSE(d.events.at(0).event.action_recorded().changed());
}

TEST_F(ActionPart, TheNoteTakerRecordsOneOwnedByAnOrganisation) {
    ASSERT_FALSE(record("Publish the new leaflet", "@The trust's patient experience team", "", &note_taker).error);
    EXPECT_EQ(only().owner_name(), "The trust's patient experience team");
    EXPECT_TRUE(only().owner_member_id().empty());
    EXPECT_TRUE(only().due_date().empty());
}

TEST_F(ActionPart, AParticipantOrObserverMayNotRecordAnAction) {
    EXPECT_EQ(code(record("Something", ada.member_id(), "", &ada)), pb::PERMISSION_DENIED);
    EXPECT_EQ(code(record("Something", ada.member_id(), "", &observer)), pb::PERMISSION_DENIED);
    EXPECT_TRUE(part.actions().empty());
}

TEST_F(ActionPart, BadInputIsRefusedAndRecordsNothing) {
    EXPECT_EQ(code(record("", ada.member_id())), pb::BAD_REQUEST);                     // no text
    EXPECT_EQ(code(record("Do it", "")), pb::BAD_REQUEST);                             // no owner
    EXPECT_EQ(code(record("Do it", "@   ")), pb::BAD_REQUEST);                         // an owner of spaces
    EXPECT_EQ(code(record("Do it", "m9")), pb::NOT_FOUND);                             // nobody by that id
    EXPECT_EQ(code(record("Do it", ada.member_id(), "2027-02-29")), pb::BAD_REQUEST);  // not a leap year
    EXPECT_EQ(code(record("Do it", ada.member_id(), "30/04/2027")), pb::BAD_REQUEST);
    EXPECT_EQ(code(record(std::string(501, 'x'), ada.member_id())), pb::TOO_LARGE);
    pb::ClientMessage both;
    both.mutable_record_action()->mutable_action()->set_text("Do it");
    both.mutable_record_action()->mutable_action()->set_owner_member_id("m2");
    both.mutable_record_action()->mutable_action()->set_owner_name("The council");
    EXPECT_EQ(code(run(both, mod)), pb::BAD_REQUEST);  // two owners
    EXPECT_TRUE(part.actions().empty());
    EXPECT_TRUE(log.empty());
}

TEST_F(ActionPart, AnActionComesFromADecisionAnAgendaItemOrAMessageThatExists) {
    auto from = [&](auto set) {
        pb::ClientMessage m;
        auto* a = m.mutable_record_action()->mutable_action();
        a->set_text("Follow it up");
        a->set_owner_name("The council");
        set(*a);
        return run(m, mod);
    };
    EXPECT_EQ(code(from([](auto& a) { a.set_from_question_id("q1"); })), pb::NOT_FOUND);
    EXPECT_EQ(code(from([](auto& a) { a.set_from_agenda_item_id("a1"); })), pb::NOT_FOUND);
    EXPECT_EQ(code(from([](auto& a) { a.set_from_seq(5); })), pb::NOT_FOUND);
    pb::Event decided;
    decided.mutable_decision_recorded()->set_question_id("q1");
    happen(decided);
    pb::Event planned;
    planned.mutable_agenda_item_planned()->mutable_item()->set_item_id("a1");
    happen(planned);
    EXPECT_FALSE(from([](auto& a) { a.set_from_question_id("q1"); }).error);
    EXPECT_FALSE(from([](auto& a) { a.set_from_agenda_item_id("a1"); }).error);
    EXPECT_FALSE(from([](auto& a) { a.set_from_seq(4); }).error);
    EXPECT_EQ(code(from([](auto& a) {
                  a.set_from_question_id("q1");
                  a.set_from_seq(4);
              })),
              pb::BAD_REQUEST);
    pb::Event removed;
    removed.mutable_agenda_item_removed()->set_item_id("a1");
    happen(removed);
    EXPECT_EQ(code(from([](auto& a) { a.set_from_agenda_item_id("a1"); })), pb::NOT_FOUND);
    EXPECT_EQ(part.actions().size(), 3u);
    EXPECT_EQ(part.actions().at(2).from_seq(), 4u);
}

TEST_F(ActionPart, ARecorderChangesWhatAnActionSaysButNotItsProgress) {
    ASSERT_FALSE(record("Write to the trust", ada.member_id()).error);
    ASSERT_FALSE(mark("act1", pb::ACTION_UNDER_WAY, ada).error);
    auto d = record("Write to the trust and the council", "@The council", "2027-05-01", &mod, "act1");
    ASSERT_FALSE(d.error) << d.error->message;
    EXPECT_TRUE(d.events.at(0).event.action_recorded().changed());
    ASSERT_EQ(part.actions().size(), 1u);
    EXPECT_EQ(only().text(), "Write to the trust and the council");
    EXPECT_EQ(only().owner_name(), "The council");
    EXPECT_TRUE(only().owner_member_id().empty());
    EXPECT_EQ(only().status(), pb::ACTION_UNDER_WAY);
    EXPECT_EQ(code(record("Write to the trust and the council", "@The council", "2027-05-01", &mod, "act1")),
              pb::CONFLICT);
    EXPECT_EQ(code(record("Anything", "@The council", "", &mod, "act7")), pb::NOT_FOUND);
}

TEST_F(ActionPart, TheOwnerMarksProgressAndSomeoneElseMayNot) {
    ASSERT_FALSE(record("Write to the trust", ada.member_id()).error);
    EXPECT_EQ(code(mark("act1", pb::ACTION_UNDER_WAY, bo)), pb::PERMISSION_DENIED);
    EXPECT_EQ(code(mark("act1", pb::ACTION_UNDER_WAY, observer)), pb::PERMISSION_DENIED);
    ASSERT_FALSE(mark("act1", pb::ACTION_UNDER_WAY, ada, "Drafted").error);
    EXPECT_EQ(only().status(), pb::ACTION_UNDER_WAY);
    EXPECT_EQ(only().note(), "Drafted");
    EXPECT_EQ(only().updated_by_member_id(), "m2");
    // A progress note on the same status is news; the same again is not.
    now += 1000;
    ASSERT_FALSE(mark("act1", pb::ACTION_UNDER_WAY, ada, "Sent to the trust").error);
    EXPECT_EQ(only().updated_at_ms(), now);
    EXPECT_EQ(code(mark("act1", pb::ACTION_UNDER_WAY, ada, "Sent to the trust")), pb::CONFLICT);
    EXPECT_EQ(code(mark("act1", pb::ACTION_UNDER_WAY, ada)), pb::CONFLICT);
    // A facilitator and the note-taker may mark any action.
    ASSERT_FALSE(mark("act1", pb::ACTION_DONE, note_taker).error);
    ASSERT_FALSE(mark("act1", pb::ACTION_OPEN, mod, "Reopened: the trust did not reply").error);
    const auto& last = log.back().event.action_status_changed();
    EXPECT_EQ(last.was(), pb::ACTION_DONE);
    EXPECT_EQ(last.status(), pb::ACTION_OPEN);
}

TEST_F(ActionPart, DroppingNeedsAReason) {
    ASSERT_FALSE(record("Run a survey", "@The council").error);
    EXPECT_EQ(code(mark("act1", pb::ACTION_DROPPED, mod)), pb::BAD_REQUEST);
    EXPECT_EQ(code(mark("act1", pb::ACTION_DROPPED, mod, "   ")), pb::BAD_REQUEST);
    EXPECT_EQ(only().status(), pb::ACTION_OPEN);
    ASSERT_FALSE(mark("act1", pb::ACTION_DROPPED, mod, "The council's own survey covers it").error);
    EXPECT_EQ(only().status(), pb::ACTION_DROPPED);
    EXPECT_EQ(only().note(), "The council's own survey covers it");
}

TEST_F(ActionPart, AnUnknownActionOrStatusIsRefused) {
    ASSERT_FALSE(record("Run a survey", "@The council").error);
    EXPECT_EQ(code(mark("act2", pb::ACTION_DONE, mod)), pb::NOT_FOUND);
    EXPECT_EQ(code(mark("act1", pb::ACTION_STATUS_UNSPECIFIED, mod)), pb::BAD_REQUEST);
    EXPECT_EQ(code(mark("act1", static_cast<pb::ActionStatus>(42), mod)), pb::BAD_REQUEST);
    EXPECT_EQ(code(mark("act1", pb::ACTION_DONE, mod, std::string(1001, 'x'))), pb::TOO_LARGE);
    EXPECT_EQ(only().status(), pb::ACTION_OPEN);
}

TEST_F(ActionPart, AMeetingKeepsAtMostItsLimitOfActions) {
    room_limits limits;
    limits.max_actions = 2;
    part = action_part{limits};
    ASSERT_FALSE(record("One", "@The council").error);
    ASSERT_FALSE(record("Two", "@The council").error);
    EXPECT_EQ(code(record("Three", "@The council")), pb::TOO_LARGE);
    // Changing one is still possible.
    EXPECT_FALSE(record("Two, revised", "@The council", "", &mod, "act2").error);
}

TEST_F(ActionPart, ReplayAndTheStoredStateGiveTheSameActions) {
    pb::Event decided;
    decided.mutable_decision_recorded()->set_question_id("q1");
    happen(decided);
    log.push_back({decided, {}});
    pb::ClientMessage m;
    auto* a = m.mutable_record_action()->mutable_action();
    a->set_text("Pilot call-backs");
    a->set_owner_member_id("m2");
    a->set_from_question_id("q1");
    ASSERT_FALSE(run(m, mod).error);
    ASSERT_FALSE(record("Run a survey", "@The council", "2027-06-01").error);
    ASSERT_FALSE(mark("act1", pb::ACTION_DONE, ada, "Started in April").error);
    ASSERT_FALSE(mark("act2", pb::ACTION_DROPPED, mod, "Not needed").error);

    action_part replayed{room_limits{}};
    for (const auto& e : log) replayed.evolve(e.event, e.hidden);
    pb::RoomSnapshot live, again;
    part.add_to(live);
    replayed.add_to(again);
    EXPECT_EQ(live.SerializeAsString(), again.SerializeAsString());
    ASSERT_EQ(again.actions_size(), 2);
    EXPECT_EQ(again.actions(0).status(), pb::ACTION_DONE);
    EXPECT_EQ(again.actions(1).note(), "Not needed");
    // The replayed part still knows the decision an action may come from.
    pb::ClientMessage next = m;
    EXPECT_FALSE(test::run_part(replayed, next, mod, view, seq, now).error);
}

TEST(CalendarDate, OnlyRealDaysWrittenYearMonthDay) {
    EXPECT_TRUE(is_calendar_date("2027-04-30"));
    EXPECT_TRUE(is_calendar_date("2028-02-29"));
    EXPECT_TRUE(is_calendar_date("2000-02-29"));
    EXPECT_FALSE(is_calendar_date("2100-02-29"));
    EXPECT_FALSE(is_calendar_date("2027-02-29"));
    EXPECT_FALSE(is_calendar_date("2027-04-31"));
    EXPECT_FALSE(is_calendar_date("2027-13-01"));
    EXPECT_FALSE(is_calendar_date("2027-00-10"));
    EXPECT_FALSE(is_calendar_date("2027-4-30"));
    EXPECT_FALSE(is_calendar_date("2027-04-3a"));
    EXPECT_FALSE(is_calendar_date("1999-12-31"));
    EXPECT_FALSE(is_calendar_date(""));
}

}  // namespace
}  // namespace ts::room
