#pragma once
// The minutes' words in each language: ICU MessageFormat messages from messages/minutes/
// (compiled into the server; the client's build checks them against English), formatted with
// the language's plural rules, numbers and dates. Catalogues are built once and never change:
// any thread may use them.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ts::transcript {

// A select argument's value ("yes", "facilitator"): matched, never shown, so never isolated.
struct message_choice {
    std::string value;
};
inline message_choice choice(bool yes) { return {yes ? "yes" : "no"}; }

// A message's argument: a number (for plurals and counts), a text (a name, a time, a title) or
// a choice.
using message_arg = std::variant<std::int64_t, std::string, message_choice>;
using message_args = std::vector<std::pair<std::string, message_arg>>;

class message_catalogue {
public:
    // The language with this code ("en", "pl", "ar"); null when there is none.
    static const message_catalogue* find(std::string_view code);
    static const message_catalogue& english();
    // Every language's code, in order ("ar", "en", "pl").
    static std::vector<std::string> codes();

    message_catalogue(std::string code, std::map<std::string, std::string> messages);

    const std::string& code() const { return code_; }
    bool right_to_left() const { return right_to_left_; }
    // key's message with args. Text arguments are isolated (FSI…PDI) where their direction can
    // matter: in a right-to-left language, or when they hold right-to-left letters. A key this
    // language lacks is said in English; one nobody has is the key itself.
    std::string text(const std::string& key, const message_args& args = {}) const;
    // Items as the language lists them: names ("Ada, Bo and Cy", "Ada, Bo i Cy"), each isolated
    // by the rule text() follows; or counts this catalogue worded ("Transport 3, Meals 1";
    // Arabic separates them with "،"), as they are.
    enum class list_kind { and_list, units };
    std::string list(const std::vector<std::string>& items, list_kind kind) const;
    // A UTC day in full, as the language writes it ("Tuesday 5 May 2026").
    std::string full_date(std::int64_t at_ms) const;
    // A date "2027-04-30" in words ("30 April 2027"); the text itself when it is no such date.
    std::string date_words(const std::string& iso_date) const;

private:
    std::string code_;
    std::string locale_;  // ICU's: the numbering system pinned where ICUs differ (Arabic: Latin digits)
    bool right_to_left_;
    std::map<std::string, std::string> messages_;
};

}  // namespace ts::transcript
