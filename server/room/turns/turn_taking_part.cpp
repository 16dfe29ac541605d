#include "room/turns/turn_taking_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>
#include <functional>

#include "room/room_checks.hpp"
#include "room/turns/floor_clock.hpp"
#include "room/turns/turn_settings_part.hpp"

namespace ts::room {

using namespace checks;
using M = pb::ClientMessage;
using state = turn_taking_part::state;

namespace {

bool is_moderator(const pb::Member& m) { return m.role() == pb::MODERATOR; }

bool valid_kind(pb::HandKind kind) { return kind >= pb::POINT_OF_ORDER && kind <= pb::NEW_POINT; }

// A decision being made: the part's state with each decided event already folded in, so
// that every step sees the steps before it (a turn that ends changes who goes next).
struct draft {
    state s;
    const room_limits& limits;
    std::int64_t now_ms;
    std::vector<logged_event> events;

    void emit(pb::Event event) {
        turn_taking_part::fold(s, event);
        events.push_back(logged_event{std::move(event), {}});
    }

    order_context ordering() const {
        order_context ctx;
        const auto caps = s.fairness;
        ctx.cap_turns = caps.max_turns();
        const auto* figures = &s.figures;
        ctx.standing = [figures, caps](const std::string& member_id) {
            turn_taking_part::turn_figures f;
            if (auto it = figures->find(member_id); it != figures->end()) f = it->second;
            speaker_standing standing;
            standing.turns = f.turns;
            standing.floor_ms = f.floor_ms;
            standing.spoken_ms = f.voiced_ms;
            standing.capped =
                (caps.max_turns() > 0 && f.turns >= caps.max_turns()) ||
                (caps.max_floor_seconds() > 0 && f.floor_ms >= std::int64_t{caps.max_floor_seconds()} * 1000);
            return standing;
        };
        bool first = true;
        for (const auto& e : s.queue.entries()) {
            auto it = s.figures.find(e.member_id());
            auto turns = it == s.figures.end() ? 0u : it->second.turns;
            if (first || turns < ctx.fewest_turns_waiting) ctx.fewest_turns_waiting = turns;
            first = false;
        }
        return ctx;
    }

    // Puts a new or changed hand where the ordering says. A newcomer can change everyone's
    // standing (round robin's round starts again when someone who has not spoken joins the
    // queue), so a policy that follows figures re-sorts the whole queue; the event that
    // records the new hand carries the result.
    void place(pb::QueueEntry entry) {
        s.queue.insert(std::move(entry), ordering());
        if (s.queue.policy().follows_figures()) s.queue.reorder(ordering());
    }

    void queue_event(pb::QueueChange change, const std::string& entry_id, const std::string& member_id,
                     const std::string& by, const std::string& note = "") {
        pb::Event event;
        auto* changed = event.mutable_queue_changed();
        changed->set_change(change);
        changed->set_entry_id(entry_id);
        changed->set_member_id(member_id);
        changed->set_by_member_id(by);
        changed->set_note(note);
        s.queue.copy_to(*changed->mutable_queue());
        changed->set_open(s.queue.open());
        emit(std::move(event));
    }

    // complete() fills in the rest of the event.
    void floor_event(pb::FloorChange change, const pb::FloorState& floor, const std::string& by,
                     const std::function<void(pb::FloorChanged&)>& complete = {}) {
        pb::Event event;
        auto* changed = event.mutable_floor_changed();
        changed->set_change(change);
        *changed->mutable_floor() = floor;
        changed->set_member_id(floor.holder_member_id());
        changed->set_by_member_id(by);
        if (complete) complete(*changed);
        emit(std::move(event));
    }

    // Re-sorts the queue if the policy follows figures (or always, if forced), recording
    // the new order when it changed.
    void reorder(bool forced, const std::string& by) {
        if (s.queue.entries().empty() || (!forced && !s.queue.policy().follows_figures())) return;
        if (!s.queue.reorder(ordering())) return;
        queue_event(pb::QUEUE_CHANGE_REORDERED, "", "", by);
    }

    void end_turn(pb::TurnEndReason reason, const std::string& by) {
        auto holder = s.floor.holder_member_id();
        auto spoken = floor_clock::spoken_ms(s.floor, now_ms);
        floor_event(pb::FLOOR_CHANGE_ENDED, pb::FloorState{}, by, [&](pb::FloorChanged& ended) {
            ended.set_member_id(holder);
            ended.set_end_reason(reason);
            ended.set_turn_duration_ms(spoken);
        });
        reorder(false, by);  // floor time changed
    }

    void raise(const std::string& member_id, pb::HandKind kind, std::string topic, const std::string& by,
               const std::string& note = "") {
        pb::QueueEntry entry;
        entry.set_topic(std::move(topic));
        entry.set_entry_id(numbered_id('q', s.hands_raised + 1));
        entry.set_member_id(member_id);
        entry.set_kind(kind);
        entry.set_raised_at_ms(now_ms);
        auto id = entry.entry_id();
        place(std::move(entry));
        queue_event(pb::QUEUE_CHANGE_RAISED, id, member_id, by, note);
    }

    decision done() {
        decision d;
        d.events = std::move(events);
        return d;
    }
};

// Whose hand a command is about: the caller's own, or (moderators only) an in-room
// participant's. Sets error when that is not allowed.
const pb::Member* hand_owner(const std::string& member_id, const part_command& command,
                             std::optional<room_error>& error) {
    const auto& caller = command.caller;
    if (member_id.empty() || member_id == caller.member_id()) {
        return &caller;
    }
    if (!is_moderator(caller)) {
        error = make_error(pb::PERMISSION_DENIED, "you can only manage your own hand");
        return nullptr;
    }
    const auto* owner = command.room.member(member_id);
    if (!owner || !owner->in_room() || !owner->present()) {
        error = make_error(pb::PERMISSION_DENIED,
                           "moderators manage hands for people in the room without a device; others raise their own");
        return nullptr;
    }
    return owner;
}

decision raise_hand(draft& d, const pb::RaiseHand& raise, const part_command& command) {
    std::optional<room_error> error;
    const auto* owner = hand_owner(raise.member_id(), command, error);
    if (!owner) return decision::refuse(std::move(*error));
    if (!valid_kind(raise.kind())) return decision::refuse(pb::BAD_REQUEST, "say what kind of hand this is");
    if (!d.s.queue.open()) return decision::refuse(pb::CONFLICT, "the queue is closed to new hands for now");
    if (d.s.queue.find(owner->member_id(), raise.kind()))
        return decision::refuse(pb::CONFLICT, "there is already a hand up for a " + hand_kind_name(raise.kind()));
    if (d.s.queue.entries().size() >= d.limits.max_queue_entries)
        return decision::refuse(pb::CONFLICT, "the queue is full");
    std::string topic;
    if (auto e = clean_text(raise.topic(), text_kind::label, d.limits.max_topic_chars, "the topic", false, topic))
        return decision::refuse(std::move(*e));
    d.raise(owner->member_id(), raise.kind(), std::move(topic), command.caller.member_id());
    return d.done();
}

decision lower_hand(draft& d, const pb::LowerHand& lower, const part_command& command) {
    std::optional<room_error> error;
    const auto* owner = hand_owner(lower.member_id(), command, error);
    if (!owner) return decision::refuse(std::move(*error));
    std::vector<std::string> ids;
    if (lower.kind() == pb::HAND_KIND_UNSPECIFIED) {
        ids = d.s.queue.entries_of(owner->member_id());
    } else if (auto at = d.s.queue.find(owner->member_id(), lower.kind())) {
        ids.push_back(d.s.queue.entries()[*at].entry_id());
    }
    if (ids.empty()) return decision::refuse(pb::NOT_FOUND, "there is no hand up to lower");
    for (const auto& id : ids) {
        d.s.queue.remove(*d.s.queue.find(id));
        d.queue_event(pb::QUEUE_CHANGE_LOWERED, id, owner->member_id(), command.caller.member_id());
    }
    return d.done();
}

decision change_hand(draft& d, const pb::ChangeHand& change, const part_command& command) {
    std::optional<room_error> error;
    const auto* owner = hand_owner(change.member_id(), command, error);
    if (!owner) return decision::refuse(std::move(*error));
    auto& queue = d.s.queue;
    auto at = queue.find(owner->member_id(), change.kind());
    if (!at) return decision::refuse(pb::NOT_FOUND, "there is no hand of that kind to change");
    auto new_kind = change.new_kind() == pb::HAND_KIND_UNSPECIFIED ? change.kind() : change.new_kind();
    if (!valid_kind(new_kind)) return decision::refuse(pb::BAD_REQUEST, "unknown kind of hand");
    if (new_kind != change.kind() && queue.find(owner->member_id(), new_kind))
        return decision::refuse(pb::CONFLICT, "there is already a hand up for a " + hand_kind_name(new_kind));
    std::string topic;
    if (auto e = clean_text(change.topic(), text_kind::label, d.limits.max_topic_chars, "the topic", false, topic))
        return decision::refuse(std::move(*e));
    auto entry = queue.remove(*at);
    auto id = entry.entry_id();
    entry.set_topic(topic);
    if (new_kind != entry.kind()) {
        entry.set_kind(new_kind);
        d.place(std::move(entry));  // a new kind takes the place its priority gives
    } else {
        queue.put(*at, std::move(entry));  // same kind: same place
    }
    d.queue_event(pb::QUEUE_CHANGE_CHANGED, id, owner->member_id(), command.caller.member_id());
    return d.done();
}

decision grant_floor(draft& d, const pb::GrantFloor& grant, const part_command& command) {
    if (grant.seconds() > d.limits.max_turn_seconds)
        return decision::refuse(pb::BAD_REQUEST,
                                "a turn lasts at most " + std::to_string(d.limits.max_turn_seconds) + " seconds");
    if (d.s.queue.entries().empty()) return decision::refuse(pb::CONFLICT, "nobody is waiting in the queue");
    std::string entry_id = grant.entry_id();
    if (!entry_id.empty() && !d.s.queue.find(entry_id))
        return decision::refuse(pb::NOT_FOUND, "that hand is no longer in the queue");
    const auto& by = command.caller.member_id();
    if (floor_clock::held(d.s.floor)) d.end_turn(pb::PASSED_ON, by);
    // Without a named hand, the first in the queue once the last turn has been counted.
    auto entry = d.s.queue.remove(entry_id.empty() ? 0 : *d.s.queue.find(entry_id));
    d.queue_event(pb::QUEUE_CHANGE_GRANTED, entry.entry_id(), entry.member_id(), by);
    auto seconds = grant.seconds() ? grant.seconds() : d.s.settings.default_turn_seconds();
    d.floor_event(pb::FLOOR_CHANGE_GRANTED,
                  floor_clock::grant(entry.member_id(), entry.kind(), entry.topic(), seconds, d.now_ms), by);
    d.reorder(false, by);  // one more turn for someone may change everyone's place
    return d.done();
}

decision floor_clock_command(draft& d, const pb::ClientMessage& message, const std::string& by) {
    if (!floor_clock::held(d.s.floor)) return decision::refuse(pb::CONFLICT, "nobody has the floor");
    auto floor = d.s.floor;
    switch (message.command_case()) {
        case M::kPauseClock:
            if (floor.paused()) return decision::refuse(pb::CONFLICT, "the clock is already paused");
            floor_clock::pause(floor, d.now_ms);
            d.floor_event(pb::FLOOR_CHANGE_PAUSED, floor, by);
            break;
        case M::kResumeClock:
            if (!floor.paused()) return decision::refuse(pb::CONFLICT, "the clock is not paused");
            floor_clock::resume(floor, d.now_ms);
            d.floor_event(pb::FLOOR_CHANGE_RESUMED, floor, by);
            break;
        default: {
            auto seconds = message.add_time().seconds();
            if (seconds == 0 || seconds > d.limits.max_turn_seconds)
                return decision::refuse(pb::BAD_REQUEST,
                                        "add from 1 to " + std::to_string(d.limits.max_turn_seconds) + " seconds");
            floor_clock::add_time(floor, seconds, d.s.settings.warning_seconds(), d.now_ms);
            d.floor_event(pb::FLOOR_CHANGE_TIME_ADDED, floor, by,
                          [seconds](pb::FloorChanged& added) { added.set_seconds(seconds); });
            break;
        }
    }
    return d.done();
}

// Someone in the physical room was taken off the list: their turn ends and their hands go
// down at once (people on a device keep theirs through the disconnect grace: see tick()).
void take_off_the_floor(draft& d, const std::string& member_id, const std::string& by) {
    if (d.s.floor.holder_member_id() == member_id) d.end_turn(pb::SPEAKER_REMOVED, by);
    for (const auto& id : d.s.queue.entries_of(member_id)) {
        d.s.queue.remove(*d.s.queue.find(id));
        d.queue_event(pb::QUEUE_CHANGE_REMOVED, id, member_id, by, "left the room");
    }
}

// The commands only a moderator may give about the queue and the floor.
decision moderate(draft& d, const part_command& command) {
    const auto& message = command.message;
    const auto& by = command.caller.member_id();
    auto& queue = d.s.queue;
    switch (message.command_case()) {
        case M::kMoveHand: {
            auto at = queue.find(message.move_hand().entry_id());
            if (!at) return decision::refuse(pb::NOT_FOUND, "that hand is no longer in the queue");
            auto member_id = queue.entries()[*at].member_id();
            queue.move(*at, message.move_hand().position());
            d.queue_event(pb::QUEUE_CHANGE_MOVED, message.move_hand().entry_id(), member_id, by);
            return d.done();
        }
        case M::kRemoveHand: {
            auto at = queue.find(message.remove_hand().entry_id());
            if (!at) return decision::refuse(pb::NOT_FOUND, "that hand is no longer in the queue");
            std::string note;
            if (auto e = clean_text(message.remove_hand().reason(), text_kind::label, d.limits.max_note_chars,
                                    "the reason", false, note))
                return decision::refuse(std::move(*e));
            auto entry = queue.remove(*at);
            d.queue_event(pb::QUEUE_CHANGE_REMOVED, entry.entry_id(), entry.member_id(), by, note);
            return d.done();
        }
        case M::kClearQueue:
            if (queue.entries().empty()) return decision::refuse(pb::CONFLICT, "the queue is already empty");
            queue.clear();
            d.queue_event(pb::QUEUE_CHANGE_CLEARED, "", "", by);
            return d.done();
        case M::kSetQueueOpen: {
            bool open = message.set_queue_open().open();
            if (open == queue.open())
                return decision::refuse(pb::CONFLICT,
                                        open ? "the queue is already open" : "the queue is already closed");
            queue.set_open(open);
            d.queue_event(open ? pb::QUEUE_CHANGE_OPENED : pb::QUEUE_CHANGE_CLOSED, "", "", by);
            return d.done();
        }
        case M::kEndTurn:
            if (!floor_clock::held(d.s.floor)) return decision::refuse(pb::CONFLICT, "nobody has the floor");
            // Ended by the room itself (another part's timer, as a follow-up: a budget used up)
            // rather than by a moderator: the speaker's time ran out.
            d.end_turn(by.empty() ? pb::TIME_RAN_OUT : pb::ENDED_BY_MODERATOR, by);
            return d.done();
        case M::kPauseClock:
        case M::kResumeClock:
        case M::kAddTime: return floor_clock_command(d, message, by);
        default: return decision::refuse(pb::BAD_REQUEST, "unknown command");
    }
}

}  // namespace

turn_taking_part::turn_taking_part(room_limits limits, turn_defaults defaults) : limits_(limits) {
    state_.fairness.set_policy(pb::FIRST_COME);
    state_.settings = initial_turn_settings(defaults);
}

std::vector<command_policy> turn_taking_part::policies() const {
    const char* hands = "observers follow the meeting; they do not raise hands";
    const char* moderating = "only a moderator runs the queue and the floor";
    return {
        {M::kRaiseHand, actors::speakers, phases::live, hands,
         "moderators may raise a hand for someone in the room (member_id)"},
        {M::kLowerHand, actors::speakers, phases::live, hands,
         "one's own hand; moderators may lower anyone's (member_id)"},
        {M::kChangeHand, actors::speakers, phases::live, hands,
         "one's own hand; moderators may change anyone's (member_id)"},
        {M::kGrantFloor, actors::moderators, phases::live, "only a moderator can give the floor"},
        {M::kYieldFloor, actors::people, phases::live, "the room's screen never has the floor",
         "only whoever has the floor (others are told they do not have it)"},
        {M::kMoveHand, actors::moderators, phases::live, moderating},
        {M::kRemoveHand, actors::moderators, phases::live, moderating},
        {M::kClearQueue, actors::moderators, phases::live, moderating},
        {M::kSetQueueOpen, actors::moderators, phases::live, moderating},
        {M::kEndTurn, actors::moderators, phases::live, moderating},
        {M::kPauseClock, actors::moderators, phases::live, moderating},
        {M::kResumeClock, actors::moderators, phases::live, moderating},
        {M::kAddTime, actors::moderators, phases::live, moderating},
    };
}

std::vector<pb::Event::KindCase> turn_taking_part::folds() const {
    return {pb::Event::kQueueChanged,        pb::Event::kFloorChanged, pb::Event::kFairnessChanged,
            pb::Event::kTurnSettingsChanged, pb::Event::kPauseChanged, pb::Event::kVoiceSpoken};
}

std::vector<pb::Event::KindCase> turn_taking_part::reacts_to() const {
    return {pb::Event::kPauseChanged, pb::Event::kInvitationAnswered, pb::Event::kFairnessChanged,
            pb::Event::kMemberLeft, pb::Event::kVoiceSpoken};
}

void turn_taking_part::fold(state& s, const pb::Event& event) {
    switch (event.kind_case()) {
        case pb::Event::kQueueChanged:
            if (event.queue_changed().change() == pb::QUEUE_CHANGE_RAISED) ++s.hands_raised;
            s.queue.assign(event.queue_changed().queue(), event.queue_changed().open());
            break;
        case pb::Event::kFloorChanged: {
            const auto& f = event.floor_changed();
            s.floor = f.floor();
            if (f.change() == pb::FLOOR_CHANGE_GRANTED) ++s.figures[f.member_id()].turns;
            if (f.change() == pb::FLOOR_CHANGE_ENDED) s.figures[f.member_id()].floor_ms += f.turn_duration_ms();
            break;
        }
        case pb::Event::kVoiceSpoken:
            s.figures[event.voice_spoken().member_id()].voiced_ms +=
                std::max<std::int64_t>(0, event.voice_spoken().voiced_ms());
            break;
        case pb::Event::kFairnessChanged:
            s.fairness = event.fairness_changed().settings();
            s.queue.set_policy(make_policy(s.fairness.policy()));
            break;
        case pb::Event::kTurnSettingsChanged: s.settings = event.turn_settings_changed().settings(); break;
        case pb::Event::kPauseChanged:
            // Kept after the pause ends: react() reads it then, and the next pause sets it anew.
            if (event.pause_changed().paused())
                s.floor_paused_by_room = floor_clock::held(s.floor) && !s.floor.paused();
            break;
        default: break;
    }
}

void turn_taking_part::evolve(const pb::Event& event, const pb::EventPrivate&) { fold(state_, event); }

void turn_taking_part::add_to(pb::RoomSnapshot& snapshot) const {
    state_.queue.copy_to(*snapshot.mutable_queue());
    snapshot.set_queue_open(state_.queue.open());
    *snapshot.mutable_floor() = state_.floor;
}

decision turn_taking_part::decide(const part_command& command) const {
    draft d{state_, limits_, command.now_ms, {}};
    const auto& message = command.message;
    switch (message.command_case()) {
        case M::kRaiseHand: return raise_hand(d, message.raise_hand(), command);
        case M::kLowerHand: return lower_hand(d, message.lower_hand(), command);
        case M::kChangeHand: return change_hand(d, message.change_hand(), command);
        case M::kGrantFloor: return grant_floor(d, message.grant_floor(), command);
        case M::kYieldFloor:
            if (d.s.floor.holder_member_id() != command.caller.member_id())
                return decision::refuse(pb::CONFLICT, "you do not have the floor");
            d.end_turn(pb::YIELDED, command.caller.member_id());
            return d.done();
        default: break;
    }
    return moderate(d, command);
}

decision turn_taking_part::react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const {
    draft d{state_, limits_, now_ms, {}};
    switch (event.kind_case()) {
        case pb::Event::kPauseChanged: {
            const auto& pause = event.pause_changed();
            auto floor = d.s.floor;
            if (pause.paused() && d.s.floor_paused_by_room) {
                floor_clock::pause(floor, now_ms);
                d.floor_event(pb::FLOOR_CHANGE_PAUSED, floor, pause.by_member_id());
            } else if (!pause.paused() && d.s.floor_paused_by_room && floor.paused()) {
                floor_clock::resume(floor, now_ms);
                d.floor_event(pb::FLOOR_CHANGE_RESUMED, floor, pause.by_member_id());
            }
            break;
        }
        case pb::Event::kInvitationAnswered: {
            // An accepted invitation is a hand raised, even if the queue is closed to others. It
            // looks like any hand the person raises: only they and the moderators know why.
            const auto& answer = event.invitation_answered();
            if (answer.answer() == pb::ACCEPT && !d.s.queue.find(answer.member_id(), pb::NEW_POINT))
                d.raise(answer.member_id(), pb::NEW_POINT, "", answer.member_id());
            break;
        }
        case pb::Event::kFairnessChanged: d.reorder(true, event.fairness_changed().by_member_id()); break;
        case pb::Event::kVoiceSpoken:
            if (d.s.queue.policy().follows_voice()) d.reorder(false, "");
            break;
        case pb::Event::kMemberLeft: {
            const auto& left = event.member_left();
            if (const auto* m = room.member(left.member_id()); m && m->in_room())
                take_off_the_floor(d, left.member_id(), left.by_member_id());
            break;
        }
        default: break;
    }
    return decision::of(std::move(d.events));
}

decision turn_taking_part::tick(const room_view& room, std::int64_t now_ms) const {
    draft d{state_, limits_, now_ms, {}};
    const auto& settings = d.s.settings;
    if (auto at = floor_clock::warning_at(d.s.floor, settings.warning_seconds()); at && now_ms >= *at) {
        auto floor = d.s.floor;
        floor.set_warned(true);
        d.floor_event(pb::FLOOR_CHANGE_WARNING, floor, "");
    }
    if (auto at = floor_clock::time_up_at(d.s.floor); at && now_ms >= *at) {
        auto floor = d.s.floor;
        floor.set_time_up(true);
        floor.set_warned(true);
        d.floor_event(pb::FLOOR_CHANGE_TIME_UP, floor, "");
        if (settings.time_up_action() == pb::END_TURN) d.end_turn(pb::TIME_RAN_OUT, "");
    }
    const std::int64_t grace = std::int64_t{settings.disconnect_grace_seconds()} * 1000;
    auto entries = d.s.queue.entries();
    for (const auto& entry : entries) {
        const auto* owner = room.member(entry.member_id());
        if (!owner || owner->present() || room.absent_since_ms(entry.member_id()) + grace > now_ms) continue;
        d.s.queue.remove(*d.s.queue.find(entry.entry_id()));
        d.queue_event(pb::QUEUE_CHANGE_EXPIRED, entry.entry_id(), entry.member_id(), "");
    }
    return decision::of(std::move(d.events));
}

std::optional<std::int64_t> turn_taking_part::next_deadline(const room_view& room) const {
    std::optional<std::int64_t> next;
    auto consider = [&next](std::optional<std::int64_t> t) {
        if (t && (!next || *t < *next)) next = t;
    };
    consider(floor_clock::warning_at(state_.floor, state_.settings.warning_seconds()));
    consider(floor_clock::time_up_at(state_.floor));
    const std::int64_t grace = std::int64_t{state_.settings.disconnect_grace_seconds()} * 1000;
    for (const auto& entry : state_.queue.entries()) {
        const auto* owner = room.member(entry.member_id());
        if (owner && !owner->present()) consider(room.absent_since_ms(entry.member_id()) + grace);
    }
    return next;
}

void turn_taking_part::save(state_out& out) const { out(state_); }

void turn_taking_part::load(state_in& in) { in(state_); }

}  // namespace ts::room
