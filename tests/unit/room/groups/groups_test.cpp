// Small groups through the real room: the plenary opens tables (groups_part), a table's room
// follows its plenary (room::link_table, table_part), and its report comes back.
#include <gtest/gtest.h>

#include <set>

#include "room/groups/groups_part.hpp"
#include "room/reports/table_report.hpp"
#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

class GroupsTest : public room_fixture {
protected:
    // A moderator and twelve participants.
    GroupsTest() {
        moderator = join("Mo", true);
        for (int i = 0; i < 12; ++i) people.push_back(join("Person " + std::to_string(i + 1)));
    }

    room::outcome open(int tables, pb::TableAssignment how = pb::ASSIGN_RANDOM, std::uint32_t minutes = 15) {
        return run(moderator, command([&](auto& m) {
                       auto* o = m.mutable_open_groups();
                       o->set_tables(static_cast<std::uint32_t>(tables));
                       o->set_minutes(minutes);
                       o->set_task("What would make the service easier to reach?");
                       o->set_assignment(how);
                   }));
    }

    const pb::GroupsState& groups() const { return r.part<room::groups_part>().state(); }

    // The table a member sits at (0: none), and everyone's count of tables.
    std::uint32_t table_of(const std::string& id) const {
        std::uint32_t found = 0;
        for (const auto& t : groups().opened().tables())
            for (const auto& m : t.member_ids())
                if (m == id) {
                    EXPECT_EQ(found, 0u) << id << " sits at two tables";
                    found = t.number();
                }
        return found;
    }

    // The table a member sat at in the latest round, open or closed.
    std::uint32_t table_of_closed(const std::string& id) const {
        for (const auto& t : groups().opened().tables())
            for (const auto& m : t.member_ids())
                if (m == id) return t.number();
        return 0;
    }

    std::uint64_t moderator = 0;
    std::vector<std::uint64_t> people;
};

TEST_F(GroupsTest, AModeratorOpensThreeTablesOfFourAndEveryoneSitsAtExactlyOne) {
    auto out = open(3);
    ASSERT_TRUE(out.ok()) << out.error->message;
    ASSERT_EQ(out.events.size(), 1u);
    const auto& opened = out.events[0].event.groups_opened();
    EXPECT_EQ(opened.round(), 1u);
    EXPECT_EQ(opened.ends_at_ms(), clock.now_ms() + 15 * 60'000);
    ASSERT_EQ(opened.tables_size(), 3);
    for (const auto& t : opened.tables()) {
        EXPECT_EQ(t.member_ids_size(), 4);
        EXPECT_EQ(t.room_id(), "r1-1-" + std::to_string(t.number()));
        EXPECT_EQ(t.name(), "Table " + std::to_string(t.number()));
    }
    for (auto c : people) EXPECT_NE(table_of(member(c)), 0u);
    EXPECT_EQ(table_of(member(moderator)), 0u) << "moderators go between the tables";
    EXPECT_TRUE(r.snapshot().groups().open());
}

TEST_F(GroupsTest, BadOrUnauthorisedRequestsChangeNothing) {
    const auto before = r.last_seq();
    EXPECT_EQ(code_of(run(people[0], command([](auto& m) {
                              m.mutable_open_groups()->set_tables(3);
                              m.mutable_open_groups()->set_minutes(10);
                              m.mutable_open_groups()->set_assignment(pb::ASSIGN_RANDOM);
                          }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(open(1)), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(open(51)), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(open(3, pb::ASSIGN_UNSPECIFIED)), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(open(3, pb::ASSIGN_RANDOM, 0)), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(run(moderator, command([](auto& m) { m.mutable_close_groups(); }))), pb::CONFLICT);
    EXPECT_EQ(r.last_seq(), before);
    ASSERT_TRUE(open(3).ok());
    EXPECT_EQ(code_of(open(3)), pb::CONFLICT) << "one round at a time";
}

TEST_F(GroupsTest, MovingSomeoneKeepsEveryoneAtExactlyOneTable) {
    ASSERT_TRUE(open(3).ok());
    const auto who = member(people[0]);
    const auto from = table_of(who);
    const auto to = from % 3 + 1;
    auto out = run(moderator, command([&](auto& m) {
                       m.mutable_move_to_table()->set_member_id(who);
                       m.mutable_move_to_table()->set_table(to);
                   }));
    ASSERT_TRUE(out.ok()) << out.error->message;
    EXPECT_EQ(out.events[0].event.table_moved().from_table(), from);
    EXPECT_EQ(table_of(who), to);
    std::size_t seated = 0;
    for (const auto& t : groups().opened().tables()) seated += static_cast<std::size_t>(t.member_ids_size());
    EXPECT_EQ(seated, 12u);
    EXPECT_EQ(code_of(run(moderator, command([&](auto& m) {
                              m.mutable_move_to_table()->set_member_id(who);
                              m.mutable_move_to_table()->set_table(4);
                          }))),
              pb::BAD_REQUEST);
}

TEST_F(GroupsTest, SomeoneNewSitsAtTheSmallestTable) {
    ASSERT_TRUE(open(3).ok());
    auto late = join("Late");
    EXPECT_NE(table_of(member(late)), 0u);
    std::set<int> sizes;
    for (const auto& t : groups().opened().tables()) sizes.insert(t.member_ids_size());
    EXPECT_EQ(sizes, (std::set<int>{4, 5}));
}

TEST_F(GroupsTest, ByChoicePeoplePickTheirOwnTable) {
    ASSERT_TRUE(open(2, pb::ASSIGN_CHOICE).ok());
    EXPECT_EQ(table_of(member(people[0])), 0u);
    ASSERT_TRUE(run(people[0], command([](auto& m) { m.mutable_choose_table()->set_table(2); })).ok());
    EXPECT_EQ(table_of(member(people[0])), 2u);
    EXPECT_EQ(code_of(run(people[0], command([](auto& m) { m.mutable_choose_table()->set_table(2); }))), pb::CONFLICT);
}

TEST_F(GroupsTest, TheirTimeRunsOutForEveryTableAtOnceAndCanBeExtended) {
    ASSERT_TRUE(open(3, pb::ASSIGN_RANDOM, 10).ok());
    const auto ends = groups().opened().ends_at_ms();
    EXPECT_EQ(r.next_deadline(), ends);
    ASSERT_TRUE(run(moderator, command([](auto& m) { m.mutable_extend_groups()->set_minutes(5); })).ok());
    EXPECT_EQ(groups().opened().ends_at_ms(), ends + 5 * 60'000);
    clock.advance(14 * 60'000);
    EXPECT_TRUE(tick().events.empty());
    clock.advance(60'000);
    auto out = tick();
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_TRUE(out.events[0].event.groups_closed().time_up());
    EXPECT_FALSE(groups().open());
    EXPECT_EQ(r.tables_to_report().size(), 3u);
}

TEST_F(GroupsTest, ATableFollowsItsPlenaryAndItsReportComesBack) {
    ASSERT_TRUE(open(3).ok());
    ASSERT_TRUE(
        run(moderator, command([](auto& m) { m.mutable_broadcast_to_tables()->set_text("Ten minutes left"); })).ok());
    const auto links = r.table_links();
    ASSERT_EQ(links.size(), 3u);
    const auto& link = links[0];
    EXPECT_EQ(link.link.broadcasts_size(), 1);

    // The table's own room, made and linked as the server does.
    room::room table(link.room_id);
    std::vector<room::logged_event> table_log;
    auto keep = [&](room::outcome out) {
        table_log.insert(table_log.end(), out.events.begin(), out.events.end());
        return out;
    };
    ASSERT_TRUE(
        keep(table.create(link.title, "", "unused-key-0123456789", "unused-code-0123456789", clock.now_ms())).ok());
    auto linked = keep(table.link_table(link, clock.now_ms()));
    ASSERT_TRUE(linked.ok());
    EXPECT_TRUE(keep(table.link_table(link, clock.now_ms())).events.empty()) << "in line already: nothing to record";
    ASSERT_EQ(table.snapshot().table().member_ids_size(), 4);

    // Someone seated here comes in with their plenary resume token, as themselves.
    const auto seated = link.link.member_ids(0);
    std::uint64_t connection = 0;
    for (auto c : people)
        if (member(c) == seated) connection = c;
    pb::ClientMessage come_in;
    come_in.mutable_join()->set_resume_token("token-" + std::to_string(connection));
    auto welcome = keep(table.apply(come_in, {1001}, clock.now_ms()));
    ASSERT_TRUE(welcome.ok()) << welcome.error->message;
    EXPECT_EQ(welcome.welcome->member_id, seated);
    // Someone from another table cannot.
    std::uint64_t elsewhere = 0;
    for (auto c : people)
        if (table_of(member(c)) != link.link.number()) elsewhere = c;
    come_in.mutable_join()->set_resume_token("token-" + std::to_string(elsewhere));
    EXPECT_EQ(code_of(keep(table.apply(come_in, {1002}, clock.now_ms()))), pb::UNAUTHENTICATED);
    // The plenary's moderator key opens every table.
    pb::ClientMessage visit;
    visit.mutable_join()->set_moderator_key(key);
    visit.mutable_join()->set_display_name("Mo");
    ASSERT_TRUE(keep(table.apply(visit, {1003, "visitor-token"}, clock.now_ms())).ok());

    // Moved away, they lose their place at this table, and their connection.
    ASSERT_TRUE(run(moderator, command([&](auto& m) {
                        m.mutable_move_to_table()->set_member_id(seated);
                        m.mutable_move_to_table()->set_table(link.link.number() % 3 + 1);
                    }))
                    .ok());
    auto moved = keep(table.link_table(r.table_links()[0], clock.now_ms()));
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ(moved.closed_connections, std::vector<std::uint64_t>{1001});
    come_in.mutable_join()->set_resume_token("token-" + std::to_string(connection));
    EXPECT_EQ(code_of(keep(table.apply(come_in, {1004}, clock.now_ms()))), pb::PERMISSION_DENIED);

    // The facilitator (the visiting moderator here) writes the report; the groups close.
    ASSERT_TRUE(keep(table.apply(command([](auto& m) {
                                     m.mutable_set_table_report()->set_text("Evening opening hours.");
                                     m.mutable_set_table_report()->set_agreed(true);
                                 }),
                                 {1003}, clock.now_ms()))
                    .ok());
    ASSERT_TRUE(run(moderator, command([](auto& m) { m.mutable_close_groups(); })).ok());
    auto closed = keep(table.link_table(r.table_links()[0], clock.now_ms()));
    ASSERT_TRUE(closed.ok());
    EXPECT_EQ(table.phase(), pb::CLOSED) << "the table's meeting ends with the groups";
    // The table's own record replays to the same table (its seated people keep their ids).
    room::room replayed(link.room_id);
    for (const auto& e : table_log) ASSERT_FALSE(replayed.replay(e).has_value()) << e.event.DebugString();
    EXPECT_EQ(replayed.snapshot().SerializeAsString(), table.snapshot().SerializeAsString());
    auto report = room::reports::table_report(table, clock.now_ms());
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->report(), "Evening opening hours.");
    EXPECT_TRUE(report->agreed());

    auto in = r.receive_table_report(*report, clock.now_ms());
    record(in);
    ASSERT_TRUE(in.ok());
    ASSERT_EQ(in.events.size(), 1u);
    EXPECT_TRUE(r.receive_table_report(*report, clock.now_ms()).events.empty()) << "a report comes back once";
    EXPECT_EQ(r.snapshot().groups().reports(0).report(), "Evening opening hours.");
    EXPECT_EQ(r.tables_to_report().size(), 2u);
}

TEST_F(GroupsTest, TheTableAgreesItsReportWithAConsensusCheck) {
    ASSERT_TRUE(open(3).ok());
    const auto link = r.table_links()[0];
    room::room table(link.room_id);
    ASSERT_TRUE(table.create(link.title, "", "unused-key-0123456789", "unused-code-0123456789", clock.now_ms()).ok());
    ASSERT_TRUE(table.link_table(link, clock.now_ms()).ok());
    // The facilitator (the plenary's moderator, visiting) and the people seated here.
    pb::ClientMessage visit;
    visit.mutable_join()->set_moderator_key(key);
    visit.mutable_join()->set_display_name("Mo");
    ASSERT_TRUE(table.apply(visit, {2000, "facilitator-token"}, clock.now_ms()).ok());
    std::uint64_t at = 2000;
    for (auto c : people) {
        if (table_of(member(c)) != link.link.number()) continue;
        pb::ClientMessage come_in;
        come_in.mutable_join()->set_resume_token("token-" + std::to_string(c));
        ASSERT_TRUE(table.apply(come_in, {++at}, clock.now_ms()).ok());
    }
    auto put = table.apply(command([](auto& m) {
                               m.mutable_set_table_report()->set_text("Evening buses.");
                               m.mutable_set_table_report()->set_check(true);
                           }),
                           {2000}, clock.now_ms());
    ASSERT_TRUE(put.ok()) << put.error->message;
    ASSERT_EQ(put.events.size(), 2u);
    const auto question = put.events[0].event.question_opened().question_id();
    EXPECT_EQ(put.events[0].event.question_opened().kind(), pb::CONSENSUS);
    EXPECT_TRUE(put.events[1].event.table_report_set().checking());
    EXPECT_FALSE(table.snapshot().table().report_agreed());
    // Everyone at the table agrees; the facilitator closes the check: the report is agreed.
    for (auto c = 2001u; c <= at; ++c)
        ASSERT_TRUE(table
                        .apply(command([&](auto& m) {
                                   m.mutable_answer_question()->set_question_id(question);
                                   m.mutable_answer_question()->mutable_ballot()->set_response(pb::CONSENSUS_AGREE);
                               }),
                               {c}, clock.now_ms())
                        .ok());
    auto closed = table.apply(command([&](auto& m) { m.mutable_close_question()->set_question_id(question); }), {2000},
                              clock.now_ms());
    ASSERT_TRUE(closed.ok()) << closed.error->message;
    EXPECT_TRUE(closed.events.back().event.has_table_report_set());
    EXPECT_TRUE(table.snapshot().table().report_agreed());
    EXPECT_EQ(table.snapshot().table().report(), "Evening buses.");
    // A participant cannot put it to the table.
    EXPECT_EQ(code_of(table.apply(command([](auto& m) {
                                      m.mutable_set_table_report()->set_text("Mine.");
                                      m.mutable_set_table_report()->set_check(true);
                                  }),
                                  {2001}, clock.now_ms())),
              pb::PERMISSION_DENIED);
}

TEST_F(GroupsTest, AFacilitatorCanLookInQuietlyAsAnObserver) {
    pb::ClientMessage quiet;
    quiet.mutable_join()->set_moderator_key(key);
    quiet.mutable_join()->set_display_name("Mo, looking in");
    quiet.mutable_join()->set_as_observer(true);
    auto out = r.apply(quiet, {900, "quiet-token"}, clock.now_ms());
    ASSERT_TRUE(out.ok()) << out.error->message;
    EXPECT_EQ(out.welcome->role, pb::OBSERVER);
    quiet.mutable_join()->set_moderator_key("not-the-key-0123456789");
    EXPECT_EQ(code_of(r.apply(quiet, {901, "other-token"}, clock.now_ms())), pb::UNAUTHENTICATED);
}

TEST_F(GroupsTest, TimeSpokenAtTheTablesCountsInThePlenarysFigures) {
    ASSERT_TRUE(open(3).ok());
    ASSERT_TRUE(run(moderator, command([](auto& m) { m.mutable_close_groups(); })).ok());
    const auto who = member(people[0]);
    pb::TableReported report;
    report.set_round(1);
    report.set_table(table_of_closed(who));
    auto* figures = report.mutable_figures()->add_people();
    figures->set_member_id(who);
    figures->set_turns(2);
    figures->set_floor_ms(90'000);
    record(r.receive_table_report(report, clock.now_ms()));
    EXPECT_EQ(r.figures().session(who).turns, 2u);
    EXPECT_EQ(r.figures().session(who).floor_ms, 90'000);
}

TEST_F(GroupsTest, ReplayingThePlenarysLogGivesTheSameGroups) {
    ASSERT_TRUE(open(3, pb::ASSIGN_BALANCED).ok());
    join("Late");
    ASSERT_TRUE(run(moderator, command([](auto& m) { m.mutable_close_groups(); })).ok());
    room::room again("r1");
    for (const auto& e : log) ASSERT_FALSE(again.replay(e).has_value());
    EXPECT_EQ(again.snapshot().groups().SerializeAsString(), r.snapshot().groups().SerializeAsString());
    auto restored = room::room::restore("r1", r.save_state());
    ASSERT_TRUE(restored.has_value());
    EXPECT_EQ(restored->snapshot().groups().SerializeAsString(), r.snapshot().groups().SerializeAsString());
}

}  // namespace
}  // namespace ts::test
