#pragma once
// All rooms of this server, by id. The network layer reaches rooms only through it.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/thread_annotations.hpp"
#include "app/join_tokens.hpp"
#include "app/log_replay.hpp"
#include "app/record_scrub.hpp"
#include "app/room_host.hpp"
#include "net/room_gateway.hpp"
#include "room/room_limits.hpp"

namespace ts::app {

struct restore_report {
    std::size_t rooms = 0;
    std::size_t events = 0;
    std::size_t damaged_rooms = 0;     // served read-only, up to where their logs stop being readable
    std::size_t unreadable_rooms = 0;  // not even their first entry reads: not served, reported
};

class cluster_node;

class room_directory final : public net::room_gateway {
public:
    room_directory(boost::asio::io_context& io, store::event_log& log, const room::clock& clock,
                   room::room_limits limits, std::size_t max_rooms, save_limits saving = {});
    ~room_directory() override;

    // Before serving: joins may then come with a join token from the organisation's portal,
    // checked with these keys (without: such joins are refused).
    void accept_join_tokens(std::unique_ptr<join_tokens> tokens) { join_tokens_ = std::move(tokens); }

    // Before restore(): this server is one node of a cluster. Rooms are then loaded when asked
    // for, each owned by the node that takes its lease first and followed as a replica by the
    // others (room_host), and the cluster's node carries commands to the owners.
    void join_cluster(cluster_node& cluster) { cluster_ = &cluster; }

    // Before serving: rooms with voice have it carried by this media server's bridge (without:
    // voice settings are kept, and nobody is heard through the server).
    void use_voice(voice_bridge& voice) { voice_ = &voice; }

    // Start-up only, before serving: rebuilds every room by replaying its log. A room whose
    // log stops being readable is served read-only up to that point, and reported. In a
    // cluster, the rooms are only listed, to be loaded when asked for.
    restore_report restore();

    // The room's host if it is in memory here, else nullptr.
    std::shared_ptr<room_host> loaded(const std::string& room_id) const { return find(room_id); }
    // Every host in memory here.
    std::vector<std::shared_ptr<room_host>> hosts() const;
    // Loads the room if it is not in memory (in a cluster: taking it over if nobody owns it),
    // so that its clocks run.
    void wake(const std::string& room_id);

    // From now on, every interval: closed rooms whose record has been kept as long as it is
    // kept are deleted, with every key of their record.
    void start_retention_sweeps(std::chrono::seconds interval);
    // From now on: a room nobody has been in for idle_for (and with nothing under way) is
    // unloaded from memory; the next command or request for it loads it again from the store.
    void start_unloading(std::chrono::seconds idle_for);
    room_counts rooms_held() const override;
    scrub_progress scrubbed() const override;
    pb::TextLimits text_limits() const override;
    // From now on: every room's whole stored record is read, entries_per_second at a time,
    // and damage found is listed with the damaged rooms (0: never).
    void start_scrub(std::size_t entries_per_second);

    bool submit(const std::string& room_id, pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink,
                std::uint64_t connection_id) override;
    void disconnected(const std::string& room_id, std::uint64_t connection_id) override;
    void create_room(const pb::CreateRoomRequest& request, std::function<void(net::create_result)> done) override;
    void room_info(const std::string& room_id, std::function<void(std::optional<pb::RoomInfo>)> done) override;
    void open_transcript(const std::string& room_id, net::transcript_request request,
                         std::function<void(net::transcript_result)> done) override;
    store::log_status store_status() const override { return log_.status(); }
    std::vector<net::damaged_room> damaged_rooms() const override;

private:
    std::shared_ptr<room_host> find(const std::string& room_id) const;
    // Creates the room as its owner (holding: in a cluster, its lease); id empty: a new one.
    void open_room(const pb::CreateRoomRequest& request, room_holding holding,
                   std::function<void(net::create_result)> done, std::string id = {});
    // Hands use the room: at once when it is in memory; after loading it (off the network
    // threads) when it was unloaded, with nullptr if it could not be loaded now. False, with
    // use not called, when there is no such room.
    bool with_room(const std::string& room_id, std::function<void(std::shared_ptr<room_host>)> use);
    // Builds the host of a room loaded from the store (read-only up to where its record stops
    // being readable), reporting damage; nullptr when nothing of it can be read.
    std::shared_ptr<room_host> host_of(const std::string& room_id, loaded_room loaded, room_holding holding = {});
    void unload_idle();
    // A host let its room go: it is no longer served from memory here.
    void forget(const std::shared_ptr<room_host>& host);
    std::shared_ptr<room_host> make_host(room::room state, std::optional<pb::RoomStatus> read_only = std::nullopt,
                                         room_holding holding = {});
    // Loads a room from the store (blocking): in a cluster, owned when its lease is free and
    // followed as a replica otherwise. nullptr when it cannot be served; absent is set when
    // there is no such room.
    std::shared_ptr<room_host> load_host(const std::string& room_id, bool& absent);
    // Whether the room was found not to exist when last loaded (a cluster's unknown ids).
    bool absent(const std::string& room_id) const;
    void report_damage(net::damaged_room damage);
    // Reading a room's record met damage in entries its state no longer needs: listed, unless
    // the room is listed already, and the room goes on.
    void report_read_damage(const std::string& room_id, const record_damage& damage);
    // Whether the room is listed as one whose record cannot be read at all; forget it once it loads.
    bool unreadable(const std::string& room_id) const;
    void forget_unreadable(const std::string& room_id);
    // A live room found its stored record damaged: rebuild it from the store, off the
    // network threads, and serve that read-only.
    void reload_damaged(std::shared_ptr<room_host> host, const pb::RoomStatus& status, std::string problem);
    // Small groups (room_directory_groups.cpp): carries what a plenary says of its tables to
    // the tables' rooms (made when they do not exist yet), and the reports of closed tables
    // back. Idempotent: run after every change of the groups and whenever a plenary loads.
    void sync_groups(const std::shared_ptr<room_host>& plenary);
    // The room of a table, made (and its lease taken, in a cluster) if nobody has made it yet;
    // use gets nullptr when it cannot be had now.
    void table_room(const room::table_link& link, std::function<void(std::shared_ptr<room_host>)> use);
    // A room another room makes and links (a table, a meeting of a series): loaded, or made
    // with create (and its lease taken first, in a cluster) if nobody has made it yet; use gets
    // nullptr when it cannot be had now. what names it in the log.
    using create_done = std::function<void(std::optional<room::room_error>)>;
    using create_fn = std::function<void(room_host& host, create_done done)>;
    void linked_room(const std::string& room_id, const std::string& what, create_fn create,
                     std::function<void(std::shared_ptr<room_host>)> use);
    // A series (room_directory_series.cpp): carries what it says of its meetings to their
    // rooms (made when they do not exist yet), one after another from the first, each with
    // what carries over from the one before, and each meeting's news back. Idempotent: run
    // after every change either side and whenever a series loads.
    void sync_series(const std::string& series_id);
    void sync_series(const std::shared_ptr<room_host>& series);
    void link_meetings(std::shared_ptr<room_host> series, std::shared_ptr<std::vector<room::meeting_link>> links,
                       std::size_t next, room::meeting_news before);
    // A moderator deleted the room: erase its record off the network threads; once erased,
    // the room is gone from the directory too.
    // with: rooms deleted after it (a series' meetings).
    void erase(std::shared_ptr<room_host> host, std::vector<std::string> with);

    boost::asio::io_context& io_;
    store::event_log& log_;
    cluster_node* cluster_ = nullptr;  // set before serving, then only read
    voice_bridge* voice_ = nullptr;    // set before serving, then only read
    const room::clock& clock_;
    std::unique_ptr<join_tokens> join_tokens_;  // set before serving, then only read
    room::room_limits limits_;
    std::size_t max_rooms_;
    save_limits saving_;
    mutable ts::mutex damage_mutex_;
    std::map<std::string, net::damaged_room> damaged_ TS_GUARDED_BY(damage_mutex_);
    std::unique_ptr<boost::asio::steady_timer> retention_timer_;
    std::chrono::seconds retention_interval_{3600};
    void sweep_retention();
    std::unique_ptr<boost::asio::steady_timer> unload_timer_;
    std::chrono::seconds idle_for_{900};
    mutable ts::shared_mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<room_host>> rooms_ TS_GUARDED_BY(mutex_);
    // Rooms unloaded from memory, with when their record is due to be deleted (if it is), and
    // whether the meeting has closed (only live rooms count against max_rooms_).
    struct unloaded_room {
        std::optional<std::int64_t> expires_at_ms;
        bool closed = false;
    };
    std::unordered_map<std::string, unloaded_room> unloaded_ TS_GUARDED_BY(mutex_);
    // Ids a cluster node was asked for that no node has (bounded: cleared when it grows large).
    std::unordered_set<std::string> absent_ TS_GUARDED_BY(mutex_);
    // Rooms whose meeting has not closed, loaded or not.
    std::size_t live_rooms() const TS_REQUIRES_SHARED(mutex_);
    // Rooms being loaded, and who waits for each.
    std::unordered_map<std::string, std::vector<std::function<void(std::shared_ptr<room_host>)>>> loading_
        TS_GUARDED_BY(mutex_);
    std::unique_ptr<record_scrub> scrub_;
    // Blocking reads of the store (loading rooms, history, exports) and snapshot writes.
    // Declared last: joined first, before anything its jobs use is gone.
    boost::asio::thread_pool store_reads_{2};
    // Reloads of damaged rooms and erasures of deleted ones: off the network threads, and
    // apart from the reads above so that a long erasure never holds up a room's loading. One
    // thread, for the server's life: no job leaves a thread behind.
    boost::asio::thread_pool upkeep_{1};
};

}  // namespace ts::app
