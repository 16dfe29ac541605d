#pragma once
// Quick reactions (agree, disagree, "please clarify", "louder or slower, please"): they never
// take the floor; they are counted (by the participation figures, which fold every event)
// and kept in the record. Nothing of the room's state changes with them.
#include "room/room_part.hpp"

namespace ts::room {

class reactions_part final : public room_part {
public:
    const char* name() const override { return "reactions"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event&, const pb::EventPrivate&) override {}
    void add_to(pb::RoomSnapshot&) const override {}
    void save(state_out&) const override {}  // no state of its own
    void load(state_in&) override {}
};

}  // namespace ts::room
