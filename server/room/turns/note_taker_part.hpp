#pragma once
// Note-takers: a moderator names someone with a device who records, attributed, what
// people in the physical room without a device say. Being a note-taker is a fact of the
// member (the core folds it); this part decides who may be named.
#include "room/room_part.hpp"

namespace ts::room {

class note_taker_part final : public room_part {
public:
    const char* name() const override { return "note-takers"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event&, const pb::EventPrivate&) override {}
    void add_to(pb::RoomSnapshot&) const override {}
    void save(state_out&) const override {}  // no state of its own
    void load(state_in&) override {}
};

}  // namespace ts::room
