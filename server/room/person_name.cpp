#include "room/person_name.hpp"

#include <unicode/normalizer2.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <memory>

namespace ts::room {
namespace {

// One checker for the process: its checks are thread-safe once it is built (ICU's own
// guarantee for a checker nobody changes).
const USpoofChecker* spoof_checker() {
    static const USpoofChecker* checker = [] {
        UErrorCode status = U_ZERO_ERROR;
        USpoofChecker* c = uspoof_open(&status);
        if (U_SUCCESS(status)) uspoof_setChecks(c, USPOOF_CONFUSABLE, &status);
        return U_SUCCESS(status) ? c : nullptr;
    }();
    return checker;
}

}  // namespace

std::optional<std::string> normalize_person_name(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    const auto* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::nullopt;
    const auto text = nfc->normalize(icu::UnicodeString::fromUTF8(name), status);
    if (U_FAILURE(status)) return std::nullopt;
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
        if (u_hasBinaryProperty(text.char32At(i), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return std::nullopt;
    std::string out;
    text.toUTF8String(out);
    return out;
}

namespace {

// The UTS #39 skeleton of text (text itself if ICU cannot make one).
std::string skeleton_of(const icu::UnicodeString& text) {
    std::string utf8;
    text.toUTF8String(utf8);
    const auto* checker = spoof_checker();
    if (!checker) return utf8;
    UErrorCode status = U_ZERO_ERROR;
    const auto length =
        uspoof_getSkeletonUTF8(checker, 0, utf8.data(), static_cast<int32_t>(utf8.size()), nullptr, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return utf8;
    std::string skeleton(static_cast<std::size_t>(length), '\0');
    status = U_ZERO_ERROR;
    uspoof_getSkeletonUTF8(checker, 0, utf8.data(), static_cast<int32_t>(utf8.size()), skeleton.data(), length + 1,
                           &status);
    return U_SUCCESS(status) ? skeleton : utf8;
}

}  // namespace

name_keys name_likeness(const std::string& name) {
    const auto typed = icu::UnicodeString::fromUTF8(name);
    auto folded = typed;
    folded.foldCase();
    auto upper = typed;
    upper.toUpper(icu::Locale::getRoot());
    return {skeleton_of(typed), skeleton_of(folded), skeleton_of(upper)};
}

bool names_look_alike(const std::string& a, const std::string& b) { return name_likeness(a).alike(name_likeness(b)); }

}  // namespace ts::room
