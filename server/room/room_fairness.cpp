// Equal voice: queue policies and caps, invitations to speak, and who may see which
// participation figures. Part of class room (see room.hpp); agenda items are a part of their
// own (room/agenda/).
#include "room/room.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

bool valid_policy(pb::QueuePolicy p) { return p >= pb::FIRST_COME && p <= pb::ROUND_ROBIN; }

}  // namespace

order_context room::ordering() const {
    order_context ctx;
    const auto caps = fairness_;
    ctx.cap_turns = caps.max_turns();
    ctx.standing = [this, caps](const std::string& member_id) {
        const auto& f = participation_.session(member_id);
        speaker_standing s;
        s.turns = f.turns;
        s.floor_ms = f.floor_ms;
        s.capped = (caps.max_turns() > 0 && f.turns >= caps.max_turns()) ||
                   (caps.max_floor_seconds() > 0 && f.floor_ms >= std::int64_t{caps.max_floor_seconds()} * 1000);
        return s;
    };
    bool first = true;
    for (const auto& e : queue_.entries()) {
        auto turns = participation_.session(e.member_id()).turns;
        if (first || turns < ctx.fewest_turns_waiting) ctx.fewest_turns_waiting = turns;
        first = false;
    }
    return ctx;
}

void room::place(pb::QueueEntry entry) {
    queue_.insert(std::move(entry), ordering());
    // A newcomer can change everyone's standing (round robin's round starts again when
    // someone who has not spoken joins the queue), so a policy that follows figures
    // re-sorts the whole queue; the event that records the new hand carries the result.
    if (queue_.policy().follows_figures()) queue_.reorder(ordering());
}

void room::reorder(outcome& out, bool forced, const std::string& by, std::int64_t now_ms) {
    if (queue_.entries().empty() || (!forced && !queue_.policy().follows_figures())) return;
    if (!queue_.reorder(ordering())) return;
    emit_queue(out, pb::QUEUE_CHANGE_REORDERED, "", "", by, "", now_ms);
}

outcome room::fairness_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms) {
    const auto& me = caller.member;
    outcome out;
    if (message.has_answer_invitation()) {
        const auto& answer = message.answer_invitation();
        auto it = open_invitations_.find(answer.invitation_id());
        if (it == open_invitations_.end() || it->second != me.member_id())
            return failed(pb::NOT_FOUND, "there is no open invitation for you with that id");
        if (answer.answer() < pb::ACCEPT || answer.answer() > pb::ASK_SUPPORT)
            return failed(pb::BAD_REQUEST, "answer accept, decline or ask for support");
        pb::Event event;
        auto* answered = event.mutable_invitation_answered();
        answered->set_invitation_id(answer.invitation_id());
        answered->set_member_id(me.member_id());
        answered->set_answer(answer.answer());
        event.add_private_to(me.member_id());
        commit(out, std::move(event), {}, now_ms);
        if (answer.answer() == pb::ACCEPT && !queue_.find(me.member_id(), pb::NEW_POINT)) {
            // An accepted invitation is a hand raised, even if the queue is closed to others.
            pb::QueueEntry entry;
            entry.set_entry_id(numbered_id('q', hands_raised_ + 1));
            entry.set_member_id(me.member_id());
            entry.set_kind(pb::NEW_POINT);
            entry.set_raised_at_ms(now_ms);
            auto id = entry.entry_id();
            place(std::move(entry));
            emit_queue(out, pb::QUEUE_CHANGE_RAISED, id, me.member_id(), me.member_id(), "accepted an invitation", now_ms);
        }
        return out;
    }
    if (me.role() != pb::MODERATOR) return failed(pb::PERMISSION_DENIED, "only a moderator can do that");

    if (message.has_set_fairness()) {
        const auto& s = message.set_fairness().settings();
        if (!valid_policy(s.policy())) return failed(pb::BAD_REQUEST, "choose a queue policy");
        if (s.max_turns() > 1000 || s.max_floor_seconds() > 24 * 3600)
            return failed(pb::BAD_REQUEST, "the caps are too large to mean anything");
        pb::Event event;
        *event.mutable_fairness_changed()->mutable_settings() = s;
        event.mutable_fairness_changed()->set_by_member_id(me.member_id());
        commit(out, std::move(event), {}, now_ms);
        reorder(out, true, me.member_id(), now_ms);
        return out;
    }
    if (message.has_invite_to_speak()) {
        const auto& invite = message.invite_to_speak();
        const auto* target = find_member(invite.member_id());
        if (!target || !target->member.present() || target->member.in_room() ||
            target->member.role() != pb::PARTICIPANT)
            return failed(pb::NOT_FOUND, "invitations go to participants who are here online");
        pb::Event event;
        auto* sent = event.mutable_invitation_sent();
        if (auto e = clean_text(invite.note(), text_kind::label, limits_.max_note_chars, "the note", false,
                                *sent->mutable_note()))
            return failed(*e);
        sent->set_invitation_id(numbered_id('i', invitations_sent_ + 1));
        sent->set_member_id(target->member.member_id());
        sent->set_by_member_id(me.member_id());
        event.add_private_to(target->member.member_id());
        commit(out, std::move(event), {}, now_ms);
        return out;
    }
    return failed(pb::BAD_REQUEST, "unknown command");
}

bool room::may_see(const pb::Event& event, const std::string& member_id) const {
    if (event.private_to_size() == 0) return true;
    const auto* member = find_member(member_id);
    if (!event.only_listed() && member && member->member.role() == pb::MODERATOR) return true;
    for (const auto& id : event.private_to())
        if (id == member_id) return true;
    return false;
}

pb::ParticipationReport room::balance(std::int64_t now_ms) const {
    std::vector<report_member> people;
    for (const auto& record : members_) {
        if (!record.member.present() || record.member.role() == pb::OBSERVER) continue;
        people.push_back({record.member.member_id(), record.member.role() == pb::PARTICIPANT});
    }
    pb::ParticipationReport report;
    report.set_server_time_ms(now_ms);
    *report.mutable_session() = participation_.session_scope(people, floor_, now_ms);
    if (participation_.has_item()) *report.mutable_agenda_item() = participation_.item_scope(people, floor_, now_ms);
    return report;
}

bool room::sees_balance(const std::string& member_id) const {
    const auto* member = find_member(member_id);
    return fairness_.balance_visible_to_all() || (member && member->member.role() == pb::MODERATOR);
}

pb::ParticipationReport room::participation_report(const std::string& member_id, std::int64_t now_ms) const {
    auto report = balance(now_ms);
    for (const auto& p : report.session().people())
        if (p.member_id() == member_id) *report.mutable_mine() = p;
    if (!sees_balance(member_id)) {
        report.clear_session();
        report.clear_agenda_item();
    }
    const auto* member = find_member(member_id);
    if (member && member->member.role() == pb::MODERATOR) *report.mutable_needs() = needs_summary();
    return report;
}

}  // namespace ts::room
