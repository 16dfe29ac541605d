#pragma once
// Golden room logs for the replay-equivalence test: one stored entry per line, with what
// the room looked like after folding it when the file was recorded:
//   EVENT_HEX PRIVATE_HEX SNAPSHOT_SHA256_HEX NEXT_DEADLINE
// ("-" for empty bytes or no deadline). Recorded once from the code before a refactor;
// the refactored room must give the same snapshot and deadline after every entry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "room/room.hpp"

namespace ts::test {

struct golden_entry {
    room::logged_event logged;
    std::string snapshot_sha256;  // hex
    std::optional<std::int64_t> next_deadline;
};

std::string to_hex(const std::string& bytes);
std::string from_hex(const std::string& hex);

// What the room looks like now, as recorded in a golden line.
std::string snapshot_digest(const room::room& r);

// Reads a golden file; throws std::runtime_error on a malformed line.
std::vector<golden_entry> read_golden(const std::string& path);

}  // namespace ts::test
