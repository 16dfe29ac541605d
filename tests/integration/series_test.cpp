// A series of two meetings over real sockets and Redis: people join the series once; what
// those who agreed said in the first meeting (needs, readiness) is theirs in the second, and
// not for those who did not; the first meeting's actions head the second's agenda and change
// there live as their owner reports; an update published in the series reaches a
// participant's series page; a restart loses nothing; "forget me" stops what carries over.
#include <thread>

#include "integration/fixture.hpp"
#include "room/room.hpp"

namespace ts::test {
namespace {

class SeriesTest : public ServerTest {
protected:
    pb::CreateRoomResponse create_series(const std::string& title) {
        auto reply = http_request(server->port(), "POST", "/api/rooms",
                                  "{\"title\":\"" + title + "\",\"purpose\":\"Co-design\",\"series\":true}",
                                  {{"Content-Type", "application/json"}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        pb::CreateRoomResponse created;
        EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(reply.body, &created).ok()) << reply.body;
        return created;
    }
    // Joins a meeting's room with a series credential, once the server has made it.
    pb::ServerMessage join_meeting(ws_client& c, const std::string& room_id, const std::string& token,
                                   const std::string& moderator_key = "") {
        return join_once_made(c, room_id, token, moderator_key);
    }
    static pb::ClientMessage plan(const std::string& title) {
        pb::ClientMessage m;
        m.mutable_plan_meeting()->set_title(title);
        m.mutable_plan_meeting()->set_when("Tuesday 14 April, 2pm");
        return m;
    }
    static pb::ClientMessage carry(bool yes) {
        pb::ClientMessage m;
        m.mutable_set_carry_over()->set_carry(yes);
        return m;
    }
    static pb::ClientMessage needs() {
        pb::ClientMessage m;
        m.mutable_set_needs()->mutable_needs()->set_larger_text(true);
        m.mutable_set_needs()->mutable_needs()->set_extra_time(true);
        return m;
    }
    static pb::ClientMessage readiness(std::uint32_t confidence) {
        pb::ClientMessage m;
        m.mutable_answer_readiness()->mutable_readiness()->set_confidence(confidence);
        return m;
    }
};

TEST_F(SeriesTest, TwoMeetingsCarryWhatPeopleAgreedToReviewActionsAndReportBack) {
    auto series = create_series("Better call-backs");
    const auto& sid = series.room_id();
    auto mod = client(), ada = client(), bo = client();
    ASSERT_TRUE(mod->join(sid, "Sam", "", series.moderator_key()).has_welcome());
    auto ada_w = ada->join(sid, "Ada", series.join_code());
    auto bo_w = bo->join(sid, "Bo", series.join_code());
    ASSERT_TRUE(ada_w.has_welcome() && bo_w.has_welcome());
    const auto ada_id = ada_w.welcome().member_id(), ada_token = ada_w.welcome().resume_token();
    const auto bo_token = bo_w.welcome().resume_token();
    EXPECT_FALSE(ada_w.welcome().my_carry_over().carry());
    ASSERT_TRUE(ada->request(carry(true)).has_ack());
    EXPECT_EQ(bo->request(plan("Not mine to plan")).error().code(), pb::PERMISSION_DENIED);

    // Meeting 1: everyone comes in with their series link, as themselves.
    ASSERT_TRUE(mod->request(plan("First forum")).has_ack());
    const auto m1 = sid + "-m1";
    auto mod1 = client(), ada1 = client(), bo1 = client();
    auto ada1_w = join_meeting(*ada1, m1, ada_token);
    ASSERT_TRUE(ada1_w.has_welcome()) << ada1_w.ShortDebugString();
    EXPECT_EQ(ada1_w.welcome().member_id(), ada_id);
    EXPECT_EQ(ada1_w.welcome().room().series_link().series_room_id(), sid);
    EXPECT_EQ(ada1_w.welcome().room().when(), "Tuesday 14 April, 2pm");
    ASSERT_TRUE(join_meeting(*bo1, m1, bo_token).has_welcome());
    ASSERT_TRUE(join_meeting(*mod1, m1, "", series.moderator_key()).has_welcome());
    ASSERT_TRUE(ada1->request(needs()).has_ack());
    ASSERT_TRUE(ada1->request(readiness(4)).has_ack());
    ASSERT_TRUE(bo1->request(needs()).has_ack());
    ASSERT_TRUE(bo1->request(readiness(2)).has_ack());
    pb::ClientMessage live;
    live.mutable_set_room_phase()->set_phase(pb::LIVE);
    ASSERT_TRUE(mod1->request(live).has_ack());
    pb::ClientMessage record;
    record.mutable_record_action()->mutable_action()->set_text("Pilot call-backs");
    record.mutable_record_action()->mutable_action()->set_owner_member_id(ada_id);
    ASSERT_TRUE(mod1->request(record).has_ack());

    // Meeting 2: Ada's needs and answers are there; Bo, who did not agree, is asked again.
    ASSERT_TRUE(mod->request(plan("Second forum")).has_ack());
    const auto m2 = sid + "-m2";
    auto mod2 = client();
    auto mod2_w = join_meeting(*mod2, m2, "", series.moderator_key());
    ASSERT_TRUE(mod2_w.has_welcome()) << mod2_w.ShortDebugString();
    const auto& room2 = mod2_w.welcome().room();
    ASSERT_GE(room2.agenda_size(), 1);
    EXPECT_EQ(room2.agenda(0).title(), "Actions from last time");
    ASSERT_EQ(room2.series_link().previous_actions_size(), 1);
    EXPECT_EQ(room2.series_link().previous_actions(0).status(), pb::ACTION_OPEN);
    {
        auto probe = client();
        auto w = join_meeting(*probe, m2, ada_token);
        ASSERT_TRUE(w.has_welcome());
        EXPECT_TRUE(w.welcome().my_needs().larger_text());
        EXPECT_TRUE(w.welcome().my_needs().extra_time());
        EXPECT_EQ(w.welcome().my_readiness().confidence(), 4u);
        auto b = client();
        auto bw = join_meeting(*b, m2, bo_token);
        ASSERT_TRUE(bw.has_welcome());
        EXPECT_FALSE(bw.welcome().my_needs().larger_text());
        EXPECT_EQ(bw.welcome().my_readiness().confidence(), 0u);
    }

    // Ada reports progress in the first meeting: the second meeting sees it, live.
    pb::ClientMessage progress;
    progress.mutable_set_action_status()->set_action_id("act1");
    progress.mutable_set_action_status()->set_status(pb::ACTION_UNDER_WAY);
    progress.mutable_set_action_status()->set_note("Wrote to the trust");
    ASSERT_TRUE(ada1->request(progress).has_ack());
    auto relinked = mod2->receive_until([](const pb::ServerMessage& m) {
        return m.has_event() && m.event().has_series_linked() &&
               m.event().series_linked().previous_actions_size() == 1 &&
               m.event().series_linked().previous_actions(0).status() == pb::ACTION_UNDER_WAY;
    });
    EXPECT_EQ(relinked.event().series_linked().previous_actions(0).note(), "Wrote to the trust");

    // "You said, we did": published in the series, it reaches Ada's series page.
    pb::ClientMessage publish;
    publish.mutable_publish_update()->set_text("The trust agreed to pilot call-backs from April");
    publish.mutable_publish_update()->set_meeting(1);
    publish.mutable_publish_update()->set_action_id("act1");
    auto published = mod->request(publish);
    ASSERT_TRUE(published.has_ack()) << published.ShortDebugString();
    const auto& update = ada->wait_for_seq(published.ack().seq()).update_published();
    EXPECT_EQ(update.about(), "Pilot call-backs");

    restart_server();
    auto page = client();
    auto again = page->join(sid, "", "", "", ada_token);
    ASSERT_TRUE(again.has_welcome()) << again.ShortDebugString();
    const auto& state = again.welcome().room().series();
    EXPECT_EQ(state.meetings_size(), 2);
    ASSERT_EQ(state.updates_size(), 1);
    EXPECT_EQ(state.updates(0).text(), "The trust agreed to pilot call-backs from April");
    EXPECT_EQ(again.welcome().my_updates_seen(), 0u);
    EXPECT_TRUE(again.welcome().my_carry_over().carry());
    ASSERT_GE(state.reports_size(), 1);
    EXPECT_EQ(state.reports(0).actions(0).status(), pb::ACTION_UNDER_WAY);
    pb::ClientMessage seen;
    seen.mutable_mark_updates_seen()->set_seen(1);
    ASSERT_TRUE(page->request(seen).has_ack());

    // The series' JSON record (with its private events) rebuilds it.
    auto json = http_request(server->port(), "GET", "/api/rooms/" + sid + "/transcript?format=json&private=include", "",
                             {{"Authorization", "Bearer " + series.moderator_key()}});
    ASSERT_EQ(json.status, 200);
    room::room rebuilt(sid);
    for (std::size_t start = json.body.find('\n') + 1; start < json.body.size();) {
        const auto end = json.body.find('\n', start);
        auto line = json.body.substr(start, end - start);
        if (line.starts_with("{")) {
            if (line.back() == ',') line.pop_back();
            room::logged_event e;
            ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &e.event).ok()) << line;
            ASSERT_FALSE(rebuilt.replay(e).has_value()) << line;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    auto now = client();
    auto current = now->join(sid, "", "", "", ada_token);
    ASSERT_TRUE(current.has_welcome());
    EXPECT_EQ(rebuilt.snapshot().series().SerializeAsString(), current.welcome().room().series().SerializeAsString());

    // Forget me: nothing of hers carries to the next meeting.
    auto forgot = page->request(carry(false));
    ASSERT_TRUE(forgot.has_ack());
    EXPECT_TRUE(page->wait_for_seq(forgot.ack().seq()).carry_over_set().forgotten());
    auto mod_again = client();
    ASSERT_TRUE(mod_again->join(sid, "Sam", "", series.moderator_key()).has_welcome());
    ASSERT_TRUE(mod_again->request(plan("Third forum")).has_ack());
    auto ada3 = client();
    auto w3 = join_meeting(*ada3, sid + "-m3", ada_token);
    ASSERT_TRUE(w3.has_welcome()) << w3.ShortDebugString();
    EXPECT_FALSE(w3.welcome().my_needs().larger_text());
    EXPECT_EQ(w3.welcome().my_readiness().confidence(), 0u);
}

TEST_F(SeriesTest, DeletingASeriesDeletesItsMeetingsRecords) {
    auto series = create_series("Short project");
    auto mod = client();
    ASSERT_TRUE(mod->join(series.room_id(), "Sam", "", series.moderator_key()).has_welcome());
    ASSERT_TRUE(mod->request(plan("First forum")).has_ack());
    ASSERT_TRUE(mod->request(plan("Second forum")).has_ack());
    for (const auto* n : {"-m1", "-m2"}) {
        auto visitor = client();
        ASSERT_TRUE(join_meeting(*visitor, series.room_id() + n, "", series.moderator_key()).has_welcome());
    }
    ASSERT_FALSE(redis.command({"KEYS", "ts:{" + series.room_id() + "-m2}*"}).empty());
    pb::ClientMessage remove;
    remove.mutable_delete_room()->set_title("Short project");
    ASSERT_TRUE(mod->request(remove).has_ack());
    ASSERT_EQ(mod->wait_closed(), 4404);
    // The meetings go after the series, each once its own record is erased: the record first,
    // then the room leaves the directory (so both are awaited, not the first alone).
    for (const auto* n : {"-m1", "-m2"}) {
        const std::string id = series.room_id() + n;
        auto gone = [&] {
            return redis.command({"KEYS", "ts:{" + id + "}*"}).empty() &&
                   http_request(server->port(), "GET", "/api/rooms/" + id).status == 404;
        };
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!gone() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));  // erased off the network threads
        EXPECT_TRUE(redis.command({"KEYS", "ts:{" + id + "}*"}).empty()) << n;
        EXPECT_EQ(http_request(server->port(), "GET", "/api/rooms/" + id).status, 404) << n;
    }
}

}  // namespace
}  // namespace ts::test
