// Replaying the golden logs (recorded from the integration meetings before the room was
// split into parts) gives, after every entry, the same snapshot and the same next deadline
// as the code that recorded them.
#include <gtest/gtest.h>

#include <filesystem>

#include "unit/room/golden_log.hpp"

namespace ts::test {
namespace {

TEST(ReplayEquivalence, EveryGoldenLogRebuildsTheSameRoomAfterEveryEntry) {
    std::size_t files = 0, entries = 0;
    for (const auto& file : std::filesystem::directory_iterator(TS_GOLDEN_DIR)) {
        if (file.path().extension() != ".golden") continue;
        ++files;
        SCOPED_TRACE(file.path().filename().string());
        room::room r("golden");
        for (const auto& entry : read_golden(file.path().string())) {
            ++entries;
            auto error = r.replay(entry.logged);
            ASSERT_FALSE(error) << error->message;
            ASSERT_EQ(snapshot_digest(r), entry.snapshot_sha256) << "after entry " << entry.logged.event.seq();
            ASSERT_EQ(r.next_deadline(), entry.next_deadline) << "after entry " << entry.logged.event.seq();
        }
    }
    // The recordings cover turns, fairness, pacing, consent and a restart.
    EXPECT_GE(files, 6u);
    EXPECT_GE(entries, 200u);
}

}  // namespace
}  // namespace ts::test
