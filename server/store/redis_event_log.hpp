#pragma once
// The event log in Redis: one stream per room (ts:{ROOM}:log, entry id 0-SEQ, fields
// e = event bytes and, only when there are any, p = private bytes) and the set ts:rooms
// of rooms to restore.
//
// A dedicated writer thread owns the connection. It takes everything queued since its
// last round trip and pipelines it in one go, so writes batch themselves under load and
// no network thread ever waits on Redis. While Redis is unreachable it keeps what it was
// given, reconnects with back-off, and writes it all again: entry ids make a repeated
// write a refused duplicate, so nothing is written twice and nothing accepted is lost.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "store/event_log.hpp"

struct redisContext;

namespace ts::store {

struct redis_options {
    std::string host = "127.0.0.1";
    int port = 6379;
    int connect_timeout_ms = 2000;
    int io_timeout_ms = 5000;
    std::size_t max_pending = 100000;   // entries; over it has_capacity() is false
    std::size_t max_pipeline = 2000;    // commands per round trip
    int startup_wait_ms = 30000;        // how long start-up waits for Redis to answer
    int shutdown_drain_ms = 5000;       // how long the destructor keeps trying to flush
};

class redis_event_log final : public event_log {
public:
    explicit redis_event_log(redis_options options);
    ~redis_event_log() override;  // flushes what it can within shutdown_drain_ms

    void append(const std::string& room_id, std::vector<log_entry> entries, done_fn done) override;
    bool has_capacity() const override;
    std::vector<std::string> room_ids() override;
    std::vector<log_entry> load(const std::string& room_id) override;
    log_status status() const override;

    // Blocks until Redis answers PING or startup_wait_ms passes. Start-up only.
    bool wait_until_reachable();

    static std::string log_key(const std::string& room_id) { return "ts:{" + room_id + "}:log"; }
    static constexpr const char* rooms_key = "ts:rooms";

private:
    struct job {
        std::string room_id;
        std::vector<log_entry> entries;
        done_fn done;
    };

    // Writes sent in one go, whose replies are read together.
    struct batch {
        std::size_t jobs = 0;            // how many jobs, from the front of those not yet durable
        std::vector<bool> duplicate_ok;  // per command: may a duplicate-id error count as success?
    };

    void run();
    bool send_batch(const std::deque<job>& jobs, std::size_t first, std::size_t last, batch& sent);
    bool read_batch(const batch& sent);
    bool ensure_connected();
    void drop_connection();
    void heartbeat();  // connects if need be and checks the connection answers
    redisContext* connect_blocking(int timeout_ms) const;

    redis_options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job> queue_;
    bool stopping_ = false;
    std::atomic<std::size_t> pending_{0};
    std::atomic<std::size_t> written_{0};
    std::atomic<bool> connected_{false};
    redisContext* context_ = nullptr;  // writer thread only
    std::string batch_bytes_;          // writer thread only: the batch being sent, reused
    std::thread writer_;
};

}  // namespace ts::store
