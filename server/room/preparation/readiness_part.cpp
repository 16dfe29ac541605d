#include "room/preparation/readiness_part.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

decision readiness_part::decide(const part_command& command) const {
    if (command.caller.role() != pb::PARTICIPANT)
        return decision::refuse(pb::PERMISSION_DENIED, "the readiness survey is for participants");
    const auto& given = command.message.answer_readiness().readiness();
    if (given.confidence() > 5) return decision::refuse(pb::BAD_REQUEST, "confidence is from 1 to 5 (0: not said)");
    if (!pb::OneToOne_IsValid(given.one_to_one())) return decision::refuse(pb::BAD_REQUEST, "answer yes, no or not sure");
    logged_event answered;
    auto* a = answered.event.mutable_readiness_answered();
    a->set_member_id(command.caller.member_id());
    auto* r = a->mutable_readiness();
    r->set_confidence(given.confidence());
    r->set_one_to_one(given.one_to_one());
    std::optional<room_error> e;
    if ((e = clean_text(given.taken_part_before(), text_kind::prose, limits_.max_survey_answer_chars,
                        "what helped before", false, *r->mutable_taken_part_before())) ||
        (e = clean_text(given.would_help(), text_kind::prose, limits_.max_survey_answer_chars,
                        "what would make it easier", false, *r->mutable_would_help())))
        return decision{e, {}, {}};
    // The person and the moderators; nobody else, not even the event's content.
    answered.event.add_private_to(command.caller.member_id());
    decision d;
    d.events.push_back(std::move(answered));
    return d;
}

void readiness_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    answers_[event.readiness_answered().member_id()] = event.readiness_answered().readiness();
}

pb::Readiness readiness_part::readiness_of(const std::string& member_id) const {
    auto it = answers_.find(member_id);
    return it == answers_.end() ? pb::Readiness{} : it->second;
}

pb::ReadinessSummary readiness_part::summary(const std::vector<std::string>& member_ids) const {
    pb::ReadinessSummary s;
    for (int i = 0; i < 5; ++i) s.add_confidence(0);
    for (const auto& id : member_ids) {
        auto it = answers_.find(id);
        if (it == answers_.end()) continue;
        s.set_answered(s.answered() + 1);
        if (auto c = it->second.confidence(); c >= 1 && c <= 5) s.set_confidence(static_cast<int>(c) - 1, s.confidence(static_cast<int>(c) - 1) + 1);
        auto* a = s.add_answers();
        a->set_member_id(id);
        *a->mutable_readiness() = it->second;
    }
    return s;
}

}  // namespace ts::room
