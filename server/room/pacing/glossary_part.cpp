#include "room/pacing/glossary_part.hpp"
#include "room/state_archive.hpp"

#include <cctype>

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::vector<command_policy> glossary_part::policies() const {
    return {{pb::ClientMessage::kSetGlossaryTerm, actors::moderators, phases::until_closed,
             "only a moderator keeps the glossary"}};
}

decision glossary_part::decide(const part_command& command) const {
    const auto& t = command.message.set_glossary_term();
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
    if (g.explanation().empty())
        terms_.erase(lower(g.term()));
    else
        terms_[lower(g.term())] = g;
}

void glossary_part::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& [term, entry] : terms_) *snapshot.add_glossary() = entry;
}

void glossary_part::save(state_out& out) const { out(terms_); }

void glossary_part::load(state_in& in) { in(terms_); }

}  // namespace ts::room
