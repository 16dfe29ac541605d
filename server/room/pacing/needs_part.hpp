#pragma once
// What helps people take part: each person says what they need (a slower pace, larger
// text, a check-in…), kept with their record and changed at any time. Moderators see the
// totals, and names only for people who agreed to share them; the event itself reaches only
// the person (and moderators, if shared).
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_part.hpp"

namespace ts::room {

class needs_part final : public room_part {
public:
    const char* name() const override { return "needs"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kNeedsUpdated}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot&) const override {}  // needs are never in the room's snapshot
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // What this person last said they need (nothing stated: all false).
    pb::AccessNeeds needs_of(const std::string& member_id) const;
    // The totals for moderators, over these people in this order; names only where shared.
    pb::NeedsSummary summary(const std::vector<std::string>& member_ids) const;

private:
    std::unordered_map<std::string, pb::AccessNeeds> stated_;  // by member id
};

}  // namespace ts::room
