#include "room/part_registry.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ts::room {

void part_registry::add_policy(command_policy policy, room_part* owner, const char* owner_name) {
    const auto command = policy.command;
    auto [at, added] = policies_.emplace(command, std::move(policy));
    if (!added) {
        const auto* first = owners_.count(command) ? owners_.at(command)->name() : "the room's core";
        throw std::logic_error("command " + std::to_string(command) + " has two owners: " + first + " and " +
                               owner_name);
    }
    if (owner) owners_.emplace(command, owner);
}

void part_registry::add_core(std::span<const command_policy> policies) {
    for (const auto& policy : policies) add_policy(policy, nullptr, "the room's core");
}

void part_registry::add_part(std::unique_ptr<room_part> part) {
    for (auto& policy : part->policies()) add_policy(std::move(policy), part.get(), part->name());
    for (auto kind : part->folds()) folders_[kind].push_back(part.get());
    for (auto kind : part->reacts_to()) reactors_[kind].push_back(part.get());
    parts_.push_back(std::move(part));
}

void part_registry::check_covers(std::span<const pb::Event::KindCase> also_folded) const {
    const auto* kinds = pb::Event::descriptor()->FindOneofByName("kind");
    for (int i = 0; i < kinds->field_count(); ++i) {
        auto kind = kinds->field(i)->number();
        bool by_core = std::find(also_folded.begin(), also_folded.end(), kind) != also_folded.end();
        if (!by_core && !folders_.count(kind))
            throw std::logic_error("no part folds event kind " + kinds->field(i)->name());
    }
    const auto* commands = pb::ClientMessage::descriptor()->FindOneofByName("command");
    for (int i = 0; i < commands->field_count(); ++i)
        if (!policies_.count(commands->field(i)->number()))
            throw std::logic_error("no part decides command " + commands->field(i)->name() + ", and it has no policy");
}

const command_policy* part_registry::policy(pb::ClientMessage::CommandCase command) const {
    auto it = policies_.find(command);
    return it == policies_.end() ? nullptr : &it->second;
}

std::vector<const command_policy*> part_registry::policies() const {
    std::vector<const command_policy*> all;
    const auto* commands = pb::ClientMessage::descriptor()->FindOneofByName("command");
    for (int i = 0; i < commands->field_count(); ++i)
        if (const auto* p = policy(static_cast<pb::ClientMessage::CommandCase>(commands->field(i)->number())))
            all.push_back(p);
    return all;
}

room_part* part_registry::owner(pb::ClientMessage::CommandCase command) const {
    auto it = owners_.find(command);
    return it == owners_.end() ? nullptr : it->second;
}

void part_registry::evolve(const pb::Event& event, const pb::EventPrivate& hidden) const {
    if (auto it = folders_.find(event.kind_case()); it != folders_.end())
        for (auto* part : it->second) part->evolve(event, hidden);
}

void part_registry::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& part : parts_) part->add_to(snapshot);
}

const std::vector<room_part*>& part_registry::reactors(pb::Event::KindCase kind) const {
    static const std::vector<room_part*> none;
    auto it = reactors_.find(kind);
    return it == reactors_.end() ? none : it->second;
}

std::optional<std::int64_t> part_registry::next_deadline(const room_view& room) const {
    std::optional<std::int64_t> next;
    for (const auto& part : parts_)
        if (auto at = part->next_deadline(room); at && (!next || *at < *next)) next = at;
    return next;
}

}  // namespace ts::room
