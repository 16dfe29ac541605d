#include "room/turns/reactions_part.hpp"

namespace ts::room {

std::vector<command_policy> reactions_part::policies() const {
    return {{pb::ClientMessage::kReact, actors::speakers, phases::live, "observers cannot react"}};
}

decision reactions_part::decide(const part_command& command) const {
    auto kind = command.message.react().kind();
    if (kind < pb::AGREE || kind > pb::LOUDER_SLOWER) return decision::refuse(pb::BAD_REQUEST, "unknown reaction");
    logged_event given;
    given.event.mutable_reaction_given()->set_member_id(command.caller.member_id());
    given.event.mutable_reaction_given()->set_kind(kind);
    return decision::of(std::move(given));
}

}  // namespace ts::room
