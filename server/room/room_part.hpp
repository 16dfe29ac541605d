#pragma once
// A part of a room: one capability (consent, pacing, turns, …) with its own state, its own
// rules and its own events, in the decider pattern of event sourcing:
//   decide(command) -> events | error   (changes nothing)
//   evolve(event)                       (the only place its state changes, live and on replay)
// The room's core owns membership, the conversation, sequence numbers and the log; it hands
// each command to the one part that owns it and each event to the parts that fold it. Parts
// never see each other's fields: what one needs of another comes through events, through a
// follow-up command (decision::then), or through a narrow, named interface.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "room/command_policy.hpp"
#include "room/room_error.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace cereal {
class PortableBinaryOutputArchive;
class PortableBinaryInputArchive;
}  // namespace cereal

namespace ts::room {

// Where a part writes its state for a stored snapshot, and reads it back (state_archive.hpp).
using state_out = cereal::PortableBinaryOutputArchive;
using state_in = cereal::PortableBinaryInputArchive;

namespace pb = talkingstick::v1;

// One entry of the room's log: what everyone may see, and what only the server keeps.
struct logged_event {
    pb::Event event;
    pb::EventPrivate hidden;
};

// What a part may know of the room's core: read-only facts, each named.
class room_view {
public:
    virtual ~room_view() = default;
    // Whether the room's event seq is a posted message.
    virtual bool is_message(std::uint64_t seq) const = 0;
    // A member of the room (present or not), or nullptr.
    virtual const pb::Member* member(const std::string& member_id) const = 0;
    // Calls visit for every member, present or not, in the order they first joined. Member ids
    // are the core's to mint: parts take them from here or from events, never make them up.
    virtual void for_each_member(const std::function<void(const pb::Member&)>& visit) const = 0;
    // When a member who is not present left (0 if present or unknown).
    virtual std::int64_t absent_since_ms(const std::string& member_id) const = 0;
    // Whether someone present (not a room's screen) goes by a name that looks like this one.
    virtual bool name_in_use(const std::string& name) const = 0;
    // Whether the room keeps, in its private record, who made an anonymous contribution.
    virtual bool audits_anonymous() const = 0;
    // A member's slot for an anonymous answer to a question: a hash of a secret derived from
    // their resume token, so that only someone holding the token can work it out again.
    // Empty for a member with no token here (someone in the physical room).
    virtual std::string ballot_slot(const std::string& member_id, const std::string& question_id) const = 0;
    // The room's id (a plenary names its tables' rooms after it).
    virtual const std::string& room_id() const = 0;
    // How long a member has had the floor in the meeting so far (finished turns).
    virtual std::int64_t heard_ms(const std::string& member_id) const = 0;
    // Whether a member stated access needs and agreed to share them with the moderators.
    virtual bool shared_needs(const std::string& member_id) const = 0;
};

// A command for a part, from someone who has joined the room.
struct part_command {
    const pb::ClientMessage& message;
    const pb::Member& caller;
    std::int64_t now_ms;
    const room_view& room;
};

// What a part decided: an error (nothing changes), or events in order (the room numbers
// and times them, then folds each into every part that folds its kind) and, optionally, a
// command the room carries out next, for the same caller, once those events are folded.
struct decision {
    std::optional<room_error> error;
    std::vector<logged_event> events;
    std::optional<pb::ClientMessage> then;
    // The follow-up runs first, and the events above are committed only if it is accepted
    // (a point raised for someone is marked raised only once it is posted). Otherwise the
    // events come first and stand whatever the follow-up does.
    bool then_first = false;
    // The log must not tie these events to the caller (an anonymous answer): the request is
    // then remembered only while the server runs.
    bool untraceable = false;

    // The usual decision: one event.
    static decision of(logged_event event) {
        decision d;
        d.events.push_back(std::move(event));
        return d;
    }
    static decision of(std::vector<logged_event> events) {
        decision d;
        d.events = std::move(events);
        return d;
    }
    static decision refuse(pb::ErrorCode code, std::string message) {
        return refuse(room_error{code, std::move(message), 0});
    }
    // A check's refusal, passed on as it is.
    static decision refuse(room_error error) {
        decision d;
        d.error = std::move(error);
        return d;
    }
};

class room_part {
public:
    virtual ~room_part() = default;

    virtual const char* name() const = 0;
    // The commands this part decides, each with who may send it and when (command_policy.hpp),
    // and the event kinds it folds. The room checks at start that each command has one owner
    // and every event kind is folded somewhere.
    virtual std::vector<command_policy> policies() const = 0;
    virtual std::vector<pb::Event::KindCase> folds() const = 0;

    // Decides one of its commands against its current state; changes nothing. The room has
    // already checked the command's policy: the caller may send it, in this phase.
    virtual decision decide(const part_command& command) const = 0;
    // Folds one event of a kind it folds: live, and when the log is replayed.
    virtual void evolve(const pb::Event& event, const pb::EventPrivate& hidden) = 0;
    // Adds what it knows to a snapshot of the room.
    virtual void add_to(pb::RoomSnapshot& snapshot) const = 0;
    // Its whole state, for the snapshot stored beside the log: a fresh part that load()s what
    // save() wrote decides and folds exactly as this one (limits come from the server).
    // load() throws cereal::Exception on bytes it cannot read.
    virtual void save(state_out& out) const = 0;
    virtual void load(state_in& in) = 0;

    // Event kinds this part answers with events of its own (a pause stops the turn clock):
    // react() runs once such an event is folded everywhere, before anything else happens.
    // Like decide(), it may also name a command for another part to carry out (decision::then:
    // "a budget used up ends the turn"), which the room runs as the room itself, with no
    // person's policy to pass, once the events are folded; its refusal changes nothing.
    virtual std::vector<pb::Event::KindCase> reacts_to() const { return {}; }
    virtual decision react(const pb::Event&, const room_view&, std::int64_t) const { return {}; }

    // Timers: the events due by now_ms (changing nothing), and when the next one is due; as
    // with react(), a follow-up command may go with them.
    virtual decision tick(const room_view&, std::int64_t) const { return {}; }
    virtual std::optional<std::int64_t> next_deadline(const room_view&) const { return std::nullopt; }
};

}  // namespace ts::room
