// Names nobody can pass for someone else with: invisible code points refused, names compared
// by how they look (ICU's confusable skeletons), case ignored.
#include "room/person_name.hpp"

#include <gtest/gtest.h>

#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

TEST(PersonName, InvisibleCodePointsAreRefusedAndNamesAreStoredNormalised) {
    // Each found by testing: soft hyphen, grapheme joiner, Hangul fillers, Mongolian vowel
    // separator, halfwidth filler, a tag character, Arabic letter mark.
    for (const char* hidden : {"Ad\u00ADa", "Ad\u034Fa", "\u115FAda", "\u3164Ada", "Ad\u180Ea", "Ada\uFFA0",
                               "Ada\U000E0041", "Ad\u061Ca"}) {
        EXPECT_FALSE(room::normalize_person_name(hidden)) << hidden;
    }
    EXPECT_EQ(room::normalize_person_name("Zoe\u0308"), "Zo\u00EB") << "NFC";
    EXPECT_EQ(room::normalize_person_name("Siân Ní Bhriain"), "Siân Ní Bhriain");
    EXPECT_EQ(room::normalize_person_name("李小龍"), "李小龍");
}

TEST(PersonName, NamesThatLookAlikeShareALikeness) {
    const auto ada = room::name_likeness("Ada");
    EXPECT_EQ(room::name_likeness("ada"), ada);
    EXPECT_EQ(room::name_likeness("\u0410da"), ada) << "a Cyrillic A";
    EXPECT_EQ(room::name_likeness("Αda"), ada) << "a Greek Alpha";
    EXPECT_NE(room::name_likeness("Ada B"), ada);
    EXPECT_EQ(room::name_likeness("pau1"), room::name_likeness("paul")) << "digit one and letter l";
    EXPECT_NE(room::name_likeness("Bo"), ada);
}

class PersonNameInARoom : public room_fixture {};

TEST_F(PersonNameInARoom, ANameThatLooksLikeAPresentPersonsIsRefusedWithAClearMessage) {
    auto ada = join("Ada");
    pb::ClientMessage m;
    m.mutable_join()->set_display_name("\u0410DA");
    m.mutable_join()->set_join_code(code);
    auto out = r.apply(m, {++connections, "token-x"}, clock.now_ms());
    ASSERT_EQ(code_of(out), pb::CONFLICT);
    EXPECT_NE(out.error->message.find("tell you apart"), std::string::npos);
    m.mutable_join()->set_display_name("Ad\u00ADa");
    EXPECT_EQ(code_of(r.apply(m, {++connections, "token-y"}, clock.now_ms())), pb::BAD_REQUEST);
    // Someone in the physical room, added by a moderator, is checked the same way.
    auto mo = join("Mo", true);
    auto add = command([](auto& c) { c.mutable_add_in_room_participant()->set_display_name("ada"); });
    EXPECT_EQ(code_of(run(mo, add)), pb::CONFLICT);
    // Once Ada has gone, the name is free; with something to tell them apart, it always is.
    r.disconnect(ada, clock.now_ms());
    EXPECT_TRUE(run(mo, add).ok());
    EXPECT_TRUE(r.apply([] {
        pb::ClientMessage j;
        j.mutable_join()->set_display_name("Ada (Leeds)");
        j.mutable_join()->set_join_code(code);
        return j;
    }(), {++connections, "token-z"}, clock.now_ms()).ok());
}

}  // namespace
}  // namespace ts::test
