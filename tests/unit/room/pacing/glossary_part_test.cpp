// The glossary part on its own.
#include "room/pacing/glossary_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class GlossaryPartTest : public ::testing::Test {
protected:
    decision set(const std::string& term, const std::string& explanation, const pb::Member& caller) {
        pb::ClientMessage m;
        m.mutable_set_glossary_term()->set_term(term);
        m.mutable_set_glossary_term()->set_explanation(explanation);
        return test::run_part(part, m, caller, view, seq);
    }
    decision translate(const std::string& term, const std::string& language, const std::string& said,
                       const std::string& explanation) {
        pb::ClientMessage m;
        auto* t = m.mutable_set_glossary_term();
        t->set_term(term);
        t->set_language(language);
        t->set_term_in_language(said);
        t->set_explanation(explanation);
        return test::run_part(part, m, mod, view, seq);
    }
    // Each entry's texts in other languages, as "term: language said — explanation".
    std::vector<std::string> translations() {
        pb::RoomSnapshot snap;
        part.add_to(snap);
        std::vector<std::string> out;
        for (const auto& g : snap.glossary())
            for (const auto& t : g.translations())
                out.push_back(g.term() + ": " + t.language() + " " + t.term() + " — " + t.explanation());
        return out;
    }
    std::vector<std::string> terms() {
        pb::RoomSnapshot snap;
        part.add_to(snap);
        std::vector<std::string> out;
        for (const auto& g : snap.glossary()) out.push_back(g.term());
        return out;
    }

    glossary_part part;
    test::fake_room_view view;
    std::uint64_t seq = 0;
    pb::Member mod = person("m1", pb::MODERATOR);
    pb::Member ada = person("m2", pb::PARTICIPANT);
};

TEST_F(GlossaryPartTest, ModeratorsKeepTermsThatMatchWithoutCase) {
    EXPECT_EQ(set("ICB", "Integrated care board", ada).error->code, pb::PERMISSION_DENIED);
    auto added = set("ICB", "Integrated care board", mod);
    ASSERT_FALSE(added.error);
    EXPECT_EQ(added.events[0].event.glossary_changed().by_member_id(), "m1");
    set("icb", "The NHS body that plans local services", mod);  // the same term, explained again
    EXPECT_EQ(terms(), std::vector<std::string>{"icb"});
    set("ICS", "Integrated care system", mod);
    EXPECT_EQ(terms(), (std::vector<std::string>{"icb", "ICS"}));
}

TEST_F(GlossaryPartTest, AnEmptyExplanationRemovesAKnownTermOnly) {
    EXPECT_EQ(set("PCN", "", mod).error->code, pb::NOT_FOUND);
    set("PCN", "Primary care network", mod);
    ASSERT_FALSE(set("pcn", "", mod).error);
    EXPECT_TRUE(terms().empty());
    EXPECT_EQ(set("  ", "blank", mod).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(set(std::string(glossary_part::max_term_chars + 1, 'x'), "too long", mod).error->code, pb::TOO_LARGE);
}

TEST_F(GlossaryPartTest, TheGlossaryIsBounded) {
    for (std::size_t i = 0; i < glossary_part::max_terms; ++i)
        ASSERT_FALSE(set("term" + std::to_string(i), "x", mod).error);
    EXPECT_EQ(set("one more", "x", mod).error->code, pb::CONFLICT);
    EXPECT_FALSE(set("term0", "changed", mod).error);  // changing a known term is fine
}

TEST_F(GlossaryPartTest, AnEntryHasItsTextInOtherLanguages) {
    EXPECT_EQ(translate("ICB", "pl", "", "Zintegrowana rada opieki").error->code, pb::NOT_FOUND);  // no entry yet
    ASSERT_FALSE(set("ICB", "Integrated care board", mod).error);
    EXPECT_EQ(translate("ICB", "", "x", "y").error->code, pb::BAD_REQUEST);   // which language?
    EXPECT_EQ(translate("ICB", "de", "", "y").error->code, pb::BAD_REQUEST);  // not one we have
    auto polish = translate("icb", "pl", "", "Zintegrowana rada opieki");
    ASSERT_FALSE(polish.error);
    EXPECT_EQ(polish.events[0].event.glossary_changed().term(), "ICB");  // the entry's own spelling
    ASSERT_FALSE(translate("ICB", "ar", "مجلس الرعاية", "مجلس الرعاية المتكاملة").error);
    EXPECT_EQ(translate("ICB", "ar", "مجلس الرعاية", "مجلس الرعاية المتكاملة").error->code, pb::CONFLICT);
    EXPECT_EQ(translations(), (std::vector<std::string>{"ICB: pl  — Zintegrowana rada opieki",
                                                        "ICB: ar مجلس الرعاية — مجلس الرعاية المتكاملة"}));
    // Explaining the term again keeps its other languages; an empty explanation removes one.
    ASSERT_FALSE(set("ICB", "The NHS body that plans local services", mod).error);
    EXPECT_EQ(translations().size(), 2u);
    ASSERT_FALSE(translate("ICB", "pl", "", "").error);
    EXPECT_EQ(translate("ICB", "pl", "", "").error->code, pb::NOT_FOUND);
    EXPECT_EQ(translations(), std::vector<std::string>{"ICB: ar مجلس الرعاية — مجلس الرعاية المتكاملة"});
    // Removing the term removes all of it.
    ASSERT_FALSE(set("ICB", "", mod).error);
    ASSERT_FALSE(set("ICB", "Integrated care board", mod).error);
    EXPECT_TRUE(translations().empty());
}

}  // namespace
}  // namespace ts::room
