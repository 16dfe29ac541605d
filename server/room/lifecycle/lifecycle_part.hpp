#pragma once
// A room's life: preparing, lobby, live, closed. A moderator moves it forward; the room's
// core asks this part, by name, whether a command may run in the current phase, so that
// nothing of the meeting itself (posts, hands, the floor, pauses…) happens before it starts
// or after it has closed, while preparing (settings, needs, the glossary) can go on.
#include <optional>

#include "room/room_part.hpp"

namespace ts::room {

class lifecycle_part final : public room_part {
public:
    const char* name() const override { return "lifecycle"; }
    std::vector<pb::ClientMessage::CommandCase> commands() const override {
        return {pb::ClientMessage::kSetRoomPhase};
    }
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kRoomCreated, pb::Event::kRoomPhaseChanged};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override { snapshot.set_phase(phase_); }

    pb::RoomPhase phase() const { return phase_; }
    // Why this command may not run now (NOT_LIVE, in words), or nothing when it may.
    std::optional<room_error> refusal(pb::ClientMessage::CommandCase command) const;

private:
    pb::RoomPhase phase_ = pb::LIVE;
};

}  // namespace ts::room
