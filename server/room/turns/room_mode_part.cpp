#include "room/turns/room_mode_part.hpp"
#include "room/state_archive.hpp"

namespace ts::room {

std::vector<command_policy> room_mode_part::policies() const {
    return {{pb::ClientMessage::kSetRoomMode, actors::moderators, phases::until_closed,
             "only a moderator changes the room's mode"}};
}

decision room_mode_part::decide(const part_command& command) const {
    auto mode = command.message.set_room_mode().mode();
    if (mode != pb::OPEN && mode != pb::STRUCTURED) return decision::refuse(pb::BAD_REQUEST, "unknown room mode");
    if (mode == mode_) return decision::refuse(pb::CONFLICT, "the room is already in that mode");
    logged_event changed;
    changed.event.mutable_room_mode_changed()->set_mode(mode);
    changed.event.mutable_room_mode_changed()->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

void room_mode_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    mode_ = event.room_mode_changed().mode();
}

void room_mode_part::save(state_out& out) const { out(mode_); }

void room_mode_part::load(state_in& in) { in(mode_); }

}  // namespace ts::room
