#pragma once
// The agenda: items a moderator plans (title, a short description, a time box, who
// introduces it, what kind of item it is), changes, reorders and removes, before and during
// the meeting; and runs: starting an item (the next, any planned one, or one nobody planned)
// ends the one under way; an item can be ended or given more time. The item under way has a
// clock kept like the turn clock (floor_clock): it stops while the room is paused, warns
// before the end and says when time is up, and only warns: the moderator decides. Each item
// done keeps how long it took. The participation figures and the decisions fold the same
// events to keep their scope per item.
//
// Starting an item may clear the speaking queue (a moderator's choice at the moment): that
// is a ClearQueue follow-up command for the turns part (decision::then).
#include <cstdint>
#include <string>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class agenda_part final : public room_part {
public:
    explicit agenda_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "agenda"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kAgendaItemStarted, pb::Event::kAgendaItemPlanned, pb::Event::kAgendaItemRemoved,
                pb::Event::kAgendaItemMoved,   pb::Event::kAgendaItemEnded,   pb::Event::kAgendaItemExtended,
                pb::Event::kAgendaItemTime,    pb::Event::kPauseChanged};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The meeting closing ends the item under way, on the record.
    std::vector<pb::Event::KindCase> reacts_to() const override { return {pb::Event::kRoomPhaseChanged}; }
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;

    // The item's warning and its time up.
    decision tick(const room_view& room, std::int64_t now_ms) const override;
    std::optional<std::int64_t> next_deadline(const room_view& room) const override;

private:
    decision plan(const part_command& command) const;
    decision start(const part_command& command) const;
    decision remove(const part_command& command) const;
    decision move(const part_command& command) const;
    decision extend(const part_command& command) const;
    const pb::AgendaItem* find(const std::string& item_id) const;
    pb::AgendaItem* find(const std::string& item_id);
    const pb::AgendaItem* current() const { return find(current_id_); }
    // The event that ends the item under way now (by: empty when it ends with the meeting).
    logged_event ended(const pb::AgendaItem& item, const std::string& by, std::int64_t now_ms) const;

    room_limits limits_;
    std::vector<pb::AgendaItem> items_;   // in the agenda's order
    std::string current_id_;              // empty: no item under way
    pb::AgendaItemStarted last_started_;  // how the item under way was started
    std::size_t ids_ = 0;                 // items ever added (their ids: a1, a2, …)
    bool paused_ = false;                 // the room is paused: the item's clock stands still
};

}  // namespace ts::room
