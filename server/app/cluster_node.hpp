#pragma once
// This server as one node of a cluster sharing one Redis: it owns some rooms (by lease),
// follows others as a replica for the people connected here, and carries messages between
// replicas and owners (node_mailbox). A thread of its own keeps it honest every third of a
// lease: renews the leases of the rooms it owns (letting go of any it lost), lets go of a
// replica whose owner has changed or gone (its people reconnect and the room is loaded
// again, owned by whoever takes it first), sends this node's heartbeat, and ends the
// presence of people connected through a node whose heartbeat has lapsed.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/thread_annotations.hpp"
#include "store/event_log.hpp"
#include "store/node_mailbox.hpp"
#include "store/room_leases.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::app {

class room_directory;

struct cluster_options {
    std::string node_id;  // empty: the host's name and a random suffix, new at each start
    int lease_ms = 6000;  // a room's lease, and how long a silent node counts as alive
};

class cluster_node {
public:
    cluster_node(const store::redis_options& redis, cluster_options options, store::event_log& log);
    ~cluster_node();  // stops its threads (call stop() first to give the rooms up at once)
    cluster_node(const cluster_node&) = delete;
    cluster_node& operator=(const cluster_node&) = delete;

    // Starts handling messages and watching, for these rooms.
    void serve(room_directory& directory);
    // Gives up the leases of the rooms this node owns, so that others take them at once.
    void stop();
    const std::string& node_id() const { return options_.node_id; }
    int lease_ms() const { return options_.lease_ms; }

    // Blocking (a loader's thread): takes a room nobody owns, returning its new epoch; nullopt
    // when another node owns it.
    std::optional<std::uint64_t> acquire(const std::string& room_id);
    // Blocking: who owns the room now.
    std::optional<store::room_owner> owner(const std::string& room_id);
    // A replica of the room (host: which one) is served here from after_seq on; its commands go
    // to owner.
    void following(const std::string& room_id, std::uint64_t after_seq, store::room_owner owner, const void* host);
    // A room is no longer served here by host (unloaded, let go); owned at epoch (0: as a
    // replica). A later host of the same room, loaded meanwhile, is left as it is.
    void dropped(const std::string& room_id, std::uint64_t epoch, const void* host);
    // An owned room's next deadline (nullopt: none), kept in Redis (ts:deadlines) so that the
    // room is woken when it is due even if its owner has died and nobody has come back to it.
    // Never blocks: written by the watcher.
    void deadline(const std::string& room_id, std::optional<std::int64_t> next);
    static constexpr const char* deadlines_key = "ts:deadlines";

    // A replica's connection sent the owner a command (nullopt: the connection closed).
    void forward(const std::string& room_id, std::uint64_t connection_id,
                 std::optional<talkingstick::v1::ClientMessage> message);

private:
    void on_message(store::node_message message);
    void on_log(const std::string& room_id, std::uint64_t last_seq);
    void watch();
    void check_rooms();
    void check_nodes();
    // Writes the deadlines noted since last time; wakes rooms that are due and have no owner.
    void check_deadlines();

    cluster_options options_;
    store::event_log& log_;
    store::redis_link link_;
    store::room_leases leases_;
    std::shared_ptr<store::node_mailbox> mailbox_;
    std::atomic<room_directory*> directory_{nullptr};

    ts::mutex mutex_;
    std::condition_variable wake_;  // waited on with mutex_ by the watcher
    bool stopping_ TS_GUARDED_BY(mutex_) = false;
    // The owner of each room followed here as a replica, and the replica's host.
    struct followed_room {
        store::room_owner owner;
        const void* host = nullptr;
    };
    std::map<std::string, followed_room> owners_ TS_GUARDED_BY(mutex_);
    // Connections of other nodes in the rooms this node owns: (node, their number) -> the
    // room and the number the room knows them by here.
    struct remote_connection {
        std::string room_id;
        std::uint64_t local_id = 0;
    };
    std::map<std::pair<std::string, std::uint64_t>, remote_connection> remotes_ TS_GUARDED_BY(mutex_);
    std::uint64_t next_remote_id_ TS_GUARDED_BY(mutex_) = 1;
    // Deadlines to write (nullopt: to remove), by room.
    std::map<std::string, std::optional<std::int64_t>> deadlines_ TS_GUARDED_BY(mutex_);
    std::thread watcher_;
};

}  // namespace ts::app
