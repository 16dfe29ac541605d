// Nothing acknowledged is ever lost: whatever Redis refuses, however the connection or
// the servers come and go, every acknowledged event is in the room's stream exactly once,
// in order, with no gap; a damaged record is served read-only and can be repaired.
#include <chrono>
#include <map>
#include <thread>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using clock_type = std::chrono::steady_clock;

void send_post(ws_client& c, std::uint64_t request_id, const std::string& text, bool anonymous = false) {
    pb::ClientMessage m;
    m.set_request_id(request_id);
    m.mutable_post()->set_text(text);
    m.mutable_post()->set_anonymous(anonymous);
    c.send(m);
}

bool names(const pb::ServerMessage& m, std::uint64_t request_id) {
    if (m.has_ack()) return m.ack().request_id() == request_id;
    if (m.has_error()) return m.error().request_id() == request_id;
    if (m.has_save_delayed())
        for (auto id : m.save_delayed().request_ids())
            if (id == request_id) return true;
    return false;
}

// The first answer about request_id: its Ack or Error, or a SaveDelayed naming it.
pb::ServerMessage first_answer(ws_client& c, std::uint64_t request_id, int timeout_ms = 15000) {
    return c.receive_until([&](const pb::ServerMessage& m) { return names(m, request_id); }, timeout_ms);
}

// The final answer (Ack or Error) to request_id, passing over notices.
pb::ServerMessage final_answer(ws_client& c, std::uint64_t request_id, int timeout_ms = 20000) {
    return c.receive_until(
        [&](const pb::ServerMessage& m) { return (m.has_ack() || m.has_error()) && names(m, request_id); }, timeout_ms);
}

class IntegrityTest : public ServerTest {
protected:
    void SetUp() override { start_server(fast_limits()); }

    static std::vector<std::string> fast_limits() {
        return {"--save-notice-ms", "500", "--save-wait-limit-ms", "4000", "--commands-per-second", "100000"};
    }

    std::size_t used_memory() {
        auto info = redis.command({"INFO", "memory"});
        auto at = info.find("used_memory:");
        return std::stoull(info.substr(at + 12));
    }

    // Every entry of the room's stream, checked: numbered 1, 2, 3… with no gap, each event
    // carrying the number it is stored under. Returns the posted texts by seq.
    std::map<std::uint64_t, std::string> checked_log(const std::string& room_id) {
        std::map<std::uint64_t, std::string> texts;
        auto log = read_log(room_id);
        for (std::size_t i = 0; i < log.size(); ++i) {
            EXPECT_EQ(log[i].id, "0-" + std::to_string(i + 1)) << "the stream has a gap or is out of order";
            EXPECT_EQ(log[i].event.seq(), i + 1);
            if (log[i].event.has_message_posted()) texts[i + 1] = log[i].event.message_posted().text();
        }
        return texts;
    }

    // Every acknowledged post (seq -> text) is in the stream, exactly there.
    void expect_all_kept(const std::string& room_id, const std::map<std::uint64_t, std::string>& acked) {
        auto texts = checked_log(room_id);
        std::map<std::string, int> copies;
        for (const auto& [seq, text] : texts) ++copies[text];
        for (const auto& [seq, text] : acked) {
            ASSERT_TRUE(texts.count(seq)) << "acknowledged event " << seq << " is missing";
            EXPECT_EQ(texts.at(seq), text);
            EXPECT_EQ(copies[text], 1) << "stored more than once: " << text.substr(0, 20);
        }
    }
};

TEST_F(IntegrityTest, AWriteRefusedForLackOfMemoryIsHeldInOrderAndTheRoomSurvivesARestart) {
    auto room = create_room();
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"});
    redis.command({"CONFIG", "SET", "maxmemory", std::to_string(used_memory() + 400000)});

    // Post 1.9 KB messages until Redis refuses one: that one is held, and its sender told.
    std::map<std::uint64_t, std::string> acked;
    std::uint64_t held = 0;
    std::string held_text;
    for (std::uint64_t id = 500; id < 1500 && !held; ++id) {
        auto text = std::to_string(id) + ":" + std::string(1900, 'x');
        send_post(*ada, id, text);
        auto answer = first_answer(*ada, id);
        ASSERT_FALSE(answer.has_error()) << answer.error().message();
        if (answer.has_ack())
            acked[answer.ack().seq()] = text;
        else
            held = id, held_text = text;
    }
    ASSERT_NE(held, 0u) << "Redis never ran out of memory";

    // While it is held: a join is told at once that the room is read-only for now, and
    // a further post is held behind the first.
    auto bo = client();
    auto refused = bo->join(room.room_id(), "Bo", room.join_code());
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().code(), pb::STORE_UNAVAILABLE);
    EXPECT_NE(refused.error().message().find("temporarily read-only"), std::string::npos);
    EXPECT_GT(refused.error().retry_after_ms(), 0u);
    send_post(*ada, 2000, "short, behind the held one");
    EXPECT_TRUE(first_answer(*ada, 2000).has_save_delayed());

    redis.command({"CONFIG", "SET", "maxmemory", "0"});
    auto first = final_answer(*ada, held);
    auto second = final_answer(*ada, 2000);
    ASSERT_TRUE(first.has_ack());
    ASSERT_TRUE(second.has_ack());
    EXPECT_EQ(second.ack().seq(), first.ack().seq() + 1);
    acked[first.ack().seq()] = held_text;
    acked[second.ack().seq()] = "short, behind the held one";
    expect_all_kept(room.room_id(), acked);

    restart_server(fast_limits());
    auto info = http_request(server->port(), "GET", "/api/rooms/" + room.room_id());
    ASSERT_EQ(info.status, 200);
    EXPECT_NE(info.body.find("\"readOnly\":false"), std::string::npos) << info.body;
    auto cy = client();
    auto welcome = cy->join(room.room_id(), "Cy", room.join_code());
    ASSERT_TRUE(welcome.has_welcome());
    EXPECT_FALSE(welcome.welcome().has_status());
    EXPECT_GE(welcome.welcome().room().seq(), second.ack().seq());
}

TEST_F(IntegrityTest, InjectedFailuresHoldOnlyTheBrokenRoomAndLoseNothing) {
    struct one_room {
        pb::CreateRoomResponse room;
        std::unique_ptr<ws_client> poster;
        std::map<std::uint64_t, std::string> acked;
    };
    std::vector<one_room> rooms(3);
    for (auto& r : rooms) {
        r.room = create_room();
        r.poster = client();
        ASSERT_TRUE(r.poster->join(r.room.room_id(), "Poster", r.room.join_code()).has_welcome());
    }
    std::uint64_t next_id = 10000;
    auto post_everywhere = [&](const std::string& label) {
        std::vector<std::pair<std::uint64_t, std::string>> sent;
        for (std::size_t i = 0; i < rooms.size(); ++i) {
            auto text = label + " in room " + std::to_string(i);
            send_post(*rooms[i].poster, next_id, text);
            sent.emplace_back(next_id++, text);
        }
        return sent;
    };
    auto settle = [&](const std::vector<std::pair<std::uint64_t, std::string>>& sent) {
        for (std::size_t i = 0; i < rooms.size(); ++i) {
            auto answer = final_answer(*rooms[i].poster, sent[i].first);
            ASSERT_TRUE(answer.has_ack()) << sent[i].second << ": " << answer.error().message();
            rooms[i].acked[answer.ack().seq()] = sent[i].second;
        }
    };

    // Room 0's stream becomes a key of the wrong type: only room 0 waits.
    const auto key0 = "ts:{" + rooms[0].room.room_id() + "}:log";
    // (One script, so that no write ever finds the key missing: that would be real damage.)
    redis.command({"EVAL", "redis.call('RENAME', KEYS[1], KEYS[2]); return redis.call('SET', KEYS[1], 'not a stream')",
                   "2", key0, key0 + ":aside"});
    auto sent = post_everywhere("wrong type");
    for (std::size_t i = 1; i < rooms.size(); ++i) {
        auto answer = final_answer(*rooms[i].poster, sent[i].first, 5000);
        ASSERT_TRUE(answer.has_ack()) << "room " << i << " was held up by room 0";
        rooms[i].acked[answer.ack().seq()] = sent[i].second;
    }
    EXPECT_TRUE(first_answer(*rooms[0].poster, sent[0].first).has_save_delayed());
    send_post(*rooms[0].poster, next_id, "second while wrong type");
    auto behind = next_id++;
    redis.command({"RENAME", key0 + ":aside", key0});
    auto held = final_answer(*rooms[0].poster, sent[0].first);
    ASSERT_TRUE(held.has_ack());
    rooms[0].acked[held.ack().seq()] = sent[0].second;
    auto after = final_answer(*rooms[0].poster, behind);
    ASSERT_TRUE(after.has_ack());
    EXPECT_EQ(after.ack().seq(), held.ack().seq() + 1);
    rooms[0].acked[after.ack().seq()] = "second while wrong type";

    // Redis forgets the append script (as after SCRIPT FLUSH): it is loaded again.
    redis.command({"SCRIPT", "FLUSH"});
    settle(post_everywhere("script flushed"));

    // Redis holds every write for a while.
    redis.command({"CLIENT", "PAUSE", "1500", "WRITE"});
    settle(post_everywhere("paused"));

    // Redis answers nothing at all for a while (one command blocks it).
    std::thread sleeper([&] { redis.command({"DEBUG", "SLEEP", "1"}); });
    settle(post_everywhere("asleep"));
    sleeper.join();

    // Out of memory for a moment, in the middle of traffic.
    redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"});
    redis.command({"CONFIG", "SET", "maxmemory", "1"});
    sent = post_everywhere("no memory");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a real outage lasts a while
    redis.command({"CONFIG", "SET", "maxmemory", "0"});
    settle(sent);

    for (auto& r : rooms) expect_all_kept(r.room.room_id(), r.acked);
    expect_alive();
}

// kill -9 keeps every write Redis acknowledged only with appendfsync always.
class FsyncAlwaysTest : public ServerTest {
protected:
    FsyncAlwaysTest() : ServerTest(true) {}
    void SetUp() override { start_server({"--save-notice-ms", "500", "--commands-per-second", "100000"}); }
};

TEST_F(FsyncAlwaysTest, RedisKilledAmidTrafficLosesNothingAcknowledged) {
    auto room_a = create_room(), room_b = create_room();
    auto a = client(), b = client();
    ASSERT_TRUE(a->join(room_a.room_id(), "A", room_a.join_code()).has_welcome());
    ASSERT_TRUE(b->join(room_b.room_id(), "B", room_b.join_code()).has_welcome());
    std::map<std::uint64_t, std::string> sent_a, sent_b;
    for (std::uint64_t id = 1; id <= 60; ++id) {
        sent_a[id] = "a" + std::to_string(id);
        sent_b[id] = "b" + std::to_string(id);
        send_post(*a, id, sent_a[id]);
        send_post(*b, id, sent_b[id]);
        if (id == 30) redis.kill();  // while batches are in flight
    }
    redis.start();
    for (auto* side : {&sent_a, &sent_b}) {
        auto& c = side == &sent_a ? *a : *b;
        auto room_id = side == &sent_a ? room_a.room_id() : room_b.room_id();
        std::map<std::uint64_t, std::string> acked;
        std::uint64_t last = 0;
        for (const auto& [id, text] : *side) {
            auto answer = final_answer(c, id);
            ASSERT_TRUE(answer.has_ack()) << answer.error().message();
            EXPECT_GT(answer.ack().seq(), last) << "acknowledged out of order";
            last = answer.ack().seq();
            acked[answer.ack().seq()] = text;
        }
        auto log = read_log(room_id);
        for (std::size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].event.seq(), i + 1);
        for (const auto& [seq, text] : acked) {
            ASSERT_LE(seq, log.size());
            EXPECT_EQ(log[seq - 1].event.message_posted().text(), text);
        }
    }
}

TEST_F(IntegrityTest, ACommandSentAgainAfterAReconnectIsAnsweredNotRepeated) {
    auto room = create_room();
    // Three online, so that a point without a name can stay anonymous.
    auto bo = client(), cy = client();
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
    ASSERT_TRUE(cy->join(room.room_id(), "Cy", room.join_code()).has_welcome());
    auto ada = client();
    auto welcome = ada->join(room.room_id(), "Ada", room.join_code());
    const auto token = welcome.welcome().resume_token();
    send_post(*ada, 4242, "said once");
    auto first = final_answer(*ada, 4242);
    ASSERT_TRUE(first.has_ack());
    send_post(*ada, 4343, "anonymous, once", true);
    auto first_anonymous = final_answer(*ada, 4343);
    ASSERT_TRUE(first_anonymous.has_ack());
    ada->close();

    auto count = [&](const std::string& text) {
        int n = 0;
        for (const auto& e : read_log(room.room_id())) n += e.event.message_posted().text() == text;
        return n;
    };
    auto again = client();
    ASSERT_TRUE(again->join(room.room_id(), "", "", "", token, first.ack().seq()).has_welcome());
    send_post(*again, 4242, "said once");
    auto repeat = final_answer(*again, 4242);
    ASSERT_TRUE(repeat.has_ack());
    EXPECT_EQ(repeat.SerializeAsString(), first.SerializeAsString());
    send_post(*again, 4343, "anonymous, once", true);
    EXPECT_EQ(final_answer(*again, 4343).SerializeAsString(), first_anonymous.SerializeAsString());
    EXPECT_EQ(count("said once"), 1);
    EXPECT_EQ(count("anonymous, once"), 1);
    // The same id with other content is a different request.
    send_post(*again, 4242, "something else");
    auto other = final_answer(*again, 4242);
    ASSERT_TRUE(other.has_ack());
    EXPECT_GT(other.ack().seq(), first.ack().seq());

    // The room remembers across a restart too (it is in the log's private part).
    restart_server(fast_limits());
    auto later = client();
    ASSERT_TRUE(later->join(room.room_id(), "", "", "", token).has_welcome());
    send_post(*later, 4242, "said once");
    EXPECT_EQ(final_answer(*later, 4242).SerializeAsString(), first.SerializeAsString());
    EXPECT_EQ(count("said once"), 1);
}

TEST_F(IntegrityTest, AStoredEntryThatDiffersIsNeverTakenForAWriteAndTheRoomTurnsReadOnly) {
    auto room = create_room();
    auto ada = client(), bo = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
    auto before = ada->post("before");
    ASSERT_TRUE(before.has_ack());
    // Someone else writes the room's next entry behind the server's back.
    auto next = before.ack().seq() + 1;
    pb::Event foreign;
    foreign.set_seq(next);
    foreign.mutable_message_posted()->set_text("written by someone else");
    redis.command(
        {"XADD", "ts:{" + room.room_id() + "}:log", "0-" + std::to_string(next), "e", foreign.SerializeAsString()});

    auto answer = ada->post("mine");
    ASSERT_TRUE(answer.has_error()) << "a write Redis did not take was acknowledged";
    EXPECT_EQ(answer.error().code(), pb::READ_ONLY);
    auto notice = bo->receive_until([](const pb::ServerMessage& m) { return m.has_room_status(); });
    EXPECT_TRUE(notice.room_status().read_only());
    EXPECT_EQ(notice.room_status().readable_up_to_seq(), before.ack().seq());
    auto log = read_log(room.room_id());
    ASSERT_EQ(log.size(), next);
    EXPECT_EQ(log.back().event.message_posted().text(), "written by someone else");
    EXPECT_NE(http_request(server->port(), "GET", "/healthz").body.find(room.room_id()), std::string::npos);
    EXPECT_EQ(bo->post("after").error().code(), pb::READ_ONLY);
}

TEST_F(IntegrityTest, ALogWhoseLastEntryWasDeletedIsDamageSaidInTheScriptsOwnWordsNotRetriedForever) {
    auto room = create_room();
    std::uint64_t last = 0;
    {
        auto ada = client();
        ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
        ASSERT_TRUE(ada->post("first").has_ack());
        ASSERT_TRUE(ada->post("second").has_ack());
    }
    ASSERT_EQ(server->stop(), 0);
    last = read_log(room.room_id()).size();  // Ada leaving came after her posts
    // While the server is down, the log's last entry is deleted: the server comes back one
    // entry short, but the stream still remembers that entry's id, so Redis would refuse the
    // next one's id as too small (in its own English, which nothing should have to read).
    redis.command({"XDEL", "ts:{" + room.room_id() + "}:log", "0-" + std::to_string(last)});
    server.reset();
    start_server();
    // The first write after the restart (Ada joining again) is the one Redis cannot take.
    auto ada = client();
    auto joined = ada->join(room.room_id(), "Ada", room.join_code());
    if (joined.has_welcome()) {
        auto answer = ada->post("third");
        ASSERT_TRUE(answer.has_error()) << "a write Redis did not take was acknowledged";
        EXPECT_EQ(answer.error().code(), pb::READ_ONLY);
    } else {
        EXPECT_TRUE(joined.has_error()) << joined.ShortDebugString();
    }
    const auto health = http_request(server->port(), "GET", "/healthz").body;
    EXPECT_NE(health.find("TSDAMAGED the log has held entries up to 0-" + std::to_string(last)), std::string::npos)
        << health;
    EXPECT_NE(health.find("\"refusing_rooms\":0"), std::string::npos) << "damage, not a refusal retried forever";
}

// Entries that break a log in each way a restore must survive.
enum class damage { gap, undecodable, wrong_seq };

TEST_F(IntegrityTest, ADamagedLogIsServedReadOnlyUpToTheDamageAndRepairedWithAModeratorsConsent) {
    struct damaged {
        damage kind;
        pb::CreateRoomResponse room;
        std::uint64_t kept = 0;  // the seq of the last post
        std::uint64_t last = 0;  // the last entry before the damage
    };
    std::vector<damaged> rooms = {
        {damage::gap, {}, 0, 0}, {damage::undecodable, {}, 0, 0}, {damage::wrong_seq, {}, 0, 0}};
    for (auto& d : rooms) {
        d.room = create_room();
        auto c = client();
        ASSERT_TRUE(c->join(d.room.room_id(), "Ada", d.room.join_code()).has_welcome());
        ASSERT_TRUE(c->post("kept one").has_ack());
        d.kept = c->post("kept two").ack().seq();
    }
    ASSERT_EQ(server->stop(), 0);
    for (auto& d : rooms) {
        d.last = read_log(d.room.room_id()).size();
        const auto key = "ts:{" + d.room.room_id() + "}:log";
        pb::Event event;
        event.mutable_message_posted()->set_text("after the damage");
        switch (d.kind) {
            case damage::gap:
                event.set_seq(d.last + 2);
                redis.command({"XADD", key, "0-" + std::to_string(d.last + 2), "e", event.SerializeAsString()});
                break;
            case damage::undecodable:
                redis.command({"XADD", key, "0-" + std::to_string(d.last + 1), "e", "\xff\xff\xff not protobuf"});
                event.set_seq(d.last + 2);
                redis.command({"XADD", key, "0-" + std::to_string(d.last + 2), "e", event.SerializeAsString()});
                break;
            case damage::wrong_seq:
                event.set_seq(d.last + 7);
                redis.command({"XADD", key, "0-" + std::to_string(d.last + 1), "e", event.SerializeAsString()});
                break;
        }
    }
    start_server(fast_limits());

    auto health = http_request(server->port(), "GET", "/healthz").body;
    EXPECT_NE(health.find("\"status\":\"degraded\""), std::string::npos) << health;
    auto verify = run_tool({"--verify"});
    EXPECT_EQ(verify.status, 3) << verify.output;
    for (auto& d : rooms) {
        const auto& id = d.room.room_id();
        SCOPED_TRACE("damage kind " + std::to_string(static_cast<int>(d.kind)));
        EXPECT_NE(health.find("{\"room\":\"" + id + "\",\"readable_up_to\":" + std::to_string(d.last) +
                              ",\"damaged_from\":" + std::to_string(d.last + 1)),
                  std::string::npos)
            << health;
        EXPECT_NE(verify.output.find(id + "  DAMAGED   readable up to " + std::to_string(d.last)), std::string::npos)
            << verify.output;
        auto info = http_request(server->port(), "GET", "/api/rooms/" + id);
        ASSERT_EQ(info.status, 200);
        EXPECT_NE(info.body.find("\"readOnly\":true"), std::string::npos) << info.body;

        // Readable up to the damage, by anyone with the link; nothing can be added.
        auto reader = client();
        auto welcome = reader->join(id, "Reader", d.room.join_code());
        ASSERT_TRUE(welcome.has_welcome()) << welcome.error().message();
        EXPECT_TRUE(welcome.welcome().status().read_only());
        EXPECT_EQ(welcome.welcome().status().readable_up_to_seq(), d.last);
        EXPECT_FALSE(welcome.welcome().status().reason().empty());
        ASSERT_EQ(welcome.welcome().history_size(), static_cast<int>(d.last));
        EXPECT_EQ(welcome.welcome().history(static_cast<int>(d.kept) - 1).message_posted().text(), "kept two");
        auto refused = reader->post("hello");
        ASSERT_TRUE(refused.has_error());
        EXPECT_EQ(refused.error().code(), pb::READ_ONLY);

        // A repair needs a moderator's key.
        auto wrong = run_tool({"--repair", id, "--moderator-key", d.room.join_code()});
        EXPECT_EQ(wrong.status, 1) << wrong.output;
        EXPECT_NE(wrong.output.find("nothing was changed"), std::string::npos) << wrong.output;
        auto repair =
            run_tool({"--repair", id, "--moderator-key", d.room.moderator_key(), "--note", "agreed with Sam"});
        EXPECT_EQ(repair.status, 0) << repair.output;
    }

    restart_server(fast_limits());
    EXPECT_EQ(run_tool({"--verify"}).status, 0);
    for (auto& d : rooms) {
        const auto& id = d.room.room_id();
        auto c = client();
        auto welcome = c->join(id, "Back", d.room.join_code());
        ASSERT_TRUE(welcome.has_welcome());
        EXPECT_FALSE(welcome.welcome().has_status());
        const auto& repaired = c->wait_for_seq(d.last + 1).record_repaired();
        EXPECT_EQ(repaired.from_seq(), d.last + 1);
        EXPECT_GE(repaired.to_seq(), d.last + 1);
        EXPECT_EQ(repaired.consent(), "moderator key");
        EXPECT_EQ(repaired.note(), "agreed with Sam");
        EXPECT_FALSE(repaired.problem().empty());
        EXPECT_EQ(redis.command({"EXISTS", repaired.kept_in_key()}), "1");
        auto posted = c->post("carrying on");
        ASSERT_TRUE(posted.has_ack());
        EXPECT_GT(posted.ack().seq(), d.last + 1);
        checked_log(id);
    }
}

}  // namespace
}  // namespace ts::test
