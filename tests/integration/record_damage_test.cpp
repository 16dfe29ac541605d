// Damage at rest, written into the test's own Redis by hand, then the server restarted: one
// room's damaged keys never stop the server or make it allocate without bound; damage anywhere
// in a record is found (by a read or by the scrub) and said (health, a typed error, the end
// of an export), never served as a silent truncation; Redis refusing writes shows in health.
#include <fstream>

#include "integration/fixture.hpp"
#include "store/state_digest.hpp"

namespace ts::test {
namespace {

// Replaces the event bytes (field e) of one stream entry, keeping the rest of the stream:
// a stream cannot be edited in place, so it is written again whole.
constexpr const char* rewrite_entry =
    "local entries = redis.call('XRANGE', KEYS[1], '-', '+') "
    "redis.call('DEL', KEYS[1]) "
    "for _, e in ipairs(entries) do "
    "  local fields = e[2] "
    "  if e[1] == ARGV[1] then for i = 1, #fields, 2 do if fields[i] == 'e' then fields[i + 1] = ARGV[2] end end end "
    "  redis.call('XADD', KEYS[1], e[1], unpack(fields)) "
    "end return #entries";

// A process's peak resident memory in bytes (VmHWM).
std::size_t peak_memory(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
    return 0;
}

class RecordDamageTest : public ServerTest {
protected:
    struct room_with_posts {
        pb::CreateRoomResponse room;
        std::uint64_t last_seq = 0;
    };

    // A room where Ada posts n messages ("post 1" … "post n").
    room_with_posts room_with(int n) {
        room_with_posts r{create_room(), 0};
        auto ada = client();
        EXPECT_TRUE(ada->join(r.room.room_id(), "Ada", r.room.join_code()).has_welcome());
        for (int i = 1; i <= n; ++i) r.last_seq = ada->post("post " + std::to_string(i)).ack().seq();
        return r;
    }

    std::string snap_key(const std::string& id) { return "ts:{" + id + "}:snap"; }
    std::string log_key(const std::string& id) { return "ts:{" + id + "}:log"; }

    // Waits until the room's snapshot is stored at seq or later.
    void wait_for_snapshot(const std::string& id, std::uint64_t seq) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            const auto at = redis.command({"HGET", snap_key(id), "seq"});
            if (!at.empty() && std::stoull(at) >= seq) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        FAIL() << "no snapshot of room " << id << " at " << seq;
    }

    // A room of four posts whose snapshot (after the third event) is stored; the server stopped.
    room_with_posts room_with_snapshot() {
        restart_server({"--snapshot-every", "3"});
        const auto r = room_with(4);
        wait_for_snapshot(r.room.room_id(), 3);
        EXPECT_EQ(server->stop(), 0);
        return r;
    }

    // Joins as a new person and checks the room shows every post up to last.
    void expect_readable(const room_with_posts& r, const std::string& name) {
        auto c = client();
        auto welcome = c->join(r.room.room_id(), name, r.room.join_code());
        ASSERT_TRUE(welcome.has_welcome()) << welcome.ShortDebugString();
        EXPECT_FALSE(welcome.welcome().status().read_only());
        EXPECT_GE(welcome.welcome().room().seq(), r.last_seq);
        EXPECT_TRUE(c->post("still going").has_ack());
    }

    pb::ServerMessage history(ws_client& c, std::uint64_t before, std::uint32_t max) {
        pb::ClientMessage m;
        m.mutable_get_history()->set_before_seq(before);
        m.mutable_get_history()->set_max(max);
        return c.request(m);
    }

    std::string health() { return http_request(server->port(), "GET", "/healthz").body; }
};

TEST_F(RecordDamageTest, DamagedSnapshotKeysNeverStopTheServerAndEachRoomLoadsOnItsOwn) {
    restart_server({"--snapshot-every", "3"});
    std::vector<room_with_posts> rooms;
    for (int i = 0; i < 6; ++i) rooms.push_back(room_with(4));
    for (const auto& r : rooms) wait_for_snapshot(r.room.room_id(), 3);
    const auto unreadable = room_with(2);
    ASSERT_EQ(server->stop(), 0);

    // The snapshot key as a string, as a list, with absurd lengths; a sound room beside them.
    const auto key = [&](int i) { return snap_key(rooms[i].room.room_id()); };
    redis.command({"DEL", key(0)});
    redis.command({"SET", key(0), "not a snapshot"});
    redis.command({"DEL", key(1)});
    redis.command({"RPUSH", key(1), "a", "list"});
    redis.command({"HSET", key(2), "bytes", "1000000000000000"});
    redis.command({"HSET", key(3), "bytes", "18446744073709551615"});
    redis.command({"HSET", key(4), "pieces", "1000000000000000"});
    // And a room whose log itself is not a stream: nothing of it can be read.
    redis.command({"DEL", log_key(unreadable.room.room_id()), snap_key(unreadable.room.room_id())});
    redis.command({"SET", log_key(unreadable.room.room_id()), "not a stream"});

    server.reset();
    start_server({"--snapshot-every", "3"}, true);
    for (std::size_t i = 0; i < rooms.size(); ++i) {
        SCOPED_TRACE("room " + std::to_string(i));
        expect_readable(rooms[i], "Reader " + std::to_string(i));
    }
    // The room that cannot be read is listed, not served, and says why when someone comes.
    const auto body = health();
    EXPECT_NE(body.find("\"status\":\"degraded\""), std::string::npos) << body;
    EXPECT_NE(body.find("{\"room\":\"" + unreadable.room.room_id() + "\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"served\":false"), std::string::npos) << body;
    auto refused = client()->join(unreadable.room.room_id(), "Cy", unreadable.room.join_code());
    ASSERT_TRUE(refused.has_error()) << refused.ShortDebugString();
    EXPECT_EQ(refused.error().code(), pb::DAMAGED);
    ASSERT_EQ(server->stop(), 0);
    const auto said = server->read_output();
    EXPECT_NE(said.find("1 UNREADABLE"), std::string::npos) << said;
    EXPECT_NE(said.find("its stored snapshot is passed over"), std::string::npos) << said;
}

TEST_F(RecordDamageTest, TheRoomsSetDamagedStillFindsEveryRoom) {
    const auto a = room_with(2), b = room_with(3);
    ASSERT_EQ(server->stop(), 0);
    redis.command({"DEL", "ts:rooms"});
    redis.command({"SET", "ts:rooms", "not a set"});
    server.reset();
    start_server();
    expect_readable(a, "Bo");
    expect_readable(b, "Cy");
}

// A length inside the snapshot's bytes set to 256 MiB, with a digest that matches (as a
// careless tool might write): the reader checks every length against the bytes that remain,
// so the room is replayed instead and the server's peak memory stays small.
TEST_F(RecordDamageTest, ASnapshotsInnerLengthsAreNeverTrusted) {
    const auto r = room_with_snapshot();
    auto state = redis.command({"HGET", snap_key(r.room.room_id()), "c0"});
    // Portable binary: one byte of endianness, the magic (a length of 8 bytes and its 23
    // characters), the format (4 bytes), then the room id's length.
    const std::size_t id_length_at = 1 + 8 + 23 + 4;
    ASSERT_GT(state.size(), id_length_at + 8);
    ASSERT_EQ(state[id_length_at], static_cast<char>(r.room.room_id().size())) << "the layout changed";
    const std::uint64_t huge = std::uint64_t{256} << 20;
    for (int i = 0; i < 8; ++i) state[id_length_at + i] = static_cast<char>((huge >> (8 * i)) & 0xff);
    redis.command({"HSET", snap_key(r.room.room_id()), "c0", state, "digest", store::state_digest(state)});

    server.reset();
    start_server({"--snapshot-every", "3"});
    expect_readable(r, "Bo");
    if (!std::getenv("TS_SANITIZED")) {  // AddressSanitizer keeps memory back on purpose
        EXPECT_LT(peak_memory(server->pid()), std::size_t{100} << 20);
    }
}

TEST_F(RecordDamageTest, ASnapshotWhoseBytesDoNotMatchItsDigestIsPassedOver) {
    const auto r = room_with_snapshot();
    auto state = redis.command({"HGET", snap_key(r.room.room_id()), "c0"});
    state[state.size() / 2] ^= 0x5a;
    redis.command({"HSET", snap_key(r.room.room_id()), "c0", state});
    server.reset();
    start_server({"--snapshot-every", "3"}, true);
    expect_readable(r, "Bo");
    ASSERT_EQ(server->stop(), 0);
    const auto said = server->read_output();
    EXPECT_NE(said.find("its digest does not match its bytes"), std::string::npos) << said;
}

// Damage in entries older than the room's snapshot: the room loads and goes on, but whoever
// reads that part of the record is told exactly which entries cannot be read, health lists the
// room, and exports say where the record is damaged and go on to their end.
TEST_F(RecordDamageTest, AnUnreadableOldEntryIsFoundAndSaidNeverServedAsASilentTruncation) {
    const std::vector<std::string> flags = {"--snapshot-every",           "5", "--recent-events", "5",
                                            "--scrub-entries-per-second", "0"};
    restart_server(flags);
    auto r = room_with(20);
    wait_for_snapshot(r.room.room_id(), 15);
    ASSERT_EQ(server->stop(), 0);
    // Entry 4 no longer decodes; entry 7 is gone.
    ASSERT_GE(std::stoull(redis.command(
                  {"EVAL", rewrite_entry, "1", log_key(r.room.room_id()), "0-4", "\xff\xff\xff not protobuf"})),
              r.last_seq);
    redis.command({"XDEL", log_key(r.room.room_id()), "0-7"});
    server.reset();
    start_server(flags);
    EXPECT_EQ(health().find(r.room.room_id()), std::string::npos) << "not known before anything reads it";

    auto mod = client();
    auto welcome = mod->join(r.room.room_id(), "Mo", "", r.room.moderator_key());
    ASSERT_TRUE(welcome.has_welcome());
    EXPECT_FALSE(welcome.welcome().status().read_only()) << "its state is whole: it goes on";
    // Paging back: the page holding entry 7 is refused with the range that cannot be read; what
    // lies after it reads; then entry 4; what lies before it reads too.
    const auto first_held = welcome.welcome().history(0).seq();
    auto page = history(*mod, first_held, 200);
    ASSERT_TRUE(page.has_error()) << page.ShortDebugString();
    EXPECT_EQ(page.error().code(), pb::DAMAGED);
    EXPECT_EQ(page.error().damaged_from_seq(), 7u);
    EXPECT_EQ(page.error().damaged_to_seq(), 7u);
    EXPECT_NE(page.error().message().find("event 7"), std::string::npos) << page.error().message();
    auto after = history(*mod, first_held, static_cast<std::uint32_t>(first_held - 8));
    ASSERT_TRUE(after.has_history_page()) << after.ShortDebugString();
    EXPECT_EQ(after.history_page().events(0).seq(), 8u);
    auto between = history(*mod, 7, 2);
    ASSERT_TRUE(between.has_history_page()) << between.ShortDebugString();
    EXPECT_EQ(between.history_page().events_size(), 2);
    auto at_four = history(*mod, 7, 3);
    ASSERT_TRUE(at_four.has_error());
    EXPECT_EQ(at_four.error().damaged_from_seq(), 4u);
    EXPECT_TRUE(history(*mod, 4, 3).has_history_page());

    // Health lists the room; it is not read-only.
    auto body = health();
    EXPECT_NE(body.find("\"status\":\"degraded\""), std::string::npos) << body;
    EXPECT_NE(body.find("{\"room\":\"" + r.room.room_id() + "\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"read_only\":false"), std::string::npos) << body;

    // The exports say where the record is damaged and go on to their end.
    const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + r.room.moderator_key()}};
    const auto base = "/api/rooms/" + r.room.room_id() + "/transcript?format=";
    auto json = http_request(server->port(), "GET", base + "json&private=include", "", auth);
    ASSERT_EQ(json.status, 200);
    EXPECT_NE(json.body.find("\"damaged\": ["), std::string::npos) << json.body.substr(json.body.size() - 600);
    EXPECT_NE(json.body.find("{\"fromSeq\": 4, \"toSeq\": 4"), std::string::npos);
    EXPECT_NE(json.body.find("{\"fromSeq\": 7, \"toSeq\": 7"), std::string::npos);
    EXPECT_NE(json.body.find("post 20"), std::string::npos) << "what follows the damage is there";
    EXPECT_EQ(json.body.substr(json.body.size() - 3), "]}\n") << "the document ends";
    auto md = http_request(server->port(), "GET", base + "md", "", auth);
    ASSERT_EQ(md.status, 200);
    EXPECT_NE(md.body.find("Missing here: event 4 of this room's stored record cannot be read"), std::string::npos)
        << md.body;
    EXPECT_NE(md.body.find("These minutes are incomplete"), std::string::npos);
    EXPECT_NE(md.body.find("How much each person was heard"), std::string::npos) << "the document ends";
    EXPECT_NE(md.body.find("post 20"), std::string::npos);
    EXPECT_TRUE(mod->post("and the meeting goes on").has_ack());
}

TEST_F(RecordDamageTest, TheScrubFindsDamageBeforeAnyoneNeedsThatPartOfTheRecord) {
    const std::vector<std::string> flags = {"--snapshot-every", "5", "--recent-events", "5"};
    restart_server(flags);
    auto sound = room_with(12);
    auto r = room_with(12);
    wait_for_snapshot(r.room.room_id(), 10);
    ASSERT_EQ(server->stop(), 0);
    ASSERT_GE(
        std::stoull(redis.command({"EVAL", rewrite_entry, "1", log_key(r.room.room_id()), "0-3", "\x08\x01\xff\xff"})),
        r.last_seq);
    server.reset();
    start_server({"--snapshot-every", "5", "--recent-events", "5", "--scrub-entries-per-second", "100000"}, true);
    wait_for_health(server->port(), {"{\"room\":\"" + r.room.room_id() +
                                     "\",\"readable_up_to\":2,\"damaged_from\":3,"
                                     "\"damaged_to\":3"});
    EXPECT_EQ(health().find(sound.room.room_id()), std::string::npos) << "a sound room is not listed";
    // Health says how far the scrub has got: whole passes over both rooms, at most one a second.
    const auto passes = [&] {
        const auto body = health();
        const std::string field = "\"scrub\":{\"passes\":";
        const auto at = body.find(field);
        return at == std::string::npos ? 0ull : std::stoull(body.substr(at + field.size()));
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (passes() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_GE(passes(), 1u);
    EXPECT_LE(passes(), 12u) << "a pass starts at most once a second";
    ASSERT_EQ(server->stop(), 0);
    EXPECT_NE(server->read_output().find("INTEGRITY: room " + r.room.room_id()), std::string::npos);
}

TEST_F(RecordDamageTest, HealthSaysDegradedAndWhyWhileRedisRefusesWrites) {
    restart_server({"--save-notice-ms", "300"});
    auto r = room_with(1);
    auto ada = client();
    ASSERT_TRUE(ada->join(r.room.room_id(), "Bo", r.room.join_code()).has_welcome());
    redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"});
    redis.command({"CONFIG", "SET", "maxmemory", "1"});
    pb::ClientMessage post;
    post.set_request_id(77);
    post.mutable_post()->set_text("held while Redis is full");
    ada->send(post);
    wait_for_health(server->port(), {"\"status\":\"degraded\"", "Redis refuses writes (1 room waiting): ", "OOM"});
    redis.command({"CONFIG", "SET", "maxmemory", "0"});
    ada->receive_until([](const pb::ServerMessage& m) { return m.has_ack() && m.ack().request_id() == 77; }, 20000);
    wait_for_health(server->port(), {"\"status\":\"ok\",\"why\":[]"});
}

}  // namespace
}  // namespace ts::test
