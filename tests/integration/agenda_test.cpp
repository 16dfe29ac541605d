// The agenda over real sockets and Redis: a moderator plans it, runs it and extends an item;
// a participant cannot change it; a restart keeps the plan and the clock of the item under
// way exactly as they were.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class AgendaTest : public ServerTest {
protected:
    static pb::ClientMessage plan(const std::string& title, std::uint32_t minutes) {
        pb::ClientMessage m;
        m.mutable_plan_agenda_item()->mutable_item()->set_title(title);
        m.mutable_plan_agenda_item()->mutable_item()->set_minutes(minutes);
        return m;
    }
};

TEST_F(AgendaTest, APlannedAgendaSurvivesARestartWithTheClockOfTheItemUnderWayIntact) {
    auto room = create_room("Planned meeting");
    auto mod = client(), ada = client();
    auto mod_welcome = mod->join(room.room_id(), "Mo", "", room.moderator_key());
    ASSERT_TRUE(mod_welcome.has_welcome());
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    ASSERT_TRUE(mod->request(plan("Welcome", 10)).has_ack());
    ASSERT_TRUE(mod->request(plan("Callback promise", 20)).has_ack());
    auto refused = ada->request(plan("My own item", 5));
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().code(), pb::PERMISSION_DENIED);
    pb::ClientMessage remove;
    remove.mutable_remove_agenda_item()->set_item_id("a1");
    EXPECT_EQ(ada->request(remove).error().code(), pb::PERMISSION_DENIED);

    pb::ClientMessage next;
    next.mutable_start_agenda_item();
    auto started = mod->request(next);
    ASSERT_TRUE(started.has_ack());
    const auto start_ms = ada->wait_for_seq(started.ack().seq()).at_ms();
    pb::ClientMessage extend;
    extend.mutable_extend_agenda_item()->set_minutes(5);
    EXPECT_EQ(ada->request(extend).error().code(), pb::PERMISSION_DENIED);
    ASSERT_TRUE(mod->request(extend).has_ack());

    restart_server();
    auto back = client();
    auto welcome = back->join(room.room_id(), "Mo", "", "", mod_welcome.welcome().resume_token());
    ASSERT_TRUE(welcome.has_welcome());
    const auto& agenda = welcome.welcome().room().agenda();
    ASSERT_EQ(agenda.size(), 2);
    EXPECT_EQ(agenda[0].status(), pb::AGENDA_CURRENT);
    EXPECT_EQ(agenda[0].minutes(), 15u);
    EXPECT_EQ(agenda[0].clock().deadline_ms(), start_ms + 15 * 60'000);  // the same deadline as before
    EXPECT_EQ(agenda[1].status(), pb::AGENDA_PLANNED);
    EXPECT_EQ(agenda[1].title(), "Callback promise");
    EXPECT_EQ(welcome.welcome().room().agenda_item().title(), "Welcome");

    // The next item ends this one, which keeps how long it took.
    auto second = back->request(next);
    ASSERT_TRUE(second.has_ack());
    const auto& now = back->wait_for_seq(second.ack().seq()).agenda_item_started();
    EXPECT_EQ(now.item_id(), "a2");
    const auto& ended = back->wait_for_seq(second.ack().seq() - 1).agenda_item_ended();
    EXPECT_EQ(ended.item_id(), "a1");
    EXPECT_GE(ended.used_ms(), 0);
    EXPECT_EQ(ended.minutes(), 15u);
}

}  // namespace
}  // namespace ts::test
