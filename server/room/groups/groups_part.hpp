#pragma once
// Small groups, as the plenary sees them: a moderator splits the meeting into tables for a
// while (a task, a time box, who sits where: random, balanced by who has been heard, each
// person's choice, or by hand), moves people between tables, speaks to every table, gives
// them more time, and brings everyone back. Each table is a room of its own (table_part
// there); this part keeps who sits where, the one clock every table shows, and the reports
// that come back. The server carries its decisions to the tables' rooms (app/group_links).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class groups_part final : public room_part {
public:
    explicit groups_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "groups"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kGroupsOpened,      pb::Event::kTableMoved,      pb::Event::kGroupsExtended,
                pb::Event::kTablesBroadcast,   pb::Event::kGroupsClosed,    pb::Event::kTableReported,
                pb::Event::kAgendaItemStarted, pb::Event::kAgendaItemEnded, pb::Event::kTableLinked};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // Someone new while the groups run sits at the smallest table; the meeting closing
    // closes the groups.
    std::vector<pb::Event::KindCase> reacts_to() const override {
        return {pb::Event::kMemberJoined, pb::Event::kRoomPhaseChanged};
    }
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;
    // The groups' time up closes them.
    decision tick(const room_view& room, std::int64_t now_ms) const override;
    std::optional<std::int64_t> next_deadline(const room_view& room) const override;

    // A table's report, carried back by the server once the groups closed: an event the first
    // time, nothing for a report already in (or for a table that never was).
    decision accept_report(const pb::TableReported& report) const;

    // The groups as they stand (round 0: never opened).
    const pb::GroupsState& state() const { return state_; }
    // The room of table `number` of `round` in plenary `plenary_id`.
    static std::string table_room_id(const std::string& plenary_id, std::uint32_t round, std::uint32_t number);
    // Whether a member may sit at a table (people taking part, on a device or in the room).
    static bool seatable(const pb::Member& member);

private:
    decision open(const part_command& command) const;
    decision move(const part_command& command) const;
    decision choose(const part_command& command) const;
    decision extend(const part_command& command) const;
    decision broadcast(const part_command& command) const;
    // The table someone sits at now (0: none).
    std::uint32_t table_of(const std::string& member_id) const;
    logged_event moved(const std::string& member_id, std::uint32_t to, const std::string& by) const;
    logged_event closed(bool time_up, const std::string& by) const;

    room_limits limits_;
    pb::GroupsState state_;
    std::string item_id_;    // the agenda item under way (empty: none)
    bool is_table_ = false;  // this room is a table itself (TableLinked)
};

}  // namespace ts::room
