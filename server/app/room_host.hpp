#pragma once
// Runs one room on its own strand: applies commands, makes their events durable in the
// log, and only then broadcasts them and answers the sender (durable before visible).
// Commands keep flowing while earlier events are still being written (pipelining).
// A composition of tested pieces: the room (what is decided), the durability pipeline (what
// waits for the store), the fan-out (who hears what) and the host's life (serving,
// read-only, deleting, …); the host wires them to the strand, the timers and the log.
//
// In a cluster a host either owns its room (it decides, under the epoch of its lease) or is
// a replica of it: it folds the owner's log as it is written, answers history and fans the
// events out to its own connections, and sends their commands on to the owner, whose answers
// it hands out once its copy of the room has caught up with them.
//
// While saving is slow or stopped, people still get an answer within seconds: a held
// command's sender is told that saving is delayed, and past a bound new commands are
// refused with a retry time. If the stored record turns out damaged, the room becomes
// read-only: everything saved can still be read; nothing new is accepted.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "app/durability_pipeline.hpp"
#include "app/fan_out.hpp"
#include "app/history_page.hpp"
#include "app/host_life.hpp"
#include "app/save_limits.hpp"
#include "app/snapshot_schedule.hpp"
#include "app/stored_event.hpp"
#include "app/voice_bridge.hpp"
#include "net/frame_sink.hpp"
#include "room/clock.hpp"
#include "room/room.hpp"
#include "store/event_log.hpp"

namespace ts::room {
class table_part;
}  // namespace ts::room

namespace ts::app {

namespace pb = talkingstick::v1;

// How a host holds its room.
struct room_holding {
    std::uint64_t epoch = 0;  // the owner's lease (room_leases); 0 for a single server
    bool replica = false;     // follows the owner's log instead of deciding
};

class room_host : public std::enable_shared_from_this<room_host> {
public:
    // Called on the room's strand when a write finds the stored record damaged; the owner
    // reloads the room from the store and hands it back with adopt_read_only().
    using damage_fn =
        std::function<void(std::shared_ptr<room_host> host, const pb::RoomStatus& status, std::string problem)>;
    // Called on the room's strand when a moderator deleted the room and everything it wrote
    // is durable: the owner erases its record off the network threads, then calls
    // erased(ok) on the host.
    using erase_fn = std::function<void(std::shared_ptr<room_host> host)>;

    // Events read for events_page: in order from the first asked for, up to max; fewer than
    // max only at the end of what is durable, at damage, or when the store could not be read.
    using page_read = app::page_read;
    using page_fn = std::function<void(page_read)>;
    // Called (on the room's strand) when reading the room's record met damage the room did not
    // know of: the owner lists it for operators.
    using read_damage_fn = std::function<void(const std::string& room_id, const record_damage& damage)>;

    // Called on the room's strand when the host lets the room go (another node took it over,
    // or a replica's owner changed): its connections were told to reconnect; the owner
    // forgets the host, and the next command loads the room again.
    using let_go_fn = std::function<void(std::shared_ptr<room_host> host)>;
    // A replica hands a local connection's command to the room's owner (message empty: the
    // connection has closed).
    using forward_fn = std::function<void(const std::string& room_id, std::uint64_t connection_id,
                                          std::optional<pb::ClientMessage> message)>;
    // What the host asks of whoever holds it (the directory); each is called on the strand.
    struct hooks {
        damage_fn on_damage;
        erase_fn on_erase;
        read_damage_fn on_read_damage;
        let_go_fn on_let_go;
        forward_fn forward;  // replicas only
        // The owner's next deadline changed (nullopt: none): in a cluster, another node wakes
        // the room at that time if its owner has died and nobody has come back to it.
        std::function<void(const std::string& room_id, std::optional<std::int64_t> next)> on_deadline;
        // Small groups: what the plenary says of its tables changed, and is durable (the
        // directory carries it to the tables' rooms, then their reports back: group_links).
        std::function<void(std::shared_ptr<room_host> host)> on_groups;
        // A table: how it is doing changed (for its plenary's moderators).
        std::function<void(const std::string& plenary_id, pb::TableStatus status)> on_table_status;
        // A series, or a meeting of one (series id), changed what the other rooms of the series
        // should know, durably (the directory carries it along the series: sync_series).
        std::function<void(const std::string& series_id)> on_series;
        // The owner: the room's voice changed (who is heard, or voice turned on or off), durably;
        // nullopt: this node no longer holds the room (voice_bridge).
        std::function<void(std::shared_ptr<room_host> host, std::optional<voice_plan> plan)> on_voice;
        // The owner: a connection's voice signalling, allowed by the room's rules, for the media
        // server (voice_bridge::signal); and a connection gone, whose voice goes with it.
        std::function<void(const std::string& room_id, std::uint64_t connection_id, std::string member_id,
                           pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink)>
            on_voice_signal;
        std::function<void(const std::string& room_id, std::uint64_t connection_id)> on_voice_gone;
        // The TURN relays for the room's browsers, added to each VoiceStatus that says voice
        // works, with credentials fresh at each send.
        std::function<std::vector<pb::IceServer>(const std::string& room_id)> ice_servers;
    };

    // read_only: set for a room restored from a damaged log. store_reads: where the blocking
    // reads of the store (history, exports) and the writes of snapshots run, never a network
    // thread.
    room_host(boost::asio::io_context& io, room::room state, store::event_log& log, const room::clock& clock,
              save_limits limits, boost::asio::any_io_executor store_reads, hooks hooks,
              std::optional<pb::RoomStatus> read_only = std::nullopt, room_holding holding = {});

    // All of these return at once; the work happens on the room's strand.
    // grant: a Join's join token, already checked (join_tokens).
    void submit(pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink, std::uint64_t connection_id,
                std::optional<room::verified_join> grant = std::nullopt);
    void disconnected(std::uint64_t connection_id);
    // Opens a new room (preparing or live); done(nullopt) once its first event is durable,
    // or done(error).
    void create(std::string title, std::string purpose, std::string moderator_key, std::string join_code,
                pb::RoomPhase phase, std::function<void(std::optional<room::room_error>)> done, bool series = false);
    // After a restore: everyone who was present is marked gone (no connections survive).
    void end_presence();
    void info(std::function<void(pb::RoomInfo)> done);
    // The role a credential gives in this room (nullopt: none), and whether the room shares its
    // minutes with everyone; on the room's strand.
    void role_of(std::string credential, std::function<void(std::optional<pb::Role>, bool minutes_shared)> done);
    // The follow-up survey's summary now (answered 0: nobody has answered), for the minutes.
    void follow_up_summary(std::function<void(pb::FollowUpSummary)> done);
    // Small groups (room_host_tables.cpp). A plenary: what each of its tables should know now,
    // and the tables whose reports it waits for (room ids), handed to done on the strand.
    using groups_work_fn = std::function<void(std::vector<room::table_link> links, std::vector<std::string> reports)>;
    void groups_work(groups_work_fn done);
    // A table: brings it in line with its plenary (room::link_table); once that is durable,
    // done gets the table's report (nullopt: not wanted, or the room could not record it).
    void link_table(room::table_link link, bool report, std::function<void(std::optional<pb::TableReported>)> done);
    // A new table's room: created and linked in one step, so that nobody meets it created but
    // not yet linked (a seated person's credential unknown there); done as create().
    void create_table(std::string moderator_key, std::string join_code, room::table_link link,
                      std::function<void(std::optional<room::room_error>)> done);
    // Whether voice works in the room now (voice_bridge): kept for those who join later, and
    // told to everyone connected (room_host_voice.cpp).
    void voice_status(pb::VoiceStatus status);
    // Time someone actually spoke, from the media server: recorded (room::record_voice).
    void record_voice(pb::VoiceSpoken spoken);
    // A plenary: records a table's report (once; a report already in changes nothing).
    void receive_table_report(pb::TableReported report);
    // A series (room_host_series.cpp): each of its meetings as it should stand now, in order,
    // handed to done on the strand (none when the room is not a series).
    void series_work(std::function<void(std::vector<room::meeting_link> links)> done);
    // A meeting: brings it in line with its series (room::link_meeting); once that is
    // durable, done gets the meeting's news (nullopt: the room could not record the link).
    void link_meeting(room::meeting_link link, std::function<void(std::optional<room::meeting_news>)> done);
    // A new meeting's room: created (preparing) and linked in one step; done as create().
    void create_meeting(std::string moderator_key, std::string join_code, room::meeting_link link,
                        std::function<void(std::optional<room::room_error>)> done);
    // A series: records a meeting's report (nothing when it says nothing new).
    void receive_meeting_report(room::meeting_news news);
    // A plenary: how one of its tables is doing now, for its moderators (kept for those who
    // join later, while the groups run).
    void table_status(pb::TableStatus status);
    // Up to max durable events after after_seq, in order (fewer than max: the end), whole (the
    // caller decides who may see a private one), a removed message without its text: from
    // the room's memory, or from the store when they are older. done runs on the room's strand.
    void events_page(std::uint64_t after_seq, std::size_t max, page_fn done);
    // A command that reached the room after it was unloaded: the owner hands it on.
    using resubmit_fn = std::function<void(pb::ClientMessage, std::shared_ptr<net::frame_sink>, std::uint64_t)>;
    // Unloads the room if nothing has happened in it for idle_for and nothing is under way
    // (nobody connected, nothing waiting to be saved, no timer due): on_retired then runs at
    // once, on the strand, with the time its record is due to be deleted, if any. From then on
    // the room decides nothing; commands still reaching it go to resubmit.
    void retire_if_idle(std::chrono::steady_clock::duration idle_for, resubmit_fn resubmit,
                        std::function<void(std::optional<std::int64_t> expires_at_ms)> on_retired);
    // Replaces the room's state with one rebuilt from the store, served read-only.
    void adopt_read_only(room::room state, pb::RoomStatus status);

    // Cluster. A replica folds these events, read from the owner's log in order (those it
    // has already are skipped; a gap lets the room go, to be loaded afresh).
    void follow(std::vector<room::logged_event> events);
    // A replica hands the owner's answer to a local connection, once it has folded the events
    // the answer speaks of (a Welcome then subscribes the connection from that point).
    void relayed(std::uint64_t connection_id, std::string frame);
    // The owner closed a local connection of this replica (removed, left, …).
    void relayed_finish(std::uint64_t connection_id, std::uint16_t code, std::string reason);
    // Lets the room go: pending commands are dropped unanswered (their senders send them
    // again after reconnecting), every connection is told to reconnect.
    void let_go(std::string why);
    std::uint64_t epoch() const { return holding_.epoch; }
    bool replica() const { return holding_.replica; }
    // The last seq a replica has folded (read from any thread).
    std::uint64_t followed_seq() const { return followed_seq_.load(std::memory_order_relaxed); }
    const std::string& id() const { return id_; }
    // Whether the meeting has closed (read from any thread).
    bool closed() const { return closed_.load(std::memory_order_relaxed); }
    // The record is erased (ok), or could not be: then the room goes on as before.
    void erased(bool ok);
    // A closed room whose record has been kept as long as it is kept is deleted, as if by a
    // moderator.
    void expire_if_due(std::int64_t now_ms);
    // A meeting of a series that is being deleted: deleted with it, as if by a moderator.
    void delete_with_series();
    // On the strand (while erasing): the rooms that go with this one — a series' meetings.
    std::vector<std::string> rooms_deleted_with() const;

private:
    void handle(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                std::uint64_t connection_id, std::optional<room::verified_join> grant);
    // A read-only room: a Join shows the room; everything else is refused.
    // Answers message with an error, and counts the refusal (/metrics).
    static void refuse(const std::shared_ptr<net::frame_sink>& sink, const pb::ClientMessage& message,
                       pb::ErrorCode code, const std::string& text, std::uint32_t retry_after_ms = 0);
    // Counts a command the room took (/metrics).
    static void accepted(const pb::ClientMessage& message);
    void handle_read_only(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                          std::uint64_t connection_id);
    // GetHistory: a page of earlier events, redacted for the asker as they were live.
    void answer_history(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                        std::uint64_t connection_id);
    // Takes a snapshot of the room's state when enough has happened since the last one, or
    // the room has just closed; it is stored once its events are durable.
    void take_snapshot_if_due();
    void store_snapshot_when_durable();
    // The Welcome frame for a join (or a read-only view) that the room accepted.
    pb::ServerMessage welcome_message(std::uint64_t request_id, const room::welcome_info& welcome) const;
    // Tells the senders of commands held longer than the notice time that saving is delayed.
    void arm_save_notice();
    void tell_delayed();
    // DeleteRoom: a moderator who typed the room's title deletes it, once all is durable.
    void start_deletion(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                        std::uint64_t connection_id);
    void erase_when_durable();
    // The stored record is damaged: refuse what waits, stop accepting, tell everyone.
    void become_damaged(const std::string& problem);
    // Sends the outcome's events to the log and holds p behind everything before it.
    void enqueue(room::outcome& out, pending p);
    void on_durable(std::uint64_t seq, const store::write_outcome& outcome);
    void deliver(pending& p);
    // Arms the timer for the room's next deadline (turn clock, queue grace), if any.
    void schedule();
    void on_timer();
    // Participation figures go out shortly after changes, and every few seconds while
    // someone waits or speaks (their figures grow with time).
    void report_soon();
    void arm_reports(std::chrono::milliseconds delay);
    void stop_timers();
    // Damage that reads of the record met: each is reported once.
    void found_damage(const record_damage& damage);
    // A replica: sends a local connection's command to the owner.
    void relay_to_owner(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                        std::uint64_t connection_id);
    // A replica: hands out the owner's answers whose events it has folded, in order.
    void deliver_relayed();
    void let_go_now(const std::string& why);
    // A table: tells its plenary how it is doing, when that changed.
    void report_table_status();
    // The owner: tells the media server whose voices it lets through, when that changed; and
    // that the room has gone from this node (room_host_voice.cpp).
    void report_voice();
    void drop_voice();
    // The last voice status (voice_status_ set), with fresh TURN credentials when voice works.
    pb::ServerMessage voice_status_message() const;
    // Voice signalling (VoicePublish, …), for the media server; false if message is none.
    bool signal_voice(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                      std::uint64_t connection_id);
    // The series these events are news for (this room's, or the series this meeting is of),
    // or nullopt (room_host_series.cpp).
    std::optional<std::string> series_news(const room::outcome& out);
    const room::table_part& table();
    // A plenary: the latest status of each table of its groups under way, to a moderator.
    void send_table_statuses(const std::shared_ptr<net::frame_sink>& to) const;

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::string id_;
    std::atomic<bool> closed_{false};  // room_.phase() == CLOSED, for the directory's count
    room::room room_;
    // The room's table part, found once: its lookup by type scans every part, too much for each
    // delivery. Found again when room_ is replaced (adopt_read_only).
    const room::table_part* table_ = nullptr;
    std::string table_status_bytes_;                   // a table: the status its plenary last heard
    std::map<std::uint32_t, pb::TableStatus> tables_;  // a plenary: each table's latest status
    std::optional<voice_plan> voice_plan_;             // what the media server was last told
    std::optional<pb::VoiceStatus> voice_status_;      // while the room has voice
    store::event_log& log_;
    const room::clock& clock_;
    hooks hooks_;
    room_holding holding_;
    boost::asio::any_io_executor store_reads_;
    host_life life_;
    pb::RoomStatus status_;  // while read-only: what can still be read, and why
    durability_pipeline pipeline_;
    fan_out fan_out_;
    std::set<std::uint64_t> known_damage_;  // by the damage's first entry
    // Who asked for the room to be deleted (nobody when its record's time was up).
    std::shared_ptr<net::frame_sink> deleter_;
    std::uint64_t delete_request_id_ = 0;
    snapshot_schedule snapshots_;
    // Unloading: when something last happened, and where commands go once retired.
    std::chrono::steady_clock::time_point last_activity_ = std::chrono::steady_clock::now();
    resubmit_fn resubmit_;
    // One timer per room, armed only while something is due: an idle room costs nothing.
    boost::asio::steady_timer timer_;
    std::optional<std::int64_t> armed_for_;
    boost::asio::steady_timer report_timer_;
    bool report_armed_ = false;
    boost::asio::steady_timer save_notice_timer_;
    bool save_notice_armed_ = false;
    // Cluster. An owner: the joined connections of other nodes (their sinks relay to those
    // nodes, and the owner's fan-out never sends to them: their node's replica does).
    std::unordered_map<std::uint64_t, std::shared_ptr<net::frame_sink>> relayed_members_;
    // A replica: local connections that sent the owner something, and the owner's answers
    // waiting for this copy of the room to catch up with them, in the order they came.
    std::unordered_map<std::uint64_t, std::shared_ptr<net::frame_sink>> locals_;
    struct relayed_answer {
        std::uint64_t connection_id = 0;
        std::uint64_t after_seq = 0;  // handed out once the replica has folded this far
        net::shared_frame frame;      // null: finish the connection
        std::string welcome_member;   // a Welcome: the member it joins (subscribed from after_seq)
        std::uint16_t close_code = 0;
        std::string close_reason;
    };
    std::deque<relayed_answer> answers_;
    std::atomic<std::uint64_t> followed_seq_{0};
};

}  // namespace ts::app
