#pragma once
// Co-moderators: a moderator makes a participant who is here online a facilitator too, and
// may take it back. Being a moderator is a member fact the core folds (RoleChanged); this
// part decides, and remembers whose role was granted, so that only a granted role is ever
// taken back (whoever came in with the moderator key stays a moderator).
#include <set>
#include <string>

#include "room/room_part.hpp"

namespace ts::room {

class co_moderator_part final : public room_part {
public:
    const char* name() const override { return "co-moderators"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kRoleChanged}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot&) const override {}  // roles are in the members' records
    void save(state_out& out) const override;
    void load(state_in& in) override;

private:
    std::set<std::string> granted_;  // member ids made co-moderators, and still so
};

}  // namespace ts::room
