#pragma once
// A room: the deterministic state machine behind one live meeting. No I/O, no threads,
// no clock of its own. Every rule of the meeting is enforced here.
//
// Each accepted change becomes an event with the room's next sequence number; the room's
// state is a fold over its events, so replaying a room's log rebuilds exactly this state.
#include <cstdint>
#include <functional>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_error.hpp"
#include "room/room_limits.hpp"
#include "room/participation.hpp"
#include "room/request_memory.hpp"
#include "room/part_registry.hpp"
#include "room/room_part.hpp"
#include "room/speaking_queue.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

namespace pb = talkingstick::v1;

// Who sends a command, and what the caller prepared for it (the room has no randomness).
struct command_context {
    std::uint64_t connection_id = 0;
    // A fresh random credential, handed out as the resume token if this command adds a person.
    std::string fresh_token;
};

// What a successful Join gives the joining connection.
struct welcome_info {
    std::string member_id;
    pb::Role role = pb::ROLE_UNSPECIFIED;
    std::string resume_token;
    pb::RoomSnapshot snapshot;   // state as of snapshot.seq()
    std::uint64_t after_seq = 0; // the client already has events up to here
    pb::AccessNeeds needs;       // what this person said they need, last time
};

// The result of a command: either an error (and no change at all), or the events it
// produced (possibly none) and, for a Join, the welcome.
struct outcome {
    std::optional<room_error> error;
    std::vector<logged_event> events;
    std::optional<welcome_info> welcome;
    // The connection asked to leave; the caller closes it once the events are durable.
    bool detach = false;
    // The command repeats one already applied (same person, request id and content): no
    // events; answer it as the first time, with this seq, once that is durable.
    std::optional<std::uint64_t> repeat_of_seq;

    bool ok() const { return !error.has_value(); }
};

class room : private room_view {
public:
    // Throws std::logic_error if its parts do not cover every event kind, or two own a command.
    explicit room(std::string id, room_limits limits = {}, turn_defaults turns = {});
    room(room&&) noexcept = default;
    room& operator=(room&&) noexcept = default;

    // Opens an empty room: validates title and purpose and produces the first event.
    // The keys are hashed here; only their hashes are kept.
    outcome create(const std::string& title, const std::string& purpose, const std::string& moderator_key,
                   const std::string& join_code, std::int64_t now_ms);

    // Applies one client command from a connection. On error nothing changes. A repeat of
    // a remembered request changes nothing either (see outcome::repeat_of_seq).
    outcome apply(const pb::ClientMessage& message, const command_context& context, std::int64_t now_ms);

    // For a read-only room: checks a Join's credential and returns the welcome it would
    // give (without a resume token, member_id empty for a first-timer), changing nothing.
    outcome view(const pb::Join& join, std::int64_t now_ms) const;

    // The connection closed without a Leave. Produces MemberLeft if it was the person's last.
    outcome disconnect(std::uint64_t connection_id, std::int64_t now_ms);

    // After a restart nobody is connected: marks everyone still present as gone.
    outcome end_presence(std::int64_t now_ms);

    // Produces the events that are due by now_ms: the turn clock's warning and time-up,
    // and queue places whose holders have been gone longer than the grace period.
    outcome tick(std::int64_t now_ms);
    // When tick() next has something to do, or nullopt when nothing is pending.
    std::optional<std::int64_t> next_deadline() const;

    // Folds one event read back from the log. Refuses gaps, repeats and unknown kinds.
    std::optional<room_error> replay(const logged_event& entry);

    const std::string& id() const { return id_; }
    bool created() const { return last_seq_ > 0; }
    std::uint64_t last_seq() const { return last_seq_; }
    const std::string& title() const { return title_; }
    const std::string& purpose() const { return purpose_; }
    std::size_t present_count() const;
    pb::RoomSnapshot snapshot(std::int64_t now_ms = 0) const;
    const speaking_queue& queue() const { return queue_; }
    const pb::FloorState& floor() const { return floor_; }
    pb::RoomMode mode() const;
    const pb::TurnSettings& turn_settings() const;
    const pb::FairnessSettings& fairness() const { return fairness_; }
    const participation& figures() const { return participation_; }
    // What one person may see of the participation figures at now_ms: always their own;
    // the room's balance if they moderate or the room shows it to everyone.
    pb::ParticipationReport participation_report(const std::string& member_id, std::int64_t now_ms) const;
    // The whole room's figures (session, and the agenda item if any), with no "mine".
    pb::ParticipationReport balance(std::int64_t now_ms) const;
    // Whether this member may see the whole room's figures.
    bool sees_balance(const std::string& member_id) const;
    // Whether member_id may see a private event (moderators may see all but a person's
    // own needs, unless that person shared them).
    bool may_see(const pb::Event& event, const std::string& member_id) const;
    // The room's stated needs, for moderators.
    pb::NeedsSummary needs_summary() const;
    const pb::PacingSettings& pacing() const { return pacing_; }
    bool paused() const { return paused_; }
    std::size_t unreleased() const { return line_.size(); }
    // Events with seq in (after_seq, last_seq], in order.
    std::vector<const pb::Event*> events_after(std::uint64_t after_seq) const;
    // The member a connection joined as, or nullptr.
    const pb::Member* member_of(std::uint64_t connection_id) const;
    const room_limits& limits() const { return limits_; }

private:
    struct member_record {
        pb::Member member;
        std::string token_hash;
        std::string support_note;
        int connections = 0;
        std::int64_t absent_since_ms = 0;
        std::int64_t last_post_ms = 0;
    };

    outcome dispatch(const pb::ClientMessage& message, const command_context& context, std::int64_t now_ms);
    outcome join(const pb::Join& join, const command_context& context, std::int64_t now_ms);
    // Who a Join's credential makes the person: a known member (resume token), or a role
    // for someone new. Sets error when the credential is not right.
    struct credential {
        std::optional<std::size_t> member_index;
        pb::Role role = pb::ROLE_UNSPECIFIED;
        std::optional<room_error> error;
    };
    credential check_credential(const pb::Join& join) const;
    outcome post(const pb::PostMessage& post, const command_context& context, std::int64_t now_ms);
    outcome leave(const command_context& context, std::int64_t now_ms);
    outcome update_room(const pb::UpdateRoom& update, const command_context& context, std::int64_t now_ms);
    // Turn-taking (room_turns.cpp).
    outcome turn_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    outcome raise_hand(const pb::RaiseHand& raise, member_record& caller, std::int64_t now_ms);
    outcome lower_hand(const pb::LowerHand& lower, member_record& caller, std::int64_t now_ms);
    outcome change_hand(const pb::ChangeHand& change, member_record& caller, std::int64_t now_ms);
    outcome grant_floor(const pb::GrantFloor& grant, member_record& caller, std::int64_t now_ms);
    outcome floor_clock_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    outcome in_room_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    // Whose hand a command is about: the caller's own, or (moderators only) an in-room
    // participant's. Sets error when that is not allowed.
    member_record* hand_owner(const std::string& member_id, member_record& caller, std::optional<room_error>& error);
    void emit_queue(outcome& out, pb::QueueChange change, const std::string& entry_id, const std::string& member_id,
                    const std::string& by, const std::string& note, std::int64_t now_ms);
    // complete() fills in the rest of the event before it is committed.
    void emit_floor(outcome& out, pb::FloorChange change, const std::string& member_id, const std::string& by,
                    std::int64_t now_ms, const std::function<void(pb::FloorChanged&)>& complete = {});
    void end_turn(outcome& out, pb::TurnEndReason reason, const std::string& by, std::int64_t now_ms);
    member_record* find_member(const std::string& member_id);
    const member_record* find_member(const std::string& member_id) const;
    // Fairness (room_fairness.cpp).
    outcome fairness_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    order_context ordering() const;
    // Puts a new or changed hand in the queue where the ordering says.
    void place(pb::QueueEntry entry);
    // Pacing (room_pacing.cpp).
    outcome pacing_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    std::optional<room_error> check_sender_pace(const member_record& sender, std::int64_t now_ms) const;
    std::optional<room_error> check_pacing(const pb::PacingSettings& settings) const;
    void apply_pacing(outcome& out, const pb::PacingSettings& settings, const std::string& by, std::int64_t now_ms);
    std::size_t message_limit() const;
    std::int64_t gap_after(std::uint32_t words) const;
    std::optional<std::int64_t> next_release_at() const;
    std::int64_t expected_release(std::int64_t now_ms) const;
    // Releases the next paced message if it is due (one per call: no faster than the pace).
    void release_due(outcome& out, std::int64_t now_ms);
    void release_all(outcome& out, std::int64_t now_ms);
    void start_pause(outcome& out, const std::string& by, std::int64_t now_ms);
    void end_pause(outcome& out, const std::string& by, std::int64_t now_ms);
    void fold_pacing(const pb::Event& event, const pb::EventPrivate& hidden);
    // Re-sorts the queue if the policy follows figures (or always, if forced) and emits the
    // new order when it changed.
    void reorder(outcome& out, bool forced, const std::string& by, std::int64_t now_ms);

    // Assigns the next seq and the time, folds the event into the state, appends it to out.
    void commit(outcome& out, pb::Event event, pb::EventPrivate hidden, std::int64_t now_ms);
    // The single place where events change state: used live and on replay.
    void fold(const pb::Event& event, const pb::EventPrivate& hidden);
    member_record* caller(std::uint64_t connection_id);
    outcome release_connection(std::uint64_t connection_id, pb::LeaveReason reason, std::int64_t now_ms);

    std::string id_;
    room_limits limits_;
    std::uint64_t last_seq_ = 0;
    std::string title_;
    std::string purpose_;
    std::string moderator_key_hash_;
    std::string join_code_hash_;
    std::vector<pb::Event> log_;
    speaking_queue queue_;
    pb::FloorState floor_;
    std::uint64_t hands_raised_ = 0;  // numbers queue entries q1, q2, ...
    participation participation_;
    pb::FairnessSettings fairness_;
    std::uint64_t invitations_sent_ = 0;
    std::unordered_map<std::string, std::string> open_invitations_;  // invitation id -> member id
    // Pacing state, all folded from events.
    struct paced_message {
        std::uint64_t seq;
        std::uint32_t words;
    };
    pb::PacingSettings pacing_;
    std::deque<paced_message> line_;     // accepted, not yet released to readers
    std::int64_t last_release_ms_ = 0;
    std::uint32_t last_release_words_ = 0;
    bool line_held_ = false;
    bool paused_ = false;
    bool floor_paused_by_room_ = false;  // the pause stopped a running turn clock
    std::set<std::string> pause_requesters_;  // since the last pause
    // The parts (see room_part.hpp): who decides each command, who folds each event kind.
    bool is_message(std::uint64_t seq) const override;  // room_view
    const pb::Member* member(const std::string& member_id) const override;  // room_view
    outcome run_part(room_part& part, const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    part_registry parts_;
    class needs_part* needs_ = nullptr;  // asked for a person's needs and the moderators' totals
    class room_mode_part* mode_ = nullptr;  // asked whether only the floor holder may post
    class turn_settings_part* turn_settings_ = nullptr;  // read by the turn-taking rules
    request_memory requests_;
    std::vector<member_record> members_;                         // in order of first join
    std::unordered_map<std::string, std::size_t> by_member_id_;  // member id -> index
    std::unordered_map<std::string, std::size_t> by_token_hash_;
    std::unordered_map<std::uint64_t, std::size_t> by_connection_;
};

}  // namespace ts::room
