#pragma once
// The room's turn settings: how long a turn lasts by default, when the warning comes, what
// happens when time is up, and how long a disconnected person keeps their place. Moderators
// change them; the turn-taking rules read them, by name, through settings().
#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

// The settings a new room starts with.
pb::TurnSettings initial_turn_settings(const turn_defaults& defaults);

class turn_settings_part final : public room_part {
public:
    turn_settings_part(room_limits limits, turn_defaults defaults);

    const char* name() const override { return "turn settings"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kTurnSettingsChanged}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override { *snapshot.mutable_turn_settings() = settings_; }
    void save(state_out& out) const override;
    void load(state_in& in) override;

    const pb::TurnSettings& settings() const { return settings_; }

private:
    room_limits limits_;
    pb::TurnSettings settings_;
};

}  // namespace ts::room
