#pragma once
// The briefing: what the meeting is for and how it will run, in plain language, readable
// before, during and after the meeting. Moderators write it; each edit is a new version, so
// that everyone can see it changed since they last read it. Beside the room's own text it keeps
// versions for the people reading in other languages and in easy-read mode.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class briefing_part final : public room_part {
public:
    explicit briefing_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "briefing"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kBriefingUpdated, pb::Event::kBriefingRead};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The room's own text, as last written.
    const pb::BriefingUpdated& briefing() const { return briefing_; }
    // Who has read the latest version, among these people, in this order.
    std::vector<std::string> read_latest(const std::vector<std::string>& member_ids) const;

private:
    room_limits limits_;
    decision confirm_read(const part_command& command) const;
    decision set_version_for(const part_command& command) const;

    pb::BriefingUpdated briefing_;                         // the latest version (version 0: none yet)
    std::map<std::string, pb::BriefingUpdated> texts_;     // other versions, by text_key()
    std::unordered_map<std::string, std::uint32_t> read_;  // member id -> latest version they read
};

}  // namespace ts::room
