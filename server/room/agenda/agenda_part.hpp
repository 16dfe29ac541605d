#pragma once
// Agenda items: a moderator starts the next item ("Budget for next year"); everyone sees
// what is being discussed, and the participation figures keep a scope per item (they fold
// the same event). The planned agenda with time boxes (a later issue) grows here.
#include <cstdint>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class agenda_part final : public room_part {
public:
    explicit agenda_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "agenda"; }
    std::vector<pb::ClientMessage::CommandCase> commands() const override { return {pb::ClientMessage::kStartAgendaItem}; }
    std::vector<pb::Event::KindCase> folds() const override { return {pb::Event::kAgendaItemStarted}; }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;

private:
    room_limits limits_;
    pb::AgendaItemStarted current_;  // item_id empty: none started yet
    std::uint64_t started_ = 0;
};

}  // namespace ts::room
