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
    decision write_version(const std::string& text, const std::string& language, bool easy_read,
                           const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_set_briefing()->set_text(text);
        m.mutable_set_briefing()->set_language(language);
        m.mutable_set_briefing()->set_easy_read(easy_read);
        return test::run_part(part, m, who, view, seq);
    }
    std::vector<std::string> versions() {
        pb::RoomSnapshot snap;
        part.add_to(snap);
        std::vector<std::string> out;
        for (const auto& b : snap.briefing_texts())
            out.push_back(b.language() + (b.easy_read() ? "+easy " : " ") + std::to_string(b.version()) + " " +
                          b.text());
        return out;
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

TEST_F(BriefingPart, OtherLanguagesAndEasyReadAreVersionsOfTheBriefingAsItIsNow) {
    EXPECT_EQ(write_version("Cele", "pl", false, mod).error->code, pb::CONFLICT);  // nothing to translate yet
    ASSERT_FALSE(write("Aims", mod).error);
    EXPECT_EQ(write_version("Cele", "pl", false, ada).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(write_version("Cele", "ur", false, mod).error->code, pb::BAD_REQUEST);  // not a language we have
    EXPECT_EQ(write_version(std::string(101, 'a'), "pl", false, mod).error->code, pb::TOO_LARGE);
    auto polish = write_version("Cele", "pl", false, mod);
    ASSERT_FALSE(polish.error);
    EXPECT_EQ(polish.events[0].event.briefing_updated().version(), 1u);            // the version it translates
    ASSERT_FALSE(write_version("We will decide together.", "", true, mod).error);  // easy read, room's language
    ASSERT_FALSE(write_version("Razem zdecydujemy.", "pl", true, mod).error);
    EXPECT_EQ(write_version("Cele", "pl", false, mod).error->code, pb::CONFLICT);  // already says that
    EXPECT_EQ(versions(), (std::vector<std::string>{"+easy 1 We will decide together.", "pl 1 Cele",
                                                    "pl+easy 1 Razem zdecydujemy."}));
    // Versions do not count as edits of the briefing: nobody is asked to read it again.
    EXPECT_EQ(part.briefing().version(), 1u);
    EXPECT_EQ(part.briefing().text(), "Aims");

    // The briefing changes: the versions stay, written for version 1, until they are written again.
    ASSERT_FALSE(write("Aims, revised", mod).error);
    EXPECT_EQ(versions()[1], "pl 1 Cele");
    ASSERT_FALSE(write_version("Cele", "pl", false, mod).error);  // the same words, now for version 2
    EXPECT_EQ(versions()[1], "pl 2 Cele");

    // An empty text removes one version; removing the briefing removes them all.
    EXPECT_EQ(write_version("", "ar", false, mod).error->code, pb::NOT_FOUND);
    ASSERT_FALSE(write_version("", "pl", true, mod).error);
    EXPECT_EQ(versions().size(), 2u);
    ASSERT_FALSE(write("", mod).error);
    EXPECT_TRUE(versions().empty());
}

}  // namespace
}  // namespace ts::room
