#pragma once
// The parts of a room (see room_part.hpp): who decides each command and under which policy,
// who folds each event kind. Built once per room; a command with two owners or none, or an
// event kind nobody folds, is a programming error found when the room is built, never a
// command silently ignored.
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "room/room_part.hpp"

namespace ts::room {

class part_registry {
public:
    // Adds a part and returns it; throws std::logic_error if one of its commands has an owner.
    template <class Part>
    Part& add(std::unique_ptr<Part> part) {
        Part& added = *part;
        add_part(std::move(part));
        return added;
    }
    // The room's core declares the policies of the commands it decides itself; throws
    // std::logic_error if one of them has an owner already.
    void add_core(std::span<const command_policy> policies);
    // Throws std::logic_error naming the first event kind of the protocol that no part folds
    // and that is not in also_folded (what the room's core folds itself), or the first
    // command of the protocol that nothing decides.
    void check_covers(std::span<const pb::Event::KindCase> also_folded) const;

    // The part that decides this command, or nullptr (the core's own).
    room_part* owner(pb::ClientMessage::CommandCase command) const;
    // Who may send this command and when, or nullptr for no command of the protocol.
    const command_policy* policy(pb::ClientMessage::CommandCase command) const;
    // Every command's policy, in the protocol's order.
    std::vector<const command_policy*> policies() const;
    // Folds an event into every part that folds its kind.
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) const;
    void add_to(pb::RoomSnapshot& snapshot) const;
    // The parts that react to an event of this kind, in the order they were added.
    const std::vector<room_part*>& reactors(pb::Event::KindCase kind) const;
    // The part of this type, or nullptr: for reading what a part knows (reports), never for
    // deciding.
    template <class Part>
    const Part* find() const {
        for (const auto& part : parts_)
            if (const auto* found = dynamic_cast<const Part*>(part.get())) return found;
        return nullptr;
    }
    // Every part, in the order added (the order their timers run in).
    const std::vector<std::unique_ptr<room_part>>& parts() const { return parts_; }
    // The earliest deadline of any part.
    std::optional<std::int64_t> next_deadline(const room_view& room) const;

private:
    void add_part(std::unique_ptr<room_part> part);
    void add_policy(command_policy policy, room_part* owner, const char* owner_name);

    std::vector<std::unique_ptr<room_part>> parts_;
    std::unordered_map<int, room_part*> owners_;                 // by ClientMessage::CommandCase
    std::unordered_map<int, command_policy> policies_;           // by ClientMessage::CommandCase
    std::unordered_map<int, std::vector<room_part*>> folders_;   // by Event::KindCase
    std::unordered_map<int, std::vector<room_part*>> reactors_;  // by Event::KindCase
};

}  // namespace ts::room
