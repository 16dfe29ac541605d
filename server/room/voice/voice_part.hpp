#pragma once
// Voice: which microphones the media server lets through. Moderators choose the room's voice
// mode (open, floor, moderators only); each person opens or closes their own microphone, and
// moderators may close anyone's. Who is heard is a pure function of those, the floor and
// people's roles: in floor mode the floor holder and the moderators, and the room's screen
// (the meeting room's microphone) while someone in the room has the floor, or always.
// The time people actually spoke (VoiceSpoken) is counted with the other participation figures
// (fairness/participation).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "room/room_part.hpp"

namespace ts::room {

class voice_part final : public room_part {
public:
    const char* name() const override { return "voice"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override;
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    const pb::VoiceSettings& settings() const { return settings_; }
    // Whether the mode and the floor let this member be heard (their microphone aside).
    bool allowed(const std::string& member_id) const;
    // Whose streams the media server lets through now: open and allowed, in the order the
    // microphones were opened. Empty when the room has no voice.
    std::vector<std::string> heard() const;

private:
    decision set_voice(const part_command& command) const;
    decision set_microphone(const part_command& command) const;
    decision close_microphone(const part_command& command) const;

    pb::VoiceSettings settings_;
    std::string floor_holder_;
    std::vector<std::string> open_;              // open microphones, in the order opened
    std::map<std::string, pb::Member> members_;  // id -> role, in the room, the room's screen
};

}  // namespace ts::room
