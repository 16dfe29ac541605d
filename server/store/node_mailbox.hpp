#pragma once
// How the nodes of a cluster reach each other, through Redis: each node has an inbox (a
// stream, ts:node:{NODE}:inbox) that other nodes add messages to, and a heartbeat key
// (ts:node:{NODE}:alive) that lapses when the node dies. A node reads its inbox and the logs
// of the rooms it follows as a replica in one blocking XREAD, on a thread of its own, so a
// message and the events it speaks of arrive on one path. Sending never blocks: a thread of
// its own writes what is queued.
//
// Why Redis and not a connection between nodes: every node already reaches Redis, so a node
// needs no address of the others and no second protocol, and a message to a dead node lapses
// with its inbox. It costs one Redis round trip each way (docs/scale.md has the figures).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "base/thread_annotations.hpp"
#include "store/redis_link.hpp"

namespace ts::store {

// One message between nodes. kind: "command" (a replica's connection sent the owner a
// command: payload is the ClientMessage), "gone" (that connection closed), "reply" (the owner
// answers a connection: payload is the ServerMessage), "finish" (the owner closes a
// connection: code and payload, the reason).
struct node_message {
    std::string kind;
    std::string room_id;
    std::string from_node;
    std::uint64_t connection_id = 0;
    std::string payload;
    std::uint16_t code = 0;
};

class node_mailbox {
public:
    struct handlers {
        // Each message of this node's inbox, in the order it was added; on the reader thread.
        std::function<void(node_message)> on_message;
        // A followed room's log has entries up to last_seq that were not reported before; on
        // the reader thread (which may read them with a blocking read before returning).
        std::function<void(const std::string& room_id, std::uint64_t last_seq)> on_log;
    };

    // ttl_ms: how long the node counts as alive after its last heartbeat (sent every third of it).
    node_mailbox(const redis_options& options, std::string node_id, int ttl_ms, handlers handlers);
    ~node_mailbox();  // stops both threads
    // Stops both threads (once); from then on, send() only queues.
    void stop();
    node_mailbox(const node_mailbox&) = delete;
    node_mailbox& operator=(const node_mailbox&) = delete;

    const std::string& node_id() const { return node_id_; }
    // Queues a message for another node's inbox (or this one's). Never blocks.
    void send(const std::string& node, node_message message);
    // From now on, reports the room's log entries after after_seq (and later ones as they come).
    void follow(const std::string& room_id, std::uint64_t after_seq);
    void unfollow(const std::string& room_id);
    // Blocking: whether a node has sent a heartbeat within its ttl.
    bool alive(const std::string& node);

    static std::string inbox_key(const std::string& node) { return "ts:node:{" + node + "}:inbox"; }
    static std::string alive_key(const std::string& node) { return "ts:node:{" + node + "}:alive"; }

private:
    void write_loop();
    void read_loop();
    void wake_reader();

    std::string node_id_;
    int ttl_ms_;
    handlers handlers_;
    redis_link writer_link_;
    redis_link reader_link_;
    redis_link query_link_;
    ts::mutex mutex_;
    std::condition_variable wake_;  // waited on with mutex_ by the writer
    std::deque<std::pair<std::string, node_message>> outbox_ TS_GUARDED_BY(mutex_);
    // Followed rooms and the last seq reported of each.
    std::map<std::string, std::uint64_t> followed_ TS_GUARDED_BY(mutex_);
    bool stopping_ TS_GUARDED_BY(mutex_) = false;
    std::atomic<bool> stop_reading_{false};
    std::thread writer_;
    std::thread reader_;
};

}  // namespace ts::store
