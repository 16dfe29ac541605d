#pragma once
// The speaking queue: entries in the order they will be served, and whether new hands
// are accepted. A new hand goes where the ordering puts it; a moderator's move is kept
// until the queue is re-ordered (by a policy that follows people's figures, after a turn,
// or when the policy changes).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "room/turns/queue_policy.hpp"

namespace ts::room {

class speaking_queue {
public:
    speaking_queue();
    // A copy orders by the same kind of policy (policies hold no state).
    speaking_queue(const speaking_queue& other);
    speaking_queue& operator=(const speaking_queue& other);
    speaking_queue(speaking_queue&&) noexcept = default;
    speaking_queue& operator=(speaking_queue&&) noexcept = default;

    const std::vector<pb::QueueEntry>& entries() const { return entries_; }
    bool open() const { return open_; }
    void set_open(bool open) { open_ = open; }
    const queue_policy& policy() const { return *policy_; }
    void set_policy(std::unique_ptr<queue_policy> policy) { policy_ = std::move(policy); }
    // Replaces everything (as a logged event states it).
    void assign(const google::protobuf::RepeatedPtrField<pb::QueueEntry>& entries, bool open);

    // Inserts entry where the ordering puts it; sets its reason.
    void insert(pb::QueueEntry entry, const order_context& ctx);
    // Sorts by the ordering and refreshes every reason; true if anything changed.
    bool reorder(const order_context& ctx);
    // Index of the entry, or nullopt.
    std::optional<std::size_t> find(const std::string& entry_id) const;
    std::optional<std::size_t> find(const std::string& member_id, pb::HandKind kind) const;
    std::vector<std::string> entries_of(const std::string& member_id) const;
    pb::QueueEntry remove(std::size_t index);
    // Puts entry at index (as it was), shifting the rest back.
    void put(std::size_t index, pb::QueueEntry entry);
    // Moves the entry at index to position (clamped to the end).
    void move(std::size_t index, std::size_t position);
    void clear() { entries_.clear(); }

    // Its state, for the room's stored snapshot (state_archive.hpp).
    template <class Archive>
    void save(Archive& a) const {
        a(entries_, open_, policy_->kind());
    }
    template <class Archive>
    void load(Archive& a) {
        pb::QueuePolicy kind = pb::FIRST_COME;
        a(entries_, open_, kind);
        policy_ = make_policy(kind);
    }

    // Writes the entries in order into an event's repeated field.
    void copy_to(google::protobuf::RepeatedPtrField<pb::QueueEntry>& out) const;

private:
    std::unique_ptr<queue_policy> policy_;
    std::vector<pb::QueueEntry> entries_;
    bool open_ = true;
};

}  // namespace ts::room
