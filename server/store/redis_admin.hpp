#pragma once
// A blocking connection to Redis for the operators' tools (--verify, --repair): reads
// every room's record, and replaces one room's log in one atomic step. Never used while
// serving. Throws std::runtime_error when Redis cannot be reached or refuses.
#include <memory>
#include <string>
#include <vector>

#include "store/log_entry.hpp"
#include "store/redis_event_log.hpp"

namespace ts::store {

class redis_admin {
public:
    explicit redis_admin(const redis_options& options);
    ~redis_admin();

    std::vector<std::string> room_ids();
    // Logs that exist in Redis but are not registered for restore.
    std::vector<std::string> unregistered_room_ids();
    std::vector<log_entry> load(const std::string& room_id);

    // From now on, replace_log() fails if anyone else writes the room's log.
    void watch(const std::string& room_id);
    // Writes entries as a new log (ids 0-SEQ), then in one transaction renames the current
    // log to aside_key and the new one into its place (the private record likewise, aside to
    // aside_key + ":private"), and registers the room. False, with
    // nothing changed, if the log was written since watch().
    bool replace_log(const std::string& room_id, const std::vector<log_entry>& entries, const std::string& aside_key);

private:
    struct connection;
    std::unique_ptr<connection> c_;
};

}  // namespace ts::store
