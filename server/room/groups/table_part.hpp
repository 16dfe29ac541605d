#pragma once
// A table's room, as the table sees its plenary: which plenary and round it belongs to, its
// name and task, who sits here, the clock every table shares, the plenary's messages to all
// tables, and the report the table writes for the plenary (its facilitator or note-taker
// writes it; agreed once the table has checked it). When the plenary closes its groups the
// table's meeting closes too. The server keeps the link in line with the plenary
// (room::link_table); nobody at the table changes it.
#include <string>
#include <utility>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class table_part final : public room_part {
public:
    explicit table_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "table"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kTableLinked, pb::Event::kTableReportSet, pb::Event::kQuestionOpened,
                pb::Event::kDecisionRecorded};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The groups closing closes the table's meeting; the consensus check on the report decides
    // whether it is agreed.
    std::vector<pb::Event::KindCase> reacts_to() const override {
        return {pb::Event::kTableLinked, pb::Event::kDecisionRecorded};
    }
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;

    // Whether this room is a table of a plenary.
    bool linked() const { return !link_.plenary_room_id().empty(); }
    // The link as it stands, with the report so far.
    const pb::TableLinked& link() const { return link_; }
    // Whether a member sits at this table now.
    bool seated(const std::string& member_id) const;
    // The TableLinked event that brings the link in line with `wanted` (the plenary's view),
    // or nothing when it says what the table knows already.
    std::vector<logged_event> relink(const pb::TableLinked& wanted) const;

private:
    room_limits limits_;
    // The question a report check opens: the proposal's words, so that its opening is known.
    static std::string check_text(const std::string& report) { return "Our report to the plenary: " + report; }

    pb::TableLinked link_;  // empty plenary_room_id: not a table
    bool closed_seen_ = false;
    std::pair<std::string, std::string> last_question_;  // the latest question opened: id, text
    std::string check_question_;                         // the open consensus check on the report (empty: none)
};

}  // namespace ts::room
