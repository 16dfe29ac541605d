// HTTPS and WSS served by the server itself (--tls-cert, --tls-key): a meeting over TLS, a
// plain-HTTP client told to use https://, old protocols refused, and a renewed certificate
// taken on SIGHUP with nobody dropped.
#include <openssl/ssl.h>
#include <signal.h>

#include <filesystem>

#include "integration/fixture.hpp"
#include "integration/test_certificate.hpp"

namespace ts::test {
namespace {

class TlsTest : public ServerTest {
protected:
    void SetUp() override {
        first_ = certificates_.make("first");
        install(first_);
        // Logged: the test reads the server's log to know a reload was done.
        start_server({"--tls-cert", served_cert(), "--tls-key", served_key()}, true);
    }

    test_certificate make_certificate(const std::string& name) { return certificates_.make(name); }
    std::string served_cert() const { return certificates_.path() + "/served.pem"; }
    std::string served_key() const { return certificates_.path() + "/served-key.pem"; }

    // What the server reads: a copy of c, as a renewal writes the files in place.
    void install(const test_certificate& c) {
        using std::filesystem::copy_options;
        std::filesystem::copy_file(c.cert, served_cert(), copy_options::overwrite_existing);
        std::filesystem::copy_file(c.key, served_key(), copy_options::overwrite_existing);
    }

    certificate_folder certificates_;
    test_certificate first_;
};

TEST_F(TlsTest, AMeetingHeldOverHttpsAndWss) {
    auto health = https_request(server->port(), first_.trust(), "GET", "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_NE(health.body.find("\"status\":\"ok\""), std::string::npos) << health.body;

    auto room = create_room_over(server->port(), first_.trust());
    ws_client ada(server->port(), first_.trust());
    ws_client bo(server->port(), first_.trust());
    ASSERT_TRUE(ada.join(room.room_id(), "Ada", room.join_code(), room.moderator_key()).has_welcome());
    ASSERT_TRUE(bo.join(room.room_id(), "Bo", room.join_code()).has_welcome());
    auto ack = bo.post("Can the minibus come at ten?");
    ASSERT_TRUE(ack.has_ack()) << ack.ShortDebugString();
    EXPECT_EQ(ada.wait_for_seq(ack.ack().seq()).message_posted().text(), "Can the minibus come at ten?");
    // And it is in the record, as over plain HTTP.
    auto log = read_log(room.room_id());
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().event.message_posted().text(), "Can the minibus come at ten?");
}

TEST_F(TlsTest, APlainHttpClientIsToldToUseHttpsAndNothingElseHappens) {
    auto reply = http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"Budget meeting\"}",
                              {{"Content-Type", "application/json"}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_NE(reply.body.find("BAD_REQUEST"), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find("use https://"), std::string::npos) << reply.body;
    EXPECT_EQ(reply.headers["connection"], "close");
    EXPECT_EQ(handshake_status(server->port(), "talkingstick.v1"), 400);
    EXPECT_EQ(redis.command({"SCARD", "ts:rooms"}), "0") << "the plain request created nothing";
    // The server is unharmed.
    EXPECT_EQ(https_request(server->port(), first_.trust(), "GET", "/readyz").status, 200);
}

TEST_F(TlsTest, OnlyTls12AndNewerAreSpoken) {
    EXPECT_NE(tls_handshake_error(server->port(), first_.trust(), TLS1_1_VERSION), "");
    EXPECT_NE(tls_handshake_error(server->port(), first_.trust(), TLS1_VERSION), "");
    EXPECT_EQ(tls_handshake_error(server->port(), first_.trust(), TLS1_2_VERSION), "");
    EXPECT_EQ(tls_handshake_error(server->port(), first_.trust(), TLS1_3_VERSION), "");
    // A client that trusts another authority does not get through.
    auto stranger = make_certificate("stranger");
    EXPECT_NE(tls_handshake_error(server->port(), stranger.trust(), TLS1_3_VERSION), "");
}

TEST_F(TlsTest, ARenewedCertificateIsTakenOnSighupWithoutDroppingAnyone) {
    auto room = create_room_over(server->port(), first_.trust());
    ws_client ada(server->port(), first_.trust());
    ASSERT_TRUE(ada.join(room.room_id(), "Ada", room.join_code(), room.moderator_key()).has_welcome());

    auto renewed = make_certificate("renewed");
    install(renewed);
    server->signal(SIGHUP);
    ASSERT_TRUE(server->wait_for_output("reloaded the TLS certificate"));
    // New connections get the new certificate ...
    EXPECT_EQ(tls_handshake_error(server->port(), renewed.trust(), TLS1_3_VERSION), "");
    EXPECT_NE(tls_handshake_error(server->port(), first_.trust(), TLS1_3_VERSION), "");
    // ... and the meeting on the old one goes on.
    auto ack = ada.post("Still here after the renewal.");
    ASSERT_TRUE(ack.has_ack()) << ack.ShortDebugString();
    ws_client bo(server->port(), renewed.trust());
    auto welcome = bo.join(room.room_id(), "Bo", room.join_code());
    ASSERT_TRUE(welcome.has_welcome());

    // A broken renewal (a key that is not the certificate's) keeps the pair in use.
    auto other = make_certificate("other");
    std::filesystem::copy_file(other.key, served_key(), std::filesystem::copy_options::overwrite_existing);
    server->signal(SIGHUP);
    ASSERT_TRUE(server->wait_for_output("kept the TLS certificate in use"));
    EXPECT_EQ(tls_handshake_error(server->port(), renewed.trust(), TLS1_3_VERSION), "");
    EXPECT_TRUE(ada.post("And after the broken one.").has_ack());
}

// Plain HTTP where others can reach it: the operator is told at start-up; on loopback, not.
TEST_F(TlsTest, PlainHttpOnANetworkAddressIsWarnedAbout) {
    start_server({"--bind", "0.0.0.0"}, true);
    ASSERT_EQ(server->stop(), 0);
    EXPECT_NE(server->read_output().find("serving plain HTTP on 0.0.0.0"), std::string::npos);
    start_server({}, true);
    ASSERT_EQ(server->stop(), 0);
    EXPECT_EQ(server->read_output().find("serving plain HTTP"), std::string::npos);
}

TEST_F(TlsTest, AStartWithAKeyThatIsNotTheCertificatesStopsWithAnError) {
    auto other = make_certificate("other");
    auto run = run_tool({"--port", "0", "--tls-cert", first_.cert, "--tls-key", other.key});
    EXPECT_EQ(run.status, 2);
}

}  // namespace
}  // namespace ts::test
