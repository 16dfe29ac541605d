// Bounded memory and history on demand, over real sockets and Redis: a room keeps only its
// recent events in memory; earlier ones come a page at a time, from memory or from Redis,
// with no gaps and no repeats, private events shown only to their audience, the same after a
// restart (which loads the room's stored snapshot and the entries after it); an idle room is
// unloaded and loaded again when someone comes.
#include "integration/fixture.hpp"
#include "store/redis_event_log.hpp"

namespace ts::test {
namespace {

class HistoryTest : public ServerTest {
protected:
    static pb::ClientMessage get_history(std::uint64_t before_seq, std::uint32_t max) {
        pb::ClientMessage m;
        m.mutable_get_history()->set_before_seq(before_seq);
        m.mutable_get_history()->set_max(max);
        return m;
    }

    // Every event before before_seq, paging backwards max at a time, in order.
    static std::vector<pb::Event> page_back(ws_client& c, std::uint64_t before_seq, std::uint32_t max) {
        std::vector<pb::Event> out;
        while (before_seq > 1) {
            auto reply = c.request(get_history(before_seq, max));
            EXPECT_TRUE(reply.has_history_page()) << reply.ShortDebugString();
            const auto& page = reply.history_page().events();
            if (page.empty()) break;
            EXPECT_LE(page.size(), max);
            EXPECT_EQ(page.rbegin()->seq(), before_seq - 1) << "a page ends just before where the last one began";
            out.insert(out.begin(), page.begin(), page.end());
            before_seq = page.begin()->seq();
        }
        return out;
    }

    static void expect_whole_run(const std::vector<pb::Event>& events, std::uint64_t first, std::uint64_t last) {
        ASSERT_EQ(events.size(), last - first + 1);
        for (std::size_t i = 0; i < events.size(); ++i) ASSERT_EQ(events[i].seq(), first + i) << "no gap, no repeat";
    }
};

TEST_F(HistoryTest, EarlierHistoryComesPageByPageWithoutGapsAndPrivateEventsStayPrivateAcrossARestart) {
    const std::vector<std::string> small = {"--recent-events", "6", "--snapshot-every", "10"};
    restart_server(small);
    auto room = create_room("A long meeting");
    auto mod = client(), ada = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    const auto ada_token = ada->join(room.room_id(), "Ada", room.join_code()).welcome().resume_token();
    std::uint64_t private_seq = 0;
    for (int i = 1; i <= 30; ++i) {
        ASSERT_TRUE(ada->post("Point " + std::to_string(i)).has_ack());
        if (i == 10) {
            pb::ClientMessage m;
            m.mutable_send_thread_message()->set_text("Only the facilitators may read this.");
            auto sent = ada->request(m);
            ASSERT_TRUE(sent.has_ack());
            private_seq = sent.ack().seq();
        }
    }
    const auto last = mod->post("The last word").ack().seq();

    // A newcomer gets the recent events only, and loads the rest on demand.
    auto bo = client();
    auto welcome = bo->join(room.room_id(), "Bo", room.join_code());
    ASSERT_TRUE(welcome.has_welcome());
    const auto& recent = welcome.welcome().history();
    ASSERT_LE(recent.size(), 6);
    ASSERT_GT(recent.size(), 0);
    const auto first_recent = recent.begin()->seq();
    EXPECT_GT(first_recent, 1u);
    auto earlier = page_back(*bo, first_recent, 7);
    expect_whole_run(earlier, 1, first_recent - 1);
    const auto& hidden = earlier[private_seq - 1];
    EXPECT_FALSE(hidden.has_thread_message_sent()) << "someone outside its audience sees only its number";
    EXPECT_EQ(hidden.seq(), private_seq);
    EXPECT_EQ(bo->received().find("Only the facilitators"), std::string::npos);
    // The facilitator sees it whole, as live.
    auto mod_view = page_back(*mod, last + 1, 200);
    expect_whole_run(mod_view, 1, last);
    EXPECT_EQ(mod_view[private_seq - 1].thread_message_sent().text(), "Only the facilitators may read this.");
    // The same events as the record holds.
    auto stored = read_log(room.room_id());
    for (std::size_t i = 0; i < earlier.size(); ++i)
        if (i + 1 != private_seq) {
            EXPECT_EQ(earlier[i].SerializeAsString(), stored[i].event.SerializeAsString()) << i + 1;
        }
    // A page asked past the cap comes capped; before the first event there is nothing.
    EXPECT_LE(bo->request(get_history(0, 100000)).history_page().events_size(), 200);
    EXPECT_EQ(bo->request(get_history(1, 10)).history_page().events_size(), 0);

    // The room's state was stored as a snapshot beside its log.
    const auto snap_seq = std::stoull(redis.command({"HGET", "ts:{" + room.room_id() + "}:snap", "seq"}));
    EXPECT_GE(snap_seq, 10u);
    EXPECT_LE(snap_seq, last);

    // After a restart (snapshot + tail), the same pages, and the room goes on.
    restart_server(small);
    auto ada2 = client();
    ASSERT_TRUE(ada2->join(room.room_id(), "Ada", "", "", ada_token).has_welcome());
    auto again = page_back(*ada2, last + 1, 9);
    expect_whole_run(again, 1, again.size());
    ASSERT_GE(again.size(), last);
    EXPECT_EQ(again[private_seq - 1].thread_message_sent().text(), "Only the facilitators may read this.")
        << "its author is in its audience";
    for (std::uint64_t seq = 1; seq <= last; ++seq)
        if (seq != private_seq) {
            EXPECT_EQ(again[seq - 1].SerializeAsString(), mod_view[seq - 1].SerializeAsString()) << seq;
        }
    EXPECT_TRUE(ada2->post("Still here after the restart").has_ack());

    // A closed room stores its snapshot after every event.
    auto mod2 = client();
    ASSERT_TRUE(mod2->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    pb::ClientMessage close;
    close.mutable_set_room_phase()->set_phase(pb::CLOSED);
    const auto closed = mod2->request(close).ack().seq();
    const auto snap = "ts:{" + room.room_id() + "}:snap";
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
         redis.command({"HGET", snap, "seq"}) != std::to_string(closed) && std::chrono::steady_clock::now() < deadline;)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(redis.command({"HGET", snap, "seq"}), std::to_string(closed));

    // A snapshot that cannot be read is ignored: the whole log is replayed instead.
    redis.command({"HSET", snap, "c0", "not a state this server wrote"});
    restart_server(small);
    auto mod3 = client();
    ASSERT_TRUE(mod3->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto replayed = page_back(*mod3, closed + 1, 200);
    expect_whole_run(replayed, 1, closed);
    for (std::uint64_t seq = 1; seq <= last; ++seq)
        EXPECT_EQ(replayed[seq - 1].SerializeAsString(), mod_view[seq - 1].SerializeAsString()) << seq;
}

TEST_F(HistoryTest, AnIdleRoomIsUnloadedFromMemoryAndLoadedAgainWhenSomeoneComes) {
    restart_server({"--room-idle-seconds", "1"});
    auto room = create_room("A quiet room");
    std::string token;
    std::uint64_t said = 0;
    {
        auto ada = client();
        token = ada->join(room.room_id(), "Ada", room.join_code()).welcome().resume_token();
        said = ada->post("Before the quiet").ack().seq();
        pb::ClientMessage leave;
        leave.mutable_leave();
        ada->request(leave);
    }
    wait_for_health(server->port(), {"\"rooms\":{\"loaded\":0,\"unloaded\":1}"});
    auto info = http_request(server->port(), "GET", "/api/rooms/" + room.room_id());
    EXPECT_EQ(info.status, 200) << "an unloaded room is still there";
    EXPECT_NE(info.body.find("A quiet room"), std::string::npos);
    auto ada = client();
    auto welcome = ada->join(room.room_id(), "Ada", "", "", token);
    ASSERT_TRUE(welcome.has_welcome());
    EXPECT_EQ(welcome.welcome().member_id(), "m1") << "the same person, back";
    bool found = false;
    for (const auto& e : welcome.welcome().history())
        found = found || (e.seq() == said && e.message_posted().text() == "Before the quiet");
    EXPECT_TRUE(found);
    EXPECT_GT(ada->post("After the quiet").ack().seq(), said);
    wait_for_health(server->port(), {"\"rooms\":{\"loaded\":1,\"unloaded\":0}"});
}

TEST_F(HistoryTest, ASnapshotOfSeveralMegabytesIsStoredInPiecesReplacedWholeAndNeverWithoutItsLog) {
    store::redis_options options;
    options.port = redis.port();
    store::redis_event_log log(options);
    std::string big(2'500'000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 % 251);
    // No log, no snapshot: a deleted room's snapshot must not come back.
    EXPECT_TRUE(log.save_snapshot("nolog", {5, big}));
    EXPECT_EQ(redis.command({"EXISTS", "ts:{nolog}:snap"}), "0");
    EXPECT_FALSE(log.load_snapshot("nolog"));

    auto room = create_room("Snapshots");
    ASSERT_TRUE(log.save_snapshot(room.room_id(), {7, big}));
    EXPECT_EQ(redis.command({"HGET", "ts:{" + room.room_id() + "}:snap", "pieces"}), "3");
    auto loaded = log.load_snapshot(room.room_id());
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->seq, 7u);
    EXPECT_TRUE(loaded->state == big);
    // A smaller one replaces it whole: no piece of the old one is left.
    ASSERT_TRUE(log.save_snapshot(room.room_id(), {9, "small"}));
    EXPECT_EQ(redis.command({"HEXISTS", "ts:{" + room.room_id() + "}:snap", "c1"}), "0");
    loaded = log.load_snapshot(room.room_id());
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->seq, 9u);
    EXPECT_EQ(loaded->state, "small");
}

}  // namespace
}  // namespace ts::test
