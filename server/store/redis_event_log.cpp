#include "store/redis_event_log.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <chrono>
#include <memory>
#include <string_view>

#include "base/log.hpp"
#include "base/metrics.hpp"
#include "store/append_script.hpp"
#include "store/redis_command.hpp"
#include "store/redis_endpoint.hpp"
#include "store/redis_log_reader.hpp"
#include "store/resp_command.hpp"
#include "store/state_digest.hpp"

namespace ts::store {
namespace {

// What a reply to one append_script call says, by its error code (the first word).
append_scheduler::reply classify(const redisReply* r) {
    using kind = append_scheduler::reply_kind;
    if (r->type != REDIS_REPLY_ERROR) return {kind::written, {}};
    std::string words(r->str, r->len);
    const std::string_view code = std::string_view(words).substr(0, words.find(' '));
    if (code == "TSGAP") return {kind::gap, std::move(words)};
    if (code == "TSDAMAGED") return {kind::damaged, std::move(words)};
    if (code == "TSFENCED") return {kind::fenced, std::move(words)};
    if (code == "NOSCRIPT") return {kind::noscript, std::move(words)};
    if (code == "READONLY") return {kind::demoted, std::move(words)};
    return {kind::refused, std::move(words)};
}

}  // namespace

redis_event_log::redis_event_log(redis_options options)
    : options_(std::move(options)),
      scheduler_(options_.max_pipeline, options_.max_backoff_ms,
                 [this](std::size_t entries, const write_outcome& outcome) {
                     pending_ -= entries;
                     if (outcome.result == write_result::durable) written_ += entries;
                 }) {
    writer_ = std::thread([this] { run(); });
}

redis_event_log::~redis_event_log() {
    {
        ts::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    writer_.join();
    drop_connection();
    if (reader_) redisFree(reader_);
}

void redis_event_log::append(const std::string& room_id, std::uint64_t epoch, std::vector<log_entry> entries,
                             done_fn done) {
    if (entries.empty()) {
        done(write_outcome{});
        return;
    }
    pending_ += entries.size();
    {
        ts::lock_guard lock(mutex_);
        queue_.push_back(append_scheduler::job{room_id, epoch, std::move(entries), std::move(done)});
    }
    wake_.notify_one();
}

bool redis_event_log::has_capacity() const { return pending_.load() < options_.max_pending; }

log_status redis_event_log::status() const {
    log_status status{"redis", connected_.load(), pending_.load(), written_.load(), refusing_rooms_.load(), {}};
    if (status.refusing_rooms > 0) {
        ts::lock_guard lock(refusal_mutex_);
        status.refusal = last_refusal_;
    }
    return status;
}

redisContext* redis_event_log::connect_blocking(int timeout_ms) const {
    std::string why;
    redisContext* c = connect_to_primary(options_, timeout_ms, &why);
    if (!c) {
        ts::lock_guard lock(refusal_mutex_);
        last_connect_error_ = why;
    }
    return c;
}

bool redis_event_log::wait_until_reachable() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.startup_wait_ms);
    bool told = false;
    while (true) {
        if (redisContext* c = connect_blocking(options_.connect_timeout_ms)) {
            reply_ptr pong(static_cast<redisReply*>(redisCommand(c, "PING")));
            bool ok = pong && pong->type == REDIS_REPLY_STATUS;
            if (ok) settle_durability(c);
            redisFree(c);
            if (ok) return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) return false;
        if (!told) {
            log::warn("waiting for Redis (" + describe(options_) + ")");
            told = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

void redis_event_log::settle_durability(redisContext* c) {
    bool replicated = options_.durability == durability::replicated;
    if (options_.durability == durability::automatic) {
        reply_ptr info = redis_command(c, {"INFO", "replication"});
        const std::string text = info && info->type == REDIS_REPLY_STRING ? std::string(info->str, info->len) : "";
        const auto at = text.find("connected_slaves:");
        replicated = at != std::string::npos && std::atoi(text.c_str() + at + 17) > 0;
    }
    replicated_ = replicated;
    log::info(replicated ? "durability: replicated (an event is acknowledged once a replica has it too)"
                         : "durability: primary (an event is acknowledged once the primary has it)");
}

std::vector<std::string> redis_event_log::room_ids() {
    std::unique_ptr<redisContext, decltype(&redisFree)> c(connect_blocking(options_.connect_timeout_ms), &redisFree);
    if (!c) throw std::runtime_error("cannot reach Redis to list rooms");
    try {
        return read_room_ids(c.get());
    } catch (const std::exception& e) {
        if (c->err) throw;
        // The set is damaged (not a set, say): every room's log is found by its key instead.
        log::error(std::string("INTEGRITY: ") + rooms_key + " cannot be read (" + e.what() +
                   "); finding rooms by their logs instead. See talkingstick --verify.");
        return scan_log_room_ids(c.get());
    }
}

std::vector<log_entry> redis_event_log::load(const std::string& room_id) {
    std::unique_ptr<redisContext, decltype(&redisFree)> c(connect_blocking(options_.connect_timeout_ms), &redisFree);
    if (!c) throw std::runtime_error("cannot reach Redis to load a room");
    return read_log(c.get(), room_id);
}

template <class Read>
auto redis_event_log::with_reader(Read read) {
    ts::lock_guard lock(reader_mutex_);
    for (int attempt = 0;; ++attempt) {
        if (!reader_) reader_ = connect_blocking(options_.connect_timeout_ms);
        if (!reader_) throw std::runtime_error("cannot reach Redis to read");
        try {
            return read(reader_);
        } catch (const std::exception&) {
            // A connection that failed mid-read is of no more use; a refusal by Redis is final.
            const bool broken = reader_->err != 0;
            if (broken) {
                redisFree(reader_);
                reader_ = nullptr;
            }
            if (!broken || attempt > 0) throw;
        }
    }
}

std::vector<log_entry> redis_event_log::load_range(const std::string& room_id, std::uint64_t from_seq,
                                                   std::uint64_t to_seq, std::size_t max) {
    return with_reader([&](redisContext* c) { return read_range(c, room_id, from_seq, to_seq, max); });
}

namespace {

// A snapshot is stored in pieces (fields c0, c1, … of its hash): a reply of tens of megabytes
// in one piece makes hiredis grow its buffer a megabyte at a time, copying it each time.
constexpr std::size_t snapshot_piece_bytes = 1 << 20;

std::optional<std::uint64_t> number_in(const redisReply* r) {
    std::uint64_t n = 0;
    if (!r || r->type != REDIS_REPLY_STRING) return std::nullopt;
    if (std::from_chars(r->str, r->str + r->len, n).ec != std::errc{}) return std::nullopt;
    return n;
}

}  // namespace

std::optional<stored_snapshot> redis_event_log::load_snapshot(const std::string& room_id) {
    const auto key = snapshot_key(room_id);
    // A snapshot is a cache of the log: one that cannot be trusted whole is passed over (and the
    // log replayed), never parsed. Only a connection that fails throws.
    auto unusable = [&](const std::string& why) -> std::optional<stored_snapshot> {
        log::warn("room " + room_id + ": its stored snapshot is passed over (" + why + "); the log is replayed");
        return std::nullopt;
    };
    return with_reader([&](redisContext* c) -> std::optional<stored_snapshot> {
        // A snapshot replaced while its pieces are read is read again.
        for (int attempt = 0; attempt < 3; ++attempt) {
            reply_ptr head = redis_command(c, {"HMGET", key, "seq", "pieces", "bytes", "digest"});
            if (!head) throw std::runtime_error("cannot read the snapshot of room " + room_id);
            if (head->type != REDIS_REPLY_ARRAY || head->elements != 4)
                return unusable(head->type == REDIS_REPLY_ERROR ? std::string(head->str, head->len) : "not a hash");
            const auto seq = number_in(head->element[0]), pieces = number_in(head->element[1]),
                       bytes = number_in(head->element[2]);
            if (!seq && !pieces && !bytes) return std::nullopt;  // none
            const auto* digest = head->element[3];
            if (!seq || !pieces || !bytes || digest->type != REDIS_REPLY_STRING)
                return unusable("its description is incomplete");
            // Lengths are checked against what is there before anything is allocated for them.
            if (*pieces > *bytes / snapshot_piece_bytes + 1 || *bytes > *pieces * snapshot_piece_bytes ||
                (*pieces > 0 && *bytes <= (*pieces - 1) * snapshot_piece_bytes))
                return unusable("its length and its pieces disagree");
            reply_ptr fields = redis_command(c, {"HLEN", key});
            if (!fields) throw std::runtime_error("cannot read the snapshot of room " + room_id);
            if (fields->type != REDIS_REPLY_INTEGER || static_cast<std::uint64_t>(fields->integer) < *pieces + 4)
                return unusable("pieces are missing");
            stored_snapshot snapshot{*seq, {}};  // grown piece by piece: nothing reserved on trust
            for (std::uint64_t i = 0; i < *pieces; ++i) {
                reply_ptr piece = redis_command(c, {"HGET", key, "c" + std::to_string(i)});
                if (!piece) throw std::runtime_error("cannot read the snapshot of room " + room_id);
                if (piece->type != REDIS_REPLY_STRING || piece->len > snapshot_piece_bytes ||
                    snapshot.state.size() + piece->len > *bytes)
                    break;
                snapshot.state.append(piece->str, piece->len);
            }
            reply_ptr again = redis_command(c, {"HGET", key, "seq"});
            if (!again) throw std::runtime_error("cannot read the snapshot of room " + room_id);
            if (number_in(again.get()) != seq) continue;
            if (snapshot.state.size() != *bytes) return unusable("its pieces do not add up to its length");
            if (state_digest(snapshot.state) != std::string_view(digest->str, digest->len))
                return unusable("its digest does not match its bytes");
            return snapshot;
        }
        return std::nullopt;
    });
}

bool redis_event_log::save_snapshot(const std::string& room_id, const stored_snapshot& snapshot) {
    // Only beside a log that exists: a snapshot written after the room was deleted would
    // bring a key of it back. The old pieces go with the old snapshot, in the same step.
    static constexpr const char* script =
        "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
        "redis.call('DEL', KEYS[2]) "
        "redis.call('HSET', KEYS[2], 'seq', ARGV[1], 'bytes', ARGV[2], 'digest', ARGV[3], 'pieces', #ARGV - 3) "
        "for i = 4, #ARGV do redis.call('HSET', KEYS[2], 'c' .. (i - 4), ARGV[i]) end "
        "return 1";
    std::vector<std::string> args = {"EVAL",
                                     script,
                                     "2",
                                     log_key(room_id),
                                     snapshot_key(room_id),
                                     std::to_string(snapshot.seq),
                                     std::to_string(snapshot.state.size()),
                                     state_digest(snapshot.state)};
    for (std::size_t at = 0; at < snapshot.state.size(); at += snapshot_piece_bytes)
        args.push_back(snapshot.state.substr(at, snapshot_piece_bytes));
    try {
        return with_reader([&](redisContext* c) {
            reply_ptr r = redis_command(c, args);
            if (!r || r->type == REDIS_REPLY_ERROR) throw std::runtime_error("Redis refused the snapshot");
            return true;
        });
    } catch (const std::exception& e) {
        log::warn("room " + room_id + ": its snapshot was not stored (" + e.what() + "); a restart replays more");
        return false;
    }
}

bool redis_event_log::erase(const std::string& room_id) {
    std::unique_ptr<redisContext, decltype(&redisFree)> c(connect_blocking(options_.connect_timeout_ms), &redisFree);
    if (!c) return false;
    // Every key of the room shares its hash tag: the log, the private record, the texts, and
    // any damaged logs kept aside by a repair.
    std::string cursor = "0";
    do {
        reply_ptr page = redis_command(c.get(), {"SCAN", cursor, "MATCH", "ts:{" + room_id + "}*", "COUNT", "1000"});
        if (!page || page->type != REDIS_REPLY_ARRAY || page->elements != 2) return false;
        cursor.assign(page->element[0]->str, page->element[0]->len);
        const auto* keys = page->element[1];
        for (std::size_t i = 0; i < keys->elements; ++i) {
            reply_ptr deleted =
                redis_command(c.get(), {"UNLINK", std::string(keys->element[i]->str, keys->element[i]->len)});
            if (!deleted || deleted->type == REDIS_REPLY_ERROR) return false;
        }
    } while (cursor != "0");
    reply_ptr removed = redis_command(c.get(), {"SREM", rooms_key, room_id});
    return removed && removed->type != REDIS_REPLY_ERROR;
}

void redis_event_log::drop_connection() {
    if (context_) redisFree(context_);
    context_ = nullptr;
    connected_ = false;
}

bool redis_event_log::ensure_connected() {
    if (context_) return true;
    if (std::chrono::steady_clock::now() < reconnect_at_) return false;
    context_ = connect_blocking(options_.connect_timeout_ms);
    if (context_) {
        // Redis forgets loaded scripts when it restarts: load it on every new connection.
        reply_ptr loaded = redis_command(context_, {"SCRIPT", "LOAD", std::string(append_script)});
        if (loaded && loaded->type == REDIS_REPLY_STRING) {
            script_sha_.assign(loaded->str, loaded->len);
            connected_ = true;
            connect_failures_ = 0;
            log::info("Redis connected (" + describe(options_) + ")");
            return true;
        }
        log::warn("Redis did not load the append script: " +
                  (loaded && loaded->type == REDIS_REPLY_ERROR ? std::string(loaded->str, loaded->len) : "no reply"));
        drop_connection();
    }
    connection_failed();
    return false;
}

void redis_event_log::connection_failed() {
    reconnect_at_ = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(retry_delay_ms(connect_failures_++, options_.max_backoff_ms));
}

void redis_event_log::heartbeat() {
    if (!ensure_connected()) return;
    reply_ptr pong(static_cast<redisReply*>(redisCommand(context_, "PING")));
    if (!pong || pong->type != REDIS_REPLY_STATUS) {
        log::warn("Redis stopped answering");
        drop_connection();
    }
}

void redis_event_log::take_queued() {
    while (!queue_.empty()) {
        scheduler_.add(std::move(queue_.front()));
        queue_.pop_front();
    }
}

std::optional<redis_event_log::time_point> redis_event_log::next_send_time() const {
    auto next = scheduler_.next_send_time();
    if (next && !context_ && *next < reconnect_at_) next = reconnect_at_;
    return next;
}

// Sends, in order, the jobs whose rooms are not held by a refused write (up to the
// pipeline bound), one script call per room holding all of its jobs; false if the
// connection failed (everything sent is then unknown).
bool redis_event_log::send_batch(batch& sent) {
    if (!ensure_connected()) return false;
    sent = scheduler_.next_batch(std::chrono::steady_clock::now());
    if (sent.calls.empty()) return true;
    batch_bytes_.clear();
    std::vector<std::string_view> args;
    std::vector<std::string> seqs;
    const std::string nkeys = "5";
    std::vector<std::string> erases;
    for (const auto& c : sent.calls) {
        const std::string key = log_key(c.room_id);
        const std::string sealed_key = private_key(c.room_id);
        const std::string texts = texts_key(c.room_id);
        const std::string epoch_of_room = epoch_key(c.room_id);
        const std::string epoch = std::to_string(c.epoch);
        seqs.clear();
        erases.clear();
        for (auto it : c.jobs)
            for (const auto& e : it->entries) {
                seqs.push_back(std::to_string(e.seq));
                erases.push_back(e.erases_text_of ? std::to_string(e.erases_text_of) : "");
            }
        args.assign(
            {"EVALSHA", script_sha_, nkeys, key, rooms_key, sealed_key, texts, epoch_of_room, c.room_id, epoch});
        std::size_t i = 0;
        for (auto it : c.jobs)
            for (const auto& e : it->entries) {
                args.insert(args.end(), {seqs[i], e.event, e.hidden, e.sealed, e.text, erases[i]});
                ++i;
            }
        append_resp_command(batch_bytes_, std::span<const std::string_view>(args));
    }
    // Replicated durability: nothing in the batch is durable until a replica has it too.
    if (replicated_) {
        const std::string wait_ms = std::to_string(options_.replica_wait_ms);
        const std::string_view wait[] = {"WAIT", "1", wait_ms};
        append_resp_command(batch_bytes_, std::span<const std::string_view>(wait));
    }
    // The whole batch is one buffer, handed to hiredis in one piece.
    std::size_t entries = 0;
    for (const auto& c : sent.calls)
        for (auto it : c.jobs) entries += it->entries.size();
    metrics::figures().redis_batch_events.observe(static_cast<double>(entries));
    sent.sent_at = std::chrono::steady_clock::now();
    bool ok = redisAppendFormattedCommand(context_, batch_bytes_.data(), batch_bytes_.size()) == REDIS_OK;
    for (int done = 0; ok && !done;) ok = redisBufferWrite(context_, &done) == REDIS_OK;
    if (!ok) log::warn(std::string("Redis disconnected: ") + (context_->errstr[0] ? context_->errstr : "I/O error"));
    return ok;
}

bool redis_event_log::read_batch(batch& sent) {
    // Every call's reply first, then (replicated) the WAIT's: a call is settled as written only
    // once a replica has confirmed the whole batch.
    std::vector<reply_ptr> replies;
    auto read_one = [&]() -> reply_ptr {
        redisReply* raw = nullptr;
        if (redisGetReply(context_, reinterpret_cast<void**>(&raw)) != REDIS_OK) {
            log::warn(std::string("Redis disconnected: ") + (context_->errstr[0] ? context_->errstr : "I/O error"));
            return nullptr;
        }
        return reply_ptr(raw);
    };
    for (std::size_t i = 0; i < sent.calls.size(); ++i) {
        auto reply = read_one();
        if (!reply) return false;
        replies.push_back(std::move(reply));
    }
    std::optional<append_scheduler::reply> unreplicated;
    if (replicated_) {
        auto waited = read_one();
        if (!waited) return false;
        if (waited->type != REDIS_REPLY_INTEGER || waited->integer < 1)
            unreplicated = append_scheduler::reply{
                append_scheduler::reply_kind::refused,
                "NOREPLICA no replica confirmed the write within " + std::to_string(options_.replica_wait_ms) + " ms"};
    }
    std::size_t settled = 0;
    bool ok = true;
    bool ask_sentinel = false;
    for (const auto& c : sent.calls) {
        auto said = classify(replies[settled].get());
        if (unreplicated && said.kind == append_scheduler::reply_kind::written) said = *unreplicated;
        // No replica takes writes: with Sentinel, this may be a primary that a failover has
        // left behind (and not yet told): ask the Sentinels again before the next try.
        ask_sentinel = ask_sentinel || (!options_.sentinels.empty() && said.words.rfind("NOREPLICA", 0) == 0);
        ++settled;
        const auto step = scheduler_.settle(c, said, std::chrono::steady_clock::now());
        refusing_rooms_ = scheduler_.refusing_rooms();
        if (refusing_rooms_ > 0) {
            ts::lock_guard lock(refusal_mutex_);
            last_refusal_ = scheduler_.last_refusal();
        }
        if (step == append_scheduler::next_step::reconnect) {
            // The script cache was flushed, or this is no longer the primary: connect afresh.
            drop_connection();
            ok = false;
            break;
        }
    }
    if (ok && settled > 0)
        metrics::figures().redis_round_trip_seconds.observe(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - sent.sent_at).count());
    // Settled jobs may be gone already: only the rest stays in flight, to be forgotten.
    sent.calls.erase(sent.calls.begin(), sent.calls.begin() + static_cast<std::ptrdiff_t>(settled));
    if (ok && ask_sentinel) {
        drop_connection();
        connection_failed();
        return false;
    }
    return ok;
}

void redis_event_log::run() {
    heartbeat();
    std::deque<batch> in_flight;  // sent, replies not yet read, oldest first
    time_point drain_deadline{};
    while (true) {
        bool give_up = false;
        {
            ts::unique_lock lock(mutex_);
            take_queued();
            // Wait while there is nothing to send now and no reply to read. While idle, look at
            // the connection now and then, so that health reports are true and an outage is
            // noticed before the next write needs Redis.
            while (in_flight.empty() && queue_.empty() && !(stopping_ && drain_deadline == time_point{})) {
                auto next = next_send_time();
                auto now = std::chrono::steady_clock::now();
                if (next && *next <= now) break;
                if (stopping_ && now >= drain_deadline) break;
                auto until = now + std::chrono::seconds(2);
                if (next && *next < until) until = *next;
                if (stopping_ && drain_deadline < until) until = drain_deadline;
                if (wake_.wait_until(lock.native(), until) == std::cv_status::timeout && scheduler_.empty()) {
                    lock.unlock();
                    heartbeat();
                    lock.lock();
                }
            }
            take_queued();
            if (stopping_ && drain_deadline == time_point{})
                drain_deadline =
                    std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.shutdown_drain_ms);
            if (stopping_ && scheduler_.empty() && in_flight.empty()) return;
            give_up = stopping_ && std::chrono::steady_clock::now() >= drain_deadline && in_flight.empty();
        }
        if (give_up) {
            log::error("shutting down with " + std::to_string(pending_.load()) +
                       " events not written to Redis (none acknowledged)");
            scheduler_.end_all({write_result::not_saved, "shutting down"});
            return;
        }
        // Two batches in flight: Redis works on the next one while this thread reads the
        // replies to the previous one.
        bool ok = true;
        if (in_flight.size() < 2) {
            batch next;
            ok = send_batch(next);
            if (!next.calls.empty()) in_flight.push_back(std::move(next));
        }
        if (ok && !in_flight.empty()) {
            ok = read_batch(in_flight.front());
            if (ok) in_flight.pop_front();
        }
        if (!ok || !context_) {
            // Everything in flight is unknown: it is all sent again, on a fresh connection
            // (replies to a batch still in flight must not be taken for the answers to the
            // rewrite); the script makes a repeat of a landed write harmless.
            bool was_connected = context_ != nullptr;
            drop_connection();
            scheduler_.forget(in_flight);
            if (was_connected) connection_failed();
        }
    }
}

}  // namespace ts::store
