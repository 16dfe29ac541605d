#include "app/random_token.hpp"

#include <sys/random.h>

#include <stdexcept>
#include <vector>

namespace ts::app {
namespace {

std::vector<unsigned char> random_bytes(std::size_t n) {
    std::vector<unsigned char> out(n);
    std::size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(out.data() + got, n - got, 0);
        if (r < 0) throw std::runtime_error("the kernel's random source failed");
        got += static_cast<std::size_t>(r);
    }
    return out;
}

}  // namespace

std::string random_token(std::size_t bytes) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    auto raw = random_bytes(bytes);
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= raw.size(); i += 3) {
        unsigned v = (raw[i] << 16) | (raw[i + 1] << 8) | raw[i + 2];
        for (int k = 18; k >= 0; k -= 6) out += alphabet[(v >> k) & 63];
    }
    if (raw.size() - i == 1) {
        unsigned v = raw[i] << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
    } else if (raw.size() - i == 2) {
        unsigned v = (raw[i] << 16) | (raw[i + 1] << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

std::string random_room_id(std::size_t length) {
    static const char* alphabet = "abcdefghijkmnpqrstuvwxyz23456789";  // 32 symbols
    auto raw = random_bytes(length);
    std::string out;
    for (auto b : raw) out += alphabet[b & 31];
    return out;
}

}  // namespace ts::app
