#include "room/lifecycle/lifecycle_part.hpp"
#include "room/state_archive.hpp"

namespace ts::room {

namespace {

// Where a phase stands in the room's life: it only moves forward.
int order(pb::RoomPhase phase) {
    switch (phase) {
        case pb::PREPARING: return 0;
        case pb::LOBBY: return 1;
        case pb::LIVE: return 2;
        default: return 3;
    }
}

}  // namespace

std::vector<command_policy> lifecycle_part::policies() const {
    using M = pb::ClientMessage;
    return {
        {M::kSetRoomPhase, actors::moderators, phases::until_closed, "only a moderator can move the room on"},
        {M::kSetRetention, actors::moderators, phases::always, "only a moderator decides how long the record is kept"},
        {M::kShareMinutes, actors::moderators, phases::always, "only a moderator shares the minutes"},
    };
}

decision lifecycle_part::decide(const part_command& command) const {
    if (command.message.has_share_minutes()) {
        logged_event shared;
        shared.event.mutable_minutes_shared()->set_with_everyone(command.message.share_minutes().with_everyone());
        shared.event.mutable_minutes_shared()->set_by_member_id(command.caller.member_id());
        return decision::of(std::move(shared));
    }
    if (command.message.has_set_retention()) {
        const auto days = command.message.set_retention().days();
        if (days > limits_.max_retention_days)
            return decision::refuse(pb::BAD_REQUEST,
                                    "a record is kept at most " + std::to_string(limits_.max_retention_days) + " days");
        logged_event changed;
        changed.event.mutable_retention_changed()->set_days(days);
        changed.event.mutable_retention_changed()->set_by_member_id(command.caller.member_id());
        return decision::of(std::move(changed));
    }
    const auto next = command.message.set_room_phase().phase();
    if (!pb::RoomPhase_IsValid(next)) return decision::refuse(pb::BAD_REQUEST, "unknown phase");
    if (next == phase_) return decision::refuse(pb::CONFLICT, "the room is already in that phase");
    if (order(next) < order(phase_))
        return decision::refuse(pb::CONFLICT, "a room's life only moves forward: preparing, lobby, live, closed");
    logged_event changed;
    changed.event.mutable_room_phase_changed()->set_phase(next);
    changed.event.mutable_room_phase_changed()->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

void lifecycle_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    if (event.has_retention_changed()) {
        retention_days_ = event.retention_changed().days();
        return;
    }
    if (event.has_minutes_shared()) {
        minutes_shared_ = event.minutes_shared().with_everyone();
        return;
    }
    phase_ = event.has_room_created() ? event.room_created().phase() : event.room_phase_changed().phase();
    if (phase_ == pb::CLOSED) closed_at_ms_ = event.at_ms();
}

void lifecycle_part::add_to(pb::RoomSnapshot& snapshot) const {
    snapshot.set_phase(phase_);
    snapshot.set_retention_days(retention_days_);
    snapshot.set_closed_at_ms(closed_at_ms_);
    snapshot.set_minutes_shared(minutes_shared_);
}

std::optional<std::int64_t> lifecycle_part::expires_at_ms() const {
    if (phase_ != pb::CLOSED) return std::nullopt;
    return closed_at_ms_ + std::int64_t{retention_days_} * 24 * 60 * 60 * 1000;
}

void lifecycle_part::save(state_out& out) const { out(phase_, retention_days_, closed_at_ms_, minutes_shared_); }

void lifecycle_part::load(state_in& in) { in(phase_, retention_days_, closed_at_ms_, minutes_shared_); }

}  // namespace ts::room
