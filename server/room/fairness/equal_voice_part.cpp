#include "room/fairness/equal_voice_part.hpp"
#include "room/state_archive.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;
using M = pb::ClientMessage;

namespace {

bool valid_policy(pb::QueuePolicy p) { return p >= pb::FIRST_COME && p <= pb::LEAST_SPOKEN_TIME; }

}  // namespace

equal_voice_part::equal_voice_part(room_limits limits) : limits_(limits) { settings_.set_policy(pb::FIRST_COME); }

std::vector<command_policy> equal_voice_part::policies() const {
    return {
        {M::kSetFairness, actors::moderators, phases::until_closed, "only a moderator sets the room's fairness rules"},
        {M::kInviteToSpeak, actors::moderators, phases::live, "only a moderator invites someone to speak"},
        {M::kAnswerInvitation, actors::people, phases::live, "an invitation is for a person",
         "only the person invited"}};
}

std::vector<pb::Event::KindCase> equal_voice_part::folds() const {
    // Its own events, and every event the participation figures count.
    return {pb::Event::kFairnessChanged, pb::Event::kInvitationSent,    pb::Event::kInvitationAnswered,
            pb::Event::kQueueChanged,    pb::Event::kFloorChanged,      pb::Event::kMessagePosted,
            pb::Event::kReactionGiven,   pb::Event::kAgendaItemStarted, pb::Event::kTableReported,
            pb::Event::kVoiceSpoken};
}

decision equal_voice_part::decide(const part_command& command) const {
    const auto& message = command.message;
    const auto& me = command.caller;
    if (message.has_answer_invitation()) {
        const auto& answer = message.answer_invitation();
        auto it = open_invitations_.find(answer.invitation_id());
        if (it == open_invitations_.end() || it->second != me.member_id())
            return decision::refuse(pb::NOT_FOUND, "there is no open invitation for you with that id");
        if (answer.answer() < pb::ACCEPT || answer.answer() > pb::ASK_SUPPORT)
            return decision::refuse(pb::BAD_REQUEST, "answer accept, decline or ask for support");
        pb::Event event;
        auto* answered = event.mutable_invitation_answered();
        answered->set_invitation_id(answer.invitation_id());
        answered->set_member_id(me.member_id());
        answered->set_answer(answer.answer());
        event.add_private_to(me.member_id());
        return decision::of({std::move(event), {}});
    }
    if (message.has_set_fairness()) {
        const auto& s = message.set_fairness().settings();
        if (!valid_policy(s.policy())) return decision::refuse(pb::BAD_REQUEST, "choose a queue policy");
        if (s.max_turns() > 1000 || s.max_floor_seconds() > 24 * 3600)
            return decision::refuse(pb::BAD_REQUEST, "the caps are too large to mean anything");
        pb::Event event;
        *event.mutable_fairness_changed()->mutable_settings() = s;
        event.mutable_fairness_changed()->set_by_member_id(me.member_id());
        return decision::of({std::move(event), {}});
    }
    const auto& invite = message.invite_to_speak();
    const auto* target = command.room.member(invite.member_id());
    if (!target || !target->present() || target->in_room() || target->role() != pb::PARTICIPANT)
        return decision::refuse(pb::NOT_FOUND, "invitations go to participants who are here online");
    pb::Event event;
    auto* sent = event.mutable_invitation_sent();
    if (auto e = clean_text(invite.note(), text_kind::label, limits_.max_note_chars, "the note", false,
                            *sent->mutable_note()))
        return decision::refuse(std::move(*e));
    sent->set_invitation_id(numbered_id('i', invitations_sent_ + 1));
    sent->set_member_id(target->member_id());
    sent->set_by_member_id(me.member_id());
    event.add_private_to(target->member_id());
    return decision::of({std::move(event), {}});
}

void equal_voice_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    figures_.fold(event);
    switch (event.kind_case()) {
        case pb::Event::kFairnessChanged: settings_ = event.fairness_changed().settings(); break;
        case pb::Event::kInvitationSent:
            open_invitations_[event.invitation_sent().invitation_id()] = event.invitation_sent().member_id();
            ++invitations_sent_;
            break;
        case pb::Event::kInvitationAnswered:
            open_invitations_.erase(event.invitation_answered().invitation_id());
            break;
        default: break;
    }
}

pb::ParticipationReport equal_voice_part::balance(const std::vector<report_member>& people, const pb::FloorState& floor,
                                                  std::int64_t now_ms) const {
    pb::ParticipationReport report;
    report.set_server_time_ms(now_ms);
    *report.mutable_session() = figures_.session_scope(people, floor, now_ms);
    if (figures_.has_item()) *report.mutable_agenda_item() = figures_.item_scope(people, floor, now_ms);
    return report;
}

void equal_voice_part::save(state_out& out) const { out(settings_, figures_, invitations_sent_, open_invitations_); }

void equal_voice_part::load(state_in& in) { in(settings_, figures_, invitations_sent_, open_invitations_); }

}  // namespace ts::room
