// Running the server for an organisation: a load balancer asks /readyz whether to send people
// here, and a stop (SIGTERM, as systemd and orchestrators send it) drains: every connection
// is told the server is restarting (1012), and everything acknowledged is in the record when
// it comes back.
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class OperationsTest : public ServerTest {
protected:
    // The fixture's servers stop at once; these drain, as a deployment's do.
    void SetUp() override { start_server({"--drain-seconds", "10"}); }
};

TEST_F(OperationsTest, ReadyWhileRedisCanBeReachedAndNotOtherwise) {
    // The server listens before its first connection to Redis is up (on a busy machine that
    // can take a moment): it is ready from then on.
    wait_for_health(server->port(), {"\"connected\":true"});
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

    start_server({"--drain-seconds", "10"});
    auto back = client();
    auto welcome = back->join(room.room_id(), "Ada", "", "", token, ack.ack().seq() - 1);
    ASSERT_TRUE(welcome.has_welcome()) << welcome.ShortDebugString();
    auto& again = back->wait_for_seq(ack.ack().seq());
    EXPECT_EQ(again.message_posted().text(), "said just before the upgrade");
}

// The unit in docs/ is one systemd takes, with this build's binary in place of the installed one.
TEST(SystemdUnit, TheExampleUnitVerifiesClean) {
    // scripts/test installs systemd (TEST_PACKAGES): missing, it is a failure, not a skip.
    ASSERT_EQ(std::system("command -v systemd-analyze >/dev/null 2>&1"), 0)
        << "systemd-analyze is not installed (scripts/test installs the systemd package)";
    char dir[] = "/tmp/ts-unit-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    auto unit = read_file(TS_DOCS_DIR "/talkingstick.service");
    const std::string installed = "/opt/talkingstick/bin/talkingstick";
    auto at = unit.find(installed);
    ASSERT_NE(at, std::string::npos);
    unit.replace(at, installed.size(), server_binary());
    for (const char* hardening :
         {"DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes", "ExecReload=/bin/kill -HUP $MAINPID"})
        EXPECT_NE(unit.find(hardening), std::string::npos) << hardening;
    const std::string path = std::string(dir) + "/talkingstick.service";
    std::ofstream(path) << unit;
    int status = -1;
    const auto output = run_command("systemd-analyze verify " + path + " 2>&1", &status);
    std::filesystem::remove_all(dir);
    EXPECT_EQ(status, 0) << output;
    EXPECT_EQ(output, "") << "systemd-analyze has remarks";
}

}  // namespace
}  // namespace ts::test
