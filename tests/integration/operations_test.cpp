// Running the server for an organisation: a load balancer asks /readyz whether to send people
// here, and a stop (SIGTERM, as systemd and orchestrators send it) drains: every connection
// is told the server is restarting (1012), and everything acknowledged is in the record when
// it comes back.
#include <future>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using OperationsTest = ServerTest;

TEST_F(OperationsTest, ReadyWhileRedisCanBeReachedAndNotOtherwise) {
    auto ready = http_request(server->port(), "GET", "/readyz");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(ready.body, "{\"ready\":true}");

    redis.stop();
    wait_for_health(server->port(), {"\"connected\":false"});
    auto not_ready = http_request(server->port(), "GET", "/readyz");
    EXPECT_EQ(not_ready.status, 503);
    EXPECT_NE(not_ready.body.find("Redis cannot be reached"), std::string::npos) << not_ready.body;
    // Alive all the same: /healthz answers, degraded.
    EXPECT_EQ(http_request(server->port(), "GET", "/healthz").status, 200);

    redis.start();
    wait_for_health(server->port(), {"\"connected\":true"});
    EXPECT_EQ(http_request(server->port(), "GET", "/readyz").status, 200);
}

TEST_F(OperationsTest, AStopTellsEveryConnectionTheServerIsRestartingAndLosesNothing) {
    auto room = create_room();
    auto ada = client();
    auto bo = client();
    auto seen = ada->join(room.room_id(), "Ada", room.join_code());
    auto token = seen.welcome().resume_token();
    bo->join(room.room_id(), "Bo", room.join_code());
    auto ack = ada->post("said just before the upgrade");
    ASSERT_TRUE(ack.has_ack());

    // Their browsers answer the close as it comes, as browsers do.
    auto ada_closed = std::async(std::launch::async, [&] { return ada->wait_closed(); });
    auto bo_closed = std::async(std::launch::async, [&] { return bo->wait_closed(); });
    EXPECT_EQ(server->stop(), 0) << "a drained stop exits cleanly";
    EXPECT_EQ(ada_closed.get(), 1012);
    EXPECT_EQ(bo_closed.get(), 1012);

    start_server();
    auto back = client();
    auto welcome = back->join(room.room_id(), "Ada", "", "", token, ack.ack().seq() - 1);
    ASSERT_TRUE(welcome.has_welcome()) << welcome.ShortDebugString();
    auto& again = back->wait_for_seq(ack.ack().seq());
    EXPECT_EQ(again.message_posted().text(), "said just before the upgrade");
}

class DrainTest : public ServerTest {
protected:
    // A close nobody answers would hold a connection for a minute: the drain time (the
    // fixture's 1 s), not that, bounds the stop.
    void SetUp() override { start_server({"--close-timeout-seconds", "60"}); }
};

TEST_F(DrainTest, AConnectionThatNeverTakesTheCloseDoesNotHoldTheStopPastTheDrainTime) {
    auto room = create_room();
    auto ada = client();
    ada->join(room.room_id(), "Ada", room.join_code());
    // Ada's client reads nothing more: the close waits in her socket, unanswered.
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(server->stop(), 0);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_LT(took, std::chrono::seconds(30)) << "the drain time (1 s), not the close time-out (60 s), bounds the stop";
    EXPECT_EQ(ada->wait_closed(), 1012);
}

}  // namespace
}  // namespace ts::test
