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
    for (const char* hidden :
         {"Ad\u00ADa", "Ad\u034Fa", "\u115FAda", "\u3164Ada", "Ad\u180Ea", "Ada\uFFA0", "Ada\U000E0041", "Ad\u061Ca"}) {
        EXPECT_FALSE(room::normalize_person_name(hidden)) << hidden;
    }
    EXPECT_EQ(room::normalize_person_name("Zoe\u0308"), "Zo\u00EB") << "NFC";
    EXPECT_EQ(room::normalize_person_name("Siân Ní Bhriain"), "Siân Ní Bhriain");
    EXPECT_EQ(room::normalize_person_name("李小龍"), "李小龍");
}

TEST(PersonName, NamesThatLookAlikeAreFoundAlike) {
    EXPECT_TRUE(room::names_look_alike("ada", "Ada"));
    EXPECT_TRUE(room::names_look_alike("\u0410da", "Ada")) << "a Cyrillic A";
    EXPECT_TRUE(room::names_look_alike("Αda", "Ada")) << "a Greek Alpha";
    EXPECT_FALSE(room::names_look_alike("Ada B", "Ada"));
    EXPECT_TRUE(room::names_look_alike("pau1", "paul")) << "digit one and letter l";
    EXPECT_FALSE(room::names_look_alike("Bo", "Ada"));
}

// Folding case first loses these: the lowercase of a Greek Eta or a Cyrillic En has another
// skeleton than h. Both orders, and the lowercase forms, are caught.
TEST(PersonName, ACapitalFromAnotherScriptIsCaughtWhicheverCaseEitherNameIsIn) {
    const std::string haddad = "Amira Haddad";
    for (const char* lookalike : {"Amira \u0397addad", "Amira \u041Daddad",  // capital Eta, capital En
                                  "Amira \u03B7addad", "Amira \u043Daddad",  // their lowercase forms
                                  "AMIRA \u0397ADDAD", "amira \u043Daddad"}) {
        EXPECT_TRUE(room::names_look_alike(lookalike, haddad)) << lookalike;
        EXPECT_TRUE(room::names_look_alike(haddad, lookalike)) << lookalike;
        EXPECT_TRUE(room::names_look_alike(lookalike, "amira haddad")) << lookalike;
    }
    EXPECT_FALSE(room::names_look_alike("Amira Haddad", "Amina Haddad"));
    EXPECT_FALSE(room::names_look_alike("Amira Haddad", "Amira Hadid"));
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
    // A capital from another script, in either case, is refused too.
    join("Amira Haddad");
    for (const char* lookalike : {"Amira \u0397addad", "Amira \u041Daddad", "Amira \u03B7addad", "amira \u043Daddad"}) {
        m.mutable_join()->set_display_name(lookalike);
        EXPECT_EQ(code_of(r.apply(m, {++connections, "token-h"}, clock.now_ms())), pb::CONFLICT) << lookalike;
    }
    // Someone in the physical room, added by a moderator, is checked the same way.
    auto mo = join("Mo", true);
    auto add = command([](auto& c) { c.mutable_add_in_room_participant()->set_display_name("ada"); });
    EXPECT_EQ(code_of(run(mo, add)), pb::CONFLICT);
    // Once Ada has gone, the name is free; with something to tell them apart, it always is.
    r.disconnect(ada, clock.now_ms());
    EXPECT_TRUE(run(mo, add).ok());
    EXPECT_TRUE(r.apply(
                     [] {
                         pb::ClientMessage j;
                         j.mutable_join()->set_display_name("Ada (Leeds)");
                         j.mutable_join()->set_join_code(code);
                         return j;
                     }(),
                     {++connections, "token-z"}, clock.now_ms())
                    .ok());
}

}  // namespace
}  // namespace ts::test
