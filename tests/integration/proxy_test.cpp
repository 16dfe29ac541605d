// Talking Stick behind Debian's nginx, configured with the README's example (docs/nginx.conf):
// HTTPS and the WebSocket upgrade at the proxy, a meeting held through it, and a restart
// reaching everyone through it as "restarting" (1012).
#include <fstream>
#include <future>
#include <regex>
#include <sstream>

#include "integration/fixture.hpp"
#include "integration/test_certificate.hpp"

namespace ts::test {
namespace {

class ProxyTest : public ServerTest {
protected:
    void SetUp() override {
        start_server({"--trusted-proxy", "127.0.0.1/32", "--drain-seconds", "10"});
        certificate_ = certificates_.make("proxy");
        proxy_port_ = free_port();
        // The documented site, with this test's address, port and certificate.
        auto site = read_file(TS_DOCS_DIR "/nginx.conf");
        ASSERT_NE(site.find("listen 443 ssl;"), std::string::npos) << "docs/nginx.conf changed shape";
        site = std::regex_replace(site, std::regex("listen 443 ssl;"),
                                  "listen 127.0.0.1:" + std::to_string(proxy_port_) + " ssl;");
        site =
            std::regex_replace(site, std::regex("127\\.0\\.0\\.1:8080"), "127.0.0.1:" + std::to_string(server->port()));
        site = std::regex_replace(site, std::regex("ssl_certificate +/\\S+;"),
                                  "ssl_certificate " + certificate_.cert + ";");
        site = std::regex_replace(site, std::regex("ssl_certificate_key +/\\S+;"),
                                  "ssl_certificate_key " + certificate_.key + ";");
        const auto& dir = certificates_.path();
        std::ofstream(dir + "/nginx.conf")
            << "daemon off;\nworker_processes 1;\npid " << dir << "/nginx.pid;\nerror_log stderr warn;\n"
            << "events { worker_connections 256; }\nhttp {\n  access_log off;\n"
            << "  client_body_temp_path " << dir << "/body;\n  proxy_temp_path " << dir << "/proxy;\n"
            << "  fastcgi_temp_path " << dir << "/fastcgi;\n  uwsgi_temp_path " << dir << "/uwsgi;\n"
            << "  scgi_temp_path " << dir << "/scgi;\n"
            << site << "}\n";
        nginx_ = std::make_unique<child_process>(
            std::vector<std::string>{"/usr/sbin/nginx", "-p", dir, "-c", dir + "/nginx.conf", "-e", "stderr"});
        // Ready once it answers through to the server.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (true) {
            try {
                if (https_request(proxy_port_, certificate_.trust(), "GET", "/readyz").status == 200) break;
            } catch (const std::exception&) {}
            ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "nginx did not start (is nginx installed?)";
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    void TearDown() override {
        nginx_.reset();  // SIGTERM, then waits
        ServerTest::TearDown();
    }

    certificate_folder certificates_;
    test_certificate certificate_;
    int proxy_port_ = 0;
    std::unique_ptr<child_process> nginx_;
};

TEST_F(ProxyTest, AMeetingHeldThroughNginxAndARestartReachingEveryoneThroughIt) {
    auto room = create_room_over(proxy_port_, certificate_.trust());
    auto ada = std::make_unique<ws_client>(proxy_port_, certificate_.trust());
    auto bo = std::make_unique<ws_client>(proxy_port_, certificate_.trust());
    auto joined = ada->join(room.room_id(), "Ada", room.join_code(), room.moderator_key());
    ASSERT_TRUE(joined.has_welcome()) << joined.ShortDebugString();
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
    auto ack = bo->post("Through the proxy, can everyone hear me?");
    ASSERT_TRUE(ack.has_ack()) << ack.ShortDebugString();
    EXPECT_EQ(ada->wait_for_seq(ack.ack().seq()).message_posted().text(), "Through the proxy, can everyone hear me?");

    // The room page and its script come through too.
    auto info = https_request(proxy_port_, certificate_.trust(), "GET", "/api/rooms/" + room.room_id());
    EXPECT_EQ(info.status, 200) << info.body;

    // A restart: nginx passes the server's close on as it is.
    auto ada_closed = std::async(std::launch::async, [&] { return ada->wait_closed(); });
    auto bo_closed = std::async(std::launch::async, [&] { return bo->wait_closed(); });
    EXPECT_EQ(server->stop(), 0);
    EXPECT_EQ(ada_closed.get(), 1012);
    EXPECT_EQ(bo_closed.get(), 1012);
}

}  // namespace
}  // namespace ts::test
