#pragma once
// What the Redis writer decides, apart from talking to Redis (redis_event_log does that):
// which waiting jobs go in the next batch, what each reply means for its room, and when a
// refused room or a lost connection is tried again. Pure: no I/O, time is passed in, so
// every transition has a unit test.
//
// Jobs wait oldest first. A batch holds one call per room (all of that room's jobs that may
// go), up to a bound on entries. A room whose write was refused holds its later jobs until
// its retry time and until nothing of it is in flight, then goes again from its oldest job;
// other rooms go on. A room whose stored record contradicts the server's is damaged: its
// jobs end at once, now and from then on. A writer another node has taken the room over from
// is fenced: its jobs (of that epoch or older) end at once, while a newer writer's go on. A
// lost connection makes everything in flight unknown: it is sent again.
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/event_log.hpp"

namespace ts::store {

// The wait before try number failures + 1 of something refused or unreachable: 50 ms,
// doubling, at most max_ms.
int retry_delay_ms(int failures, int max_ms);

class append_scheduler {
public:
    using time_point = std::chrono::steady_clock::time_point;

    struct job {
        std::string room_id;
        std::uint64_t epoch = 0;  // the writer's (event_log::append)
        std::vector<log_entry> entries;
        event_log::done_fn done;
        bool in_flight = false;
    };
    using job_list = std::list<job>;
    // One script call: a room's jobs of one epoch, in order, written together.
    struct call {
        std::string room_id;
        std::uint64_t epoch = 0;
        std::vector<job_list::iterator> jobs;
    };
    // Calls sent in one go, whose replies come back in the same order.
    struct batch {
        std::vector<call> calls;
        time_point sent_at{};  // when it went to Redis (for the round-trip figures)
    };

    // How Redis answered one call: by the append script's own codes (TSGAP, TSDAMAGED, TSFENCED) and
    // Redis's error codes (NOSCRIPT), never by the wording of a message.
    enum class reply_kind {
        written,   // every entry of the call is stored
        gap,       // the log does not end where the call starts
        damaged,   // the stored record contradicts the server's
        fenced,    // the room has a newer owner than the call's epoch
        noscript,  // Redis lost the script: load it again on a fresh connection
        demoted,   // the server is no longer the primary (a failover): connect to the new one
        refused,   // anything else (out of memory, busy, a key of the wrong type): try again later
    };
    struct reply {
        reply_kind kind = reply_kind::written;
        std::string words;  // what Redis said, for logs and health
    };
    enum class next_step { go_on, reconnect };

    // completed(entries, outcome): a job has ended (after its done callback is called).
    append_scheduler(std::size_t max_pipeline, int max_backoff_ms,
                     std::function<void(std::size_t, const write_outcome&)> completed);

    void add(job j);
    bool empty() const { return waiting_.empty(); }
    // When the next batch has something to send: now or a past time (send), a refused room's
    // retry time, or never (nothing waits, or all of it is in flight).
    std::optional<time_point> next_send_time() const;
    // The jobs that may go now, marked in flight, at most max_pipeline entries (one job more
    // when a single job is larger). Jobs of a damaged room end here, unsent.
    batch next_batch(time_point now);
    // One call's reply: ends its jobs, holds its room, or marks it damaged.
    next_step settle(const call& c, const reply& r, time_point now);
    // The connection was lost: whatever was in flight is unknown, and will be sent again.
    void forget(std::deque<batch>& in_flight);
    // Ends every waiting job with outcome (shutting down).
    void end_all(const write_outcome& outcome);

    // Rooms whose last write was refused, and Redis's words for the latest refusal.
    std::size_t refusing_rooms() const { return refusing_rooms_; }
    const std::string& last_refusal() const { return last_refusal_; }

private:
    // A room with jobs waiting or in flight, refused writes, or a damaged record.
    struct room_state {
        int in_flight = 0;      // its jobs sent, replies not yet read
        int failures = 0;       // refusals in a row
        time_point retry_at{};  // while failures > 0: when to send its jobs again
        std::string damaged;    // non-empty: what is wrong; nothing of it is written again
        // Writers of this epoch or older were fenced off: their jobs end unsent.
        std::optional<std::uint64_t> fenced_up_to;
        std::string fenced_words;
    };

    void complete(job_list::iterator it, write_outcome outcome);
    void mark_damaged(const std::string& room_id, const std::string& problem);
    void mark_fenced(const std::string& room_id, std::uint64_t epoch, const std::string& words);
    void clear_failures(room_state& room);
    // Whether an earlier job of the same room is still waiting (a refused one).
    bool earlier_waiting(job_list::iterator it) const;

    std::size_t max_pipeline_;
    int max_backoff_ms_;
    std::function<void(std::size_t, const write_outcome&)> completed_;
    job_list waiting_;  // not yet durable, oldest first
    std::unordered_map<std::string, room_state> rooms_;
    std::size_t refusing_rooms_ = 0;
    std::string last_refusal_;
};

}  // namespace ts::store
