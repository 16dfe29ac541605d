#include "room/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace ts::room {

std::array<std::uint8_t, 32> sha256(std::string_view data) {
    std::array<std::uint8_t, 32> digest{};
    unsigned int size = 0;
    // OpenSSL's libcrypto, which TLS brings anyway: a maintained, tested implementation. It
    // fails only when it cannot allocate, which the rest of the server treats as fatal too.
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != digest.size())
        throw std::runtime_error("SHA-256 could not be computed");
    return digest;
}

std::string sha256_bytes(std::string_view data) {
    auto digest = sha256(data);
    return std::string(digest.begin(), digest.end());
}

}  // namespace ts::room
