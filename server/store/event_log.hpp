#pragma once
// Where rooms' events become durable. Implementations: Redis (the record) and memory
// (unit tests and --store=memory). Thread-safe: any thread may call append().
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/log_entry.hpp"

namespace ts::store {

struct log_status {
    const char* backend = "";
    bool connected = false;
    std::size_t pending = 0;         // entries accepted by append() but not yet durable
    std::size_t written = 0;         // entries made durable since start
    std::size_t refusing_rooms = 0;  // rooms whose writes the store refuses now (held, retried)
    std::string refusal;             // the store's words for the latest refusal, while any
};

// Thrown by a blocking read when the store answered, but refused to read a room's keys (one
// of the wrong type, say): the record is damaged there, as opposed to a store that cannot be
// reached now (std::runtime_error).
struct store_refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// How an append() ended.
enum class write_result {
    durable,    // every entry is in the record
    not_saved,  // the store shut down first; nothing was acknowledged, nothing is lost
    damaged,    // the room's stored record contradicts what the server holds: the room must
                // stop accepting changes (see problem)
    fenced,     // another node has taken the room over (a newer epoch): this writer is stale,
                // nothing of it was written, and it must let the room go (the record is sound)
};

struct write_outcome {
    write_result result = write_result::durable;
    std::string problem;  // for damaged: what is wrong, for logs and operators
};

// A room's state as of seq (room::save_state), stored beside its log so that loading the
// room replays only the entries after seq.
struct stored_snapshot {
    std::uint64_t seq = 0;
    std::string state;
};

class event_log {
public:
    // Called once per append(), on a store thread, when every entry is durable, or when
    // they cannot become so (write_outcome says why). Never called while a write may still
    // land: a transient refusal is retried, in order, until it succeeds.
    using done_fn = std::function<void(write_outcome)>;

    virtual ~event_log() = default;

    // Appends a room's entries, which continue its log in seq order. Entries of one room
    // become durable in the order they were appended, and entry N never before N-1. The
    // first entry (seq 1) registers the room for restore. Never blocks on I/O.
    // epoch: the writer's ownership of the room (room_leases; 0 for a single server). A write
    // whose epoch is older than the room's current one ends fenced, with nothing written.
    virtual void append(const std::string& room_id, std::uint64_t epoch, std::vector<log_entry> entries,
                        done_fn done) = 0;

    // False while too many entries wait to become durable (e.g. the store is down):
    // callers refuse new work instead of growing memory without bound.
    virtual bool has_capacity() const = 0;

    // Start-up only (blocking): every registered room's id, and one room's entries in order.
    virtual std::vector<std::string> room_ids() = 0;
    virtual std::vector<log_entry> load(const std::string& room_id) = 0;

    // Blocking, off the network threads (start-up, a room's loader, history pages, exports):
    // the entries with seq in [from_seq, to_seq], in order, at most max of them.
    virtual std::vector<log_entry> load_range(const std::string& room_id, std::uint64_t from_seq, std::uint64_t to_seq,
                                              std::size_t max) = 0;
    // Blocking: the room's latest stored snapshot, if it has one.
    virtual std::optional<stored_snapshot> load_snapshot(const std::string& room_id) = 0;
    // Blocking: stores a snapshot (only once its entries are durable), replacing the one
    // before; nothing is stored for a room whose log is gone (deleted). False if the store
    // could not be reached.
    virtual bool save_snapshot(const std::string& room_id, const stored_snapshot& snapshot) = 0;

    // Deletes every key of the room's record (and takes it off the rooms to restore). Blocking:
    // call it off the network threads, once nothing of the room is waiting to be written.
    // False if the store could not be reached; nothing is then known to be deleted.
    virtual bool erase(const std::string& room_id) = 0;

    virtual log_status status() const = 0;
};

}  // namespace ts::store
