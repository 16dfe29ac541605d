#pragma once
// A room's transcript as a document_stream: the minutes (two passes over the room's durable
// events, a page at a time: the first gathers the summary, the second writes the body) or
// the JSON record (one pass). Pages come from the room (its memory, or the store read off the
// network threads), so nothing here blocks a network thread, and at most a page of events
// and one piece of text are held at once.
#include <cstdint>
#include <memory>
#include <optional>

#include "app/room_host.hpp"
#include "net/room_gateway.hpp"
#include "transcript/json_export.hpp"
#include "transcript/minutes_writer.hpp"

namespace ts::app {

class transcript_stream final : public net::document_stream, public std::enable_shared_from_this<transcript_stream> {
public:
    // minutes: nullopt for the JSON record. include_private: private events too (JSON only).
    transcript_stream(std::shared_ptr<room_host> host, std::optional<transcript::minutes_options> minutes,
                      bool include_private, std::size_t page_size);
    void next(std::function<void(std::optional<std::string>)> done) override;
    bool failed() const override { return failed_; }

private:
    enum class stage { summarising, head, body, tail, finished };
    // Moves past what read brought (past its damage too); false at the end of the record.
    bool went_past(const room_host::page_read& read);
    // The store could not be read: the document ends unfinished.
    void fail(std::function<void(std::optional<std::string>)> done);
    // What of event the document holds: a private event only with private=include, and then
    // as the moderators saw it live: one kept from them (only_listed: an anonymous survey's
    // answers, needs not shared) only as its number and time. nullopt: nothing.
    std::optional<pb::Event> shown(const pb::Event& event) const;

    std::shared_ptr<room_host> host_;
    std::optional<transcript::minutes_options> minutes_;
    bool include_private_;
    std::size_t page_size_;
    stage stage_;
    std::uint64_t after_ = 0;
    bool failed_ = false;
    transcript::minutes_summary summary_;
    std::optional<transcript::minutes_writer> writer_;
    transcript::json_export json_;
};

}  // namespace ts::app
