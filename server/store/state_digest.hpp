#pragma once
// The digest stored beside a snapshot's pieces, so that a snapshot damaged at rest is found
// whole before a byte of it is parsed. SHA-256 through OpenSSL (libcrypto): it finds damage;
// it does not authenticate (whoever can write Redis can write the log too).
#include <string>
#include <string_view>

namespace ts::store {

// The SHA-256 of bytes, as 64 lower-case hex digits.
std::string state_digest(std::string_view bytes);

}  // namespace ts::store
