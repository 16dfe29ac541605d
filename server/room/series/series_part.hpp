#pragma once
// A series of meetings (a co-design project), as its own room sees it: the meetings it has
// planned, what each has reported back (decisions, actions, who came and how much they were
// heard), the "you said, we did" updates its facilitators publish, and each person's say on
// whether what they tell one meeting carries to the next. The meetings are rooms of their
// own; the server carries the series to them and their reports back (room::meeting_links,
// room::link_meeting). Every command here is refused in a room that is not a series.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class series_part final : public room_part {
public:
    explicit series_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "series"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kRoomCreated,      pb::Event::kMeetingPlanned, pb::Event::kCarryOverSet,
                pb::Event::kUpdatePublished,  pb::Event::kUpdatesSeen,    pb::Event::kMeetingReported,
                pb::Event::kOutcomeSurveySet, pb::Event::kOutcomeAnswered};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // Whether this room is a series.
    bool is_series() const { return series_; }
    // Its meetings, in the order planned.
    const std::vector<pb::MeetingPlanned>& meetings() const { return meetings_; }
    // Whether a person agreed that what they say in one meeting carries to the next.
    bool carries(const std::string& member_id) const { return carry_.count(member_id) > 0; }
    // The person's latest CarryOverSet (empty when they have not said).
    pb::CarryOverSet carry_over_of(const std::string& member_id) const;
    // How many of the series' updates the person has seen.
    std::uint32_t updates_seen(const std::string& member_id) const;
    // The event that records a meeting's report, or nothing when it says what the series
    // knows already (the report is sent again whenever anything may have changed).
    decision accept_report(const pb::MeetingReported& report, const std::vector<pb::PersonFigures>& figures) const;
    // Each person's figures over every meeting that reported them, added up.
    std::vector<pb::PersonFigures> figures() const;
    // The person's answer to the outcome survey (empty when none).
    pb::Outcome outcome_of(const std::string& member_id) const;
    // The outcome survey's answers so far, without names.
    pb::OutcomeSummary outcome_summary() const;

private:
    decision plan(const part_command& command) const;
    decision publish(const part_command& command) const;
    decision answer_outcome(const part_command& command) const;
    const pb::MeetingReported* report_of(std::uint32_t number) const;

    room_limits limits_;
    bool series_ = false;
    std::vector<pb::MeetingPlanned> meetings_;
    std::map<std::uint32_t, pb::MeetingReported> reports_;
    std::map<std::uint32_t, std::vector<pb::PersonFigures>> figures_;  // a closed meeting's, by number
    std::vector<pb::UpdatePublished> updates_;
    std::set<std::string> carry_;      // who agreed to carry over
    std::set<std::string> said_;       // who has said either way
    std::set<std::string> forgotten_;  // who asked for what was carried to be forgotten
    std::map<std::string, std::uint32_t> seen_;
    bool outcome_open_ = false;
    std::map<std::string, pb::Outcome> outcomes_;
};

}  // namespace ts::room
