#pragma once
// Who may send a command, and in which phases of a room's life: declared once per command,
// by the part that owns it (or the room's core for its own). The room checks the policy
// before anything decides, and the README's "Who may do what" is generated from the same
// declarations (permission_table.hpp), so the rule, its refusal and its documentation are
// one thing. What a policy cannot say — whose message, whose hand, which question — stays
// in the part, as a check on what the command says.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "room/room_error.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

namespace pb = talkingstick::v1;

// Who someone is in a room, for its rules: one of these per member.
enum class actor : std::uint8_t {
    observer = 1 << 0,
    participant = 1 << 1,
    note_taker = 1 << 2,
    room_screen = 1 << 3,
    moderator = 1 << 4,  // a moderator or a co-moderator
};
using actor_set = std::uint8_t;

constexpr actor_set operator|(actor a, actor b) { return actor_set(std::uint8_t(a) | std::uint8_t(b)); }
constexpr actor_set operator|(actor_set a, actor b) { return actor_set(a | std::uint8_t(b)); }

namespace actors {
constexpr actor_set nobody = 0;
constexpr actor_set moderators = actor_set(actor::moderator);
// The people taking part (not observers, not facilitators): surveys, read checks.
constexpr actor_set participants = actor::participant | actor::note_taker;
// Those who speak in the meeting.
constexpr actor_set speakers = participants | actor::moderator;
// Whoever notes what the physical room says.
constexpr actor_set recorders = actor::note_taker | actor::moderator;
// Every person: all but the room's screen, which stands for the room and takes no part.
constexpr actor_set people = speakers | actor::observer;
constexpr actor_set anyone = people | actor::room_screen;
}  // namespace actors

using phase_set = std::uint8_t;
constexpr phase_set phase_bit(pb::RoomPhase phase) { return phase_set(1u << (phase & 7)); }

namespace phases {
constexpr phase_set live = phase_bit(pb::LIVE);
constexpr phase_set closed = phase_bit(pb::CLOSED);
// Before the meeting as well as during it: preparing the room and oneself.
constexpr phase_set until_closed = phase_bit(pb::PREPARING) | phase_bit(pb::LOBBY) | live;
constexpr phase_set live_and_after = live | closed;
constexpr phase_set always = until_closed | closed;
}  // namespace phases

struct command_policy {
    command_policy(pb::ClientMessage::CommandCase command, actor_set who, phase_set when, std::string refusal = {},
                   std::string note = {}, bool before_joining = false)
        : command(command),
          who(who),
          when(when),
          refusal(std::move(refusal)),
          note(std::move(note)),
          before_joining(before_joining) {}

    pb::ClientMessage::CommandCase command;
    actor_set who;
    phase_set when;
    // Said to someone the policy refuses for who they are ("only a moderator gives the floor").
    std::string refusal;
    // What the README adds beyond who and when ("one's own hand; moderators may lower anyone's").
    std::string note;
    // Sent before joining (join itself): nobody in the room sends it.
    bool before_joining;
};

// The actor a member is.
actor actor_of(const pb::Member& member);
bool allows(actor_set who, actor a);

// Why the room refuses this command in this phase (NOT_LIVE), or nothing.
std::optional<room_error> refusal_in_phase(const command_policy& policy, pb::RoomPhase phase);
// Why the room refuses this command from this member for who they are (PERMISSION_DENIED),
// or nothing.
std::optional<room_error> refusal_of_caller(const command_policy& policy, const pb::Member& caller);

}  // namespace ts::room
