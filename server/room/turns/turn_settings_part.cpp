#include "room/turns/turn_settings_part.hpp"
#include "room/state_archive.hpp"

#include <string>

namespace ts::room {

pb::TurnSettings initial_turn_settings(const turn_defaults& defaults) {
    pb::TurnSettings settings;
    settings.set_default_turn_seconds(defaults.turn_seconds);
    settings.set_warning_seconds(defaults.warning_seconds);
    settings.set_time_up_action(pb::END_TURN);
    settings.set_disconnect_grace_seconds(defaults.disconnect_grace_seconds);
    return settings;
}

turn_settings_part::turn_settings_part(room_limits limits, turn_defaults defaults)
    : limits_(limits), settings_(initial_turn_settings(defaults)) {}

std::vector<command_policy> turn_settings_part::policies() const {
    return {{pb::ClientMessage::kUpdateTurnSettings, actors::moderators, phases::until_closed,
             "only a moderator sets how long turns last"}};
}

decision turn_settings_part::decide(const part_command& command) const {
    const auto& s = command.message.update_turn_settings().settings();
    if (s.default_turn_seconds() < 10 || s.default_turn_seconds() > limits_.max_turn_seconds)
        return decision::refuse(pb::BAD_REQUEST, "a turn lasts from 10 seconds to " +
                                                     std::to_string(limits_.max_turn_seconds) + " seconds");
    if (s.warning_seconds() >= s.default_turn_seconds())
        return decision::refuse(pb::BAD_REQUEST, "the warning must come before the end of the turn");
    if (s.time_up_action() != pb::END_TURN && s.time_up_action() != pb::FLAG_OVERTIME)
        return decision::refuse(pb::BAD_REQUEST, "say what happens when time is up");
    if (s.disconnect_grace_seconds() > 3600)
        return decision::refuse(pb::BAD_REQUEST, "the grace period is at most an hour");
    logged_event changed;
    *changed.event.mutable_turn_settings_changed()->mutable_settings() = s;
    changed.event.mutable_turn_settings_changed()->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

void turn_settings_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    settings_ = event.turn_settings_changed().settings();
}

void turn_settings_part::save(state_out& out) const { out(settings_); }

void turn_settings_part::load(state_in& in) { in(settings_); }

}  // namespace ts::room
