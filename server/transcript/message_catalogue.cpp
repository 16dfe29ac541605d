#include "transcript/message_catalogue.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <unicode/calendar.h>
#include <unicode/dtptngen.h>
#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <memory>

namespace ts::transcript {

// messages/minutes/*.json, by language code (generated: cmake/embed_catalogues.cmake).
const std::vector<std::pair<std::string_view, std::string_view>>& catalogue_sources();

namespace {

// The browser's choices (client-web/src/i18n/languages.ts): British English, and Arabic with
// Latin digits, which Debian's ICU 72 and a current browser's ICU would otherwise write apart.
std::string icu_locale(const std::string& code) {
    if (code == "en") return "en_GB";
    if (code == "ar") return "ar@numbers=latn";
    return code;
}

const std::map<std::string, std::unique_ptr<message_catalogue>>& by_code() {
    static const std::map<std::string, std::unique_ptr<message_catalogue>> all = [] {
        std::map<std::string, std::unique_ptr<message_catalogue>> out;
        for (const auto& [code, json] : catalogue_sources()) {
            google::protobuf::Struct parsed;
            std::map<std::string, std::string> messages;
            // The build checks every catalogue; one that still does not parse has no messages,
            // and English speaks for it.
            if (google::protobuf::util::JsonStringToMessage(std::string(json), &parsed).ok())
                for (const auto& [key, value] : parsed.fields()) messages[key] = value.string_value();
            out[std::string(code)] = std::make_unique<message_catalogue>(std::string(code), std::move(messages));
        }
        return out;
    }();
    return all;
}

bool has_right_to_left_letters(const icu::UnicodeString& text) {
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        const auto direction = u_charDirection(text.char32At(i));
        if (direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC) return true;
    }
    return false;
}

// text in FSI…PDI where its direction can matter: in a right-to-left language, or when it
// holds right-to-left letters.
icu::UnicodeString isolated(icu::UnicodeString text, bool right_to_left) {
    if (!right_to_left && !has_right_to_left_letters(text)) return text;
    icu::UnicodeString out(static_cast<UChar32>(0x2068));   // FIRST STRONG ISOLATE
    out.append(text).append(static_cast<UChar32>(0x2069));  // POP DIRECTIONAL ISOLATE
    return out;
}

std::string utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace

const message_catalogue* message_catalogue::find(std::string_view code) {
    const auto& all = by_code();
    auto it = all.find(std::string(code));
    return it == all.end() ? nullptr : it->second.get();
}

const message_catalogue& message_catalogue::english() {
    static const message_catalogue empty("en", {});
    const auto* en = find("en");
    return en ? *en : empty;
}

std::vector<std::string> message_catalogue::codes() {
    std::vector<std::string> out;
    for (const auto& [code, catalogue] : by_code()) out.push_back(code);
    return out;
}

message_catalogue::message_catalogue(std::string code, std::map<std::string, std::string> messages)
    : code_(std::move(code)),
      locale_(icu_locale(code_)),
      right_to_left_(icu::Locale(locale_.c_str()).isRightToLeft()),
      messages_(std::move(messages)) {}

std::string message_catalogue::list(const std::vector<std::string>& items, list_kind kind) const {
    std::vector<icu::UnicodeString> texts;
    texts.reserve(items.size());
    for (const auto& item : items) {
        const auto text = icu::UnicodeString::fromUTF8(item);
        texts.push_back(kind == list_kind::units ? text : isolated(text, right_to_left_));
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::ListFormatter> format(icu::ListFormatter::createInstance(
        icu::Locale(locale_.c_str()), kind == list_kind::units ? ULISTFMT_TYPE_UNITS : ULISTFMT_TYPE_AND,
        kind == list_kind::units ? ULISTFMT_WIDTH_SHORT : ULISTFMT_WIDTH_WIDE, status));
    icu::UnicodeString out;
    if (U_SUCCESS(status)) format->format(texts.data(), static_cast<int32_t>(texts.size()), out, status);
    if (U_SUCCESS(status)) return utf8(out);
    std::string joined;  // ICU without list data: commas, as English would
    for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
    return joined;
}

std::string message_catalogue::text(const std::string& key, const message_args& args) const {
    auto it = messages_.find(key);
    if (it == messages_.end()) return this == &english() ? key : english().text(key, args);
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const auto& [name, value] : args) {
        names.push_back(icu::UnicodeString::fromUTF8(name));
        if (const auto* n = std::get_if<std::int64_t>(&value)) {
            values.emplace_back(static_cast<int64_t>(*n));
            continue;
        }
        if (const auto* c = std::get_if<message_choice>(&value)) {
            values.emplace_back(icu::UnicodeString::fromUTF8(c->value));
            continue;
        }
        values.emplace_back(isolated(icu::UnicodeString::fromUTF8(std::get<std::string>(value)), right_to_left_));
    }
    // A format object per call: ICU's formatters are not to be shared between threads.
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(icu::UnicodeString::fromUTF8(it->second), icu::Locale(locale_.c_str()), status);
    icu::UnicodeString out;
    if (U_SUCCESS(status)) format.format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
    return U_SUCCESS(status) ? utf8(out) : key;
}

namespace {

// A date written from a skeleton (the fields wanted, in the language's own order and words).
std::string formatted_date(const std::string& locale_name, const char* skeleton, UDate at) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(locale_name.c_str());
    std::unique_ptr<icu::DateTimePatternGenerator> patterns(
        icu::DateTimePatternGenerator::createInstance(locale, status));
    if (U_FAILURE(status)) return {};
    const auto pattern = patterns->getBestPattern(icu::UnicodeString(skeleton), status);
    icu::SimpleDateFormat format(pattern, locale, status);
    if (U_FAILURE(status)) return {};
    format.adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    icu::UnicodeString out;
    static_cast<const icu::DateFormat&>(format).format(at, out);
    return utf8(out);
}

}  // namespace

std::string message_catalogue::full_date(std::int64_t at_ms) const {
    return formatted_date(locale_, "EEEEdMMMMy", static_cast<UDate>(at_ms));
}

std::string message_catalogue::date_words(const std::string& iso_date) const {
    if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-') return iso_date;
    const int year = std::atoi(iso_date.substr(0, 4).c_str());
    const int month = std::atoi(iso_date.substr(5, 2).c_str()), day = std::atoi(iso_date.substr(8, 2).c_str());
    if (month < 1 || month > 12 || day < 1 || day > 31) return iso_date;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> calendar(
        icu::Calendar::createInstance(icu::TimeZone::createTimeZone("UTC"), icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) return iso_date;
    calendar->clear();
    calendar->set(year, month - 1, day);
    const auto at = calendar->getTime(status);
    if (U_FAILURE(status)) return iso_date;
    return formatted_date(locale_, "dMMMMy", at);
}

}  // namespace ts::transcript
