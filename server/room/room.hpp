#pragma once
// A room: the deterministic state machine behind one live meeting. No I/O, no threads,
// no clock of its own. Every rule of the meeting is enforced here or in one of its parts.
//
// Each accepted change becomes an event with the room's next sequence number; the room's
// state is a fold over its events, so replaying a room's log rebuilds exactly this state.
//
// The room itself is a small core: membership (join, leave, credentials), the conversation
// (posting), sequence numbers and the log. Every other capability is a part (room_part.hpp)
// in its own folder, listed in the constructor: turn-taking, equal voice, pacing, consent,
// the agenda… See docs/architecture.md.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_error.hpp"
#include "room/room_limits.hpp"
#include "room/request_memory.hpp"
#include "room/part_registry.hpp"
#include "room/presence.hpp"
#include "room/room_part.hpp"
#include "room/fairness/participation.hpp"
#include "room/turns/speaking_queue.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

namespace pb = talkingstick::v1;

// Who sends a command, and what the caller prepared for it (the room has no randomness).
// A join token (Join.join_token) whose signature, room and time the server has checked: the
// role and the name in it are the organisation's word.
struct verified_join {
    pb::Role role = pb::PARTICIPANT;
    std::string display_name;
    std::string pronouns;  // empty: the person's own, if they give any
    std::string token_id;  // the token's unique id ("jti"): accepted once
    std::int64_t expires_ms = 0;
};

struct command_context {
    command_context() = default;
    command_context(std::uint64_t connection, std::string token = {}, std::optional<verified_join> grant = {})
        : connection_id(connection), fresh_token(std::move(token)), join_grant(std::move(grant)) {}

    std::uint64_t connection_id = 0;
    // A fresh random credential, handed out as the resume token if this command adds a person.
    std::string fresh_token;
    // Set for a Join that came with a verified join token.
    std::optional<verified_join> join_grant;
};

// What a successful Join gives the joining connection.
struct welcome_info {
    std::string member_id;
    pb::Role role = pb::ROLE_UNSPECIFIED;
    std::string resume_token;
    pb::RoomSnapshot snapshot;       // state as of snapshot.seq()
    std::uint64_t after_seq = 0;     // the client already has events up to here
    pb::AccessNeeds needs;           // what this person said they need, last time
    std::string support_note;        // what they wrote when they first joined
    pb::Readiness readiness;         // their answers to the readiness survey
    pb::FollowUp follow_up;          // their answers to the follow-up survey
    pb::CarryOverSet carry_over;     // in a series: whether what they say carries over
    std::uint32_t updates_seen = 0;  // in a series: how many of its updates they have seen
    pb::Outcome outcome;             // in a series: their answer to its outcome survey
};

// The result of a command: either an error (and no change at all), or the events it
// produced (possibly none) and, for a Join, the welcome.
struct outcome {
    std::optional<room_error> error;
    std::vector<logged_event> events;
    std::optional<welcome_info> welcome;
    // The connection asked to leave; the caller closes it once the events are durable.
    bool detach = false;
    // Connections of a person a moderator removed: the caller closes them.
    std::vector<std::uint64_t> closed_connections;
    // The log must not tie the events to their caller (anonymous): see decision::untraceable.
    bool untraceable = false;
    // The command repeats one already applied (same person, request id and content): no
    // events; answer it as the first time, with this seq, once that is durable.
    std::optional<std::uint64_t> repeat_of_seq;

    bool ok() const { return !error.has_value(); }
};

// What a plenary's server carries to one of its tables' rooms (app/group_links): the table
// as it should stand now.
struct table_link {
    std::string room_id;
    std::string title;        // the table room's title
    pb::TableLinked link;     // without the table's own report
    pb::EventPrivate hidden;  // who sits there with their plenary token's hash; the moderator key's hash
};

// What a series' server carries to one of its meetings' rooms (app/room_directory_series):
// the meeting as it should stand now.
struct meeting_link {
    std::string room_id;
    pb::MeetingPlanned planned;
    pb::SeriesLinked link;
    pb::EventPrivate hidden;                  // the series' people with their token's hash; the moderator key's
    std::vector<std::string> carry_ids;       // who agreed that what they say carries over
    std::vector<pb::CarriedProfile> carried;  // what carries, from the meeting before (filled by the server)
};

// What a meeting tells its series (reports/meeting_report.hpp).
struct meeting_news {
    pb::MeetingReported reported;
    std::vector<pb::PersonFigures> figures;   // once the meeting has closed
    std::vector<pb::CarriedProfile> carried;  // for the link's carry_ids, as this meeting has them
};

class room : private room_view {
public:
    // Throws std::logic_error if its parts do not cover every event kind, or two own a command.
    // more: parts beyond the room's own, after them (a capability being tried out, a test's probe).
    explicit room(std::string id, room_limits limits = {}, turn_defaults turns = {},
                  std::vector<std::unique_ptr<room_part>> more = {});
    room(room&&) noexcept = default;
    room& operator=(room&&) noexcept = default;

    // Opens an empty room: validates title and purpose and produces the first event.
    // The keys are hashed here; only their hashes are kept.
    // A room starts PREPARING (people get ready first) or LIVE (the meeting starts at once).
    outcome create(const std::string& title, const std::string& purpose, const std::string& moderator_key,
                   const std::string& join_code, std::int64_t now_ms, pb::RoomPhase phase = pb::LIVE,
                   bool series = false);

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

    // Produces the events that are due by now_ms, part by part (the turn clock's warning
    // and time-up, hands of people gone too long, the next paced message).
    outcome tick(std::int64_t now_ms);
    // When tick() next has something to do, or nullopt when nothing is pending.
    std::optional<std::int64_t> next_deadline() const { return parts_.next_deadline(*this); }
    // Who may send each command and when, in the protocol's order (command_policy.hpp).
    std::vector<const command_policy*> policies() const { return parts_.policies(); }

    // Folds one event read back from the log. Refuses gaps, repeats and unknown kinds.
    std::optional<room_error> replay(const logged_event& entry);

    // The room's whole state as bytes, for the snapshot stored beside its log: restore() of
    // them, then replay() of the events after last_seq(), gives the room that replaying the
    // whole log gives. Holds no message text, no resume-token secret and no connection.
    std::string save_state() const;
    // The room saved by save_state(), with no recent events (see remember_recent), or nullopt
    // when the bytes cannot be read (another version of the server wrote them): the caller
    // then replays the whole log.
    static std::optional<room> restore(std::string id, const std::string& state, room_limits limits = {},
                                       turn_defaults turns = {});
    // A message read back from the record shows as withdrawn or removed, as the room knows it
    // (its text is gone from the record already).
    void mark_removed(pb::Event& event) const;
    // Puts an event read back from the record among the recent ones (the events before the
    // first recent one, oldest last, after restore()), without folding it.
    void remember_recent(const pb::Event& event);

    const std::string& id() const { return id_; }
    bool created() const { return last_seq_ > 0; }
    std::uint64_t last_seq() const { return last_seq_; }
    const std::string& title() const { return title_; }
    const std::string& purpose() const { return purpose_; }
    const std::string& when() const { return when_; }
    const std::string& place() const { return place_; }
    // The language of the room's own texts (empty: not said).
    const std::string& language() const { return language_; }
    std::size_t present_count() const;
    pb::RoomSnapshot snapshot(std::int64_t now_ms = 0) const;
    // What the parts know, by name.
    pb::RoomPhase phase() const;
    const speaking_queue& queue() const;
    const pb::FloorState& floor() const;
    pb::RoomMode mode() const;
    const pb::TurnSettings& turn_settings() const;
    const pb::FairnessSettings& fairness() const;
    const participation& figures() const;
    const pb::PacingSettings& pacing() const;
    bool paused() const;
    std::size_t unreleased() const;
    // Whether member_id may see a private event (moderators may see all but a person's
    // own needs, unless that person shared them).
    bool may_see(const pb::Event& event, const std::string& member_id) const;
    // A member (present or not), or nullptr.
    const pb::Member* member(const std::string& member_id) const override;
    // Calls visit for every member, present or not, in the order they first joined.
    void for_each_member(const std::function<void(const pb::Member&)>& visit) const override;
    // What a member wrote about their support when they first joined (for moderators' eyes).
    const std::string& support_note(const std::string& member_id) const;
    // One of the room's parts, by type, for reading what it knows (room/reports/).
    template <class Part>
    const Part& part() const {
        const auto* found = parts_.find<Part>();
        if (!found) throw std::logic_error("the room has no such part");
        return *found;
    }
    // The recent events with seq in (after_seq, last_seq], in order: all of them when the room
    // still holds every one after after_seq, otherwise only those it holds.
    std::vector<const pb::Event*> events_after(std::uint64_t after_seq) const;
    // The first seq the room holds in memory (last_seq() + 1 when none); earlier events are in
    // the record only.
    std::uint64_t first_recent_seq() const { return last_seq_ + 1 - recent_.size(); }
    // Up to max events with seq in (after_seq, up_to_seq], in order, from the recent ones;
    // empty when after_seq + 1 is not among them.
    std::vector<pb::Event> events_page(std::uint64_t after_seq, std::uint64_t up_to_seq, std::size_t max) const;
    // The role a credential gives here: the moderator key, or a member's resume token (their
    // role now); nullopt when it is neither, or it is the token of someone banned.
    std::optional<pb::Role> role_of(const std::string& credential) const;
    // When the room's record is due to be deleted: it closed, and the days it is kept have
    // passed then; or nobody ever joined it (not even a moderator), unused_room_days after its
    // creation. Nothing otherwise.
    std::optional<std::int64_t> expires_at_ms() const;
    // Whether everyone in the room may download the minutes.
    bool minutes_shared() const;

    // Small groups (room_tables.cpp).
    // A plenary: each table of its latest round of groups as it should stand now (none before
    // any round), open or closed.
    std::vector<table_link> table_links() const;
    // A plenary: the rooms of tables whose groups have closed and whose reports are not in.
    std::vector<std::string> tables_to_report() const;
    // A plenary: takes a table's report (no events when it is in already).
    outcome receive_table_report(const pb::TableReported& report, std::int64_t now_ms);
    // A table's room: brings it in line with its plenary. New people are seated (their plenary
    // resume token brings them in), people moved away lose their place (and their
    // connections: outcome::closed_connections), the facilitator moderates, and the link's
    // news (time, messages, close) is recorded. Nothing when all is in line already.
    outcome link_table(const table_link& link, std::int64_t now_ms);

    // A series (room_series.cpp).
    // A series: each planned meeting as it should stand now, in order (carried left empty:
    // it comes from the meeting before, which the server asks).
    std::vector<meeting_link> meeting_links() const;
    // A series: takes a meeting's report (no events when it says nothing new).
    outcome receive_meeting_report(const meeting_news& news, std::int64_t now_ms);
    // A meeting's room: brings it in line with its series. The series' people are seated (their
    // series link brings them in), the link's news (the previous meeting's actions) is
    // recorded, and for those who agreed and have not come in yet, what they said before is
    // set as theirs (pronouns at seating, needs, readiness); for those who have not agreed
    // (or no longer do), nothing carried stays. Nothing when all is in line already.
    outcome link_meeting(const meeting_link& link, std::int64_t now_ms);
    // Voice (room_voice.cpp).
    // Whose streams the media server lets through now (member ids); empty without voice.
    std::vector<std::string> heard() const;
    // Whether the room has voice: a mode other than off, in a meeting not closed.
    bool has_voice() const;
    // Records how long someone actually spoke, as the media server measured it. Refused
    // (BAD_REQUEST, nothing changes) for a member the room does not know, a negative time, or
    // more time than the span it covers.
    outcome record_voice(const pb::VoiceSpoken& spoken, std::int64_t now_ms);
    // The member a connection joined as, or nullptr.
    const pb::Member* member_of(std::uint64_t connection_id) const;
    // Who may ask what the host answers without a decision (its participation figures,
    // deleting the room): the room's rules, as for every command; nullopt when allowed.
    // (History is the host's: a read-only room's readers are not members of its state.)
    std::optional<room_error> refusal_of_request(std::uint64_t connection_id, const pb::ClientMessage& message) const;
    const room_limits& limits() const { return limits_; }

private:
    struct member_record {
        pb::Member member;
        std::string token_hash;
        std::string support_note;
        std::int64_t absent_since_ms = 0;
        std::int64_t last_post_ms = 0;      // slow mode is per person, anonymous posts included
        std::int64_t recorded_post_ms = 0;  // the same as the log tells it: what a snapshot keeps

        // What a stored snapshot keeps: nothing the log does not say.
        template <class Archive>
        void save(Archive& a) const {
            a(member, token_hash, support_note, absent_since_ms, recorded_post_ms);
        }
        template <class Archive>
        void load(Archive& a) {
            a(member, token_hash, support_note, absent_since_ms, recorded_post_ms);
            last_post_ms = recorded_post_ms;
        }
    };

    outcome dispatch(const pb::ClientMessage& message, const command_context& context, std::int64_t now_ms);
    outcome join(const pb::Join& join, const command_context& context, std::int64_t now_ms);
    // WithdrawMessage (its author) or RedactMessage (a moderator): the text leaves the record.
    outcome remove_message(const pb::ClientMessage& message, const member_record& by, std::int64_t now_ms);
    // Who a Join's credential makes the person: a known member (resume token), or a role
    // for someone new. Sets error when the credential is not right.
    struct credential {
        std::optional<std::size_t> member_index;
        pb::Role role = pb::ROLE_UNSPECIFIED;
        std::optional<room_error> error;
    };
    // grant: the join's verified token, if it came with one.
    credential check_credential(const pb::Join& join, const verified_join* grant, std::int64_t now_ms) const;
    // The conversation (room_conversation.cpp).
    outcome post_as(const pb::PostMessage& post, member_record& author, std::int64_t now_ms);
    // What someone in the physical room said, noted by a moderator or the note-taker.
    outcome record_contribution(const pb::RecordContribution& record, const member_record& by, std::int64_t now_ms);
    outcome leave(const command_context& context, std::int64_t now_ms);
    outcome update_room(const pb::UpdateRoom& update, const member_record& by, std::int64_t now_ms);
    outcome release_connection(std::uint64_t connection_id, pb::LeaveReason reason, std::int64_t now_ms);
    // A moderator's say over who is in (room_membership.cpp): the people in the physical room,
    // remove and ban, lift a ban, replace the join code.
    outcome add_in_room(const pb::AddInRoomParticipant& add, std::int64_t now_ms);
    outcome remove_in_room(const pb::RemoveInRoomParticipant& remove, const member_record& by, std::int64_t now_ms);
    outcome remove_member(const pb::RemoveMember& remove, const member_record& by, std::int64_t now_ms);
    outcome lift_ban(const pb::LiftBan& lift, const member_record& by, std::int64_t now_ms);
    outcome rotate_join_code(const pb::RotateJoinCode& rotate, const member_record& by, std::int64_t now_ms);
    // Decides a command with the part that owns it and commits what it decided.
    outcome run_part(room_part& part, const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms);
    // A part's follow-up command (a post, or another part's command), as the same caller.
    outcome run_follow_up(const pb::ClientMessage& then, member_record& caller, std::int64_t now_ms);
    // A command's policy, checked in order: the phase, then whether the caller (nullptr: not
    // joined) may send it.
    std::optional<room_error> refusal_by_policy(const command_policy& policy, const pb::Member* caller) const;
    // Commits what a part's reaction or timer answered, then its follow-up command, if any.
    void commit_answer(outcome& out, decision answer, std::int64_t now_ms);

    // Assigns the next seq and the time, folds the event into the core and every part that
    // folds its kind, appends it to out; then commits what the parts that react to it answer.
    void commit(outcome& out, pb::Event event, pb::EventPrivate hidden, std::int64_t now_ms);
    // The single place where events change the core's state: used live and on replay.
    void fold(const pb::Event& event, const pb::EventPrivate& hidden);
    member_record* find_member(const std::string& member_id);
    // The one place member ids are made: m1, m2, … in order of first joining.
    std::string next_member_id() const;
    const member_record* find_member(const std::string& member_id) const;
    member_record* caller(std::uint64_t connection_id);
    // Participants present on a device of their own: who could have written an anonymous point.
    std::size_t online_participants() const;

    // What parts may know of the core (room_view).
    bool is_message(std::uint64_t seq) const override;
    std::int64_t absent_since_ms(const std::string& member_id) const override;
    bool name_in_use(const std::string& name) const override;
    bool audits_anonymous() const override;
    std::string ballot_slot(const std::string& member_id, const std::string& question_id) const override;
    const std::string& room_id() const override { return id_; }
    std::int64_t heard_ms(const std::string& member_id) const override;
    bool shared_needs(const std::string& member_id) const override;

    std::string id_;
    room_limits limits_;
    std::uint64_t last_seq_ = 0;
    std::string title_;
    std::int64_t created_at_ms_ = 0;
    std::string purpose_;
    std::string when_;  // when and where the meeting is, as the organiser put it
    std::string place_;
    std::string language_;
    std::string moderator_key_hash_;
    std::string join_code_hash_;
    // The recent events (first_recent_seq() up to last_seq_), within limits_.recent_events and
    // limits_.recent_bytes; the record holds them all.
    std::deque<pb::Event> recent_;
    std::size_t recent_bytes_ = 0;
    // Every posted message, by seq: who may withdraw it, and whether it is gone already.
    // Members by number (index + 1; 0: nobody), so that a long meeting's index stays small.
    struct message_ref {
        std::uint64_t seq = 0;
        std::uint32_t author = 0;    // 0 for an anonymous point
        std::uint32_t noted_by = 0;  // who noted it for someone in the room
        std::uint32_t removed_by = 0;
        bool withdrawn = false;

        template <class Archive>
        void serialize(Archive& a) {
            a(seq, author, noted_by, removed_by, withdrawn);
        }
    };
    std::vector<message_ref> messages_;
    const message_ref* find_message(std::uint64_t seq) const;
    std::uint32_t number_of(const std::string& member_id) const;  // index + 1, or 0
    // Keeps event among the recent ones, forgetting the oldest beyond the limits.
    void keep_recent(const pb::Event& event);
    request_memory requests_;
    // Join tokens used, by their id's SHA-256, until they expire (then they are forgotten, as
    // joins are folded).
    std::map<std::string, std::int64_t> used_join_tokens_;
    std::vector<member_record> members_;                         // in order of first join
    std::unordered_map<std::string, std::size_t> by_member_id_;  // member id -> index
    std::unordered_map<std::string, std::size_t> by_token_hash_;
    presence presence_;  // who is connected now: not folded, never stored

    // The parts (meeting_parts.cpp): who decides each command, who folds each event kind. The
    // core asks the few below by name for what its own rules need.
    part_registry parts_;
    const class lifecycle_part* lifecycle_ = nullptr;  // whether a command may run in the room's phase
    const class turn_taking_part* turns_ = nullptr;
    const class turn_settings_part* turn_settings_ = nullptr;
    const class room_mode_part* mode_ = nullptr;
    const class equal_voice_part* equal_voice_ = nullptr;
    const class pacing_part* pacing_ = nullptr;
    const class needs_part* needs_ = nullptr;
    const class readiness_part* readiness_ = nullptr;  // a person's answers, in their welcome
    const class follow_up_part* follow_up_ = nullptr;
    const class table_part* table_ = nullptr;              // who may join a table's room
    const class groups_part* groups_ = nullptr;            // a plenary's tables
    const class series_part* series_ = nullptr;            // a series' meetings
    const class series_link_part* series_link_ = nullptr;  // a meeting's series
    const class voice_part* voice_ = nullptr;              // whose microphones are heard
};

}  // namespace ts::room
