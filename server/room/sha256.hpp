#pragma once
// SHA-256 (FIPS 180-4), by OpenSSL's libcrypto. Capabilities (moderator keys, join codes,
// resume tokens) are kept only as their hashes, so a leaked log or snapshot does not let
// anyone in.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ts::room {

// The 32-byte digest of data.
std::array<std::uint8_t, 32> sha256(std::string_view data);

// The digest as a 32-byte string, the form stored in EventPrivate.
std::string sha256_bytes(std::string_view data);

}  // namespace ts::room
