#pragma once
// The room's mode: open (anyone may post) or structured (only the person with the floor
// may post; moderators always may). Moderators switch it; the core asks it, by name,
// before accepting a post.
#include "room/room_part.hpp"

namespace ts::room {

class room_mode_part final : public room_part {
public:
    const char* name() const override { return "room mode"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kRoomModeChanged}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override { snapshot.set_mode(mode_); }
    void save(state_out& out) const override;
    void load(state_in& in) override;

    pb::RoomMode mode() const { return mode_; }

private:
    pb::RoomMode mode_ = pb::OPEN;
};

}  // namespace ts::room
