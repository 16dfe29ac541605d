// The minutes' catalogues as the server compiled them in: every language, every key, each
// language's plural forms, dates and digits, and names isolated where direction matters.
#include "transcript/message_catalogue.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "room/languages.hpp"

namespace ts::transcript {
namespace {

TEST(MessageCatalogue, EveryLanguageIsCompiledInAndAnUnknownOneIsNot) {
    EXPECT_EQ(message_catalogue::codes(), (std::vector<std::string>{"ar", "en", "pl"}));
    EXPECT_EQ(message_catalogue::find("xx"), nullptr);
    EXPECT_EQ(message_catalogue::english().code(), "en");
    EXPECT_TRUE(message_catalogue::find("ar")->right_to_left());
    EXPECT_FALSE(message_catalogue::find("pl")->right_to_left());
}

// Lists as each language makes them; names isolated in a right-to-left one.
TEST(MessageCatalogue, EachLanguageListsItsOwnWay) {
    using kind = message_catalogue::list_kind;
    const std::vector<std::string> names = {"Ada", "Bo", "Cy"};
    EXPECT_EQ(message_catalogue::english().list(names, kind::and_list), "Ada, Bo and Cy");
    EXPECT_EQ(message_catalogue::find("pl")->list(names, kind::and_list), "Ada, Bo i Cy");
    EXPECT_EQ(message_catalogue::find("ar")->list(names, kind::and_list),
              "\u2068Ada\u2069 و\u2068Bo\u2069 و\u2068Cy\u2069");
    const std::vector<std::string> counts = {"Transport 3", "Meals 1", "Rent 2"};
    EXPECT_EQ(message_catalogue::english().list(counts, kind::units), "Transport 3, Meals 1, Rent 2");
    EXPECT_EQ(message_catalogue::find("ar")->list({"نقل 3", "وجبات 1", "إيجار 2"}, kind::units),
              "نقل 3، ووجبات 1، وإيجار 2");  // the comma Arabic writes, "،"
}

// Moderators may write their texts in the languages people can read the room in: the same
// list as the minutes' catalogues (and the interface's, which the build checks against these).
TEST(MessageCatalogue, TheRoomTakesTextsInTheLanguagesTheMinutesAreWrittenIn) {
    std::vector<std::string> room_languages(room::interface_languages().begin(), room::interface_languages().end());
    std::sort(room_languages.begin(), room_languages.end());
    EXPECT_EQ(room_languages, message_catalogue::codes());
}

TEST(MessageCatalogue, EachLanguageCountsWithItsOwnPluralForms) {
    const auto& en = message_catalogue::english();
    EXPECT_EQ(en.text("follow_up_answered", {{"n", 1}}), "1 person answered after the meeting.");
    EXPECT_EQ(en.text("follow_up_answered", {{"n", 1200}}), "1,200 people answered after the meeting.");
    const auto& pl = *message_catalogue::find("pl");
    auto people = [&](std::int64_t n) { return pl.text("people_count", {{"n", n}, {"in_room", 0}}); };
    EXPECT_EQ(people(1), "1 osoba, w tym 0 na sali bez urządzenia.");
    EXPECT_EQ(people(3), "3 osoby, w tym 0 na sali bez urządzenia.");
    EXPECT_EQ(people(5), "5 osób, w tym 0 na sali bez urządzenia.");
    EXPECT_EQ(people(22), "22 osoby, w tym 0 na sali bez urządzenia.");
    const auto& ar = *message_catalogue::find("ar");
    EXPECT_EQ(ar.text("runoff", {{"rounds", 2}}), "احتُسب بالجولات المتتالية في جولتين.");
    EXPECT_EQ(ar.text("runoff", {{"rounds", 3}}), "احتُسب بالجولات المتتالية في 3 جولات.") << "Latin digits";
}

TEST(MessageCatalogue, DatesAreWrittenAsEachLanguageWritesThem) {
    constexpr std::int64_t thursday = 1'795'683'600'000;  // 26 November 2026, 09:00 UTC
    EXPECT_EQ(message_catalogue::english().full_date(thursday), "Thursday, 26 November 2026");
    EXPECT_EQ(message_catalogue::find("pl")->full_date(thursday), "czwartek, 26 listopada 2026");
    EXPECT_EQ(message_catalogue::english().date_words("2027-04-30"), "30 April 2027");
    EXPECT_EQ(message_catalogue::find("pl")->date_words("2027-04-30"), "30 kwietnia 2027");
    EXPECT_EQ(message_catalogue::english().date_words("soon"), "soon") << "not a date: as it was given";
}

TEST(MessageCatalogue, NamesAreIsolatedWhereTheirDirectionCanMatter) {
    const auto& en = message_catalogue::english();
    EXPECT_EQ(en.text("closed_by", {{"who", "Ada"}}), "Closed by Ada.") << "left as typed where it cannot matter";
    EXPECT_EQ(en.text("closed_by", {{"who", "سلمى"}}), "Closed by \u2068سلمى\u2069.");
    EXPECT_EQ(message_catalogue::find("ar")->text("closed_by", {{"who", "Ada"}}), "أغلقه \u2068Ada\u2069.");
}

TEST(MessageCatalogue, AKeyALanguageLacksIsSaidInEnglish) {
    const message_catalogue partial("pl", {});
    EXPECT_EQ(partial.text("no_answers"), "no answers");
    EXPECT_EQ(message_catalogue::english().text("no_such_key"), "no_such_key");
}

}  // namespace
}  // namespace ts::transcript
