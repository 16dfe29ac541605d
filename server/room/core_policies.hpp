#pragma once
// Who may send the commands the room's core decides itself (membership, the conversation)
// and those the room's host answers by the room's rules (history, participation figures,
// deleting the room). Each part declares its own (room_part::policies).
#include <span>

#include "room/command_policy.hpp"

namespace ts::room {

std::span<const command_policy> core_policies();

}  // namespace ts::room
