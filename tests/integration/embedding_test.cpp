// Embedding in an organisation's portal: rooms created with the API key, people sent in with
// signed join tokens (minted here by docs/examples/mint_join_token.py, the README's script,
// and by libjwt for tokens that are wrong on purpose).
#include <jwt.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

const std::string secret = "the-portal-and-talking-stick-share-this-secret";
const std::string api_key = "portal-api-key-0123456789";

class EmbeddingTest : public ServerTest {
protected:
    void SetUp() override {
        char dir[] = "/tmp/ts-embed-XXXXXX";
        ASSERT_NE(::mkdtemp(dir), nullptr);
        dir_ = dir;
        std::ofstream(secret_file()) << secret << "\n";
        std::ofstream(dir_ + "/api-key") << api_key << "\n";
        serve();
    }
    void TearDown() override {
        ServerTest::TearDown();
        std::filesystem::remove_all(dir_);
    }

    void serve() { start_server({"--jwt-secret-file", secret_file(), "--api-key-file", dir_ + "/api-key"}); }
    std::string secret_file() const { return dir_ + "/jwt-secret"; }

    // As the portal: POST /api/rooms with its key.
    pb::CreateRoomResponse create_room_as_portal() {
        auto reply = http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"Day services review\"}",
                                  {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + api_key}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        pb::CreateRoomResponse created;
        EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(reply.body, &created).ok()) << reply.body;
        return created;
    }

    // The README's script.
    std::string mint(const std::string& room, const std::string& role, const std::string& name) {
        return run_command("python3 " TS_DOCS_DIR "/examples/mint_join_token.py " + secret_file() + " " + room + " " +
                           role + " '" + name + "'");
    }

    // A token made by hand: exp_offset_s from now, signed with key.
    static std::string mint_raw(const std::string& room, long exp_offset_s, const std::string& key = secret) {
        jwt_t* raw = nullptr;
        jwt_new(&raw);
        jwt_add_grant(raw, "room", room.c_str());
        jwt_add_grant(raw, "role", "moderator");
        jwt_add_grant(raw, "name", "Mallory");
        jwt_add_grant(raw, "jti", "hand-made");
        jwt_add_grant_int(raw, "exp", static_cast<long>(std::time(nullptr)) + exp_offset_s);
        jwt_set_alg(raw, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(key.data()),
                    static_cast<int>(key.size()));
        char* out = jwt_encode_str(raw);
        std::string token = out ? out : "";
        free(out);
        jwt_free(raw);
        return token;
    }

    static pb::ServerMessage join_with(ws_client& c, const std::string& room_id, const std::string& token,
                                       const std::string& claimed_name = "") {
        pb::ClientMessage m;
        m.mutable_join()->set_room_id(room_id);
        m.mutable_join()->set_join_token(token);
        m.mutable_join()->set_display_name(claimed_name);
        return c.request(m);
    }

    std::string dir_;
};

TEST_F(EmbeddingTest, OnlyThePortalWithTheApiKeyCreatesRooms) {
    auto anyone = http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"Mine\"}",
                               {{"Content-Type", "application/json"}});
    EXPECT_EQ(anyone.status, 401);
    EXPECT_NE(anyone.body.find("API key"), std::string::npos) << anyone.body;
    auto wrong = http_request(server->port(), "POST", "/api/rooms", "{\"title\":\"Mine\"}",
                              {{"Content-Type", "application/json"}, {"Authorization", "Bearer portal-api-key-x"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(redis.command({"SCARD", "ts:rooms"}), "0");
    EXPECT_FALSE(create_room_as_portal().room_id().empty());
}

TEST_F(EmbeddingTest, PeopleComeInWithTheirTokensRoleAndNameOnceEach) {
    auto room = create_room_as_portal();
    auto mo = client();
    auto facilitator = join_with(*mo, room.room_id(), mint(room.room_id(), "moderator", "Mo Farah"), "Not Mo");
    ASSERT_TRUE(facilitator.has_welcome()) << facilitator.ShortDebugString();
    EXPECT_EQ(facilitator.welcome().role(), pb::MODERATOR);
    const auto& members = facilitator.welcome().room().members();
    ASSERT_EQ(members.size(), 1);
    EXPECT_EQ(members[0].display_name(), "Mo Farah") << "the name is the portal's, not the client's";

    auto bo_token = mint(room.room_id(), "participant", "Bo Diddley");
    auto bo = client();
    auto participant = join_with(*bo, room.room_id(), bo_token);
    ASSERT_TRUE(participant.has_welcome()) << participant.ShortDebugString();
    EXPECT_EQ(participant.welcome().role(), pb::PARTICIPANT);
    // A participant's token gives a participant's rights, whatever the client asks.
    pb::ClientMessage clear;
    clear.mutable_clear_queue();
    EXPECT_EQ(bo->request(clear).error().code(), pb::PERMISSION_DENIED);

    // The same token again (a forwarded link, a replay): refused, also after a restart.
    auto eve = client();
    auto replay = join_with(*eve, room.room_id(), bo_token);
    ASSERT_TRUE(replay.has_error());
    EXPECT_EQ(replay.error().code(), pb::CONFLICT);
    bo.reset();
    eve.reset();
    mo.reset();
    restart_server({"--jwt-secret-file", secret_file(), "--api-key-file", dir_ + "/api-key"});
    auto later = client();
    EXPECT_EQ(join_with(*later, room.room_id(), bo_token).error().code(), pb::CONFLICT);
    // Bo's own device comes back with its resume token, as anyone does.
    auto back = client()->join(room.room_id(), "", "", "", participant.welcome().resume_token());
    EXPECT_TRUE(back.has_welcome()) << back.ShortDebugString();
}

TEST_F(EmbeddingTest, WrongTokensAreRefusedWithAClearErrorAndChangeNothing) {
    auto room = create_room_as_portal();
    auto other = create_room_as_portal();
    const auto events_before = read_log(room.room_id()).size();
    auto c = client();
    auto check = [&](const std::string& token, pb::ErrorCode code, const std::string& words) {
        auto reply = join_with(*c, room.room_id(), token);
        ASSERT_TRUE(reply.has_error()) << reply.ShortDebugString();
        EXPECT_EQ(reply.error().code(), code);
        EXPECT_NE(reply.error().message().find(words), std::string::npos) << reply.error().message();
    };
    check(mint(other.room_id(), "moderator", "Mo"), pb::PERMISSION_DENIED, "another room");
    check(mint_raw(room.room_id(), -3600), pb::UNAUTHENTICATED, "expired");
    check(mint_raw(room.room_id(), 600, "some-other-secret-that-is-long-enough!!"), pb::UNAUTHENTICATED, "signature");
    // alg "none": a header and claims with no signature at all.
    auto unsigned_token = mint_raw(room.room_id(), 600);
    unsigned_token =
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0" +
        unsigned_token.substr(unsigned_token.find('.'), unsigned_token.rfind('.') - unsigned_token.find('.')) + ".";
    check(unsigned_token, pb::UNAUTHENTICATED, "not valid");
    check(mint(room.room_id(), "admin", "Mo"), pb::UNAUTHENTICATED, "role must be");
    EXPECT_EQ(read_log(room.room_id()).size(), events_before) << "nothing was recorded";
}

TEST_F(EmbeddingTest, AServerWithoutAJoinTokenKeySaysSo) {
    start_server();
    auto room = create_room();
    auto c = client();
    auto reply = join_with(*c, room.room_id(), mint(room.room_id(), "moderator", "Mo"));
    ASSERT_TRUE(reply.has_error());
    EXPECT_EQ(reply.error().code(), pb::UNAUTHENTICATED);
    EXPECT_NE(reply.error().message().find("does not take sign-in tokens"), std::string::npos);
}

TEST(EmbeddingReadme, ShowsTheScriptTheseTestsMintWith) {
    const auto readme = read_file(TS_README);
    std::istringstream script(read_file(TS_DOCS_DIR "/examples/mint_join_token.py"));
    int lines = 0;
    for (std::string line; std::getline(script, line); ++lines) {
        if (line.empty()) continue;
        EXPECT_NE(readme.find("   " + line + "\n"), std::string::npos) << line;
    }
    EXPECT_GE(lines, 5);
}

}  // namespace
}  // namespace ts::test
