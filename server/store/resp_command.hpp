#pragma once
// Encodes a Redis command in RESP (an array of bulk strings), appended to out. Many
// commands encoded into one buffer go to Redis in one write, copied once.
#include <charconv>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace ts::store {

inline void append_resp_command(std::string& out, std::span<const std::string_view> args) {
    char digits[24];
    auto header = [&](char kind, std::size_t n) {
        out += kind;
        auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        out.append(digits, end);
        out += "\r\n";
    };
    header('*', args.size());
    for (auto a : args) {
        header('$', a.size());
        out += a;
        out += "\r\n";
    }
}

inline void append_resp_command(std::string& out, std::initializer_list<std::string_view> args) {
    append_resp_command(out, std::span<const std::string_view>(args.begin(), args.size()));
}

}  // namespace ts::store
