// The HTTP side: health, the REST API, static files and their headers.
#include <filesystem>
#include <fstream>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using HttpTest = ServerTest;

TEST_F(HttpTest, HealthReportsRedis) {
    auto reply = http_request(server->port(), "GET", "/healthz");
    EXPECT_EQ(reply.status, 200);
    EXPECT_NE(reply.body.find("\"backend\":\"redis\""), std::string::npos);
    EXPECT_EQ(reply.headers["content-type"], "application/json");
}

TEST_F(HttpTest, CreateRoomValidatesInput) {
    EXPECT_EQ(http_request(server->port(), "POST", "/api/rooms", "not json").status, 400);
    EXPECT_EQ(http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"  \"}").status, 400);
    EXPECT_EQ(http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"x\",\"owner\":\"y\"}").status, 400);
    EXPECT_EQ(
        http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"" + std::string(121, 'x') + "\"}").status,
        413);
    EXPECT_EQ(http_request(server->port(), "POST", "/api/rooms", std::string(20000, ' ')).status, 413);
    EXPECT_EQ(http_request(server->port(), "GET", "/api/rooms").status, 405);
}

TEST_F(HttpTest, CreatedRoomHasLinksAndPublicInfo) {
    auto room = create_room("Open <b>day</b>", "Plan it");
    EXPECT_EQ(room.participant_path(), "/r/" + room.room_id() + "#code=" + room.join_code());
    EXPECT_EQ(room.moderator_path(), "/r/" + room.room_id() + "#key=" + room.moderator_key());
    EXPECT_NE(room.moderator_key(), room.join_code());
    auto info = http_request(server->port(), "GET", "/api/rooms/" + room.room_id());
    EXPECT_EQ(info.status, 200);
    pb::RoomInfo parsed;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(info.body, &parsed).ok()) << info.body;
    EXPECT_EQ(parsed.title(), "Open <b>day</b>");
    EXPECT_EQ(parsed.purpose(), "Plan it");
    // The README's promise: phase is always there, LIVE while live.
    EXPECT_NE(info.body.find("\"phase\":\"LIVE\""), std::string::npos) << info.body;
    // Public info never carries a credential.
    EXPECT_EQ(info.body.find(room.join_code()), std::string::npos);
    EXPECT_EQ(info.body.find(room.moderator_key()), std::string::npos);
    EXPECT_EQ(http_request(server->port(), "GET", "/api/rooms/nope").status, 404);
}

// The browser's forms take what the server takes: its configured limits, never typed twice.
TEST_F(HttpTest, TheServersTextLimitsReachTheBrowserBeforeAndAfterJoining) {
    start_server({"--max-message-chars", "300", "--max-name-chars", "40"});
    auto before = http_request(server->port(), "GET", "/api/limits");
    ASSERT_EQ(before.status, 200);
    pb::TextLimits limits;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(before.body, &limits).ok()) << before.body;
    EXPECT_EQ(limits.message(), 300u);
    EXPECT_EQ(limits.display_name(), 40u);
    EXPECT_EQ(limits.title(), 120u);
    EXPECT_EQ(http_request(server->port(), "POST", "/api/limits").status, 405);
    auto room = create_room();
    pb::RoomInfo info;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                    http_request(server->port(), "GET", "/api/rooms/" + room.room_id()).body, &info)
                    .ok());
    EXPECT_EQ(info.limits().display_name(), 40u);
    auto c = client();
    auto welcome = c->join(room.room_id(), "Ada", room.join_code());
    ASSERT_TRUE(welcome.has_welcome()) << welcome.ShortDebugString();
    EXPECT_EQ(welcome.welcome().limits().message(), 300u);
    EXPECT_EQ(welcome.welcome().limits().glossary_term(), 60u);
}

TEST_F(HttpTest, KeysAreNeverStoredInRedis) {
    auto room = create_room();
    for (const auto& e : read_log(room.room_id())) {
        EXPECT_EQ(e.event_bytes.find(room.moderator_key()), std::string::npos);
        EXPECT_EQ(e.event_bytes.find(room.join_code()), std::string::npos);
    }
}

class StaticTest : public ServerTest {
protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() / ("ts-site-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir / "assets");
        std::ofstream(dir / "index.html") << "<!doctype html><title>TS</title>";
        std::ofstream(dir / "assets" / "app.js") << "export {}";
        start_server({"--static-dir", dir.string()});
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::filesystem::path dir;
};

TEST_F(StaticTest, ServesTheClientWithSafeHeaders) {
    auto index = http_request(server->port(), "GET", "/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
    EXPECT_NE(index.headers["content-security-policy"].find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(index.headers["content-security-policy"].find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(index.headers["x-content-type-options"], "nosniff");
    EXPECT_EQ(http_request(server->port(), "GET", "/r/abc123").body, index.body);  // client route
    auto js = http_request(server->port(), "GET", "/assets/app.js");
    EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
    EXPECT_EQ(js.headers["cache-control"], "no-cache");
    auto again = http_request(server->port(), "GET", "/assets/app.js", "", {{"If-None-Match", js.headers["etag"]}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(http_request(server->port(), "GET", "/assets/../../etc/passwd").status, 404);
    EXPECT_EQ(http_request(server->port(), "GET", "/missing.css").status, 404);
    EXPECT_EQ(http_request(server->port(), "DELETE", "/").status, 405);
    auto head = http_request(server->port(), "HEAD", "/assets/app.js");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.headers["content-length"], "9");
}

// One address creates ten rooms at once, then about one a minute: a script cannot fill the
// server with rooms.
TEST_F(HttpTest, RoomCreationIsLimitedPerAddressWithATimeToTryAgain) {
    restart_server({"--room-creations-per-hour", "60"});
    auto create = [&] {
        return http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"One more\"}",
                            {{"Content-Type", "application/json"}});
    };
    for (int i = 0; i < 10; ++i) ASSERT_EQ(create().status, 201) << "room " << i + 1;
    auto refused = create();
    EXPECT_EQ(refused.status, 429);
    EXPECT_NE(refused.body.find("RATE_LIMITED"), std::string::npos) << refused.body;
    ASSERT_TRUE(refused.headers.count("retry-after"));
    const auto wait_s = std::stoi(refused.headers["retry-after"]);
    EXPECT_GE(wait_s, 1);
    EXPECT_LE(wait_s, 60);
    EXPECT_EQ(redis.command({"SCARD", "ts:rooms"}), "10") << "the refused room left nothing in Redis";
}

// A room made and never used (nobody joined, not even its moderator) is deleted once its
// time is up, keys and all: a script's rooms do not stay in Redis for ever.
TEST_F(HttpTest, ARoomNobodyJoinedIsDeletedOnceItsTimeIsUp) {
    restart_server({"--unused-room-days", "0", "--retention-check-seconds", "1"});
    auto unused = create_room("Never used");
    ASSERT_NE(redis.command({"KEYS", "ts:{" + unused.room_id() + "}*"}), "");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (http_request(server->port(), "GET", "/api/rooms/" + unused.room_id()).status != 404)
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the unused room was not deleted";
    EXPECT_EQ(redis.command({"KEYS", "ts:{" + unused.room_id() + "}*"}), "");
    EXPECT_EQ(redis.command({"SISMEMBER", "ts:rooms", unused.room_id()}), "0");
}

// --max-rooms counts rooms whose meeting has not closed: closed ones wait out their retention
// without keeping anyone from making a new room.
TEST_F(HttpTest, TheRoomLimitCountsLiveRoomsNotClosedOnes) {
    restart_server({"--max-rooms", "2"});
    auto first = create_room("First");
    create_room("Second");
    auto create = [&] {
        return http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"Third\"}",
                            {{"Content-Type", "application/json"}});
    };
    auto refused = create();
    EXPECT_EQ(refused.status, 409) << refused.body;
    auto mod = client();
    ASSERT_TRUE(mod->join(first.room_id(), "Mo", "", first.moderator_key()).has_welcome());
    pb::ClientMessage close;
    close.mutable_set_room_phase()->set_phase(pb::CLOSED);
    ASSERT_TRUE(mod->request(close).has_ack());
    EXPECT_EQ(create().status, 201) << "the closed room no longer counts";
    EXPECT_EQ(create().status, 409);
    restart_server({"--max-rooms", "2"});
    EXPECT_EQ(create().status, 409) << "after a restart too";
    EXPECT_EQ(http_request(server->port(), "GET", "/api/rooms/" + first.room_id()).status, 200) << "still kept";
}

// Behind a reverse proxy every connection comes from the proxy: with --trusted-proxy its
// X-Forwarded-For names the client, and each client has a limit of its own. From anyone else
// the header is a claim, and ignored.
TEST_F(HttpTest, BehindATrustedProxyEachClientHasItsOwnLimit) {
    auto create_from = [&](const std::string& client) {
        return http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"One more\"}",
                            {{"Content-Type", "application/json"}, {"X-Forwarded-For", client}})
            .status;
    };
    restart_server({"--room-creations-per-hour", "60"});
    for (int i = 0; i < 10; ++i) ASSERT_EQ(create_from("198.51.100." + std::to_string(i)), 201);
    EXPECT_EQ(create_from("198.51.100.99"), 429) << "not a trusted proxy: the header is ignored";

    restart_server({"--room-creations-per-hour", "60", "--trusted-proxy", "127.0.0.0/8,::1"});
    for (int i = 0; i < 10; ++i) ASSERT_EQ(create_from("198.51.100.1"), 201);
    EXPECT_EQ(create_from("198.51.100.1"), 429);
    EXPECT_EQ(create_from("198.51.100.2"), 201) << "another client behind the same proxy";
    EXPECT_EQ(create_from("6.6.6.6, 198.51.100.1"), 429) << "what the client wrote itself counts for nothing";
}

}  // namespace
}  // namespace ts::test
