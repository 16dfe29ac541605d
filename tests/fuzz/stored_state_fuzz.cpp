// Fuzz target: bytes read as a room's stored state (the snapshot the server keeps beside the
// log), as a damaged Redis could hand them over. What must hold for any input:
//  - restore() never crashes, never throws, and never allocates more than the bytes that are
//    there (libFuzzer's -malloc_limit_mb and the sanitizers catch it if it does);
//  - a state it accepts saves again to bytes that restore to the same bytes.
// Seeds (corpus/stored_state): a meeting's saved state (three people, a post, a raised hand),
// its first half, and the same state with the room id's length set to 256 MiB. They are room
// r1 of the unit tests, which check that they are in today's format (StoredStateMeeting.
// TheFuzzerSeedsAreInThisFormat; TS_UPDATE_GOLDEN=1 writes them again).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "room/room.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    auto restored = ts::room::room::restore("r1", bytes);
    if (!restored) return 0;
    const auto saved = restored->save_state();
    auto again = ts::room::room::restore("r1", saved);
    if (!again || again->save_state() != saved) {
        std::fprintf(stderr, "stored_state_fuzz: a state it accepted does not round-trip\n");
        std::abort();
    }
    return 0;
}
