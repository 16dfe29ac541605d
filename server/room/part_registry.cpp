#include "room/part_registry.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ts::room {

void part_registry::add_part(std::unique_ptr<room_part> part) {
    for (auto command : part->commands()) {
        auto [at, added] = owners_.emplace(command, part.get());
        if (!added)
            throw std::logic_error("command " + std::to_string(command) + " has two owners: " + at->second->name() +
                                   " and " + part->name());
    }
    for (auto kind : part->folds()) folders_[kind].push_back(part.get());
    for (auto kind : part->reacts_to()) reactors_[kind].push_back(part.get());
    parts_.push_back(std::move(part));
}

void part_registry::check_covers(std::span<const pb::Event::KindCase> also_folded) const {
    const auto* kinds = pb::Event::descriptor()->FindOneofByName("kind");
    for (int i = 0; i < kinds->field_count(); ++i) {
        auto kind = kinds->field(i)->number();
        bool by_core = std::find(also_folded.begin(), also_folded.end(), kind) != also_folded.end();
        if (!by_core && !folders_.count(kind)) throw std::logic_error("no part folds event kind " + kinds->field(i)->name());
    }
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
