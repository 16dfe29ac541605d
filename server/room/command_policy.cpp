#include "room/command_policy.hpp"

namespace ts::room {

actor actor_of(const pb::Member& member) {
    if (member.room_screen()) return actor::room_screen;
    if (member.role() == pb::MODERATOR) return actor::moderator;
    if (member.role() == pb::OBSERVER) return actor::observer;
    return member.note_taker() ? actor::note_taker : actor::participant;
}

bool allows(actor_set who, actor a) { return (who & std::uint8_t(a)) != 0; }

std::optional<room_error> refusal_in_phase(const command_policy& policy, pb::RoomPhase phase) {
    if (policy.when & phase_bit(phase)) return std::nullopt;
    if (phase == pb::CLOSED)
        return room_error{pb::NOT_LIVE,
                          "the meeting has closed: its record can be read, the follow-up survey answered, "
                          "and the facilitators written to; nothing else can be added",
                          0};
    if (!(policy.when & phases::live)) return room_error{pb::NOT_LIVE, "this opens when the meeting closes", 0};
    return room_error{pb::NOT_LIVE, "the meeting has not started yet: this works once a moderator starts it", 0};
}

std::optional<room_error> refusal_of_caller(const command_policy& policy, const pb::Member& caller) {
    const auto who = actor_of(caller);
    if (allows(policy.who, who)) return std::nullopt;
    // The shared screen stands for the room, not for a person: it asks for nothing, confirms
    // nothing and says nothing (it may leave).
    if (who == actor::room_screen)
        return room_error{pb::PERMISSION_DENIED, "the room's screen shows the meeting; it takes no part in it", 0};
    return room_error{pb::PERMISSION_DENIED, policy.refusal.empty() ? "you cannot do that here" : policy.refusal, 0};
}

}  // namespace ts::room
