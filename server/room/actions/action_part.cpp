#include "room/actions/action_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>
#include <utility>

#include "room/actions/calendar_date.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

const char* status_words(pb::ActionStatus status) {
    switch (status) {
        case pb::ACTION_OPEN: return "open";
        case pb::ACTION_UNDER_WAY: return "under way";
        case pb::ACTION_DONE: return "done";
        case pb::ACTION_DROPPED: return "dropped";
        default: return "not said";
    }
}

}  // namespace

std::vector<command_policy> action_part::policies() const {
    return {{pb::ClientMessage::kRecordAction, actors::recorders, phases::live_and_after,
             "a moderator or the note-taker records actions", "during the meeting and after it"},
            {pb::ClientMessage::kSetActionStatus, actors::people, phases::live_and_after,
             "only people in the room mark an action's progress",
             "the action's owner; moderators and the note-taker for any action; dropping needs a reason"}};
}

// The const lookup, for folding: one search, two faces.
pb::Action* action_part::find(const std::string& action_id) {
    return const_cast<pb::Action*>(std::as_const(*this).find(action_id));
}

const pb::Action* action_part::find(const std::string& action_id) const {
    auto it =
        std::find_if(actions_.begin(), actions_.end(), [&](const pb::Action& a) { return a.action_id() == action_id; });
    return it == actions_.end() ? nullptr : &*it;
}

decision action_part::decide(const part_command& command) const {
    return command.message.has_record_action() ? record(command) : set_status(command);
}

decision action_part::record(const part_command& command) const {
    const auto& given = command.message.record_action().action();
    const pb::Action* old = nullptr;
    if (!given.action_id().empty()) {
        old = find(given.action_id());
        if (!old) return decision::refuse(pb::NOT_FOUND, "no such action");
    } else if (actions_.size() >= limits_.max_actions) {
        return decision::refuse(pb::TOO_LARGE, "this meeting has recorded " + std::to_string(limits_.max_actions) +
                                                   " actions, the most it keeps");
    }
    logged_event out;
    auto* recorded = out.event.mutable_action_recorded();
    auto* action = recorded->mutable_action();
    if (old) *action = *old;
    recorded->set_changed(old != nullptr);
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_action_chars, "what is to be done", true,
                            *action->mutable_text()))
        return decision::refuse(std::move(*e));

    // One owner: a person in the room, or someone named in words.
    if (!given.owner_member_id().empty() && !given.owner_name().empty())
        return decision::refuse(pb::BAD_REQUEST,
                                "an action has one owner: a person in the room, or an organisation or role");
    if (!given.owner_member_id().empty()) {
        const auto* owner = command.room.member(given.owner_member_id());
        if (!owner || owner->room_screen()) return decision::refuse(pb::NOT_FOUND, "no such person in the room");
        action->set_owner_member_id(given.owner_member_id());
        action->clear_owner_name();
    } else {
        if (auto e = clean_text(given.owner_name(), text_kind::label, limits_.max_action_owner_chars,
                                "the action's owner", false, *action->mutable_owner_name()))
            return decision::refuse(std::move(*e));
        if (action->owner_name().empty())
            return decision::refuse(pb::BAD_REQUEST,
                                    "say who owns the action: a person in the room, or an organisation or role");
        action->clear_owner_member_id();
    }

    if (!given.due_date().empty() && !is_calendar_date(given.due_date()))
        return decision::refuse(pb::BAD_REQUEST, "the date is not a day in the calendar: write it as YYYY-MM-DD");
    action->set_due_date(given.due_date());

    const int sources =
        !given.from_question_id().empty() + !given.from_agenda_item_id().empty() + (given.from_seq() != 0);
    if (sources > 1) return decision::refuse(pb::BAD_REQUEST, "an action comes from one thing at most");
    if (!given.from_question_id().empty() && !decisions_.count(given.from_question_id()))
        return decision::refuse(pb::NOT_FOUND, "no such decision");
    if (!given.from_agenda_item_id().empty() && !agenda_items_.count(given.from_agenda_item_id()))
        return decision::refuse(pb::NOT_FOUND, "no such agenda item");
    if (given.from_seq() != 0 && !command.room.is_message(given.from_seq()))
        return decision::refuse(pb::NOT_FOUND, "no such message");
    action->set_from_question_id(given.from_question_id());
    action->set_from_agenda_item_id(given.from_agenda_item_id());
    action->set_from_seq(given.from_seq());

    if (old) {
        if (action->SerializeAsString() == old->SerializeAsString())
            return decision::refuse(pb::CONFLICT, "the action says this already");
    } else {
        action->set_action_id("act" + std::to_string(actions_.size() + 1));
        action->set_status(pb::ACTION_OPEN);
        action->set_recorded_by_member_id(command.caller.member_id());
    }
    return decision::of(std::move(out));
}

decision action_part::set_status(const part_command& command) const {
    const auto& given = command.message.set_action_status();
    const auto* action = find(given.action_id());
    if (!action) return decision::refuse(pb::NOT_FOUND, "no such action");
    if (!allows(actors::recorders, actor_of(command.caller)) && action->owner_member_id() != command.caller.member_id())
        return decision::refuse(pb::PERMISSION_DENIED,
                                "only the action's owner, a moderator or the note-taker marks its progress");
    if (given.status() == pb::ACTION_STATUS_UNSPECIFIED || !pb::ActionStatus_IsValid(given.status()))
        return decision::refuse(pb::BAD_REQUEST, "say how the action stands: open, under way, done or dropped");
    logged_event out;
    auto* changed = out.event.mutable_action_status_changed();
    if (auto e = clean_text(given.note(), text_kind::prose, limits_.max_action_note_chars, "the note", false,
                            *changed->mutable_note()))
        return decision::refuse(std::move(*e));
    if (given.status() == pb::ACTION_DROPPED && changed->note().empty())
        return decision::refuse(pb::BAD_REQUEST, "say why the action is dropped");
    // The same status again is a progress note; without one it would say nothing new.
    if (given.status() == action->status() && (changed->note().empty() || changed->note() == action->note()))
        return decision::refuse(pb::CONFLICT,
                                std::string("the action is ") + status_words(action->status()) + " already");
    changed->set_action_id(action->action_id());
    changed->set_status(given.status());
    changed->set_was(action->status());
    changed->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(out));
}

void action_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    switch (event.kind_case()) {
        case pb::Event::kActionRecorded: {
            const auto& given = event.action_recorded().action();
            if (auto* known = find(given.action_id())) {
                *known = given;
            } else {
                actions_.push_back(given);
                actions_.back().set_updated_at_ms(event.at_ms());
            }
            return;
        }
        case pb::Event::kActionStatusChanged: {
            const auto& changed = event.action_status_changed();
            auto* it = find(changed.action_id());
            if (!it) return;
            it->set_status(changed.status());
            it->set_note(changed.note());
            it->set_updated_by_member_id(changed.by_member_id());
            it->set_updated_at_ms(event.at_ms());
            return;
        }
        case pb::Event::kDecisionRecorded: decisions_.insert(event.decision_recorded().question_id()); return;
        case pb::Event::kAgendaItemPlanned: agenda_items_.insert(event.agenda_item_planned().item().item_id()); return;
        case pb::Event::kAgendaItemStarted: agenda_items_.insert(event.agenda_item_started().item_id()); return;
        case pb::Event::kAgendaItemRemoved: agenda_items_.erase(event.agenda_item_removed().item_id()); return;
        default: return;
    }
}

void action_part::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& a : actions_) *snapshot.add_actions() = a;
}

void action_part::save(state_out& out) const { out(actions_, decisions_, agenda_items_); }

void action_part::load(state_in& in) { in(actions_, decisions_, agenda_items_); }

}  // namespace ts::room
