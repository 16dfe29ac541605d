#include "store/redis_event_log.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <chrono>
#include <memory>
#include <string_view>

#include "app/log.hpp"
#include "store/resp_command.hpp"

namespace ts::store {
namespace {

struct reply_deleter {
    void operator()(redisReply* r) const { if (r) freeReplyObject(r); }
};
using reply_ptr = std::unique_ptr<redisReply, reply_deleter>;

timeval to_timeval(int ms) { return timeval{ms / 1000, (ms % 1000) * 1000}; }

// A retried XADD of an entry Redis already has is refused with this error: it means the
// earlier attempt landed, which is success for us.
bool is_duplicate_id_error(const redisReply* r) {
    return r->type == REDIS_REPLY_ERROR &&
           std::string_view(r->str, r->len).find("equal or smaller than the target stream top item") !=
               std::string_view::npos;
}

reply_ptr command_argv(redisContext* c, const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
    }
    return reply_ptr(static_cast<redisReply*>(
        redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data())));
}

}  // namespace

redis_event_log::redis_event_log(redis_options options) : options_(std::move(options)) {
    writer_ = std::thread([this] { run(); });
}

redis_event_log::~redis_event_log() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    writer_.join();
    drop_connection();
}

void redis_event_log::append(const std::string& room_id, std::vector<log_entry> entries, done_fn done) {
    pending_ += entries.size();
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(job{room_id, std::move(entries), std::move(done)});
    }
    wake_.notify_one();
}

bool redis_event_log::has_capacity() const { return pending_.load() < options_.max_pending; }

log_status redis_event_log::status() const {
    return log_status{"redis", connected_.load(), pending_.load(), written_.load()};
}

redisContext* redis_event_log::connect_blocking(int timeout_ms) const {
    redisContext* c = redisConnectWithTimeout(options_.host.c_str(), options_.port, to_timeval(timeout_ms));
    if (!c) return nullptr;
    if (c->err) {
        redisFree(c);
        return nullptr;
    }
    redisSetTimeout(c, to_timeval(options_.io_timeout_ms));
    return c;
}

bool redis_event_log::wait_until_reachable() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.startup_wait_ms);
    bool told = false;
    while (true) {
        if (redisContext* c = connect_blocking(options_.connect_timeout_ms)) {
            reply_ptr pong(static_cast<redisReply*>(redisCommand(c, "PING")));
            bool ok = pong && pong->type == REDIS_REPLY_STATUS;
            redisFree(c);
            if (ok) return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) return false;
        if (!told) {
            log::warn("waiting for Redis at " + options_.host + ":" + std::to_string(options_.port));
            told = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

std::vector<std::string> redis_event_log::room_ids() {
    std::vector<std::string> ids;
    std::unique_ptr<redisContext, decltype(&redisFree)> c(connect_blocking(options_.connect_timeout_ms), &redisFree);
    if (!c) throw std::runtime_error("cannot reach Redis to list rooms");
    auto reply = command_argv(c.get(), {"SMEMBERS", rooms_key});
    if (!reply || reply->type != REDIS_REPLY_ARRAY) throw std::runtime_error("cannot list rooms in Redis");
    for (size_t i = 0; i < reply->elements; ++i) ids.emplace_back(reply->element[i]->str, reply->element[i]->len);
    return ids;
}

std::vector<log_entry> redis_event_log::load(const std::string& room_id) {
    std::vector<log_entry> out;
    std::unique_ptr<redisContext, decltype(&redisFree)> c(connect_blocking(options_.connect_timeout_ms), &redisFree);
    if (!c) throw std::runtime_error("cannot reach Redis to load a room");
    std::string from = "-";
    const std::string key = log_key(room_id);
    while (true) {
        auto reply = command_argv(c.get(), {"XRANGE", key, from, "+", "COUNT", "5000"});
        if (!reply || reply->type != REDIS_REPLY_ARRAY) throw std::runtime_error("cannot read a room's log");
        if (reply->elements == 0) break;
        for (size_t i = 0; i < reply->elements; ++i) {
            const redisReply* item = reply->element[i];
            if (item->type != REDIS_REPLY_ARRAY || item->elements != 2) throw std::runtime_error("bad stream entry");
            std::string id(item->element[0]->str, item->element[0]->len);
            log_entry entry;
            auto dash = id.find('-');
            entry.seq = std::stoull(id.substr(dash + 1));
            const redisReply* fields = item->element[1];
            for (size_t f = 0; f + 1 < fields->elements; f += 2) {
                std::string_view name(fields->element[f]->str, fields->element[f]->len);
                std::string value(fields->element[f + 1]->str, fields->element[f + 1]->len);
                if (name == "e") entry.event = std::move(value);
                else if (name == "p") entry.hidden = std::move(value);
            }
            from = "(" + id;
            out.push_back(std::move(entry));
        }
    }
    return out;
}

void redis_event_log::drop_connection() {
    if (context_) redisFree(context_);
    context_ = nullptr;
    connected_ = false;
}

bool redis_event_log::ensure_connected() {
    if (context_) return true;
    context_ = connect_blocking(options_.connect_timeout_ms);
    if (!context_) return false;
    connected_ = true;
    log::info("Redis connected at " + options_.host + ":" + std::to_string(options_.port));
    return true;
}

// Sends the writes of jobs [first, last) without waiting for their replies; false if the
// connection failed (the jobs stay, and are all written again later).
bool redis_event_log::send_batch(const std::deque<job>& jobs, std::size_t first, std::size_t last, batch& sent) {
    if (!ensure_connected()) return false;
    sent.jobs = last - first;
    batch_bytes_.clear();
    auto append = [&](std::initializer_list<std::string_view> args, bool xadd) {
        append_resp_command(batch_bytes_, args);
        sent.duplicate_ok.push_back(xadd);
    };
    char id[32] = "0-";
    for (auto j = first; j < last; ++j) {
        const std::string key = log_key(jobs[j].room_id);
        for (const auto& entry : jobs[j].entries) {
            if (entry.seq == 1) append({"SADD", rooms_key, jobs[j].room_id}, false);
            std::string_view id_view(id, static_cast<std::size_t>(std::to_chars(id + 2, id + sizeof id, entry.seq).ptr - id));
            // Most events have no private part: their entry has no "p" field at all.
            if (entry.hidden.empty()) append({"XADD", key, id_view, "e", entry.event}, true);
            else append({"XADD", key, id_view, "e", entry.event, "p", entry.hidden}, true);
        }
    }
    // The whole batch is one buffer, handed to hiredis in one piece.
    if (redisAppendFormattedCommand(context_, batch_bytes_.data(), batch_bytes_.size()) != REDIS_OK) {
        drop_connection();
        return false;
    }
    for (int done = 0; !done;) {
        if (redisBufferWrite(context_, &done) != REDIS_OK) {
            log::warn(std::string("Redis disconnected: ") + (context_->errstr[0] ? context_->errstr : "I/O error"));
            drop_connection();
            return false;
        }
    }
    return true;
}

// Reads a sent batch's replies; true when every write in it is durable.
bool redis_event_log::read_batch(const batch& sent) {
    bool ok = true;
    for (bool duplicate_ok : sent.duplicate_ok) {
        redisReply* raw = nullptr;
        if (redisGetReply(context_, reinterpret_cast<void**>(&raw)) != REDIS_OK) {
            log::warn(std::string("Redis disconnected: ") + (context_->errstr[0] ? context_->errstr : "I/O error"));
            drop_connection();
            return false;
        }
        reply_ptr reply(raw);
        if (reply->type == REDIS_REPLY_ERROR && !(duplicate_ok && is_duplicate_id_error(reply.get()))) {
            if (ok) log::error("Redis refused a write: " + std::string(reply->str, reply->len));
            ok = false;  // keep reading the remaining replies so the connection stays in step
        }
    }
    return ok;
}

void redis_event_log::heartbeat() {
    if (!ensure_connected()) return;
    reply_ptr pong(static_cast<redisReply*>(redisCommand(context_, "PING")));
    if (!pong || pong->type != REDIS_REPLY_STATUS) {
        log::warn("Redis stopped answering");
        drop_connection();
    }
}

void redis_event_log::run() {
    heartbeat();
    int backoff_ms = 50;
    std::deque<job> jobs;      // taken from the queue, not yet durable, oldest first
    std::deque<batch> in_flight;  // sent, replies not yet read; they cover jobs[0, unsent)
    std::size_t unsent = 0;
    std::chrono::steady_clock::time_point drain_deadline{};
    while (true) {
        {
            std::unique_lock lock(mutex_);
            // While idle, look at the connection now and then, so that health reports are
            // true and an outage is noticed before the next write needs Redis.
            while (!wake_.wait_for(lock, std::chrono::seconds(2), [&] { return stopping_ || !queue_.empty() || !jobs.empty(); })) {
                lock.unlock();
                heartbeat();
                lock.lock();
            }
            if (stopping_ && drain_deadline == std::chrono::steady_clock::time_point{})
                drain_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.shutdown_drain_ms);
            // Take whole jobs up to the pipeline bound for the next batch; a job is never split.
            if (in_flight.size() < 2) {
                std::size_t commands = 0;
                for (auto j = unsent; j < jobs.size(); ++j) commands += jobs[j].entries.size();
                while (!queue_.empty() &&
                       (commands == 0 || commands + queue_.front().entries.size() <= options_.max_pipeline)) {
                    commands += queue_.front().entries.size();
                    jobs.push_back(std::move(queue_.front()));
                    queue_.pop_front();
                }
            }
            if (jobs.empty() && stopping_) return;
        }
        // Two batches in flight: Redis works on the next one while this thread reads the
        // replies to the previous one.
        bool ok = true;
        if (unsent < jobs.size() && in_flight.size() < 2) {
            batch next;
            ok = send_batch(jobs, unsent, jobs.size(), next);
            if (ok) {
                unsent = jobs.size();
                in_flight.push_back(std::move(next));
            }
        }
        if (ok && !in_flight.empty()) {
            ok = read_batch(in_flight.front());
            if (ok) {
                for (std::size_t i = 0; i < in_flight.front().jobs; ++i) {
                    auto& j = jobs.front();
                    pending_ -= j.entries.size();
                    written_ += j.entries.size();
                    j.done(true);
                    jobs.pop_front();
                }
                unsent -= in_flight.front().jobs;
                in_flight.pop_front();
            }
        }
        if (ok) {
            backoff_ms = 50;
            continue;
        }
        // Everything not yet durable is written again, on a fresh connection (replies to a
        // batch still in flight must not be taken for the answers to the rewrite).
        drop_connection();
        in_flight.clear();
        unsent = 0;
        std::unique_lock lock(mutex_);
        if (stopping_ && std::chrono::steady_clock::now() >= drain_deadline) {
            std::size_t lost = 0;
            for (auto& j : jobs) lost += j.entries.size();
            for (auto& j : queue_) lost += j.entries.size();
            log::error("shutting down with " + std::to_string(lost) + " events not written to Redis (none acknowledged)");
            for (auto& j : jobs) j.done(false);
            for (auto& j : queue_) j.done(false);
            return;
        }
        // Sleep through the back-off; new appends must not cut it short (they would turn an
        // outage into a busy reconnect loop), but a shutdown does.
        bool was_stopping = stopping_;
        wake_.wait_for(lock, std::chrono::milliseconds(was_stopping ? 100 : backoff_ms),
                       [&] { return stopping_ && !was_stopping; });
        backoff_ms = std::min(backoff_ms * 2, 2000);
    }
}

}  // namespace ts::store
