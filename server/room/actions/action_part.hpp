#pragma once
// Actions: what is to be done after the meeting, who owns it and by when, and how it goes.
// A moderator or the note-taker records an action, from a decision, an agenda item or a
// message, or from nothing in particular; its owner is a person in the room or someone named
// in words (an organisation, a role). The owner, a moderator or the note-taker marks its
// progress: open, under way, done, dropped (with a reason). Actions can be recorded and
// updated after the meeting has closed, as the work goes on.
#include <set>
#include <string>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class action_part final : public room_part {
public:
    explicit action_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "actions"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kActionRecorded,    pb::Event::kActionStatusChanged, pb::Event::kDecisionRecorded,
                pb::Event::kAgendaItemPlanned, pb::Event::kAgendaItemStarted,   pb::Event::kAgendaItemRemoved};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The room's actions, in the order they were recorded.
    const std::vector<pb::Action>& actions() const { return actions_; }

private:
    decision record(const part_command& command) const;
    decision set_status(const part_command& command) const;
    const pb::Action* find(const std::string& action_id) const;
    pb::Action* find(const std::string& action_id);

    room_limits limits_;
    std::vector<pb::Action> actions_;
    std::set<std::string> decisions_;     // question ids of the decisions recorded
    std::set<std::string> agenda_items_;  // ids of the agenda's items (removed ones dropped)
};

}  // namespace ts::room
