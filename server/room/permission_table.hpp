#pragma once
// The README's "Who may do what", written from the commands' policies (command_policy.hpp):
// a row per command in the protocol's order, a cell per kind of person, the phases, a note.
// scripts/permissions puts it into README.md; a unit test fails when the two differ.
#include <span>
#include <string>

#include "room/command_policy.hpp"

namespace ts::room {

std::string permission_table(std::span<const command_policy* const> policies);

}  // namespace ts::room
