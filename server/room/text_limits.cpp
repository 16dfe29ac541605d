#include "room/text_limits.hpp"

#include "room/pacing/glossary_part.hpp"

namespace ts::room {

talkingstick::v1::TextLimits text_limits(const room_limits& limits) {
    talkingstick::v1::TextLimits out;
    auto n = [](std::size_t chars) { return static_cast<std::uint32_t>(chars); };
    out.set_display_name(n(limits.max_display_name_chars));
    out.set_pronouns(n(limits.max_pronouns_chars));
    out.set_support_note(n(limits.max_support_note_chars));
    out.set_title(n(limits.max_title_chars));
    out.set_purpose(n(limits.max_purpose_chars));
    out.set_when_place(n(limits.max_when_place_chars));
    out.set_message(n(limits.max_message_chars));
    out.set_topic(n(limits.max_topic_chars));
    out.set_note(n(limits.max_note_chars));
    out.set_briefing(n(limits.max_briefing_chars));
    out.set_survey_answer(n(limits.max_survey_answer_chars));
    out.set_survey_question(n(limits.max_survey_question_chars));
    out.set_option(n(limits.max_option_chars));
    out.set_outcome(n(limits.max_outcome_chars));
    out.set_agenda_description(n(limits.max_agenda_description_chars));
    out.set_glossary_term(n(glossary_part::max_term_chars));
    out.set_glossary_explanation(n(glossary_part::max_explanation_chars));
    out.set_action(n(limits.max_action_chars));
    out.set_action_owner(n(limits.max_action_owner_chars));
    out.set_action_note(n(limits.max_action_note_chars));
    out.set_update(n(limits.max_update_chars));
    return out;
}

}  // namespace ts::room
