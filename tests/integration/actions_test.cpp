// Actions over real sockets and Redis: a facilitator records one from a decision, its owner
// marks its progress during the meeting and after it has closed, someone else cannot, a drop
// needs a reason; a restart keeps them as they stood; the minutes have an "Actions" section
// and the JSON record carries every change.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class ActionsTest : public ServerTest {
protected:
    static pb::ClientMessage mark(const std::string& id, pb::ActionStatus status, const std::string& note = "") {
        pb::ClientMessage m;
        m.mutable_set_action_status()->set_action_id(id);
        m.mutable_set_action_status()->set_status(status);
        m.mutable_set_action_status()->set_note(note);
        return m;
    }
    http_reply transcript(const std::string& room_id, const std::string& query, const std::string& key) {
        return http_request(server->port(), "GET", "/api/rooms/" + room_id + "/transcript" + query, "",
                            {{"Authorization", "Bearer " + key}});
    }
};

TEST_F(ActionsTest, TheOwnerReportsProgressAfterTheMeetingAndARestartLosesNothing) {
    auto room = create_room("Callback review");
    auto mod = client(), ada = client(), bo = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto ada_welcome = ada->join(room.room_id(), "Ada", room.join_code());
    ASSERT_TRUE(ada_welcome.has_welcome());
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
    const auto ada_id = ada_welcome.welcome().member_id();

    pb::ClientMessage ask;
    ask.mutable_open_question()->set_kind(pb::CONSENSUS);
    ask.mutable_open_question()->set_text("We pilot call-backs.");
    ASSERT_TRUE(mod->request(ask).has_ack());
    pb::ClientMessage close;
    close.mutable_close_question()->set_question_id("q1");
    ASSERT_TRUE(mod->request(close).has_ack());

    pb::ClientMessage record;
    auto* action = record.mutable_record_action()->mutable_action();
    action->set_text("Ask the trust to pilot call-backs");
    action->set_owner_member_id(ada_id);
    action->set_due_date("2027-04-30");
    action->set_from_question_id("q1");
    EXPECT_EQ(bo->request(record).error().code(), pb::PERMISSION_DENIED);
    auto recorded = mod->request(record);
    ASSERT_TRUE(recorded.has_ack()) << recorded.ShortDebugString();
    const auto& seen = bo->wait_for_seq(recorded.ack().seq()).action_recorded().action();
    EXPECT_EQ(seen.action_id(), "act1");
    EXPECT_EQ(seen.status(), pb::ACTION_OPEN);
    EXPECT_EQ(seen.from_question_id(), "q1");

    // Bad input: a clear error, and nothing changes.
    pb::ClientMessage bad_date = record;
    bad_date.mutable_record_action()->mutable_action()->set_due_date("2027-02-30");
    EXPECT_EQ(mod->request(bad_date).error().code(), pb::BAD_REQUEST);
    EXPECT_EQ(bo->request(mark("act1", pb::ACTION_UNDER_WAY)).error().code(), pb::PERMISSION_DENIED);
    EXPECT_EQ(ada->request(mark("act1", pb::ACTION_DROPPED)).error().code(), pb::BAD_REQUEST);
    auto under_way = ada->request(mark("act1", pb::ACTION_UNDER_WAY, "Wrote to the trust"));
    ASSERT_TRUE(under_way.has_ack());
    const auto& changed = mod->wait_for_seq(under_way.ack().seq()).action_status_changed();
    EXPECT_EQ(changed.by_member_id(), ada_id);
    EXPECT_EQ(changed.was(), pb::ACTION_OPEN);

    pb::ClientMessage end;
    end.mutable_set_room_phase()->set_phase(pb::CLOSED);
    ASSERT_TRUE(mod->request(end).has_ack());
    // Weeks later: Ada comes back with her link to say it is done.
    auto later = client();
    ASSERT_TRUE(later->join(room.room_id(), "Ada", "", "", ada_welcome.welcome().resume_token()).has_welcome());
    ASSERT_TRUE(later->request(mark("act1", pb::ACTION_DONE, "The pilot starts in April")).has_ack());

    restart_server();
    auto back = client();
    auto welcome = back->join(room.room_id(), "Mo", "", room.moderator_key());
    ASSERT_TRUE(welcome.has_welcome());
    ASSERT_EQ(welcome.welcome().room().actions_size(), 1);
    const auto& kept = welcome.welcome().room().actions(0);
    EXPECT_EQ(kept.status(), pb::ACTION_DONE);
    EXPECT_EQ(kept.note(), "The pilot starts in April");
    EXPECT_EQ(kept.owner_member_id(), ada_id);
    EXPECT_EQ(kept.due_date(), "2027-04-30");
    EXPECT_EQ(kept.updated_by_member_id(), ada_id);

    auto md = transcript(room.room_id(), "?format=md", room.moderator_key());
    ASSERT_EQ(md.status, 200);
    EXPECT_NE(md.body.find("## Actions\n\n| Action | Owner | By | Status | From |"), std::string::npos) << md.body;
    EXPECT_NE(
        md.body.find("| Ask the trust to pilot call-backs | Ada | 30 April 2027 | Done: The pilot starts in April "
                     "| The decision: We pilot call-backs. |"),
        std::string::npos)
        << md.body;
    auto json = transcript(room.room_id(), "?format=json", room.moderator_key());
    ASSERT_EQ(json.status, 200);
    EXPECT_NE(json.body.find("\"actionRecorded\""), std::string::npos);
    const auto first = json.body.find("\"actionStatusChanged\"");
    ASSERT_NE(first, std::string::npos) << json.body;
    EXPECT_NE(json.body.find("\"actionStatusChanged\"", first + 1), std::string::npos)
        << "both changes of status are in the record";
}

}  // namespace
}  // namespace ts::test
