#pragma once
// Reads a fuzzer's bytes as a script of steps: each step is an operation byte, a two-byte
// length and that many bytes (fewer at the end of the input). Shared by the fuzz targets so
// that a seed written for one reads the same way everywhere.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ts::fuzz {

struct step {
    std::uint8_t op = 0;
    std::string_view bytes;
};

class fuzz_input {
public:
    fuzz_input(const std::uint8_t* data, std::size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

    // The next step, or nothing once the input is used up.
    std::optional<step> next() {
        if (rest_.size() < 3) return std::nullopt;
        step s;
        s.op = static_cast<std::uint8_t>(rest_[0]);
        std::size_t length = static_cast<std::uint8_t>(rest_[1]) | (static_cast<std::uint8_t>(rest_[2]) << 8);
        rest_.remove_prefix(3);
        if (length > rest_.size()) length = rest_.size();
        s.bytes = rest_.substr(0, length);
        rest_.remove_prefix(length);
        return s;
    }

private:
    std::string_view rest_;
};

}  // namespace ts::fuzz
