#include "store/memory_event_log.hpp"

#include <algorithm>

namespace ts::store {

// Keeps the same promises as the Redis log: entry N only right after N-1, a repeat only
// when it is identical to what is stored, a message's text gone once an entry erases it, and
// a writer older than the newest one to write the room fenced off.
void memory_event_log::append(const std::string& room_id, std::uint64_t epoch, std::vector<log_entry> entries,
                              done_fn done) {
    write_outcome outcome;
    {
        ts::lock_guard lock(mutex_);
        auto& newest = epochs_[room_id];
        if (epoch < newest) {
            outcome = {write_result::fenced, "the room has been taken over at epoch " + std::to_string(newest)};
            entries.clear();
        }
        newest = std::max(newest, epoch);
        auto& log = rooms_[room_id];
        for (auto& entry : entries) {
            if (entry.seq == log.size() + 1) {
                if (entry.erases_text_of >= 1 && entry.erases_text_of <= log.size())
                    log[entry.erases_text_of - 1].text.clear();
                log.push_back(std::move(entry));
                ++written_;
                continue;
            }
            const bool repeat = entry.seq >= 1 && entry.seq <= log.size() && log[entry.seq - 1].event == entry.event &&
                                log[entry.seq - 1].hidden == entry.hidden && log[entry.seq - 1].sealed == entry.sealed;
            if (!repeat) {
                outcome = {write_result::damaged, "entry " + std::to_string(entry.seq) +
                                                      " does not continue the log, which ends at " +
                                                      std::to_string(log.size())};
                break;
            }
        }
    }
    done(std::move(outcome));
}

std::vector<std::string> memory_event_log::room_ids() {
    ts::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& [id, log] : rooms_) ids.push_back(id);
    return ids;
}

std::vector<log_entry> memory_event_log::load(const std::string& room_id) {
    ts::lock_guard lock(mutex_);
    auto it = rooms_.find(room_id);
    return it == rooms_.end() ? std::vector<log_entry>{} : it->second;
}

std::vector<log_entry> memory_event_log::load_range(const std::string& room_id, std::uint64_t from_seq,
                                                    std::uint64_t to_seq, std::size_t max) {
    ts::lock_guard lock(mutex_);
    std::vector<log_entry> out;
    auto it = rooms_.find(room_id);
    if (it == rooms_.end()) return out;
    const auto& log = it->second;
    for (auto seq = std::max<std::uint64_t>(from_seq, 1);
         seq <= std::min<std::uint64_t>(to_seq, log.size()) && out.size() < max; ++seq)
        out.push_back(log[seq - 1]);
    return out;
}

std::optional<stored_snapshot> memory_event_log::load_snapshot(const std::string& room_id) {
    ts::lock_guard lock(mutex_);
    auto it = snapshots_.find(room_id);
    return it == snapshots_.end() ? std::nullopt : std::optional(it->second);
}

bool memory_event_log::save_snapshot(const std::string& room_id, const stored_snapshot& snapshot) {
    ts::lock_guard lock(mutex_);
    if (rooms_.count(room_id)) snapshots_[room_id] = snapshot;
    return true;
}

bool memory_event_log::erase(const std::string& room_id) {
    ts::lock_guard lock(mutex_);
    rooms_.erase(room_id);
    snapshots_.erase(room_id);
    return true;
}

log_status memory_event_log::status() const {
    ts::lock_guard lock(mutex_);
    return log_status{"memory", true, 0, written_, 0, {}};
}

}  // namespace ts::store
