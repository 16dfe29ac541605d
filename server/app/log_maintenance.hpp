#pragma once
// The operators' tools for the record (talkingstick --verify, --repair ROOM). They talk
// to Redis directly and print a report for a person; they never serve.
#include <cstdio>

#include "app/config.hpp"

namespace ts::app {

// Checks every room's log: sequence continuity, that each entry decodes, that the room's
// rules accept the whole log, and that replaying it twice gives the same snapshot.
// Returns 0 when every room is sound, 3 when any is damaged, 1 when Redis cannot be read.
int verify_logs(const config& cfg, std::FILE* out);

// Continues a damaged room after the damage: the readable part is kept, a RecordRepaired
// event follows it, and the damaged log is kept aside under its own key. Needs the room's
// moderator key as a moderator's consent. Returns 0 when repaired (or nothing to repair).
int repair_log(const config& cfg, std::FILE* out);

}  // namespace ts::app
