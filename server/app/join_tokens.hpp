#pragma once
// Join tokens from an organisation's portal: JWTs it signs (HS256 with a shared secret, or
// RS256 with its private key, checked here with the public key) that send one person into
// one room with a role and a name. Signatures are libjwt's; this checks what a token must
// say and when it is valid. Whether its id was used already is the room's to know.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "room/room.hpp"
#include "room/room_error.hpp"

namespace ts::app {

class join_tokens {
public:
    enum class algorithm { hs256, rs256 };

    // key: the shared secret (HS256, at least 32 bytes) or the PEM public key (RS256). Throws
    // std::invalid_argument saying what is wrong with it.
    join_tokens(algorithm alg, std::string key);

    struct checked {
        std::optional<room::verified_join> grant;  // set when the token holds
        std::optional<room::room_error> error;     // else why not, for the person to read
    };
    // Checks token's signature, its algorithm, that it is for room_id, and that now_ms is
    // within its time (a minute's leeway either side, for clocks that differ).
    checked check(std::string_view token, const std::string& room_id, std::int64_t now_ms) const;

    static constexpr std::int64_t leeway_ms = 60'000;
    static constexpr std::size_t max_token_bytes = 8192;

private:
    algorithm alg_;
    std::string key_;
};

}  // namespace ts::app
