#pragma once
// The briefing: what the meeting is for and how it will run, in plain language, readable
// before, during and after the meeting. Moderators write it; each edit is a new version, so
// that everyone can see it changed since they last read it.
#include <cstdint>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class briefing_part final : public room_part {
public:
    explicit briefing_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "briefing"; }
    std::vector<pb::ClientMessage::CommandCase> commands() const override { return {pb::ClientMessage::kSetBriefing}; }
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kBriefingUpdated}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;

    const pb::BriefingUpdated& briefing() const { return briefing_; }

private:
    room_limits limits_;
    pb::BriefingUpdated briefing_;  // the latest version (version 0: none yet)
};

}  // namespace ts::room
