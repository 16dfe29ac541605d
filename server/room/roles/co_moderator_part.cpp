#include "room/roles/co_moderator_part.hpp"
#include "room/state_archive.hpp"

namespace ts::room {

std::vector<command_policy> co_moderator_part::policies() const {
    return {{pb::ClientMessage::kSetCoModerator, actors::moderators, phases::until_closed,
             "only a moderator can share or take back moderating"}};
}

decision co_moderator_part::decide(const part_command& command) const {
    const auto& set = command.message.set_co_moderator();
    const auto* target = command.room.member(set.member_id());
    if (!target || target->in_room() || target->room_screen())
        return decision::refuse(pb::NOT_FOUND, "co-moderators are people taking part online");
    if (target->member_id() == command.caller.member_id())
        return decision::refuse(pb::CONFLICT, "another moderator can change your own role");
    pb::Role role;
    if (set.co_moderator()) {
        if (target->role() == pb::MODERATOR) return decision::refuse(pb::CONFLICT, "they are already a moderator");
        if (target->role() != pb::PARTICIPANT)
            return decision::refuse(pb::CONFLICT, "observers follow; they do not moderate");
        if (!target->present())
            return decision::refuse(pb::CONFLICT, "they have left; share moderating with someone here online");
        role = pb::MODERATOR;
    } else {
        if (!granted_.count(target->member_id()))
            return decision::refuse(pb::CONFLICT, "only a role given in the room can be taken back");
        role = pb::PARTICIPANT;
    }
    logged_event changed;
    auto* c = changed.event.mutable_role_changed();
    c->set_member_id(target->member_id());
    c->set_role(role);
    c->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

void co_moderator_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    const auto& c = event.role_changed();
    if (c.role() == pb::MODERATOR)
        granted_.insert(c.member_id());
    else
        granted_.erase(c.member_id());
}

void co_moderator_part::save(state_out& out) const { out(granted_); }

void co_moderator_part::load(state_in& in) { in(granted_); }

}  // namespace ts::room
