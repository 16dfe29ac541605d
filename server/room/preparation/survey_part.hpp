#pragma once
// The surveys' wording and privacy: moderators may reword the readiness survey's questions
// (asked before the meeting) and the follow-up survey's (asked after it), starting from the
// defaults here, and may choose an anonymous summary, in which moderators see only totals.
#include <string>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class survey_part final : public room_part {
public:
    explicit survey_part(room_limits limits);

    const char* name() const override { return "surveys"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kSurveysChanged}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override { *snapshot.mutable_surveys() = settings_; }
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The questions every new room starts with, in the order of Readiness and FollowUp.
    static pb::SurveySettings defaults();

private:
    room_limits limits_;
    pb::SurveySettings settings_;
};

}  // namespace ts::room
