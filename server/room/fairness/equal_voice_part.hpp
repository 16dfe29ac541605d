#pragma once
// Equal voice: the room's fairness settings (queue policy, caps, whether everyone sees the
// balance, whether anonymous authors are kept for audit), invitations to speak, and the
// participation figures everyone's balance is measured by. The queue itself is turn-taking's:
// it folds the same FairnessChanged event and orders hands by it, and it raises the hand of
// someone who accepts an invitation.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "room/fairness/participation.hpp"
#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class equal_voice_part final : public room_part {
public:
    explicit equal_voice_part(room_limits limits);

    const char* name() const override { return "equal voice"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override;
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override { *snapshot.mutable_fairness() = settings_; }
    void save(state_out& out) const override;
    void load(state_in& in) override;

    const pb::FairnessSettings& settings() const { return settings_; }
    const participation& figures() const { return figures_; }
    // The figures of these people at now_ms (session, and the agenda item if one has
    // started), counting the live turn of floor's holder.
    pb::ParticipationReport balance(const std::vector<report_member>& people, const pb::FloorState& floor,
                                    std::int64_t now_ms) const;

private:
    room_limits limits_;
    pb::FairnessSettings settings_;
    participation figures_;
    std::uint64_t invitations_sent_ = 0;
    std::unordered_map<std::string, std::string> open_invitations_;  // invitation id -> member id
};

}  // namespace ts::room
