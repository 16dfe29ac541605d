#include "room/turns/speaking_queue.hpp"

#include <algorithm>

namespace ts::room {

speaking_queue::speaking_queue() : policy_(make_policy(pb::FIRST_COME)) {}

speaking_queue::speaking_queue(const speaking_queue& other)
    : policy_(make_policy(other.policy_->kind())), entries_(other.entries_), open_(other.open_) {}

speaking_queue& speaking_queue::operator=(const speaking_queue& other) {
    if (this != &other) *this = speaking_queue(other);
    return *this;
}

void speaking_queue::assign(const google::protobuf::RepeatedPtrField<pb::QueueEntry>& entries, bool open) {
    entries_.assign(entries.begin(), entries.end());
    open_ = open;
}

void speaking_queue::insert(pb::QueueEntry entry, const order_context& ctx) {
    set_position_reason(*policy_, entry, ctx);
    // Before the first entry that should be served after this one.
    std::size_t at = 0;
    while (at < entries_.size() && !serve_before(*policy_, entry, entries_[at], ctx)) ++at;
    entries_.insert(entries_.begin() + static_cast<std::ptrdiff_t>(at), std::move(entry));
}

bool speaking_queue::reorder(const order_context& ctx) {
    auto before = entries_;
    std::stable_sort(entries_.begin(), entries_.end(), [&](const pb::QueueEntry& a, const pb::QueueEntry& b) {
        return serve_before(*policy_, a, b, ctx);
    });
    for (auto& e : entries_) set_position_reason(*policy_, e, ctx);
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].entry_id() != before[i].entry_id() || entries_[i].reason() != before[i].reason()) return true;
    return false;
}

std::optional<std::size_t> speaking_queue::find(const std::string& entry_id) const {
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].entry_id() == entry_id) return i;
    return std::nullopt;
}

std::optional<std::size_t> speaking_queue::find(const std::string& member_id, pb::HandKind kind) const {
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].member_id() == member_id && entries_[i].kind() == kind) return i;
    return std::nullopt;
}

std::vector<std::string> speaking_queue::entries_of(const std::string& member_id) const {
    std::vector<std::string> ids;
    for (const auto& e : entries_)
        if (e.member_id() == member_id) ids.push_back(e.entry_id());
    return ids;
}

pb::QueueEntry speaking_queue::remove(std::size_t index) {
    pb::QueueEntry entry = std::move(entries_[index]);
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
    return entry;
}

void speaking_queue::put(std::size_t index, pb::QueueEntry entry) {
    if (index > entries_.size()) index = entries_.size();
    entries_.insert(entries_.begin() + static_cast<std::ptrdiff_t>(index), std::move(entry));
}

void speaking_queue::move(std::size_t index, std::size_t position) { put(position, remove(index)); }

void speaking_queue::copy_to(google::protobuf::RepeatedPtrField<pb::QueueEntry>& out) const {
    out.Clear();
    for (const auto& e : entries_) *out.Add() = e;
}

}  // namespace ts::room
