#pragma once
// An event log that keeps everything in this process. Nothing survives a restart.
#include <map>
#include <mutex>

#include "base/thread_annotations.hpp"
#include "store/event_log.hpp"

namespace ts::store {

class memory_event_log final : public event_log {
public:
    void append(const std::string& room_id, std::uint64_t epoch, std::vector<log_entry> entries, done_fn done) override;
    bool has_capacity() const override { return true; }
    std::vector<std::string> room_ids() override;
    std::vector<log_entry> load(const std::string& room_id) override;
    std::vector<log_entry> load_range(const std::string& room_id, std::uint64_t from_seq, std::uint64_t to_seq,
                                      std::size_t max) override;
    std::optional<stored_snapshot> load_snapshot(const std::string& room_id) override;
    bool save_snapshot(const std::string& room_id, const stored_snapshot& snapshot) override;
    bool erase(const std::string& room_id) override;
    log_status status() const override;

private:
    mutable ts::mutex mutex_;
    std::map<std::string, std::vector<log_entry>> rooms_ TS_GUARDED_BY(mutex_);
    std::map<std::string, stored_snapshot> snapshots_ TS_GUARDED_BY(mutex_);
    std::map<std::string, std::uint64_t> epochs_ TS_GUARDED_BY(mutex_);  // the newest writer's, per room
    std::size_t written_ TS_GUARDED_BY(mutex_) = 0;
};

}  // namespace ts::store
