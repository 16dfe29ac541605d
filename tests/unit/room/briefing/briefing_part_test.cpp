// The briefing part on its own: moderators write it, each edit is a version, limits hold.
#include "room/briefing/briefing_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

class BriefingPart : public ::testing::Test, protected test::three_people {
protected:
    decision write(const std::string& text, const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_set_briefing()->set_text(text);
        return test::run_part(part, m, who, view, seq);
    }

    room_limits limits = [] {
        room_limits l;
        l.max_briefing_chars = 100;
        return l;
    }();
    briefing_part part{limits};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(BriefingPart, ModeratorsWriteItAndEachEditIsANewVersion) {
    pb::RoomSnapshot empty;
    part.add_to(empty);
    EXPECT_FALSE(empty.has_briefing());
    EXPECT_EQ(write("# Aims", ada).error->code, pb::PERMISSION_DENIED);
    auto first = write("# Aims\n\n- Decide the spring review  ", mod);
    ASSERT_FALSE(first.error);
    EXPECT_EQ(first.events[0].event.briefing_updated().version(), 1u);
    EXPECT_EQ(part.briefing().text(), "# Aims\n\n- Decide the spring review");  // ends trimmed, lines kept
    EXPECT_EQ(write("# Aims\n\n- Decide the spring review", mod).error->code, pb::CONFLICT);  // unchanged
    auto second = write("# Aims\n\n- Decide the spring review\n- *Together*", mod);
    ASSERT_FALSE(second.error);
    EXPECT_EQ(part.briefing().version(), 2u);
    EXPECT_EQ(part.briefing().by_member_id(), "m1");
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.briefing().version(), 2u);
}

TEST_F(BriefingPart, TooLongIsRefusedAndEmptyRemovesIt) {
    EXPECT_EQ(write(std::string(101, 'a'), mod).error->code, pb::TOO_LARGE);
    ASSERT_FALSE(write("Short", mod).error);
    auto removed = write("", mod);
    ASSERT_FALSE(removed.error);
    EXPECT_EQ(part.briefing().version(), 2u);
    EXPECT_EQ(part.briefing().text(), "");
}

TEST_F(BriefingPart, PeopleSayTheyReadAVersionAndAnEditAsksThemAgain) {
    ASSERT_FALSE(write("Version one", mod).error);
    auto read = [&](const pb::Member& who, std::uint32_t version) {
        pb::ClientMessage m;
        m.mutable_confirm_briefing_read()->set_version(version);
        return test::run_part(part, m, who, view, seq);
    };
    EXPECT_EQ(read(ada, 2).error->code, pb::BAD_REQUEST);  // no such version yet
    auto done = read(ada, 1);
    ASSERT_FALSE(done.error);
    ASSERT_EQ(done.events[0].event.private_to_size(), 1);
    EXPECT_EQ(done.events[0].event.private_to(0), "m2");
    EXPECT_EQ(read(ada, 1).error->code, pb::CONFLICT);
    EXPECT_EQ(part.read_latest({"m1", "m2", "m3"}), std::vector<std::string>{"m2"});
    ASSERT_FALSE(write("Version two", mod).error);
    EXPECT_TRUE(part.read_latest({"m1", "m2", "m3"}).empty());  // everyone is asked again
    ASSERT_FALSE(read(bo, 2).error);
    EXPECT_EQ(part.read_latest({"m1", "m2", "m3"}), std::vector<std::string>{"m3"});
}

}  // namespace
}  // namespace ts::room
