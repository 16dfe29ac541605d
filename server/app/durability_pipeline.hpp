#pragma once
// What waits for the store, in order (durable before visible): each command's answer and
// broadcast is held until every event up to its own is durable, and nothing overtakes what
// came before it, even an answer with nothing to write. While saving is slow the pipeline
// says who to tell, and when new commands must be refused instead of held. No I/O: the room
// host writes to the log and hands the outcomes here.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "app/event_frames.hpp"
#include "app/save_limits.hpp"
#include "net/frame_sink.hpp"
#include "room/room_error.hpp"

namespace ts::app {

using steady_time = std::chrono::steady_clock::time_point;

// An answer and a broadcast waiting for their events to become durable.
struct pending {
    std::uint64_t seq = 0;  // deliverable once everything up to here is durable
    std::vector<event_frames> broadcast;
    std::shared_ptr<net::frame_sink> reply_to;
    net::shared_frame reply;
    std::uint64_t connection_id = 0;
    std::uint64_t request_id = 0;
    steady_time since;  // when it started waiting
    bool told_delayed = false;
    bool subscribe = false;
    bool detach = false;
    // Connections of someone a moderator removed: closed once the removal is durable.
    std::vector<std::shared_ptr<net::frame_sink>> to_close;
    bool moved_table = false;  // to_close were moved to another table, not removed
    std::function<void(bool)> on_durable;
};

// "Saving is delayed" for one connection: the requests of theirs that wait, and the longest wait.
struct save_notice {
    std::shared_ptr<net::frame_sink> to;
    std::vector<std::uint64_t> request_ids;
    std::uint32_t waiting_ms = 0;
};

class durability_pipeline {
public:
    durability_pipeline(std::uint64_t durable_seq, save_limits limits) : durable_seq_(durable_seq), limits_(limits) {}

    // Holds p behind everything before it (since: now, unless set).
    void hold(pending p, steady_time now);
    // Everything up to seq is durable: what may now be delivered, in order.
    std::vector<pending> durable_up_to(std::uint64_t seq);
    // What waits up to seq was never saved (only at shutdown): it is dropped, and returned.
    std::vector<pending> not_saved_up_to(std::uint64_t seq);
    // Everything that waits, dropped (the record is damaged: none of it will be saved).
    std::vector<pending> drop_all();
    // A state rebuilt from the store: all of it is durable.
    void restart_at(std::uint64_t durable_seq);

    std::uint64_t durable_seq() const { return durable_seq_; }
    const save_limits& limits() const { return limits_; }
    bool empty() const { return waiting_.empty(); }

    // Why a new command must be refused now because saving is stuck (STORE_UNAVAILABLE with a
    // retry time), if it must: the store has no room, or this room's oldest unsaved event has
    // waited refuse_after, or it holds max_unsaved_events. Someone joining is told at once,
    // once saving has been delayed past notice_after.
    std::optional<room::room_error> refusal(bool joining, std::uint64_t last_seq, bool store_has_capacity,
                                            steady_time now) const;
    // The notices due now, one per connection; each waiting request is named once.
    std::vector<save_notice> notices_due(steady_time now);
    // When the next notice falls due, if anything waits untold.
    std::optional<steady_time> next_notice() const;

private:
    // What waits up to seq, in order, taken out.
    std::vector<pending> take_up_to(std::uint64_t seq);

    std::deque<pending> waiting_;
    std::uint64_t durable_seq_;
    save_limits limits_;
};

}  // namespace ts::app
