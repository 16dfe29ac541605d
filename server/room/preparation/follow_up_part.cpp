#include "room/preparation/follow_up_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> follow_up_part::policies() const {
    return {{pb::ClientMessage::kAnswerFollowUp, actors::participants, phases::closed,
             "the follow-up survey is for participants", "the people taking part, once the meeting has closed"}};
}

decision follow_up_part::decide(const part_command& command) const {
    if (!closed_) return decision::refuse(pb::NOT_LIVE, "the follow-up survey opens when the meeting closes");
    const auto& given = command.message.answer_follow_up().follow_up();
    if (given.felt_heard() > 5) return decision::refuse(pb::BAD_REQUEST, "felt heard is from 1 to 5 (0: not said)");
    if (!pb::CouldSay_IsValid(given.could_say())) return decision::refuse(pb::BAD_REQUEST, "answer yes, partly or no");
    logged_event answered;
    auto* a = answered.event.mutable_follow_up_answered();
    a->set_member_id(command.caller.member_id());
    auto* f = a->mutable_follow_up();
    f->set_felt_heard(given.felt_heard());
    f->set_could_say(given.could_say());
    if (auto e = clean_text(given.change_next_time(), text_kind::prose, limits_.max_survey_answer_chars,
                            "what to change next time", false, *f->mutable_change_next_time()))
        return decision::refuse(std::move(*e));
    answered.event.add_private_to(command.caller.member_id());
    answered.event.set_only_listed(anonymous_);
    return decision::of(std::move(answered));
}

void follow_up_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    switch (event.kind_case()) {
        case pb::Event::kRoomCreated: closed_ = event.room_created().phase() == pb::CLOSED; break;
        case pb::Event::kRoomPhaseChanged: closed_ = event.room_phase_changed().phase() == pb::CLOSED; break;
        case pb::Event::kSurveysChanged: anonymous_ = event.surveys_changed().settings().anonymous_summary(); break;
        default: answers_[event.follow_up_answered().member_id()] = event.follow_up_answered().follow_up();
    }
}

pb::FollowUp follow_up_part::follow_up_of(const std::string& member_id) const {
    auto it = answers_.find(member_id);
    return it == answers_.end() ? pb::FollowUp{} : it->second;
}

pb::FollowUpSummary follow_up_part::summary(const pb::ParticipationScope& measured) const {
    pb::FollowUpSummary s;
    for (int i = 0; i < 5; ++i) s.add_felt_heard(0);
    std::vector<const pb::PersonFigures*> people;
    for (const auto& p : measured.people())
        if (answers_.count(p.member_id())) people.push_back(&p);
    // Least heard first: floor time, then messages, then order of joining.
    std::stable_sort(people.begin(), people.end(), [](const auto* a, const auto* b) {
        return std::pair(a->floor_ms(), a->messages()) < std::pair(b->floor_ms(), b->messages());
    });
    for (const auto* p : people) {
        const auto& answer = answers_.at(p->member_id());
        s.set_answered(s.answered() + 1);
        if (auto h = answer.felt_heard(); h >= 1 && h <= 5)
            s.set_felt_heard(static_cast<int>(h) - 1, s.felt_heard(static_cast<int>(h) - 1) + 1);
        auto* row = s.add_people();
        *row->mutable_follow_up() = answer;
        *row->mutable_measured() = *p;
        if (!anonymous_) {
            row->set_member_id(p->member_id());
            continue;
        }
        // Anonymous: figures and scores stay paired, names and words do not.
        row->mutable_measured()->clear_member_id();
        row->mutable_follow_up()->clear_change_next_time();
        if (!answer.change_next_time().empty()) s.add_changes(answer.change_next_time());
    }
    std::sort(s.mutable_changes()->begin(), s.mutable_changes()->end());
    return s;
}

void follow_up_part::save(state_out& out) const { out(closed_, anonymous_, answers_); }

void follow_up_part::load(state_in& in) { in(closed_, anonymous_, answers_); }

}  // namespace ts::room
