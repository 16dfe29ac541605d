#include "room/turns/note_taker_part.hpp"

namespace ts::room {

std::vector<command_policy> note_taker_part::policies() const {
    return {{pb::ClientMessage::kSetNoteTaker, actors::moderators, phases::until_closed,
             "only a moderator names note-takers"}};
}

decision note_taker_part::decide(const part_command& command) const {
    const auto& set = command.message.set_note_taker();
    const auto* target = command.room.member(set.member_id());
    if (!target || target->in_room() || target->role() == pb::OBSERVER)
        return decision::refuse(pb::NOT_FOUND, "a note-taker must be a participant or moderator with a device");
    if (target->note_taker() == set.note_taker()) return decision::refuse(pb::CONFLICT, "nothing to change");
    logged_event changed;
    auto* c = changed.event.mutable_note_taker_changed();
    c->set_member_id(target->member_id());
    c->set_note_taker(set.note_taker());
    c->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

}  // namespace ts::room
