// Small groups over real sockets and Redis: a plenary of twelve splits into three tables of
// four, each table a room of its own that people enter with their plenary credential; each
// table's floor is its own; a restart keeps everyone's table and the shared clock; closing
// the groups brings each table's report back into the plenary.
#include <map>
#include <thread>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class GroupsTest : public ServerTest {
protected:
    // Joins a table's room with the person's plenary resume token (or the plenary's key).
    pb::ServerMessage join_table(ws_client& c, const std::string& room_id, const std::string& token,
                                 const std::string& moderator_key = "") {
        return join_once_made(c, room_id, token, moderator_key);
    }
};

TEST_F(GroupsTest, TwelvePeopleSplitIntoThreeTablesEachWithItsOwnFloorAndTheirReportsComeBack) {
    auto room = create_room("Community transport");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    struct person {
        std::unique_ptr<ws_client> plenary, table;
        std::string member_id, token;
        std::uint32_t at = 0;
        std::string table_room;
    };
    std::vector<person> people(12);
    for (std::size_t i = 0; i < people.size(); ++i) {
        auto& p = people[i];
        p.plenary = client();
        auto welcome = p.plenary->join(room.room_id(), "Person " + std::to_string(i + 1), room.join_code());
        ASSERT_TRUE(welcome.has_welcome());
        p.member_id = welcome.welcome().member_id();
        p.token = welcome.welcome().resume_token();
    }

    pb::ClientMessage open;
    open.mutable_open_groups()->set_tables(3);
    open.mutable_open_groups()->set_minutes(20);
    open.mutable_open_groups()->set_task("Which journeys matter most?");
    open.mutable_open_groups()->set_assignment(pb::ASSIGN_BALANCED);
    auto opened_ack = mod->request(open);
    ASSERT_TRUE(opened_ack.has_ack()) << opened_ack.DebugString();
    std::map<std::uint32_t, std::vector<person*>> tables;
    std::int64_t ends_at = 0;
    for (auto& p : people) {
        const auto& opened = p.plenary->wait_for_seq(opened_ack.ack().seq()).groups_opened();
        ends_at = opened.ends_at_ms();
        for (const auto& t : opened.tables())
            for (const auto& id : t.member_ids())
                if (id == p.member_id) {
                    p.at = t.number();
                    p.table_room = t.room_id();
                }
        ASSERT_NE(p.at, 0u) << p.member_id << " has no table";
        tables[p.at].push_back(&p);
    }
    ASSERT_EQ(tables.size(), 3u);
    for (auto& [number, seated] : tables) EXPECT_EQ(seated.size(), 4u) << "table " << number;

    // Everyone comes into their table as themselves, with their plenary credential.
    for (auto& p : people) {
        p.table = client();
        auto welcome = join_table(*p.table, p.table_room, p.token);
        ASSERT_TRUE(welcome.has_welcome()) << welcome.DebugString();
        EXPECT_EQ(welcome.welcome().member_id(), p.member_id);
        EXPECT_EQ(welcome.welcome().room().table().number(), p.at);
        EXPECT_EQ(welcome.welcome().room().table().ends_at_ms(), ends_at) << "one clock for every table";
    }
    // Nobody gets into a table that is not theirs.
    auto* stranger = tables[2].front();
    auto wrong = client()->join(tables[1].front()->table_room, "", "", "", stranger->token);
    ASSERT_TRUE(wrong.has_error());
    EXPECT_EQ(wrong.error().code(), pb::UNAUTHENTICATED);

    // Table 1 runs a turn of its own: the moderator visits with the plenary's key.
    auto* speaker = tables[1].front();
    pb::ClientMessage hand;
    hand.mutable_raise_hand()->set_kind(pb::NEW_POINT);
    ASSERT_TRUE(speaker->table->request(hand).has_ack());
    auto visit = client();
    auto visited = join_table(*visit, speaker->table_room, "", room.moderator_key());
    ASSERT_TRUE(visited.has_welcome()) << visited.DebugString();
    ASSERT_EQ(visited.welcome().room().queue_size(), 1);
    pb::ClientMessage grant;
    grant.mutable_grant_floor();
    auto granted = visit->request(grant);
    ASSERT_TRUE(granted.has_ack());
    EXPECT_EQ(tables[1].back()->table->wait_for_seq(granted.ack().seq()).floor_changed().floor().holder_member_id(),
              speaker->member_id);
    // The plenary's moderator sees it live: who has the floor at table 1, and who has not spoken.
    auto live = mod->receive_until([&](const pb::ServerMessage& m) {
        return m.has_table_status() && m.table_status().number() == 1 &&
               m.table_status().floor_holder_member_id() == speaker->member_id;
    });
    EXPECT_EQ(live.table_status().room_id(), speaker->table_room);
    EXPECT_EQ(live.table_status().not_yet_spoken_size(), 3) << live.DebugString();
    // Table 2's floor and queue are untouched.
    auto elsewhere = client();
    auto other = join_table(*elsewhere, tables[2].front()->table_room, "", room.moderator_key());
    ASSERT_TRUE(other.has_welcome());
    EXPECT_EQ(other.welcome().room().queue_size(), 0);
    EXPECT_TRUE(other.welcome().room().floor().holder_member_id().empty());

    // Moved to another table: their place at the old one goes (and its connection, with a
    // code saying why), and they come into the new one.
    auto* mover = tables[3].front();
    pb::ClientMessage move;
    move.mutable_move_to_table()->set_member_id(mover->member_id);
    move.mutable_move_to_table()->set_table(2);
    ASSERT_TRUE(mod->request(move).has_ack());
    EXPECT_EQ(mover->table->wait_closed(), 4009) << mover->table->close_reason();
    mover->at = 2;
    mover->table_room = tables[2].front()->table_room;
    mover->table = client();
    ASSERT_TRUE(join_table(*mover->table, mover->table_room, mover->token).has_welcome());

    // A restart in the middle: everyone is back at their table, with its clock and floor.
    for (auto& p : people) p.plenary.reset(), p.table.reset();
    mod.reset(), visit.reset(), elsewhere.reset();
    restart_server();
    for (auto& p : people) {
        p.table = client();
        auto welcome = join_table(*p.table, p.table_room, p.token);
        ASSERT_TRUE(welcome.has_welcome()) << welcome.DebugString();
        EXPECT_EQ(welcome.welcome().room().table().ends_at_ms(), ends_at);
        if (p.at == 1) {
            EXPECT_EQ(welcome.welcome().room().floor().holder_member_id(), speaker->member_id);
        }
    }
    mod = client();
    auto back = mod->join(room.room_id(), "Mo", "", room.moderator_key());
    ASSERT_TRUE(back.has_welcome());
    EXPECT_TRUE(back.welcome().room().groups().open());
    EXPECT_EQ(back.welcome().room().groups().opened().ends_at_ms(), ends_at);

    // Table 1 agrees its report; the groups close and the reports come back to the plenary.
    visit = client();
    ASSERT_TRUE(join_table(*visit, speaker->table_room, "", room.moderator_key()).has_welcome());
    pb::ClientMessage report;
    report.mutable_set_table_report()->set_text("Evening buses to the day centre.");
    report.mutable_set_table_report()->set_agreed(true);
    ASSERT_TRUE(visit->request(report).has_ack());
    pb::ClientMessage close;
    close.mutable_close_groups();
    ASSERT_TRUE(mod->request(close).has_ack());
    std::map<std::uint32_t, pb::TableReported> reports;
    while (reports.size() < 3) {
        auto m = mod->receive_until(
            [](const pb::ServerMessage& m) { return m.has_event() && m.event().has_table_reported(); });
        reports[m.event().table_reported().table()] = m.event().table_reported();
    }
    EXPECT_EQ(reports[1].report(), "Evening buses to the day centre.");
    EXPECT_TRUE(reports[1].agreed());
    EXPECT_EQ(reports[1].room_id(), speaker->table_room);
    // Table 1's figures show who had its floor.
    bool heard = false;
    for (const auto& f : reports[1].figures().people())
        if (f.member_id() == speaker->member_id) heard = f.turns() == 1;
    EXPECT_TRUE(heard) << reports[1].figures().DebugString();
    // Both records' minutes have the report: the plenary's with every table's balance and the
    // whole meeting's, the table's where it was agreed.
    auto minutes = [&](const std::string& room_id) {
        return http_request(server->port(), "GET", "/api/rooms/" + room_id + "/transcript?format=md", "",
                            {{"Authorization", "Bearer " + room.moderator_key()}});
    };
    const auto plenary = minutes(room.room_id());
    ASSERT_EQ(plenary.status, 200) << plenary.body;
    EXPECT_NE(plenary.body.find("The meeting split into 3 tables"), std::string::npos) << plenary.body;
    EXPECT_NE(plenary.body.find("Report from Table 1"), std::string::npos);
    EXPECT_NE(plenary.body.find("Evening buses to the day centre. (Agreed by the table.)"), std::string::npos);
    EXPECT_NE(plenary.body.find("The whole meeting, tables included: "), std::string::npos);
    EXPECT_NE(plenary.body.find("At the tables"), std::string::npos);
    const auto at_table = minutes(speaker->table_room);
    ASSERT_EQ(at_table.status, 200) << at_table.body;
    EXPECT_NE(at_table.body.find("The table's report (agreed): Evening buses to the day centre."), std::string::npos)
        << at_table.body;
    // The table's meeting has closed with the groups.
    auto late = client();
    auto closed = late->join(speaker->table_room, "", "", "", speaker->token);
    ASSERT_TRUE(closed.has_welcome());
    EXPECT_EQ(closed.welcome().room().phase(), pb::CLOSED);
}

}  // namespace
}  // namespace ts::test
