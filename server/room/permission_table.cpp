#include "room/permission_table.hpp"

#include <utility>

namespace ts::room {

namespace {

std::string phases_of(phase_set when) {
    if ((when & phases::always) == phases::always) return "all";
    std::string out;
    for (auto [phase, name] : {std::pair{pb::PREPARING, "preparing"}, std::pair{pb::LOBBY, "lobby"},
                               std::pair{pb::LIVE, "live"}, std::pair{pb::CLOSED, "closed"}})
        if (when & phase_bit(phase)) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

}  // namespace

std::string permission_table(std::span<const command_policy* const> policies) {
    // A co-moderator is a moderator to the room's rules: the two columns say so.
    const std::pair<const char*, actor> people[] = {
        {"observer", actor::observer},     {"participant", actor::participant}, {"room screen", actor::room_screen},
        {"note-taker", actor::note_taker}, {"co-moderator", actor::moderator},  {"moderator", actor::moderator},
    };
    std::string out = "| command |";
    for (const auto& [name, who] : people) out += std::string(" ") + name + " |";
    out += " not joined | another room's moderator | phases | notes |\n|";
    for (std::size_t i = 0; i < std::size(people) + 5; ++i) out += " --- |";
    out += "\n";
    for (const auto* policy : policies) {
        const auto* field = pb::ClientMessage::descriptor()->FindFieldByNumber(policy->command);
        out += "| `" + (field ? field->name() : std::to_string(policy->command)) + "` |";
        for (const auto& [name, who] : people)
            out += policy->before_joining ? " - |" : allows(policy->who, who) ? " yes |" : " no |";
        out += policy->before_joining ? " yes |" : " no |";
        out += " no | " + phases_of(policy->when) + " | " + policy->note + " |\n";
    }
    return out;
}

}  // namespace ts::room
