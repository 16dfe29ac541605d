#include "room/preparation/readiness_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> readiness_part::policies() const {
    return {{pb::ClientMessage::kAnswerReadiness, actors::participants, phases::until_closed,
             "the readiness survey is for participants", "the people taking part"}};
}

decision readiness_part::decide(const part_command& command) const {
    const auto& given = command.message.answer_readiness().readiness();
    if (given.confidence() > 5) return decision::refuse(pb::BAD_REQUEST, "confidence is from 1 to 5 (0: not said)");
    if (!pb::OneToOne_IsValid(given.one_to_one()))
        return decision::refuse(pb::BAD_REQUEST, "answer yes, no or not sure");
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
        return decision::refuse(std::move(*e));
    // The person and the moderators (the person alone in an anonymous summary); nobody else,
    // not even the event's content.
    answered.event.add_private_to(command.caller.member_id());
    answered.event.set_only_listed(anonymous_);
    return decision::of(std::move(answered));
}

void readiness_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    if (event.has_surveys_changed()) {
        anonymous_ = event.surveys_changed().settings().anonymous_summary();
        return;
    }
    const auto& answered = event.readiness_answered();
    auto& a = answers_[answered.member_id()];
    if (answered.readiness().confidence() != a.readiness.confidence())
        confidence_changes_.push_back({event.at_ms(), answered.member_id(), answered.readiness().confidence()});
    if (answered.readiness().one_to_one() != pb::ONE_TO_ONE_YES)
        a.asked_seq = 0;
    else if (a.readiness.one_to_one() != pb::ONE_TO_ONE_YES)
        a.asked_seq = event.seq();
    a.readiness = answered.readiness();
}

pb::Readiness readiness_part::readiness_of(const std::string& member_id) const {
    auto it = answers_.find(member_id);
    return it == answers_.end() ? pb::Readiness{} : it->second.readiness;
}

std::uint64_t readiness_part::one_to_one_asked(const std::string& member_id) const {
    auto it = answers_.find(member_id);
    return it == answers_.end() ? 0 : it->second.asked_seq;
}

namespace {

constexpr std::int64_t day_ms = 24LL * 60 * 60 * 1000;

void count(google::protobuf::RepeatedField<std::uint32_t>& figures, std::uint32_t confidence) {
    if (confidence >= 1 && confidence <= 5)
        figures.Set(static_cast<int>(confidence) - 1, figures.Get(static_cast<int>(confidence) - 1) + 1);
}

}  // namespace

pb::ReadinessSummary readiness_part::summary(const std::vector<std::string>& member_ids) const {
    pb::ReadinessSummary s;
    s.set_anonymous(anonymous_);
    for (int i = 0; i < 5; ++i) s.add_confidence(0);
    std::unordered_map<std::string, bool> counted;
    for (const auto& id : member_ids) {
        auto it = answers_.find(id);
        if (it == answers_.end()) continue;
        counted[id] = true;
        const auto& r = it->second.readiness;
        s.set_answered(s.answered() + 1);
        count(*s.mutable_confidence(), r.confidence());
        if (!r.taken_part_before().empty()) s.add_what_helped(r.taken_part_before());
        if (!r.would_help().empty()) s.add_would_help(r.would_help());
        // In an anonymous summary, only totals and unnamed texts: a person's answers taken
        // together could tell who they are in a small group.
        if (anonymous_) continue;
        auto* a = s.add_answers();
        a->set_member_id(id);
        *a->mutable_readiness() = r;
    }
    // Written answers go without names, and in an order that does not follow joining.
    std::sort(s.mutable_what_helped()->begin(), s.mutable_what_helped()->end());
    std::sort(s.mutable_would_help()->begin(), s.mutable_would_help()->end());
    // Confidence as it stood at the end of each day on which it changed.
    std::unordered_map<std::string, std::uint32_t> standing;
    for (std::size_t i = 0; i < confidence_changes_.size(); ++i) {
        const auto& c = confidence_changes_[i];
        if (counted.count(c.member_id)) standing[c.member_id] = c.confidence;
        const auto day = c.at_ms / day_ms;
        if (i + 1 < confidence_changes_.size() && confidence_changes_[i + 1].at_ms / day_ms == day) continue;
        auto* on = s.add_over_time();
        on->set_day_ms(day * day_ms);
        for (int k = 0; k < 5; ++k) on->add_confidence(0);
        for (const auto& [id, confidence] : standing) count(*on->mutable_confidence(), confidence);
    }
    return s;
}

void readiness_part::save(state_out& out) const { out(anonymous_, answers_, confidence_changes_); }

void readiness_part::load(state_in& in) { in(anonymous_, answers_, confidence_changes_); }

}  // namespace ts::room
