// The agenda part on its own: planning (add, edit, reorder, remove), running (start the next
// or any item, end, extend), the item's clock with its warning, time up and the room's
// pauses, and replay.
#include "room/agenda/agenda_part.hpp"

#include <array>

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

constexpr std::int64_t minute = 60'000;

class AgendaPart : public ::testing::Test {
protected:
    decision run(const pb::ClientMessage& m, const pb::Member& who) {
        auto d = test::run_part(part, m, who, view, seq, now);
        for (const auto& e : d.events) log.push_back(e);
        return d;
    }
    decision start(const std::string& title = "", const std::string& id = "", bool clear_queue = false) {
        pb::ClientMessage m;
        m.mutable_start_agenda_item()->set_title(title);
        m.mutable_start_agenda_item()->set_item_id(id);
        m.mutable_start_agenda_item()->set_clear_queue(clear_queue);
        return run(m, mod);
    }
    decision plan(const std::string& title, std::uint32_t minutes, const std::string& id = "",
                  pb::AgendaItemKind kind = pb::AGENDA_DISCUSSION) {
        pb::ClientMessage m;
        auto* item = m.mutable_plan_agenda_item()->mutable_item();
        item->set_item_id(id);
        item->set_title(title);
        item->set_minutes(minutes);
        item->set_kind(kind);
        item->set_description("What we will talk about.");
        return run(m, mod);
    }
    decision simple(void (*fill)(pb::ClientMessage&), const pb::Member& who) {
        pb::ClientMessage m;
        fill(m);
        return run(m, who);
    }
    // Everything due by now, folded, as the room's timer does it.
    std::vector<logged_event> tick() {
        auto due = part.tick(view, now).events;
        test::fold_into(part, due, seq, now);
        return due;
    }
    void pause(bool paused) {
        pb::Event e;
        e.mutable_pause_changed()->set_paused(paused);
        test::happen(part, view, e, seq, now);
        log.push_back(logged_event{e, {}});
        log.back().event.set_seq(seq);
        log.back().event.set_at_ms(now);
    }
    pb::RoomSnapshot snapshot() const {
        pb::RoomSnapshot s;
        part.add_to(s);
        return s;
    }
    std::vector<std::string> order() const {
        std::vector<std::string> ids;
        const auto snap = snapshot();
        for (const auto& i : snap.agenda()) ids.push_back(i.item_id());
        return ids;
    }

    agenda_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
    std::int64_t now = 1'000'000;
    pb::Member mod = person("m1", pb::MODERATOR);
    pb::Member ada = person("m2", pb::PARTICIPANT);
    std::vector<logged_event> log;
};

TEST_F(AgendaPart, ModeratorsStartItemsNobodyPlannedNumberedInOrder) {
    EXPECT_FALSE(snapshot().has_agenda_item());
    pb::ClientMessage m;
    m.mutable_start_agenda_item()->set_title("Budget");
    EXPECT_EQ(run(m, ada).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(start("  ").error->code, pb::BAD_REQUEST);
    EXPECT_EQ(start().error->code, pb::CONFLICT);  // no title, and nothing planned is left
    EXPECT_EQ(start(std::string(room_limits{}.max_title_chars + 1, 'x')).error->code, pb::TOO_LARGE);
    EXPECT_EQ(start("Budget").events[0].event.agenda_item_started().item_id(), "a1");
    auto second = start("Transport");
    ASSERT_EQ(second.events.size(), 2u);  // the item under way ends first
    EXPECT_EQ(second.events[0].event.agenda_item_ended().item_id(), "a1");
    EXPECT_EQ(second.events[1].event.agenda_item_started().item_id(), "a2");
    EXPECT_EQ(second.events[1].event.agenda_item_started().by_member_id(), "m1");
    const auto snap = snapshot();
    EXPECT_EQ(snap.agenda_item().title(), "Transport");
    ASSERT_EQ(snap.agenda_size(), 2);
    EXPECT_EQ(snap.agenda(0).status(), pb::AGENDA_DONE);
    EXPECT_FALSE(snap.agenda(1).planned());
}

TEST_F(AgendaPart, AModeratorPlansChangesReordersAndRemovesItems) {
    EXPECT_EQ(plan("", 10).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(plan("Long", room_limits{}.max_agenda_minutes + 1).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(plan("Odd", 5, "", static_cast<pb::AgendaItemKind>(9)).error->code, pb::BAD_REQUEST);
    pb::ClientMessage by_ada;
    by_ada.mutable_plan_agenda_item()->mutable_item()->set_title("Mine");
    EXPECT_EQ(run(by_ada, ada).error->code, pb::PERMISSION_DENIED);
    ASSERT_FALSE(plan("Welcome", 5, "", pb::AGENDA_INFORMATION).error);
    ASSERT_FALSE(plan("Callback promise", 20).error);
    ASSERT_FALSE(plan("Decide the date", 10, "", pb::AGENDA_DECISION).error);
    EXPECT_EQ(order(), (std::vector<std::string>{"a1", "a2", "a3"}));
    ASSERT_FALSE(plan("The callback promise", 25, "a2").error);
    EXPECT_EQ(snapshot().agenda(1).title(), "The callback promise");
    EXPECT_EQ(snapshot().agenda(1).minutes(), 25u);
    EXPECT_EQ(snapshot().agenda(1).description(), "What we will talk about.");
    EXPECT_EQ(plan("x", 5, "a9").error->code, pb::NOT_FOUND);

    pb::ClientMessage move;
    move.mutable_move_agenda_item()->set_item_id("a3");
    move.mutable_move_agenda_item()->set_position(0);
    ASSERT_FALSE(run(move, mod).error);
    EXPECT_EQ(order(), (std::vector<std::string>{"a3", "a1", "a2"}));
    move.mutable_move_agenda_item()->set_position(3);
    EXPECT_EQ(run(move, mod).error->code, pb::BAD_REQUEST);

    ASSERT_FALSE(start("", "a1").error);
    EXPECT_EQ(plan("Welcome", 15, "a1").error->code, pb::CONFLICT);  // started: extend it instead
    ASSERT_FALSE(plan("Welcome, and who is here", 5, "a1").error);   // the words may change
    pb::ClientMessage remove;
    remove.mutable_remove_agenda_item()->set_item_id("a1");
    EXPECT_EQ(run(remove, mod).error->code, pb::CONFLICT);  // it stays on the record
    remove.mutable_remove_agenda_item()->set_item_id("a2");
    ASSERT_FALSE(run(remove, mod).error);
    EXPECT_EQ(order(), (std::vector<std::string>{"a3", "a1"}));
}

// The snapshot's contract (proto): the agenda in its planned order, whatever was taken out of
// order; each item's status says where it is.
TEST_F(AgendaPart, AnItemHasItsTitleAndDescriptionInOtherLanguages) {
    auto with = [&](const std::string& id, std::vector<std::array<std::string, 3>> texts) {
        pb::ClientMessage m;
        auto* item = m.mutable_plan_agenda_item()->mutable_item();
        item->set_item_id(id);
        item->set_title("Callback promise");
        item->set_minutes(20);
        for (const auto& [language, title, description] : texts) {
            auto* t = item->add_translations();
            t->set_language(language);
            t->set_title(title);
            t->set_description(description);
        }
        return run(m, mod);
    };
    EXPECT_EQ(with("", {{"xx", "Obietnica", ""}}).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(with("", {{"pl", "Obietnica", ""}, {"pl", "Inna", ""}}).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(with("", {{"pl", std::string(room_limits{}.max_title_chars + 1, 'a'), ""}}).error->code, pb::TOO_LARGE);
    ASSERT_FALSE(with("", {{"pl", "Obietnica oddzwonienia", "O czym rozmawiamy."}, {"ar", "", ""}}).error);
    auto item = snapshot().agenda(0);
    ASSERT_EQ(item.translations_size(), 1);  // a language with nothing said in it is left out
    EXPECT_EQ(item.translations(0).title(), "Obietnica oddzwonienia");
    // A change gives the item's texts anew: those left out are gone.
    ASSERT_FALSE(with("a1", {{"ar", "وعد معاودة الاتصال", ""}}).error);
    item = snapshot().agenda(0);
    ASSERT_EQ(item.translations_size(), 1);
    EXPECT_EQ(item.translations(0).language(), "ar");
}

TEST_F(AgendaPart, TheAgendaKeepsItsPlannedOrderWhenAnItemIsTakenOutOfOrder) {
    for (const char* title : {"First", "Second", "Third", "Any other business"}) ASSERT_FALSE(plan(title, 5).error);
    ASSERT_FALSE(start("", "a1").error);
    ASSERT_FALSE(start("", "a2").error);
    ASSERT_FALSE(start("", "a4").error);
    EXPECT_EQ(order(), (std::vector<std::string>{"a1", "a2", "a3", "a4"}));
    const auto snap = snapshot();
    EXPECT_EQ(snap.agenda(0).status(), pb::AGENDA_DONE);
    EXPECT_EQ(snap.agenda(1).status(), pb::AGENDA_DONE);
    EXPECT_EQ(snap.agenda(2).status(), pb::AGENDA_PLANNED);
    EXPECT_EQ(snap.agenda(3).status(), pb::AGENDA_CURRENT);
}

TEST_F(AgendaPart, AnAgendaHoldsFiftyItemsAndADescriptionOfAThousandCharacters) {
    pb::ClientMessage m;
    auto* item = m.mutable_plan_agenda_item()->mutable_item();
    item->set_title("Long");
    item->set_description(std::string(room_limits{}.max_agenda_description_chars + 1, 'x'));
    EXPECT_EQ(run(m, mod).error->code, pb::TOO_LARGE);
    for (std::size_t i = 0; i < room_limits{}.max_agenda_items; ++i)
        ASSERT_FALSE(plan("Item " + std::to_string(i), 1).error);
    EXPECT_EQ(plan("One more", 1).error->code, pb::CONFLICT);
    EXPECT_EQ(start("Nobody planned this").error->code, pb::CONFLICT);
}

TEST_F(AgendaPart, TheItemUnderWayWarnsRunsOutIsExtendedAndRecordsHowLongItTook) {
    ASSERT_FALSE(plan("Welcome", 10).error);
    ASSERT_FALSE(plan("Callback promise", 5).error);
    auto first = start();  // the next planned item
    ASSERT_FALSE(first.error);
    EXPECT_EQ(first.events[0].event.agenda_item_started().item_id(), "a1");
    EXPECT_EQ(first.events[0].event.agenda_item_started().minutes(), 10u);
    EXPECT_EQ(part.next_deadline(view), now + 8 * minute);  // the warning, 2 minutes before
    now += 8 * minute;
    auto warned = tick();
    ASSERT_EQ(warned.size(), 1u);
    EXPECT_FALSE(warned[0].event.agenda_item_time().time_up());
    EXPECT_TRUE(tick().empty());
    now += 3 * minute;
    auto up = tick();
    ASSERT_EQ(up.size(), 1u);
    EXPECT_TRUE(up[0].event.agenda_item_time().time_up());
    EXPECT_EQ(snapshot().agenda(0).status(), pb::AGENDA_CURRENT);  // time up only warns

    pb::ClientMessage extend;
    extend.mutable_extend_agenda_item()->set_minutes(5);
    EXPECT_EQ(run(extend, ada).error->code, pb::PERMISSION_DENIED);
    auto extended = run(extend, mod);
    ASSERT_FALSE(extended.error);
    EXPECT_EQ(extended.events[0].event.agenda_item_extended().minutes(), 15u);
    EXPECT_FALSE(snapshot().agenda(0).clock().time_up());
    EXPECT_EQ(part.next_deadline(view), now + 2 * minute);  // 15 minutes less 11, less the warning's 2

    now += minute;
    auto next = start("", "", true);
    ASSERT_EQ(next.events.size(), 2u);
    EXPECT_EQ(next.events[0].event.agenda_item_ended().used_ms(), 12 * minute);
    EXPECT_EQ(next.events[0].event.agenda_item_ended().minutes(), 15u);
    EXPECT_TRUE(next.events[1].event.agenda_item_started().queue_cleared());
    ASSERT_TRUE(next.then);
    EXPECT_TRUE(next.then->has_clear_queue());             // handed to the turns part
    EXPECT_EQ(start("", "a1").error->code, pb::CONFLICT);  // done

    now += 3 * minute;
    auto ended = simple([](pb::ClientMessage& m) { m.mutable_end_agenda_item(); }, mod);
    ASSERT_FALSE(ended.error);
    EXPECT_EQ(ended.events[0].event.agenda_item_ended().used_ms(), 3 * minute);
    EXPECT_FALSE(snapshot().has_agenda_item());
    EXPECT_EQ(simple([](pb::ClientMessage& m) { m.mutable_end_agenda_item(); }, mod).error->code, pb::CONFLICT);
    EXPECT_EQ(run(extend, mod).error->code, pb::CONFLICT);
    EXPECT_EQ(snapshot().agenda(1).used_ms(), 3 * minute);
    EXPECT_EQ(start().error->code, pb::CONFLICT);  // nothing planned is left
}

TEST_F(AgendaPart, TheClockStandsStillWhileTheRoomIsPausedAndReplayGivesTheSameAgenda) {
    ASSERT_FALSE(plan("Welcome", 10).error);
    ASSERT_FALSE(start().error);
    now += 2 * minute;
    pause(true);
    EXPECT_EQ(part.next_deadline(view), std::nullopt);
    now += 5 * minute;
    EXPECT_TRUE(tick().empty());
    pause(false);
    EXPECT_EQ(part.next_deadline(view), now + 6 * minute);  // 8 minutes left, less the warning's 2
    now += minute;

    agenda_part replayed{room_limits{}};
    for (const auto& e : log) replayed.evolve(e.event, e.hidden);
    pb::RoomSnapshot again;
    replayed.add_to(again);
    EXPECT_EQ(again.SerializeAsString(), snapshot().SerializeAsString());
    EXPECT_EQ(replayed.next_deadline(view), part.next_deadline(view));

    auto ended = simple([](pb::ClientMessage& m) { m.mutable_end_agenda_item(); }, mod);
    EXPECT_EQ(ended.events[0].event.agenda_item_ended().used_ms(), 3 * minute);  // not the 5 paused
}

TEST_F(AgendaPart, ClosingTheMeetingEndsTheItemUnderWay) {
    ASSERT_FALSE(start("Any other business").error);
    now += minute;
    pb::Event closed;
    closed.mutable_room_phase_changed()->set_phase(pb::CLOSED);
    auto ended = test::happen(part, view, closed, seq, now);
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_EQ(ended[0].event.agenda_item_ended().used_ms(), minute);
    EXPECT_TRUE(ended[0].event.agenda_item_ended().by_member_id().empty());
}

}  // namespace
}  // namespace ts::room
