#pragma once
// When a room's state is stored beside its log: after enough events since the last snapshot
// (more rarely for a large state: about a kilobyte per event at most), and when the meeting
// closes. A snapshot waits until its events are durable (a snapshot never runs ahead of the
// log), and one is written at a time, in order. No I/O: the room host does the writing.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "store/event_log.hpp"

namespace ts::app {

class snapshot_schedule {
public:
    snapshot_schedule(std::uint64_t last_seq, std::uint64_t every_events)
        : taken_seq_(last_seq), every_(every_events) {}

    // Whether a snapshot should be taken now, at last_seq.
    bool due(std::uint64_t last_seq, bool closed) const;
    // A snapshot was taken: it waits to be written.
    void taken(store::stored_snapshot snapshot);
    // The snapshot to write now, if one waits, its events are durable and none is being
    // written; it is then being written until written().
    std::optional<store::stored_snapshot> to_write(std::uint64_t durable_seq);
    void written() { writing_ = false; }
    bool writing() const { return writing_; }
    // Nothing waits and nothing is being written.
    bool idle() const { return !waiting_ && !writing_; }

private:
    std::uint64_t taken_seq_;
    std::uint64_t every_;
    std::size_t bytes_ = 0;
    std::optional<store::stored_snapshot> waiting_;
    bool writing_ = false;
};

}  // namespace ts::app
