#pragma once
// One blocking connection to Redis for the cluster's small commands (leases, node mailboxes),
// apart from the event log's writer so that neither waits for the other. Connects on first
// use and again after a failure. Thread-safe: one command at a time. Never call it on a
// network thread.
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/thread_annotations.hpp"
#include "store/redis_command.hpp"
#include "store/redis_event_log.hpp"

namespace ts::store {

class redis_link {
public:
    explicit redis_link(redis_options options) : options_(std::move(options)) {}
    ~redis_link();
    redis_link(const redis_link&) = delete;
    redis_link& operator=(const redis_link&) = delete;

    // The reply. Throws std::runtime_error when Redis cannot be reached (the connection is
    // then dropped, and the next call connects again), store_refused when Redis answers with
    // an error.
    reply_ptr run(const std::vector<std::string>& args);
    // Runs a Lua script by its hash, loading it first when Redis does not know it (source
    // must outlive the link: a string constant).
    reply_ptr run_script(std::string_view source, const std::vector<std::string>& keys,
                         const std::vector<std::string>& args);

private:
    reply_ptr run_locked(const std::vector<std::string>& args) TS_REQUIRES(mutex_);

    redis_options options_;
    ts::mutex mutex_;
    redisContext* context_ TS_GUARDED_BY(mutex_) = nullptr;
    std::unordered_map<std::string, std::string> scripts_ TS_GUARDED_BY(mutex_);  // source -> its SHA1
};

}  // namespace ts::store
