#pragma once
// The follow-up survey, open once the meeting has closed: did each participant feel heard,
// could they say what they wanted to, what should change next time. Answers are private to
// the person and the moderators (the person alone in an anonymous summary); moderators see
// them beside the same people's measured participation: did those who spoke least feel heard?
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class follow_up_part final : public room_part {
public:
    explicit follow_up_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "follow-up survey"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kFollowUpAnswered, pb::Event::kRoomCreated, pb::Event::kRoomPhaseChanged,
                pb::Event::kSurveysChanged};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot&) const override {}  // never in the room's snapshot
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // This person's latest answers (nothing said: all empty).
    pb::FollowUp follow_up_of(const std::string& member_id) const;
    // For moderators: the answers of these people beside their measured figures (measured:
    // the whole meeting's figures of the same people), least floor time first; without
    // names in an anonymous summary.
    pb::FollowUpSummary summary(const pb::ParticipationScope& measured) const;

private:
    room_limits limits_;
    bool closed_ = false;
    bool anonymous_ = false;
    std::unordered_map<std::string, pb::FollowUp> answers_;  // by member id
};

}  // namespace ts::room
