#include "room/core_policies.hpp"

#include <vector>

namespace ts::room {

std::span<const command_policy> core_policies() {
    using M = pb::ClientMessage;
    static constexpr const char* in_room = "only a moderator keeps the list of people in the physical room";
    static const std::vector<command_policy> policies = {
        {M::kJoin, actors::nobody, phases::always, "",
         "with the join code, the moderator key or one's own resume token; a banned token is refused", true},
        {M::kPost, actors::speakers, phases::live, "observers can read but not post",
         "in structured mode only the floor holder and moderators; anonymous only where it stays anonymous"},
        {M::kLeave, actors::anyone, phases::always},
        {M::kUpdateRoom, actors::moderators, phases::until_closed,
         "only a moderator can change the room's title or purpose"},
        // The record stays people's own: what they said can still be taken back after the meeting.
        {M::kWithdrawMessage, actors::speakers, phases::live_and_after, "observers have no messages to withdraw",
         "only its author (or whoever noted it for someone in the room)"},
        {M::kRedactMessage, actors::moderators, phases::live_and_after, "only a moderator removes others' messages",
         "a moderator removes anyone's message"},
        {M::kDeleteRoom, actors::moderators, phases::always, "only a moderator can delete the room",
         "the room's title, typed to confirm"},
        {M::kGetHistory, actors::anyone, phases::always, "", "each event as its reader could see it live"},
        {M::kGetParticipation, actors::anyone, phases::always, "",
         "one's own figures; the room's balance to moderators, or to all if the room shows it"},
        // Who may come back stays the facilitators' say after the meeting too.
        {M::kRemoveMember, actors::moderators, phases::always, "only a moderator can remove someone from the room",
         "not a moderator, not someone in the physical room, not oneself"},
        {M::kLiftBan, actors::moderators, phases::always, "only a moderator can let a banned person back"},
        {M::kRotateJoinCode, actors::moderators, phases::always, "only a moderator can change the join code",
         "the new code comes from the moderator's browser"},
        {M::kRecordContribution, actors::recorders, phases::live,
         "only a moderator or a note-taker can record a contribution",
         "what someone in the physical room said, by the note-taker or a moderator"},
        {M::kAddInRoomParticipant, actors::moderators, phases::until_closed, in_room},
        {M::kRemoveInRoomParticipant, actors::moderators, phases::until_closed, in_room},
        // Voice signalling: the host carries it to the media server (voice_bridge); whether a
        // voice is heard is the voice part's, enforced there.
        {M::kVoicePublish, actors::speakers | actor::room_screen, phases::until_closed,
         "an observer listens and is not heard", "in a room with voice; heard only when its voice allows"},
        {M::kVoiceListen, actors::anyone, phases::until_closed, "", "in a room with voice"},
        {M::kVoiceListenAnswer, actors::anyone, phases::until_closed, "", "after an offer to hear the others"},
        {M::kVoiceHangUp, actors::anyone, phases::until_closed},
    };
    return policies;
}

}  // namespace ts::room
