// Join tokens as an organisation's portal mints them (with libjwt, as a portal in C would),
// and every way one can be wrong.
#include "app/join_tokens.hpp"

#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <memory>

namespace ts::app {
namespace {

namespace pb = talkingstick::v1;

const std::string secret = "a-shared-secret-of-at-least-32-bytes!!";
constexpr std::int64_t now_ms = 1'800'000'000'000;
constexpr long now_s = now_ms / 1000;

struct claims {
    std::string room = "r1";
    std::string role = "participant";
    std::string name = "Ada Lovelace";
    std::string jti = "id-1";
    long exp = now_s + 300;
    long nbf = 0;
};

std::string mint(jwt_alg_t alg, const std::string& key, const claims& c) {
    jwt_t* raw = nullptr;
    jwt_new(&raw);
    std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, &jwt_free);
    if (!c.room.empty()) jwt_add_grant(raw, "room", c.room.c_str());
    if (!c.role.empty()) jwt_add_grant(raw, "role", c.role.c_str());
    if (!c.name.empty()) jwt_add_grant(raw, "name", c.name.c_str());
    if (!c.jti.empty()) jwt_add_grant(raw, "jti", c.jti.c_str());
    if (c.exp) jwt_add_grant_int(raw, "exp", c.exp);
    if (c.nbf) jwt_add_grant_int(raw, "nbf", c.nbf);
    jwt_set_alg(raw, alg, alg == JWT_ALG_NONE ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
                alg == JWT_ALG_NONE ? 0 : static_cast<int>(key.size()));
    char* out = jwt_encode_str(raw);
    std::string token = out ? out : "";
    free(out);
    EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2) << "minted: " << token;
    return token;
}

// An RSA key pair in PEM: private, public.
std::pair<std::string, std::string> rsa_pair() {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    auto pem = [](auto write) {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
        write(bio.get());
        char* data = nullptr;
        long n = BIO_get_mem_data(bio.get(), &data);
        return std::string(data, static_cast<std::size_t>(n));
    };
    return {pem([&](BIO* b) { PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); }),
            pem([&](BIO* b) { PEM_write_bio_PUBKEY(b, key.get()); })};
}

TEST(JoinTokens, AGoodTokenGivesItsRoleNameAndIdUntilItsExpiry) {
    join_tokens tokens(join_tokens::algorithm::hs256, secret);
    claims c;
    c.role = "moderator";
    auto checked = tokens.check(mint(JWT_ALG_HS256, secret, c), "r1", now_ms);
    ASSERT_TRUE(checked.grant) << checked.error->message;
    EXPECT_EQ(checked.grant->role, pb::MODERATOR);
    EXPECT_EQ(checked.grant->display_name, "Ada Lovelace");
    EXPECT_EQ(checked.grant->token_id, "id-1");
    EXPECT_EQ(checked.grant->expires_ms, c.exp * 1000 + join_tokens::leeway_ms);
    c.role = "observer";
    EXPECT_EQ(tokens.check(mint(JWT_ALG_HS256, secret, c), "r1", now_ms).grant->role, pb::OBSERVER);
}

TEST(JoinTokens, EveryWayATokenCanBeWrongIsRefusedWithItsReason) {
    join_tokens tokens(join_tokens::algorithm::hs256, secret);
    auto why = [&](const std::string& token, const std::string& room = "r1") {
        auto checked = tokens.check(token, room, now_ms);
        EXPECT_FALSE(checked.grant);
        return checked.error ? checked.error->message : std::string("(accepted)");
    };
    auto code = [&](const std::string& token, const std::string& room = "r1") {
        auto checked = tokens.check(token, room, now_ms);
        return checked.error ? checked.error->code : pb::ERROR_CODE_UNSPECIFIED;
    };
    claims good;
    EXPECT_NE(why(mint(JWT_ALG_HS256, "another-secret-of-at-least-32-bytes!!", good)).find("signature"),
              std::string::npos);
    EXPECT_NE(why(mint(JWT_ALG_NONE, "", good)).find("not valid"), std::string::npos) << "alg none";
    EXPECT_EQ(code(mint(JWT_ALG_NONE, "", good)), pb::UNAUTHENTICATED);
    EXPECT_NE(why("not.a.token").find("not valid"), std::string::npos);
    EXPECT_NE(why(std::string(join_tokens::max_token_bytes + 1, 'a')).find("too long"), std::string::npos);
    EXPECT_NE(why(mint(JWT_ALG_HS512, secret, good)).find("must be signed with HS256"), std::string::npos);

    auto expired = good;
    expired.exp = now_s - 120;
    EXPECT_NE(why(mint(JWT_ALG_HS256, secret, expired)).find("expired"), std::string::npos);
    auto skewed = good;
    skewed.exp = now_s - 30;  // within the leeway: a portal whose clock is a little behind
    EXPECT_TRUE(tokens.check(mint(JWT_ALG_HS256, secret, skewed), "r1", now_ms).grant);
    auto early = good;
    early.nbf = now_s + 600;
    EXPECT_NE(why(mint(JWT_ALG_HS256, secret, early)).find("not valid yet"), std::string::npos);
    auto endless = good;
    endless.exp = 0;
    EXPECT_NE(why(mint(JWT_ALG_HS256, secret, endless)).find("no expiry"), std::string::npos);

    EXPECT_EQ(code(mint(JWT_ALG_HS256, secret, good), "r2"), pb::PERMISSION_DENIED);
    EXPECT_NE(why(mint(JWT_ALG_HS256, secret, good), "r2").find("another room"), std::string::npos);
    for (auto missing : {&claims::room, &claims::name, &claims::jti}) {
        auto c = good;
        c.*missing = "";
        EXPECT_NE(why(mint(JWT_ALG_HS256, secret, c)).find("must name"), std::string::npos);
    }
    auto admin = good;
    admin.role = "admin";
    EXPECT_NE(why(mint(JWT_ALG_HS256, secret, admin)).find("role must be"), std::string::npos);
}

TEST(JoinTokens, Rs256WithThePortalsPublicKeyAndNoAlgorithmConfusion) {
    auto [private_pem, public_pem] = rsa_pair();
    join_tokens tokens(join_tokens::algorithm::rs256, public_pem);
    claims c;
    auto checked = tokens.check(mint(JWT_ALG_RS256, private_pem, c), "r1", now_ms);
    ASSERT_TRUE(checked.grant) << checked.error->message;
    EXPECT_EQ(checked.grant->role, pb::PARTICIPANT);
    // Someone who has only the public key signs with it as an HMAC secret: refused.
    auto forged = tokens.check(mint(JWT_ALG_HS256, public_pem, c), "r1", now_ms);
    EXPECT_FALSE(forged.grant);
    // Another portal's key: refused.
    auto [other_private, other_public] = rsa_pair();
    EXPECT_FALSE(tokens.check(mint(JWT_ALG_RS256, other_private, c), "r1", now_ms).grant);
}

TEST(JoinTokens, AKeyThatCannotWorkStopsTheStart) {
    EXPECT_THROW(join_tokens(join_tokens::algorithm::hs256, "short"), std::invalid_argument);
    EXPECT_THROW(join_tokens(join_tokens::algorithm::rs256, "not a key"), std::invalid_argument);
    EXPECT_THROW(join_tokens(join_tokens::algorithm::rs256, secret), std::invalid_argument);
}

}  // namespace
}  // namespace ts::app
