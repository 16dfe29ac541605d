#include "room/text_rules.hpp"

#include <gtest/gtest.h>

namespace ts::room {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain"));
    EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
}

TEST(Utf8, RefusesMalformedText) {
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
}

TEST(Utf8, CountsCodePoints) {
    EXPECT_EQ(count_code_points("caf\xC3\xA9"), 4u);
    EXPECT_EQ(count_code_points("\xF0\x9F\x98\x80"), 1u);
}

TEST(Labels, TrimAndCollapseWhiteSpace) {
    EXPECT_EQ(*normalize_label("  Ada \t\n Lovelace  "), "Ada Lovelace");
    EXPECT_EQ(*normalize_label("\xC2\xA0"
                               "Bo"
                               "\xE3\x80\x80"),
              "Bo");  // no-break and ideographic spaces
    EXPECT_EQ(*normalize_label(""), "");
}

TEST(Labels, RefuseControlAndInvisibleCharacters) {
    EXPECT_FALSE(normalize_label("a\x07"));
    EXPECT_FALSE(
        normalize_label("a\xE2\x80\x8B"
                        "b"));  // zero-width space
    EXPECT_FALSE(
        normalize_label("\xE2\x80\xAE"
                        "evil"));  // right-to-left override
}

TEST(Prose, KeepsLineBreaksAndDropsCarriageReturns) {
    EXPECT_EQ(*normalize_prose("\n line one\r\nline two \n"), "line one\nline two");
    EXPECT_EQ(*normalize_prose("tab\there"), "tab\there");
    EXPECT_FALSE(normalize_prose("bell\x07"));
}

}  // namespace
}  // namespace ts::room
