// What each kind of person sees at the end of every golden log, as the server's room says it:
// the events they receive whole (the others arrive as their number only) and the room's
// snapshot. Written beside each log as NAME.view.json (TS_UPDATE_GOLDEN=1 writes them again);
// the browser's unit tests (client-web/test/room_model.test.ts) replay each log as each of
// these people receives it through RoomModel and compare what it holds with the snapshot.
#include <gtest/gtest.h>
#include <google/protobuf/util/json_util.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "unit/room/golden_log.hpp"

namespace ts::test {
namespace {

namespace pb = talkingstick::v1;

// The people whose view is kept: the first moderator, participant and observer who joined.
std::vector<std::string> viewers(const pb::RoomSnapshot& snapshot) {
    std::vector<std::string> ids;
    for (auto role : {pb::MODERATOR, pb::PARTICIPANT, pb::OBSERVER})
        for (const auto& m : snapshot.members())
            if (m.role() == role && !m.in_room() && !m.room_screen()) {
                ids.push_back(m.member_id());
                break;
            }
    return ids;
}

std::string views_of(const std::vector<golden_entry>& log) {
    room::room r("golden");
    for (const auto& entry : log) EXPECT_FALSE(r.replay(entry.logged));
    const auto now = log.empty() ? 0 : log.back().logged.event.at_ms();
    const auto snapshot = r.snapshot(now);
    std::ostringstream out;
    out << "{\"viewers\":[";
    bool first_viewer = true;
    for (const auto& id : viewers(snapshot)) {
        out << (first_viewer ? "" : ",") << "\n{\"memberId\":\"" << id << "\",\"seen\":[";
        first_viewer = false;
        bool first = true;
        for (const auto& entry : log)
            if (r.may_see(entry.logged.event, id)) {
                out << (first ? "" : ",") << entry.logged.event.seq();
                first = false;
            }
        out << "]}";
    }
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = false;
    (void)google::protobuf::util::MessageToJsonString(snapshot, &json, options);
    out << "],\n\"snapshot\":" << json << "}\n";
    return out.str();
}

TEST(GoldenViews, EachGoldenLogSaysWhatEachKindOfPersonSeesAtItsEnd) {
    const bool update = std::getenv("TS_UPDATE_GOLDEN") != nullptr;
    std::size_t files = 0;
    for (const auto& file : std::filesystem::directory_iterator(TS_GOLDEN_DIR)) {
        if (file.path().extension() != ".golden") continue;
        ++files;
        SCOPED_TRACE(file.path().filename().string());
        const auto expected = views_of(read_golden(file.path().string()));
        auto view_path = file.path();
        view_path.replace_extension(".view.json");
        if (update) std::ofstream(view_path) << expected;
        std::ifstream in(view_path);
        ASSERT_TRUE(in) << view_path << " is missing: TS_UPDATE_GOLDEN=1 writes it";
        std::stringstream stored;
        stored << in.rdbuf();
        EXPECT_EQ(stored.str(), expected) << view_path << " differs from what the room says now";
    }
    EXPECT_GE(files, 6u);
}

}  // namespace
}  // namespace ts::test
