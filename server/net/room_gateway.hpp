#pragma once
// How the network layer reaches rooms. Implemented by the application's room directory;
// every call returns at once and answers later (on a store or room thread).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/frame_sink.hpp"
#include "room/room_error.hpp"
#include "store/event_log.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::net {

namespace pb = talkingstick::v1;

struct create_result {
    std::optional<pb::CreateRoomResponse> created;
    room::room_error error;  // meaningful when created is empty
};

// A room whose stored record is damaged: served read-only (or, if nothing of it can be
// read, not at all) until an operator repairs it; or, when the damage lies in older entries
// that the room's state no longer needs (found by a read of its history or by the scrub),
// served as before with those entries unreadable.
struct damaged_room {
    std::string room_id;
    std::uint64_t readable_up_to = 0;
    std::uint64_t damaged_from = 0;
    std::string problem;
    bool served = true;
    std::uint64_t damaged_to = 0;  // the last unreadable entry, when known (0: not known)
    bool read_only = true;
};

// A document written piece by piece (an export of a room's record), so that neither side
// holds all of it at once.
class document_stream {
public:
    virtual ~document_stream() = default;
    // Hands the next piece to done, or nullopt once the document is complete. Returns at
    // once; done may run on another thread.
    virtual void next(std::function<void(std::optional<std::string>)> done) = 0;
    // After the end: whether the document is incomplete (its source could not be read). The
    // response is then cut off, so that nobody takes a part for the whole.
    virtual bool failed() const { return false; }
};

// GET /api/rooms/{id}/transcript: which document, for whom.
struct transcript_request {
    std::string format;            // md, html, txt or json
    bool pseudonyms = false;       // "Participant 3" instead of names
    bool include_private = false;  // moderators only: the private records too (json)
    std::string language;          // the minutes' language (en, pl, ar); empty: English
    std::string credential;        // the moderator key, or a resume token
};

struct transcript_result {
    std::shared_ptr<document_stream> stream;  // empty: refused (see error)
    std::string content_type;
    std::string filename;
    room::room_error error;
};

class room_gateway {
public:
    virtual ~room_gateway() = default;

    // Hands a command to its room. The answer (Ack, Welcome or Error) and later events go
    // to sink. False if there is no such room; nothing was sent then.
    virtual bool submit(const std::string& room_id, pb::ClientMessage message, std::shared_ptr<frame_sink> sink,
                        std::uint64_t connection_id) = 0;

    // The connection closed: it leaves the room and gets no more frames.
    virtual void disconnected(const std::string& room_id, std::uint64_t connection_id) = 0;

    // Creates a room; done is called once the room's first event is durable.
    virtual void create_room(const pb::CreateRoomRequest& request, std::function<void(create_result)> done) = 0;

    // Public facts about a room, or nullopt if there is none.
    virtual void room_info(const std::string& room_id, std::function<void(std::optional<pb::RoomInfo>)> done) = 0;

    // Opens a room's transcript (minutes or the JSON record) for someone whose credential
    // lets them have it; done is called with the stream or why not.
    virtual void open_transcript(const std::string& room_id, transcript_request request,
                                 std::function<void(transcript_result)> done) = 0;

    virtual store::log_status store_status() const = 0;

    // Rooms whose record is damaged, for health checks.
    virtual std::vector<damaged_room> damaged_rooms() const = 0;
    // Rooms held in memory now, and rooms unloaded after being idle (in the store only).
    struct room_counts {
        std::size_t loaded = 0;
        std::size_t unloaded = 0;
    };
    virtual room_counts rooms_held() const = 0;
    // How far the background read of every stored record has got (both 0 when it is off).
    struct scrub_progress {
        std::uint64_t passes = 0;   // whole passes over every room
        std::uint64_t entries = 0;  // entries read since start
    };
    virtual scrub_progress scrubbed() const = 0;
    // The longest text a new room takes in each field (GET /api/limits, for the start page).
    virtual pb::TextLimits text_limits() const = 0;
};

}  // namespace ts::net
