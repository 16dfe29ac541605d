#include "room/pacing/glossary_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>
#include <cctype>

#include "room/languages.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const pb::GlossaryText* translation_in(const pb::GlossaryChanged& entry, const std::string& language) {
    for (const auto& t : entry.translations())
        if (t.language() == language) return &t;
    return nullptr;
}

}  // namespace

std::vector<command_policy> glossary_part::policies() const {
    return {{pb::ClientMessage::kSetGlossaryTerm, actors::moderators, phases::until_closed,
             "only a moderator keeps the glossary"}};
}

decision glossary_part::set_translation(const part_command& command) const {
    const auto& t = command.message.set_glossary_term();
    if (auto e = check_language(t.language(), true)) return decision::refuse(std::move(*e));
    const auto entry = terms_.find(lower(t.term()));
    if (entry == terms_.end()) return decision::refuse(pb::NOT_FOUND, "that term is not in the glossary");
    logged_event changed;
    auto* g = changed.event.mutable_glossary_changed();
    std::optional<room_error> e;
    if ((e = clean_text(t.term_in_language(), text_kind::label, max_term_chars, "the term in that language", false,
                        *g->mutable_term_in_language())) ||
        (e = clean_text(t.explanation(), text_kind::prose, max_explanation_chars, "the explanation", false,
                        *g->mutable_explanation())))
        return decision::refuse(std::move(*e));
    const auto* known = translation_in(entry->second, t.language());
    if (g->explanation().empty() && !known)
        return decision::refuse(pb::NOT_FOUND, "that term has no explanation in that language");
    if (known && known->explanation() == g->explanation() && known->term() == g->term_in_language())
        return decision::refuse(pb::CONFLICT, "the glossary already says that");
    g->set_term(entry->second.term());
    g->set_language(t.language());
    g->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

decision glossary_part::decide(const part_command& command) const {
    const auto& t = command.message.set_glossary_term();
    if (!t.language().empty() || !t.term_in_language().empty()) return set_translation(command);
    logged_event changed;
    auto* g = changed.event.mutable_glossary_changed();
    std::optional<room_error> e;
    if ((e = clean_text(t.term(), text_kind::label, max_term_chars, "the term", true, *g->mutable_term())) ||
        (e = clean_text(t.explanation(), text_kind::prose, max_explanation_chars, "the explanation", false,
                        *g->mutable_explanation())))
        return decision::refuse(std::move(*e));
    const bool known = terms_.count(lower(g->term())) > 0;
    if (g->explanation().empty() && !known) return decision::refuse(pb::NOT_FOUND, "that term is not in the glossary");
    if (terms_.size() >= max_terms && !known) return decision::refuse(pb::CONFLICT, "the glossary is full");
    g->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

void glossary_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    const auto& g = event.glossary_changed();
    const auto it = terms_.find(lower(g.term()));
    if (!g.language().empty()) {
        if (it == terms_.end()) return;
        auto* translations = it->second.mutable_translations();
        translations->erase(std::remove_if(translations->begin(), translations->end(),
                                           [&](const pb::GlossaryText& t) { return t.language() == g.language(); }),
                            translations->end());
        if (g.explanation().empty()) return;
        auto* t = translations->Add();
        t->set_language(g.language());
        t->set_term(g.term_in_language());
        t->set_explanation(g.explanation());
        return;
    }
    if (g.explanation().empty()) {
        if (it != terms_.end()) terms_.erase(it);
        return;
    }
    // A new explanation keeps the entry's texts in other languages.
    pb::GlossaryChanged entry = g;
    if (it != terms_.end()) *entry.mutable_translations() = it->second.translations();
    terms_[lower(g.term())] = std::move(entry);
}

void glossary_part::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& [term, entry] : terms_) *snapshot.add_glossary() = entry;
}

void glossary_part::save(state_out& out) const { out(terms_); }

void glossary_part::load(state_in& in) { in(terms_); }

}  // namespace ts::room
