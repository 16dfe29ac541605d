// Turn-taking: the speaking queue, the floor and its clock, reactions, and people in the
// physical room. Part of class room (see room.hpp); every rule here is the server's.
#include <algorithm>

#include "room/floor_clock.hpp"
#include "room/room.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

bool is_moderator(const pb::Member& m) { return m.role() == pb::MODERATOR; }

bool valid_kind(pb::HandKind kind) { return kind >= pb::POINT_OF_ORDER && kind <= pb::NEW_POINT; }

outcome moderators_only(const char* what) {
    return failed(pb::PERMISSION_DENIED, std::string("only a moderator can ") + what);
}

}  // namespace

outcome room::turn_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms) {
    using M = pb::ClientMessage;
    switch (message.command_case()) {
        case M::kRaiseHand: return raise_hand(message.raise_hand(), caller, now_ms);
        case M::kLowerHand: return lower_hand(message.lower_hand(), caller, now_ms);
        case M::kChangeHand: return change_hand(message.change_hand(), caller, now_ms);
        case M::kGrantFloor: return grant_floor(message.grant_floor(), caller, now_ms);
        case M::kYieldFloor: {
            if (floor_.holder_member_id() != caller.member.member_id())
                return failed(pb::CONFLICT, "you do not have the floor");
            outcome out;
            end_turn(out, pb::YIELDED, caller.member.member_id(), now_ms);
            return out;
        }
        case M::kRecordContribution: {
            if (!is_moderator(caller.member) && !caller.member.note_taker())
                return failed(pb::PERMISSION_DENIED, "only a moderator or a note-taker can record a contribution");
            auto* speaker = find_member(message.record_contribution().member_id());
            if (!speaker || !speaker->member.in_room())
                return failed(pb::NOT_FOUND, "contributions are recorded for people in the room without a device");
            pb::Event event;
            auto* posted = event.mutable_message_posted();
            if (auto e = clean_text(message.record_contribution().text(), text_kind::prose, limits_.max_message_chars,
                                    "the contribution", true, *posted->mutable_text()))
                return failed(*e);
            posted->set_member_id(speaker->member.member_id());
            posted->set_noted_by_member_id(caller.member.member_id());
            outcome out;
            commit(out, std::move(event), {}, now_ms);
            return out;
        }
        case M::kSetPacing:
        case M::kHoldLine:
        case M::kReleaseLine:
        case M::kRequestPause:
        case M::kSetPaused:
            return pacing_command(message, caller, now_ms);
        case M::kAnswerInvitation:
        case M::kInviteToSpeak:
        case M::kSetFairness:
            return fairness_command(message, caller, now_ms);
        default: break;
    }

    // Everything below is for moderators.
    if (!is_moderator(caller.member)) return moderators_only("do that");
    const auto& by = caller.member.member_id();
    outcome out;
    switch (message.command_case()) {
        case M::kMoveHand: {
            auto at = queue_.find(message.move_hand().entry_id());
            if (!at) return failed(pb::NOT_FOUND, "that hand is no longer in the queue");
            auto member_id = queue_.entries()[*at].member_id();
            queue_.move(*at, message.move_hand().position());
            emit_queue(out, pb::QUEUE_CHANGE_MOVED, message.move_hand().entry_id(), member_id, by, "", now_ms);
            return out;
        }
        case M::kRemoveHand: {
            auto at = queue_.find(message.remove_hand().entry_id());
            if (!at) return failed(pb::NOT_FOUND, "that hand is no longer in the queue");
            std::string note;
            if (auto e = clean_text(message.remove_hand().reason(), text_kind::label, limits_.max_note_chars,
                                    "the reason", false, note))
                return failed(*e);
            auto entry = queue_.remove(*at);
            emit_queue(out, pb::QUEUE_CHANGE_REMOVED, entry.entry_id(), entry.member_id(), by, note, now_ms);
            return out;
        }
        case M::kClearQueue:
            if (queue_.entries().empty()) return failed(pb::CONFLICT, "the queue is already empty");
            queue_.clear();
            emit_queue(out, pb::QUEUE_CHANGE_CLEARED, "", "", by, "", now_ms);
            return out;
        case M::kSetQueueOpen: {
            bool open = message.set_queue_open().open();
            if (open == queue_.open())
                return failed(pb::CONFLICT, open ? "the queue is already open" : "the queue is already closed");
            queue_.set_open(open);
            emit_queue(out, open ? pb::QUEUE_CHANGE_OPENED : pb::QUEUE_CHANGE_CLOSED, "", "", by, "", now_ms);
            return out;
        }
        case M::kEndTurn:
            if (!floor_clock::held(floor_)) return failed(pb::CONFLICT, "nobody has the floor");
            end_turn(out, pb::ENDED_BY_MODERATOR, by, now_ms);
            return out;
        case M::kPauseClock:
        case M::kResumeClock:
        case M::kAddTime:
            return floor_clock_command(message, caller, now_ms);
        case M::kAddInRoomParticipant:
        case M::kRemoveInRoomParticipant:
            return in_room_command(message, caller, now_ms);
        default:
            return failed(pb::BAD_REQUEST, "unknown command");
    }
}

room::member_record* room::hand_owner(const std::string& member_id, member_record& caller,
                                      std::optional<room_error>& error) {
    if (member_id.empty() || member_id == caller.member.member_id()) {
        if (caller.member.role() == pb::OBSERVER) {
            error = make_error(pb::PERMISSION_DENIED, "observers cannot raise hands");
            return nullptr;
        }
        return &caller;
    }
    if (!is_moderator(caller.member)) {
        error = make_error(pb::PERMISSION_DENIED, "you can only manage your own hand");
        return nullptr;
    }
    auto* owner = find_member(member_id);
    if (!owner || !owner->member.in_room() || !owner->member.present()) {
        error = make_error(pb::PERMISSION_DENIED,
                           "moderators manage hands for people in the room without a device; others raise their own");
        return nullptr;
    }
    return owner;
}

outcome room::raise_hand(const pb::RaiseHand& raise, member_record& caller, std::int64_t now_ms) {
    std::optional<room_error> error;
    auto* owner = hand_owner(raise.member_id(), caller, error);
    if (!owner) return failed(*error);
    if (!valid_kind(raise.kind())) return failed(pb::BAD_REQUEST, "say what kind of hand this is");
    if (!queue_.open()) return failed(pb::CONFLICT, "the queue is closed to new hands for now");
    if (queue_.find(owner->member.member_id(), raise.kind()))
        return failed(pb::CONFLICT, "there is already a hand up for a " + hand_kind_name(raise.kind()));
    if (queue_.entries().size() >= limits_.max_queue_entries) return failed(pb::CONFLICT, "the queue is full");
    pb::QueueEntry entry;
    if (auto e = clean_text(raise.topic(), text_kind::label, limits_.max_topic_chars, "the topic", false,
                            *entry.mutable_topic()))
        return failed(*e);
    entry.set_entry_id(numbered_id('q', hands_raised_ + 1));
    entry.set_member_id(owner->member.member_id());
    entry.set_kind(raise.kind());
    entry.set_raised_at_ms(now_ms);
    auto id = entry.entry_id();
    place(std::move(entry));
    outcome out;
    emit_queue(out, pb::QUEUE_CHANGE_RAISED, id, owner->member.member_id(), caller.member.member_id(), "", now_ms);
    return out;
}

outcome room::lower_hand(const pb::LowerHand& lower, member_record& caller, std::int64_t now_ms) {
    std::optional<room_error> error;
    auto* owner = hand_owner(lower.member_id(), caller, error);
    if (!owner) return failed(*error);
    std::vector<std::string> ids;
    if (lower.kind() == pb::HAND_KIND_UNSPECIFIED) {
        ids = queue_.entries_of(owner->member.member_id());
    } else if (auto at = queue_.find(owner->member.member_id(), lower.kind())) {
        ids.push_back(queue_.entries()[*at].entry_id());
    }
    if (ids.empty()) return failed(pb::NOT_FOUND, "there is no hand up to lower");
    outcome out;
    for (const auto& id : ids) {
        queue_.remove(*queue_.find(id));
        emit_queue(out, pb::QUEUE_CHANGE_LOWERED, id, owner->member.member_id(), caller.member.member_id(), "", now_ms);
    }
    return out;
}

outcome room::change_hand(const pb::ChangeHand& change, member_record& caller, std::int64_t now_ms) {
    std::optional<room_error> error;
    auto* owner = hand_owner(change.member_id(), caller, error);
    if (!owner) return failed(*error);
    auto at = queue_.find(owner->member.member_id(), change.kind());
    if (!at) return failed(pb::NOT_FOUND, "there is no hand of that kind to change");
    auto new_kind = change.new_kind() == pb::HAND_KIND_UNSPECIFIED ? change.kind() : change.new_kind();
    if (!valid_kind(new_kind)) return failed(pb::BAD_REQUEST, "unknown kind of hand");
    if (new_kind != change.kind() && queue_.find(owner->member.member_id(), new_kind))
        return failed(pb::CONFLICT, "there is already a hand up for a " + hand_kind_name(new_kind));
    std::string topic;
    if (auto e = clean_text(change.topic(), text_kind::label, limits_.max_topic_chars, "the topic", false, topic))
        return failed(*e);
    auto id = queue_.entries()[*at].entry_id();
    auto entry = queue_.remove(*at);
    entry.set_topic(topic);
    if (new_kind != entry.kind()) {
        entry.set_kind(new_kind);
        place(std::move(entry));  // a new kind takes the place its priority gives
    } else {
        queue_.put(*at, std::move(entry));  // same kind: same place
    }
    outcome out;
    emit_queue(out, pb::QUEUE_CHANGE_CHANGED, id, owner->member.member_id(), caller.member.member_id(), "", now_ms);
    return out;
}

outcome room::grant_floor(const pb::GrantFloor& grant, member_record& caller, std::int64_t now_ms) {
    if (!is_moderator(caller.member)) return moderators_only("give the floor");
    if (grant.seconds() > limits_.max_turn_seconds)
        return failed(pb::BAD_REQUEST, "a turn lasts at most " + std::to_string(limits_.max_turn_seconds) + " seconds");
    if (queue_.entries().empty()) return failed(pb::CONFLICT, "nobody is waiting in the queue");
    std::size_t at = 0;
    if (!grant.entry_id().empty()) {
        auto found = queue_.find(grant.entry_id());
        if (!found) return failed(pb::NOT_FOUND, "that hand is no longer in the queue");
        at = *found;
    }
    const auto& by = caller.member.member_id();
    outcome out;
    if (floor_clock::held(floor_)) end_turn(out, pb::PASSED_ON, by, now_ms);
    auto entry = queue_.remove(at);
    emit_queue(out, pb::QUEUE_CHANGE_GRANTED, entry.entry_id(), entry.member_id(), by, "", now_ms);
    auto seconds = grant.seconds() ? grant.seconds() : turn_settings().default_turn_seconds();
    floor_ = floor_clock::grant(entry.member_id(), entry.kind(), entry.topic(), seconds, now_ms);
    emit_floor(out, pb::FLOOR_CHANGE_GRANTED, entry.member_id(), by, now_ms);
    reorder(out, false, by, now_ms);  // one more turn for someone may change everyone's place
    return out;
}

outcome room::floor_clock_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms) {
    if (!floor_clock::held(floor_)) return failed(pb::CONFLICT, "nobody has the floor");
    const auto& by = caller.member.member_id();
    outcome out;
    switch (message.command_case()) {
        case pb::ClientMessage::kPauseClock:
            if (floor_.paused()) return failed(pb::CONFLICT, "the clock is already paused");
            floor_clock::pause(floor_, now_ms);
            emit_floor(out, pb::FLOOR_CHANGE_PAUSED, floor_.holder_member_id(), by, now_ms);
            break;
        case pb::ClientMessage::kResumeClock:
            if (!floor_.paused()) return failed(pb::CONFLICT, "the clock is not paused");
            floor_clock::resume(floor_, now_ms);
            emit_floor(out, pb::FLOOR_CHANGE_RESUMED, floor_.holder_member_id(), by, now_ms);
            break;
        default: {
            auto seconds = message.add_time().seconds();
            if (seconds == 0 || seconds > limits_.max_turn_seconds)
                return failed(pb::BAD_REQUEST, "add from 1 to " + std::to_string(limits_.max_turn_seconds) + " seconds");
            floor_clock::add_time(floor_, seconds, turn_settings().warning_seconds(), now_ms);
            emit_floor(out, pb::FLOOR_CHANGE_TIME_ADDED, floor_.holder_member_id(), by, now_ms,
                       [seconds](pb::FloorChanged& added) { added.set_seconds(seconds); });
            break;
        }
    }
    return out;
}

outcome room::in_room_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms) {
    const auto& by = caller.member.member_id();
    outcome out;
    if (message.has_add_in_room_participant()) {
        if (members_.size() >= limits_.max_members) return failed(pb::CONFLICT, "the room is full");
        const auto& add = message.add_in_room_participant();
        pb::Event event;
        auto* member = event.mutable_member_joined()->mutable_member();
        std::optional<room_error> e;
        if ((e = clean_text(add.display_name(), text_kind::label, limits_.max_display_name_chars, "the display name",
                            true, *member->mutable_display_name())) ||
            (e = clean_text(add.pronouns(), text_kind::label, limits_.max_pronouns_chars, "the pronouns", false,
                            *member->mutable_pronouns())))
            return failed(*e);
        member->set_member_id(numbered_id('m', members_.size() + 1));
        member->set_role(pb::PARTICIPANT);
        member->set_present(true);
        member->set_in_room(true);
        commit(out, std::move(event), {}, now_ms);
        return out;
    }
    auto* target = find_member(message.remove_in_room_participant().member_id());
    if (!target || !target->member.in_room() || !target->member.present())
        return failed(pb::NOT_FOUND, "no such person in the room");
    auto member_id = target->member.member_id();
    if (floor_.holder_member_id() == member_id) end_turn(out, pb::SPEAKER_REMOVED, by, now_ms);
    for (const auto& id : queue_.entries_of(member_id)) {
        queue_.remove(*queue_.find(id));
        emit_queue(out, pb::QUEUE_CHANGE_REMOVED, id, member_id, by, "left the room", now_ms);
    }
    pb::Event event;
    event.mutable_member_left()->set_member_id(member_id);
    event.mutable_member_left()->set_reason(pb::LEFT);
    commit(out, std::move(event), {}, now_ms);
    return out;
}

void room::emit_queue(outcome& out, pb::QueueChange change, const std::string& entry_id, const std::string& member_id,
                      const std::string& by, const std::string& note, std::int64_t now_ms) {
    pb::Event event;
    auto* changed = event.mutable_queue_changed();
    changed->set_change(change);
    changed->set_entry_id(entry_id);
    changed->set_member_id(member_id);
    changed->set_by_member_id(by);
    changed->set_note(note);
    queue_.copy_to(*changed->mutable_queue());
    changed->set_open(queue_.open());
    commit(out, std::move(event), {}, now_ms);
}

void room::emit_floor(outcome& out, pb::FloorChange change, const std::string& member_id, const std::string& by,
                      std::int64_t now_ms, const std::function<void(pb::FloorChanged&)>& complete) {
    pb::Event event;
    auto* changed = event.mutable_floor_changed();
    changed->set_change(change);
    *changed->mutable_floor() = floor_;
    changed->set_member_id(member_id);
    changed->set_by_member_id(by);
    if (complete) complete(*changed);
    commit(out, std::move(event), {}, now_ms);
}

void room::end_turn(outcome& out, pb::TurnEndReason reason, const std::string& by, std::int64_t now_ms) {
    auto holder = floor_.holder_member_id();
    auto spoken = floor_clock::spoken_ms(floor_, now_ms);
    floor_ = pb::FloorState{};
    emit_floor(out, pb::FLOOR_CHANGE_ENDED, holder, by, now_ms, [&](pb::FloorChanged& ended) {
        ended.set_end_reason(reason);
        ended.set_turn_duration_ms(spoken);
    });
    reorder(out, false, by, now_ms);  // floor time changed
}

outcome room::tick(std::int64_t now_ms) {
    outcome out;
    if (auto at = floor_clock::warning_at(floor_, turn_settings().warning_seconds()); at && now_ms >= *at) {
        floor_.set_warned(true);
        emit_floor(out, pb::FLOOR_CHANGE_WARNING, floor_.holder_member_id(), "", now_ms);
    }
    if (auto at = floor_clock::time_up_at(floor_); at && now_ms >= *at) {
        floor_.set_time_up(true);
        floor_.set_warned(true);
        emit_floor(out, pb::FLOOR_CHANGE_TIME_UP, floor_.holder_member_id(), "", now_ms);
        if (turn_settings().time_up_action() == pb::END_TURN) end_turn(out, pb::TIME_RAN_OUT, "", now_ms);
    }
    release_due(out, now_ms);
    const std::int64_t grace = std::int64_t{turn_settings().disconnect_grace_seconds()} * 1000;
    auto entries = queue_.entries();
    for (const auto& entry : entries) {
        auto* owner = find_member(entry.member_id());
        if (!owner || owner->member.present() || owner->absent_since_ms + grace > now_ms) continue;
        queue_.remove(*queue_.find(entry.entry_id()));
        emit_queue(out, pb::QUEUE_CHANGE_EXPIRED, entry.entry_id(), entry.member_id(), "", "", now_ms);
    }
    return out;
}

std::optional<std::int64_t> room::next_deadline() const {
    std::optional<std::int64_t> next;
    auto consider = [&next](std::optional<std::int64_t> t) {
        if (t && (!next || *t < *next)) next = t;
    };
    consider(floor_clock::warning_at(floor_, turn_settings().warning_seconds()));
    consider(floor_clock::time_up_at(floor_));
    consider(next_release_at());
    const std::int64_t grace = std::int64_t{turn_settings().disconnect_grace_seconds()} * 1000;
    for (const auto& entry : queue_.entries()) {
        auto it = by_member_id_.find(entry.member_id());
        if (it == by_member_id_.end()) continue;
        const auto& owner = members_[it->second];
        if (!owner.member.present()) consider(owner.absent_since_ms + grace);
    }
    return next;
}

}  // namespace ts::room
