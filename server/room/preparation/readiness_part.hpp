#pragma once
// The readiness survey: before the meeting each participant says how confident they feel,
// what helped before, what would make it easier, and whether they would like a one-to-one
// conversation; they may change their answers at any time. The answers are private to the
// person and the moderators (the event says so); moderators get a summary with the figures.
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class readiness_part final : public room_part {
public:
    explicit readiness_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "readiness survey"; }
    std::vector<pb::ClientMessage::CommandCase> commands() const override {
        return {pb::ClientMessage::kAnswerReadiness};
    }
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kReadinessAnswered}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot&) const override {}  // never in the room's snapshot

    // This person's latest answers (nothing said: all empty).
    pb::Readiness readiness_of(const std::string& member_id) const;
    // For moderators: the figures and everyone's answers, over these people in this order.
    pb::ReadinessSummary summary(const std::vector<std::string>& member_ids) const;

private:
    room_limits limits_;
    std::unordered_map<std::string, pb::Readiness> answers_;  // by member id
};

}  // namespace ts::room
