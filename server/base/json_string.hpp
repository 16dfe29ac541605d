#pragma once
// A JSON string literal for text that may hold anything (a problem message from Redis, a
// room's id): quotes, backslashes and control characters escaped; other bytes as they are.
#include <cstdio>
#include <string>
#include <string_view>

namespace ts {

inline std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

}  // namespace ts
