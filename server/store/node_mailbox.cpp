#include "store/node_mailbox.hpp"

#include <chrono>
#include <string_view>

#include "base/log.hpp"
#include "base/log_throttle.hpp"

namespace ts::store {

namespace {

// KEYS[1] the inbox; ARGV[1] how long it lives unread (ms), then the message's fields. One
// round trip: the entry, and an expiry, so that a dead node's inbox goes away by itself.
constexpr std::string_view send_script = R"lua(
redis.call('XADD', KEYS[1], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
)lua";

constexpr std::size_t max_outbox = 100000;

// While Redis is away (a failover), these are tried every 200 ms: one line now and then says so.
log::throttle send_failures(log::level::warn, std::chrono::seconds(5));
log::throttle read_failures(log::level::warn, std::chrono::seconds(5));

std::string text(const redisReply* r) { return r && r->str ? std::string(r->str, r->len) : std::string(); }

// The seq of a log entry id "0-SEQ".
std::uint64_t seq_of(const std::string& id) {
    const auto dash = id.find('-');
    try {
        return dash == std::string::npos ? 0 : std::stoull(id.substr(dash + 1));
    } catch (const std::exception&) {
        return 0;
    }
}

node_message parse(const redisReply* fields) {
    node_message m;
    for (std::size_t i = 0; fields && i + 1 < fields->elements; i += 2) {
        const auto name = text(fields->element[i]);
        auto value = text(fields->element[i + 1]);
        if (name == "k")
            m.kind = std::move(value);
        else if (name == "r")
            m.room_id = std::move(value);
        else if (name == "n")
            m.from_node = std::move(value);
        else if (name == "c")
            m.connection_id = std::strtoull(value.c_str(), nullptr, 10);
        else if (name == "f")
            m.payload = std::move(value);
        else if (name == "x")
            m.code = static_cast<std::uint16_t>(std::strtoul(value.c_str(), nullptr, 10));
    }
    return m;
}

}  // namespace

node_mailbox::node_mailbox(const redis_options& options, std::string node_id, int ttl_ms, handlers handlers)
    : node_id_(std::move(node_id)),
      ttl_ms_(ttl_ms),
      handlers_(std::move(handlers)),
      writer_link_(options),
      reader_link_(options),
      query_link_(options) {
    writer_ = std::thread([this] { write_loop(); });
    reader_ = std::thread([this] { read_loop(); });
}

node_mailbox::~node_mailbox() { stop(); }

void node_mailbox::stop() {
    // The reader waits in a blocking read: a message of its own ends the wait (the writer
    // sends what is queued before it stops).
    if (!stop_reading_.exchange(true)) wake_reader();
    {
        ts::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (writer_.joinable()) writer_.join();
    if (reader_.joinable()) reader_.join();
}

void node_mailbox::send(const std::string& node, node_message message) {
    {
        ts::lock_guard lock(mutex_);
        if (outbox_.size() >= max_outbox) {
            log::warn("cluster: the outbox is full (Redis unreachable?); dropping the oldest message");
            outbox_.pop_front();
        }
        outbox_.emplace_back(node, std::move(message));
    }
    wake_.notify_one();
}

void node_mailbox::follow(const std::string& room_id, std::uint64_t after_seq) {
    {
        ts::lock_guard lock(mutex_);
        followed_[room_id] = after_seq;
    }
    wake_reader();
}

void node_mailbox::unfollow(const std::string& room_id) {
    ts::lock_guard lock(mutex_);
    followed_.erase(room_id);
}

void node_mailbox::wake_reader() { send(node_id_, node_message{"wake", {}, {}, 0, {}, 0}); }

bool node_mailbox::alive(const std::string& node) {
    auto reply = query_link_.run({"EXISTS", alive_key(node)});
    return reply->type == REDIS_REPLY_INTEGER && reply->integer == 1;
}

void node_mailbox::write_loop() {
    using clock = std::chrono::steady_clock;
    auto next_heartbeat = clock::now();
    const auto every = std::chrono::milliseconds(std::max(1, ttl_ms_ / 3));
    while (true) {
        std::deque<std::pair<std::string, node_message>> batch;
        bool stopping = false;
        {
            ts::unique_lock lock(mutex_);
            wake_.wait_until(lock.native(), next_heartbeat,
                             [&]() TS_REQUIRES(mutex_) { return stopping_ || !outbox_.empty(); });
            batch.swap(outbox_);
            stopping = stopping_;
        }
        try {
            if (clock::now() >= next_heartbeat && !stopping) {
                writer_link_.run({"SET", alive_key(node_id_), "1", "PX", std::to_string(ttl_ms_)});
                next_heartbeat = clock::now() + every;
            }
            while (!batch.empty()) {
                const auto& [node, m] = batch.front();
                writer_link_.run_script(
                    send_script, {inbox_key(node)},
                    {std::to_string(ttl_ms_ * 4), "k", m.kind, "r", m.room_id, "n", m.from_node, "c",
                     std::to_string(m.connection_id), "f", m.payload, "x", std::to_string(m.code)});
                batch.pop_front();
            }
            if (stopping) {
                // Gone at once, rather than when the heartbeat lapses: owners let this node's people go.
                writer_link_.run({"DEL", alive_key(node_id_)});
                return;
            }
        } catch (const std::exception& e) {
            send_failures.note(std::string("cluster: cannot reach Redis to send (will retry): ") + e.what());
            if (stopping) return;
            {
                // What was not sent goes first next time.
                ts::lock_guard lock(mutex_);
                while (!batch.empty()) {
                    outbox_.push_front(std::move(batch.back()));
                    batch.pop_back();
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }
}

void node_mailbox::read_loop() {
    const auto inbox = inbox_key(node_id_);
    // From the start: the node's id is new at each start, so its inbox holds only what was
    // sent to this run of it.
    std::string inbox_id = "0-0";
    while (!stop_reading_) {
        std::vector<std::string> args{"XREAD", "COUNT", "1000", "BLOCK", "1000", "STREAMS", inbox};
        std::map<std::string, std::string> room_of_key;
        std::vector<std::string> ids{inbox_id};
        {
            ts::lock_guard lock(mutex_);
            for (const auto& [room_id, seq] : followed_) {
                auto key = redis_event_log::log_key(room_id);
                args.push_back(key);
                ids.push_back("0-" + std::to_string(seq));
                room_of_key.emplace(std::move(key), room_id);
            }
        }
        args.insert(args.end(), ids.begin(), ids.end());
        reply_ptr reply;
        try {
            reply = reader_link_.run(args);
        } catch (const std::exception& e) {
            read_failures.note(std::string("cluster: cannot read this node's inbox (will retry): ") + e.what());
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            continue;
        }
        if (reply->type != REDIS_REPLY_ARRAY) continue;  // timed out: nothing new
        for (std::size_t s = 0; s < reply->elements; ++s) {
            const auto* stream = reply->element[s];
            if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2) continue;
            const auto key = text(stream->element[0]);
            const auto* entries = stream->element[1];
            if (entries->elements == 0) continue;
            if (key == inbox) {
                for (std::size_t e = 0; e < entries->elements; ++e) {
                    const auto* entry = entries->element[e];
                    if (entry->type != REDIS_REPLY_ARRAY || entry->elements != 2) continue;
                    inbox_id = text(entry->element[0]);
                    auto message = parse(entry->element[1]);
                    if (message.kind == "wake") continue;
                    try {
                        handlers_.on_message(std::move(message));
                    } catch (const std::exception& ex) {
                        log::error(std::string("cluster: a message could not be handled: ") + ex.what());
                    }
                }
                continue;
            }
            auto room = room_of_key.find(key);
            if (room == room_of_key.end()) continue;
            const auto last = seq_of(text(entries->element[entries->elements - 1]->element[0]));
            {
                ts::lock_guard lock(mutex_);
                auto followed = followed_.find(room->second);
                if (followed == followed_.end() || followed->second >= last) continue;
            }
            try {
                handlers_.on_log(room->second, last);
            } catch (const std::exception& ex) {
                // Not taken: read again from the same place on the next round.
                read_failures.note("cluster: room " + room->second +
                                   ": its log could not be followed now: " + ex.what());
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
            ts::lock_guard lock(mutex_);
            if (auto followed = followed_.find(room->second); followed != followed_.end())
                followed->second = std::max(followed->second, last);
        }
    }
}

}  // namespace ts::store
