#include "store/memory_event_log.hpp"

namespace ts::store {

void memory_event_log::append(const std::string& room_id, std::vector<log_entry> entries, done_fn done) {
    {
        std::lock_guard lock(mutex_);
        auto& log = rooms_[room_id];
        written_ += entries.size();
        for (auto& entry : entries) log.push_back(std::move(entry));
    }
    done(true);
}

std::vector<std::string> memory_event_log::room_ids() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& [id, log] : rooms_) ids.push_back(id);
    return ids;
}

std::vector<log_entry> memory_event_log::load(const std::string& room_id) {
    std::lock_guard lock(mutex_);
    auto it = rooms_.find(room_id);
    return it == rooms_.end() ? std::vector<log_entry>{} : it->second;
}

log_status memory_event_log::status() const {
    std::lock_guard lock(mutex_);
    return log_status{"memory", true, 0, written_};
}

}  // namespace ts::store
