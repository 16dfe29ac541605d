#include "app/join_tokens.hpp"

#include <jwt.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

namespace ts::app {
namespace pb = talkingstick::v1;

namespace {

struct jwt_free_fn {
    void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using jwt_ptr = std::unique_ptr<jwt_t, jwt_free_fn>;

room::room_error refused(std::string message) { return room::room_error{pb::UNAUTHENTICATED, std::move(message)}; }

// A claim that must be a string; empty when it is not there or not a string.
std::string text_claim(jwt_t* jwt, const char* name) {
    const char* value = jwt_get_grant(jwt, name);
    return value ? value : "";
}

// A time claim (seconds since 1970) in ms; nullopt when it is not there as a number.
std::optional<std::int64_t> time_claim(jwt_t* jwt, const char* name) {
    errno = 0;
    long seconds = jwt_get_grant_int(jwt, name);
    if (errno == ENOENT) return std::nullopt;
    return static_cast<std::int64_t>(seconds) * 1000;
}

}  // namespace

join_tokens::join_tokens(algorithm alg, std::string key) : alg_(alg), key_(std::move(key)) {
    if (alg_ == algorithm::hs256) {
        if (key_.size() < 32)
            throw std::invalid_argument("the join-token secret is too short: use at least 32 random bytes");
        return;
    }
    // Read it once now, so that a key that is not a public key stops the start, not a join.
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(key_.data(), static_cast<int>(key_.size())),
                                                  &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
        bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!pkey || EVP_PKEY_base_id(pkey.get()) != EVP_PKEY_RSA)
        throw std::invalid_argument("the join-token public key is not an RSA public key in PEM");
}

join_tokens::checked join_tokens::check(std::string_view token, const std::string& room_id, std::int64_t now_ms) const {
    checked out;
    if (token.size() > max_token_bytes) {
        out.error = refused("the sign-in token is too long");
        return out;
    }
    const std::string nul_terminated(token);
    jwt_t* raw = nullptr;
    // libjwt checks the signature by the algorithm the token names; the one this server takes is
    // checked just after, so that no token signed another way (or not at all) gets through.
    int failed = jwt_decode(&raw, nul_terminated.c_str(), reinterpret_cast<const unsigned char*>(key_.data()),
                            static_cast<int>(key_.size()));
    jwt_ptr jwt(raw);
    if (failed || !jwt) {
        out.error = refused("the sign-in token is not valid: its signature does not check out, or it is not a token");
        return out;
    }
    const jwt_alg_t expected = alg_ == algorithm::hs256 ? JWT_ALG_HS256 : JWT_ALG_RS256;
    if (jwt_get_alg(jwt.get()) != expected) {
        out.error = refused(std::string("the sign-in token must be signed with ") + jwt_alg_str(expected));
        return out;
    }
    const auto expires = time_claim(jwt.get(), "exp");
    if (!expires) {
        out.error = refused("the sign-in token has no expiry (exp)");
        return out;
    }
    if (*expires + leeway_ms < now_ms) {
        out.error = refused("the sign-in token has expired: open the meeting again from where you found the link");
        return out;
    }
    if (auto not_before = time_claim(jwt.get(), "nbf"); not_before && *not_before - leeway_ms > now_ms) {
        out.error = refused("the sign-in token is not valid yet");
        return out;
    }
    room::verified_join grant;
    grant.token_id = text_claim(jwt.get(), "jti");
    grant.display_name = text_claim(jwt.get(), "name");
    grant.pronouns = text_claim(jwt.get(), "pronouns");
    grant.expires_ms = *expires + leeway_ms;
    const auto room = text_claim(jwt.get(), "room");
    const auto role = text_claim(jwt.get(), "role");
    if (grant.token_id.empty() || grant.display_name.empty() || room.empty()) {
        out.error = refused("the sign-in token must name the room (room), the person (name) and itself (jti)");
        return out;
    }
    if (room != room_id) {
        out.error = room::room_error{pb::PERMISSION_DENIED, "this sign-in token is for another room"};
        return out;
    }
    if (role == "moderator")
        grant.role = pb::MODERATOR;
    else if (role == "participant")
        grant.role = pb::PARTICIPANT;
    else if (role == "observer")
        grant.role = pb::OBSERVER;
    else {
        out.error = refused("the sign-in token's role must be moderator, participant or observer");
        return out;
    }
    out.grant = std::move(grant);
    return out;
}

}  // namespace ts::app
