#pragma once
// Shared set-up for integration tests: a real Redis, the real server, and helpers to
// create rooms over REST and read a room's log back from Redis.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "integration/server_process.hpp"
#include "integration/test_client.hpp"
#include "store/redis_log_reader.hpp"
#include "unit/room/golden_log.hpp"

namespace ts::test {

struct stored_event {
    std::string id;
    pb::Event event;
    std::string event_bytes;
};

// Polls /healthz until it contains every one of parts (each poll is an HTTP round trip).
inline void wait_for_health(int port, std::vector<std::string> parts) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::string body;
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            body = http_request(port, "GET", "/healthz").body;
        } catch (const std::exception& e) {  // refused for now (the address's last connection is still closing)
            body = e.what();
        }
        bool all = true;
        for (const auto& p : parts) all = all && body.find(p) != std::string::npos;
        if (all) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "health never showed what was expected; last: " << body;
}

// The flags every test server starts with: where Redis is (redis_flags), then extra.
inline std::vector<std::string> test_server_flags(std::vector<std::string> redis_flags,
                                                  const std::vector<std::string>& extra) {
    // Tests create rooms and add people faster than people do; RoomCreation and
    // OneAddressAddsOnlySoManyPeople test the limits themselves. Test clients read only when a
    // test asks them to, so they would not take a drain's close: stop at once (OperationsTest
    // drains, with clients that read).
    auto flags = std::move(redis_flags);
    for (const char* flag : {"--static-dir", "/nonexistent", "--room-creations-per-hour", "1000000",
                             "--new-members-per-hour", "1000000000", "--drain-seconds", "0"})
        flags.emplace_back(flag);
    flags.insert(flags.end(), extra.begin(), extra.end());
    return flags;
}

// A room made over plain HTTP at port (a server's, or a load balancer's in front of some).
// Joins a room another room makes (a plenary's table, a series' meeting) with a resume token
// from that other room, or its moderator key. The server makes the room just after the change
// that asks for it: until then it is not found, so this tries again for up to ten seconds.
inline pb::ServerMessage join_once_made(ws_client& c, const std::string& room_id, const std::string& token,
                                        const std::string& moderator_key = "") {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (true) {
        auto answer = c.join(room_id, "Mo", "", moderator_key, moderator_key.empty() ? token : "");
        if (!answer.has_error() || answer.error().code() != pb::NOT_FOUND ||
            std::chrono::steady_clock::now() > deadline)
            return answer;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // nothing to await: it is made meanwhile
    }
}

inline pb::CreateRoomResponse create_room_at(int port, const std::string& title) {
    auto reply = http_request(port, "POST", "/api/rooms", "{\"title\":\"" + title + "\"}",
                              {{"Content-Type", "application/json"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    pb::CreateRoomResponse created;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(reply.body, &created).ok()) << reply.body;
    return created;
}

class ServerTest : public ::testing::Test {
protected:
    explicit ServerTest(bool redis_fsync_always = false) : redis(redis_fsync_always) {}

    void SetUp() override { start_server(); }

    // With TS_GOLDEN_DUMP=DIR, every room's stored log is written to DIR when a test ends
    // (entry by entry, hex), to record golden logs for the replay-equivalence test.
    void TearDown() override {
        const char* dir = std::getenv("TS_GOLDEN_DUMP");
        if (!dir || HasFailure()) return;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::unique_ptr<redisContext, decltype(&redisFree)> c(redisConnect("127.0.0.1", redis.port()), &redisFree);
        std::istringstream ids(redis.command({"SMEMBERS", "ts:rooms"}));
        int n = 0;
        for (std::string id; std::getline(ids, id);) {
            std::ofstream out(std::string(dir) + "/" + info->test_suite_name() + "." + info->name() + "-" +
                              std::to_string(++n) + ".raw");
            for (const auto& e : store::read_log(c.get(), id))
                out << to_hex(e.sealed.empty() ? e.event : e.sealed) << ' ' << to_hex(e.hidden) << '\n';
        }
    }

    // logged: the server's log (stderr, at info) comes with its output, for read_output() once
    // it has stopped.
    // The flags every test server starts with, then extra.
    std::vector<std::string> server_flags(const std::vector<std::string>& extra) const {
        return test_server_flags({"--redis", redis.url()}, extra);
    }

    // The server as the node of a cluster that creates (and owns) the test's rooms, and a second
    // node that every client() connects through: each command then goes through a replica.
    void start_cluster_of_two() {
        // These tests are about commands through a replica, not take-overs: a long lease keeps a
        // starved owner (ASan on two busy cores) from losing its rooms mid-test.
        start_server({"--cluster", "on", "--node-id", "owner", "--lease-ms", "30000"});
        replica_node = std::make_unique<server_process>(
            server_flags({"--cluster", "on", "--node-id", "replica", "--lease-ms", "30000"}));
        client_port = replica_node->port();
    }

    void start_server(std::vector<std::string> extra = {}, bool logged = false) {
        auto flags = server_flags(extra);
        if (!logged) {
            server = std::make_unique<server_process>(flags);
            return;
        }
        flags.insert(flags.end(), {"--log-level", "info"});
        server =
            std::make_unique<server_process>(flags, std::vector<std::string>{"sh", "-c", "exec \"$0\" \"$@\" 2>&1"});
    }

    void restart_server(std::vector<std::string> extra = {}) {
        ASSERT_EQ(server->stop(), 0);
        server.reset();
        start_server(std::move(extra));
    }

    // Runs talkingstick --verify or --repair against the test Redis.
    tool_run run_tool(std::vector<std::string> args) {
        args.insert(args.begin(), {"--redis", redis.url()});
        return run_server_tool(args);
    }

    // phase: a RoomPhase's name (e.g. "PREPARING"), or empty for the default (live).
    pb::CreateRoomResponse create_room(const std::string& title = "Budget meeting", const std::string& purpose = "",
                                       const std::string& phase = "") {
        auto reply = http_request(server->port(), "POST", "/api/rooms",
                                  "{\"title\":\"" + title + "\",\"purpose\":\"" + purpose + "\"" +
                                      (phase.empty() ? "" : ",\"phase\":\"" + phase + "\"") + "}",
                                  {{"Content-Type", "application/json"}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        pb::CreateRoomResponse created;
        EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(reply.body, &created).ok()) << reply.body;
        return created;
    }

    // A room made over HTTPS, at port (the server's, or a proxy's in front of it).
    pb::CreateRoomResponse create_room_over(int port, const tls_trust& trust) {
        auto reply = https_request(port, trust, "POST", "/api/rooms", "{\"title\":\"Budget meeting\"}",
                                   {{"Content-Type", "application/json"}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        pb::CreateRoomResponse created;
        EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(reply.body, &created).ok()) << reply.body;
        return created;
    }

    std::unique_ptr<ws_client> client() {
        return std::make_unique<ws_client>(client_port ? client_port : server->port());
    }

    // Joins c to a room as an observer named Watcher; returns the answer.
    static pb::ServerMessage join_as_observer(ws_client& c, const std::string& room_id, const std::string& join_code) {
        pb::ClientMessage m;
        m.mutable_join()->set_room_id(room_id);
        m.mutable_join()->set_display_name("Watcher");
        m.mutable_join()->set_join_code(join_code);
        m.mutable_join()->set_as_observer(true);
        return c.request(m);
    }

    // The room's stream as Redis holds it (with its messages' texts joined in).
    std::vector<stored_event> read_log(const std::string& room_id) {
        std::unique_ptr<redisContext, decltype(&redisFree)> c(redisConnect("127.0.0.1", redis.port()), &redisFree);
        EXPECT_TRUE(c && !c->err);
        std::string key = "ts:{" + room_id + "}:log";
        auto* reply = static_cast<redisReply*>(redisCommand(c.get(), "XRANGE %b - +", key.data(), key.size()));
        std::vector<stored_event> out;
        for (size_t i = 0; reply && i < reply->elements; ++i) {
            auto* item = reply->element[i];
            stored_event e;
            e.id = std::string(item->element[0]->str, item->element[0]->len);
            auto* fields = item->element[1];
            for (size_t f = 0; f + 1 < fields->elements; f += 2)
                if (std::string(fields->element[f]->str) == "e")
                    e.event_bytes.assign(fields->element[f + 1]->str, fields->element[f + 1]->len);
            EXPECT_TRUE(e.event.ParseFromString(e.event_bytes));
            if (e.event.text_apart()) {
                // A message's text is kept apart, in the room's texts: joined here as the server
                // joins it when it reads the log back.
                e.event.set_text_apart(false);
                e.event.mutable_message_posted()->set_text(
                    redis.command({"HGET", "ts:{" + room_id + "}:texts", std::to_string(e.event.seq())}));
                e.event_bytes = e.event.SerializeAsString();
            }
            out.push_back(std::move(e));
        }
        if (reply) freeReplyObject(reply);
        return out;
    }

    // A health check: the server still answers after whatever the test did.
    void expect_alive() {
        auto reply = http_request(server->port(), "GET", "/healthz");
        EXPECT_EQ(reply.status, 200);
    }

    redis_process redis;
    std::unique_ptr<server_process> server;
    // start_cluster_of_two(): the node clients connect through (client_port).
    std::unique_ptr<server_process> replica_node;
    int client_port = 0;
};

}  // namespace ts::test
