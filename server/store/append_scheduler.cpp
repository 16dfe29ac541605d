#include "store/append_scheduler.hpp"

#include <algorithm>

#include "base/log.hpp"

namespace ts::store {

int retry_delay_ms(int failures, int max_ms) { return std::min(max_ms, 50 << std::clamp(failures, 0, 10)); }

append_scheduler::append_scheduler(std::size_t max_pipeline, int max_backoff_ms,
                                   std::function<void(std::size_t, const write_outcome&)> completed)
    : max_pipeline_(max_pipeline), max_backoff_ms_(max_backoff_ms), completed_(std::move(completed)) {}

void append_scheduler::add(job j) { waiting_.push_back(std::move(j)); }

std::optional<append_scheduler::time_point> append_scheduler::next_send_time() const {
    std::optional<time_point> next;
    for (const auto& j : waiting_) {
        if (j.in_flight) continue;
        auto found = rooms_.find(j.room_id);
        time_point at{};
        if (found != rooms_.end()) {
            if (found->second.in_flight > 0 && found->second.failures > 0) continue;  // settles first
            if (found->second.failures > 0) at = found->second.retry_at;
        }
        if (!next || at < *next) next = at;
    }
    return next;
}

append_scheduler::batch append_scheduler::next_batch(time_point now) {
    batch out;
    std::size_t entries = 0;
    std::unordered_map<std::string_view, std::size_t> call_of;  // room id -> its call in this batch
    for (auto next = waiting_.begin(); next != waiting_.end() && entries < max_pipeline_;) {
        auto it = next++;
        if (it->in_flight) continue;
        auto& room = rooms_[it->room_id];
        if (!room.damaged.empty()) {
            complete(it, {write_result::damaged, room.damaged});
            continue;
        }
        if (room.fenced_up_to && it->epoch <= *room.fenced_up_to) {
            complete(it, {write_result::fenced, room.fenced_words});
            continue;
        }
        // A room whose write was refused waits for its retry time, and for the replies to
        // anything of it still in flight, before its jobs go again, oldest first.
        if (room.failures > 0 && (room.in_flight > 0 || now < room.retry_at)) continue;
        if (entries > 0 && entries + it->entries.size() > max_pipeline_) break;
        auto [found, added] = call_of.try_emplace(it->room_id, out.calls.size());
        if (added) out.calls.push_back(call{it->room_id, it->epoch, {}});
        // A newer writer's jobs go in a call of their own, after the older writer's settle.
        if (out.calls[found->second].epoch != it->epoch) continue;
        out.calls[found->second].jobs.push_back(it);
        entries += it->entries.size();
        it->in_flight = true;
        ++room.in_flight;
    }
    return out;
}

append_scheduler::next_step append_scheduler::settle(const call& c, const reply& r, time_point now) {
    auto& room = rooms_[c.room_id];
    for (auto it : c.jobs) {
        --room.in_flight;
        it->in_flight = false;
    }
    if (!room.damaged.empty()) {
        for (auto it : c.jobs) complete(it, {write_result::damaged, room.damaged});
        return next_step::go_on;
    }
    switch (r.kind) {
        case reply_kind::written:
            clear_failures(room);
            for (auto it : c.jobs) complete(it, {});  // (may forget the room's state: not used after)
            return next_step::go_on;
        case reply_kind::gap:
            // Behind a refused write of its own room: it goes again after that one.
            if (earlier_waiting(c.jobs.front())) return next_step::go_on;
            mark_damaged(c.room_id, r.words);
            return next_step::go_on;
        case reply_kind::damaged: mark_damaged(c.room_id, r.words); return next_step::go_on;
        case reply_kind::fenced:
            clear_failures(room);
            room.fenced_up_to = std::max(room.fenced_up_to.value_or(0), c.epoch);  // (keeps the room's state)
            for (auto it : c.jobs) complete(it, {write_result::fenced, r.words});
            mark_fenced(c.room_id, c.epoch, r.words);
            return next_step::go_on;
        case reply_kind::noscript:
        case reply_kind::demoted: return next_step::reconnect;
        case reply_kind::refused: break;
    }
    // Refused for now: this room waits and tries again; other rooms go on. (Part of the call
    // may have landed: the retry finds it stored, identical, and goes on from there.)
    if (room.failures == 0 || room.failures % 10 == 0)
        log::error("Redis refused a write for room " + c.room_id + " (holding it, will retry): " + r.words);
    if (room.failures == 0) ++refusing_rooms_;
    last_refusal_ = r.words;
    ++room.failures;
    room.retry_at = now + std::chrono::milliseconds(retry_delay_ms(room.failures, max_backoff_ms_));
    return next_step::go_on;
}

void append_scheduler::forget(std::deque<batch>& in_flight) {
    for (auto& b : in_flight)
        for (auto& c : b.calls)
            for (auto it : c.jobs) {
                it->in_flight = false;
                --rooms_[it->room_id].in_flight;
            }
    in_flight.clear();
}

void append_scheduler::end_all(const write_outcome& outcome) {
    while (!waiting_.empty()) complete(waiting_.begin(), outcome);
}

void append_scheduler::complete(job_list::iterator it, write_outcome outcome) {
    auto n = it->entries.size();
    auto done = std::move(it->done);
    auto room_id = std::move(it->room_id);
    waiting_.erase(it);
    auto found = rooms_.find(room_id);
    if (found != rooms_.end() && found->second.in_flight == 0 && found->second.failures == 0 &&
        found->second.damaged.empty() && !found->second.fenced_up_to)
        rooms_.erase(found);
    completed_(n, outcome);
    done(std::move(outcome));
}

void append_scheduler::mark_damaged(const std::string& room_id, const std::string& problem) {
    log::error("INTEGRITY: room " + room_id + ": the stored record contradicts the server's: " + problem +
               ". The room is read-only until an operator repairs it (talkingstick --verify).");
    auto& room = rooms_[room_id];
    clear_failures(room);
    room.damaged = problem;
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        auto next = std::next(it);
        if (it->room_id == room_id && !it->in_flight) complete(it, {write_result::damaged, problem});
        it = next;
    }
}

void append_scheduler::mark_fenced(const std::string& room_id, std::uint64_t epoch, const std::string& words) {
    log::info("room " + room_id + ": another node has taken it over; this one (epoch " + std::to_string(epoch) +
              ") writes nothing more of it: " + words);
    auto& room = rooms_[room_id];
    room.fenced_up_to = std::max(room.fenced_up_to.value_or(0), epoch);
    room.fenced_words = words;
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        auto next = std::next(it);
        if (it->room_id == room_id && !it->in_flight && it->epoch <= epoch) complete(it, {write_result::fenced, words});
        it = next;
    }
}

void append_scheduler::clear_failures(room_state& room) {
    if (room.failures > 0) --refusing_rooms_;
    room.failures = 0;
}

bool append_scheduler::earlier_waiting(job_list::iterator it) const {
    for (auto j = waiting_.begin(); j != it; ++j)
        if (j->room_id == it->room_id) return true;
    return false;
}

}  // namespace ts::store
