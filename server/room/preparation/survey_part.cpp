#include "room/preparation/survey_part.hpp"
#include "room/state_archive.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

using questions = google::protobuf::RepeatedPtrField<std::string>;

// Either no questions (the defaults) or exactly as many as the survey has, each cleaned.
std::optional<room_error> reword(const questions& given, const questions& defaults, std::size_t max_chars,
                                 const char* survey, questions& out) {
    if (given.empty()) {
        out = defaults;
        return std::nullopt;
    }
    if (given.size() != defaults.size())
        return room_error{pb::BAD_REQUEST,
                          std::string("the ") + survey + " survey has " + std::to_string(defaults.size()) +
                              " questions: send all of them, or none for the usual wording",
                          0};
    out.Clear();
    for (const auto& q : given)
        if (auto e = clean_text(q, text_kind::prose, max_chars, "a question", true, *out.Add())) return e;
    return std::nullopt;
}

}  // namespace

survey_part::survey_part(room_limits limits) : limits_(limits), settings_(defaults()) {}

pb::SurveySettings survey_part::defaults() {
    pb::SurveySettings s;
    for (const char* q :
         {"How confident do you feel about taking part?",
          "Have you taken part in a group like this before? What helped?", "What would make it easier for you?",
          "Would you like a one-to-one conversation before the meeting?"})
        s.add_readiness_questions(q);
    for (const char* q :
         {"Did you feel heard?", "Could you say what you wanted to say?", "What should we change next time?"})
        s.add_follow_up_questions(q);
    return s;
}

std::vector<command_policy> survey_part::policies() const {
    return {
        {pb::ClientMessage::kSetSurveys, actors::moderators, phases::always, "only a moderator sets up the surveys"}};
}

decision survey_part::decide(const part_command& command) const {
    const auto& given = command.message.set_surveys().settings();
    const auto usual = defaults();
    logged_event changed;
    auto* c = changed.event.mutable_surveys_changed();
    auto* s = c->mutable_settings();
    std::optional<room_error> e;
    if ((e = reword(given.readiness_questions(), usual.readiness_questions(), limits_.max_survey_question_chars,
                    "readiness", *s->mutable_readiness_questions())) ||
        (e = reword(given.follow_up_questions(), usual.follow_up_questions(), limits_.max_survey_question_chars,
                    "follow-up", *s->mutable_follow_up_questions())))
        return decision::refuse(std::move(*e));
    s->set_anonymous_summary(given.anonymous_summary());
    c->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

void survey_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    settings_ = event.surveys_changed().settings();
}

void survey_part::save(state_out& out) const { out(settings_); }

void survey_part::load(state_in& in) { in(settings_); }

}  // namespace ts::room
