#include "room/consent/consent_part.hpp"

#include "room/pacing/pacing_rules.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;
using command_case = pb::ClientMessage::CommandCase;

std::vector<command_case> consent_part::commands() const {
    return {pb::ClientMessage::kProposePacing, pb::ClientMessage::kAnswerProposal, pb::ClientMessage::kCloseProposal};
}

std::vector<pb::Event::KindCase> consent_part::folds() const {
    return {pb::Event::kProposalStarted, pb::Event::kProposalAnswered, pb::Event::kProposalClosed};
}

decision consent_part::decide(const part_command& command) const {
    const auto& m = command.message;
    if (m.has_answer_proposal()) return answer(m.answer_proposal(), command.caller);
    if (command.caller.role() != pb::MODERATOR) return decision::refuse(pb::PERMISSION_DENIED, "only a moderator can do that");
    if (m.has_propose_pacing()) return propose(m.propose_pacing(), command.caller);
    return close(m.close_proposal(), command.caller);
}

decision consent_part::propose(const pb::ProposePacing& propose, const pb::Member& caller) const {
    if (proposal_) return decision::refuse(pb::CONFLICT, "another proposal is open; close it first");
    // Checked now, so that adopting it later cannot fail half-way.
    if (auto e = pacing_rules::check(propose.settings(), limits_)) return decision{e, {}, {}};
    logged_event started;
    auto* s = started.event.mutable_proposal_started();
    if (auto e = clean_text(propose.question(), text_kind::label, limits_.max_title_chars, "the question", true,
                            *s->mutable_question()))
        return decision{e, {}, {}};
    s->set_proposal_id(numbered_id('p', proposals_ + 1));
    *s->mutable_settings() = propose.settings();
    s->set_by_member_id(caller.member_id());
    return decision::of(std::move(started));
}

decision consent_part::answer(const pb::AnswerProposal& a, const pb::Member& caller) const {
    if (!proposal_ || proposal_->proposal_id() != a.proposal_id())
        return decision::refuse(pb::NOT_FOUND, "that proposal is not open");
    if (caller.role() == pb::OBSERVER) return decision::refuse(pb::PERMISSION_DENIED, "observers do not answer proposals");
    if (answerers_.count(caller.member_id())) return decision::refuse(pb::CONFLICT, "you have already answered");
    logged_event answered;
    auto* totals = answered.event.mutable_proposal_answered();
    totals->set_proposal_id(a.proposal_id());
    totals->set_yes(answers_.yes() + (a.yes() ? 1 : 0));
    totals->set_no(answers_.no() + (a.yes() ? 0 : 1));
    answered.hidden.set_answerer_member_id(caller.member_id());
    return decision::of(std::move(answered));
}

decision consent_part::close(const pb::CloseProposal& c, const pb::Member& caller) const {
    if (!proposal_ || proposal_->proposal_id() != c.proposal_id())
        return decision::refuse(pb::NOT_FOUND, "that proposal is not open");
    logged_event closed;
    closed.event.mutable_proposal_closed()->set_proposal_id(c.proposal_id());
    closed.event.mutable_proposal_closed()->set_adopted(c.adopt());
    closed.event.mutable_proposal_closed()->set_by_member_id(caller.member_id());
    decision d;
    d.events.push_back(std::move(closed));
    if (c.adopt()) {
        pb::ClientMessage adopt;
        *adopt.mutable_set_pacing()->mutable_settings() = proposal_->settings();
        d.then = std::move(adopt);
    }
    return d;
}

void consent_part::evolve(const pb::Event& event, const pb::EventPrivate& hidden) {
    switch (event.kind_case()) {
        case pb::Event::kProposalStarted:
            proposal_ = event.proposal_started();
            answers_ = pb::ProposalAnswered{};
            answers_.set_proposal_id(event.proposal_started().proposal_id());
            answerers_.clear();
            ++proposals_;
            break;
        case pb::Event::kProposalAnswered:
            answers_ = event.proposal_answered();
            answerers_.insert(hidden.answerer_member_id());
            break;
        case pb::Event::kProposalClosed:
            proposal_.reset();
            answerers_.clear();
            break;
        default:
            break;  // not one of ours: the room hands us only what folds() names
    }
}

void consent_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (!proposal_) return;
    *snapshot.mutable_open_proposal() = *proposal_;
    *snapshot.mutable_open_proposal_answers() = answers_;
}

}  // namespace ts::room
