#pragma once
// The event log in Redis: one stream per room (ts:{ROOM}:log, entry id 0-SEQ, fields
// e = event bytes and, only when there are any, p = private bytes), the set ts:rooms of
// rooms to restore, and per room its private record (ts:{ROOM}:private, field s): a private
// event's log entry holds only its number (sealed), and the event itself is kept there.
//
// A dedicated writer thread owns the connection. It takes everything queued since its
// last round trip and pipelines it in one go, so writes batch themselves under load and
// no network thread ever waits on Redis. A batch holds one call of append_script per room
// (all of that room's jobs in it), which Redis runs atomically: entry N is written only
// right after N-1, and a repeat counts as written only when the stored entry is
// byte-identical.
//
// A job Redis refuses (OOM, a wrong-type key, a paused or busy server) holds its room:
// no later job of that room is sent until it has been written, retried with back-off,
// while other rooms go on. A lost connection sends everything not yet durable again.
// A stored record that contradicts what the server holds makes the room damaged: its
// jobs end with write_result::damaged and nothing of it is written again.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "base/thread_annotations.hpp"
#include "store/append_scheduler.hpp"
#include "store/event_log.hpp"
#include "store/redis_options.hpp"

struct redisContext;
struct redisReply;

namespace ts::store {

class redis_event_log final : public event_log {
public:
    explicit redis_event_log(redis_options options);
    ~redis_event_log() override;  // flushes what it can within shutdown_drain_ms

    void append(const std::string& room_id, std::uint64_t epoch, std::vector<log_entry> entries, done_fn done) override;
    bool has_capacity() const override;
    std::vector<std::string> room_ids() override;
    std::vector<log_entry> load(const std::string& room_id) override;
    std::vector<log_entry> load_range(const std::string& room_id, std::uint64_t from_seq, std::uint64_t to_seq,
                                      std::size_t max) override;
    std::optional<stored_snapshot> load_snapshot(const std::string& room_id) override;
    bool save_snapshot(const std::string& room_id, const stored_snapshot& snapshot) override;
    bool erase(const std::string& room_id) override;
    log_status status() const override;

    // Blocks until Redis answers PING or startup_wait_ms passes, then settles the durability
    // (automatic: replicated when the primary has a replica now). Start-up only.
    bool wait_until_reachable();
    // Whether an append waits for a replica too.
    bool replicated() const { return replicated_.load(); }

    static std::string log_key(const std::string& room_id) { return "ts:{" + room_id + "}:log"; }
    // The room's private events, whole, under the same ids as their sealed log entries.
    static std::string private_key(const std::string& room_id) { return "ts:{" + room_id + "}:private"; }
    // The room's messages' texts, by seq: a withdrawn or removed message's text is deleted here.
    static std::string texts_key(const std::string& room_id) { return "ts:{" + room_id + "}:texts"; }
    // The room's latest snapshot: fields seq, bytes, digest (state_digest), pieces and the pieces c0, c1, ….
    static std::string snapshot_key(const std::string& room_id) { return "ts:{" + room_id + "}:snap"; }
    // The room's ownership epoch, raised at each take-over (room_leases); the append script
    // fences off writers older than it.
    static std::string epoch_key(const std::string& room_id) { return "ts:{" + room_id + "}:epoch"; }
    static constexpr const char* rooms_key = "ts:rooms";

private:
    using time_point = append_scheduler::time_point;
    using batch = append_scheduler::batch;

    void run();
    // Moves what append() queued to the scheduler.
    void take_queued() TS_REQUIRES(mutex_);
    // Sends the jobs that may go now; false if the connection failed.
    bool send_batch(batch& sent);
    // Reads one sent batch's replies and settles each call, taking it out of the batch;
    // false if the connection failed (the calls left in the batch are unknown).
    bool read_batch(batch& sent);
    // When the writer next has something to send (now, a room's retry time, the next try to
    // connect, or never).
    std::optional<time_point> next_send_time() const;
    // The next try to connect waits a little longer each time it fails.
    void connection_failed();
    bool ensure_connected();
    void drop_connection();
    void heartbeat();  // connects if need be and checks the connection answers
    redisContext* connect_blocking(int timeout_ms) const;
    // Runs read(c) on the reader connection (blocking reads and snapshots, never the writer's),
    // connecting first if need be; a failed connection is dropped and tried once more.
    template <class Read>
    auto with_reader(Read read);

    redis_options options_;
    mutable ts::mutex mutex_;
    std::condition_variable wake_;  // waited on with mutex_
    std::deque<append_scheduler::job> queue_ TS_GUARDED_BY(mutex_);
    bool stopping_ TS_GUARDED_BY(mutex_) = false;
    std::atomic<std::size_t> pending_{0};
    std::atomic<std::size_t> written_{0};
    std::atomic<bool> connected_{false};
    std::atomic<bool> replicated_{false};
    void settle_durability(redisContext* c);
    std::atomic<std::size_t> refusing_rooms_{0};  // rooms whose last write Redis refused
    mutable ts::mutex refusal_mutex_;
    std::string last_refusal_ TS_GUARDED_BY(refusal_mutex_);  // Redis's words
    mutable std::string last_connect_error_ TS_GUARDED_BY(refusal_mutex_);
    // Writer thread only:
    redisContext* context_ = nullptr;
    std::string script_sha_;      // of append_script, loaded on each connection
    std::string batch_bytes_;     // the batch being sent, reused
    append_scheduler scheduler_;  // what waits, and what goes next
    time_point reconnect_at_{};
    int connect_failures_ = 0;  // in a row
    std::thread writer_;
    // The reader connection, for whichever thread reads (one at a time).
    ts::mutex reader_mutex_;
    redisContext* reader_ TS_GUARDED_BY(reader_mutex_) = nullptr;
};

}  // namespace ts::store
