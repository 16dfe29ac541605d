#pragma once
// The glossary: moderators keep plain-language explanations of terms (e.g. "ICB"), which
// clients mark in messages and explain on hover, focus and to screen readers. Terms are
// matched without regard to case; an empty explanation removes a term. Each entry may have its
// text in other languages: how the term is said in them, and its explanation.
#include <map>
#include <string>

#include "room/room_part.hpp"

namespace ts::room {

class glossary_part final : public room_part {
public:
    static constexpr std::size_t max_terms = 200;
    static constexpr std::size_t max_term_chars = 60;
    static constexpr std::size_t max_explanation_chars = 300;

    const char* name() const override { return "glossary"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kGlossaryChanged}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

private:
    decision set_translation(const part_command& command) const;

    std::map<std::string, pb::GlossaryChanged> terms_;  // by term, lower case; with its translations
};

}  // namespace ts::room
