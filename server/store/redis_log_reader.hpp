#pragma once
// Blocking reads of the record in Redis, for start-up and the maintenance tools (never on
// a network thread). Throw std::runtime_error when Redis does not answer as expected.
#include <cstdint>
#include <string>
#include <vector>

#include "store/log_entry.hpp"

struct redisContext;

namespace ts::store {

// The rooms registered for restore (the set ts:rooms).
std::vector<std::string> read_room_ids(redisContext* c);

// Room ids of stream keys ts:{ROOM}:log that exist but are not registered.
std::vector<std::string> read_unregistered_room_ids(redisContext* c);

// Room ids of every key ts:{ROOM}:log (a scan of the whole keyspace).
std::vector<std::string> scan_log_room_ids(redisContext* c);

// One room's stream, in order, each sealed entry with its event from the private record.
// An entry whose id is not 0-SEQ gets seq 0 (it cannot be ours).
std::vector<log_entry> read_log(redisContext* c, const std::string& room_id);

// The entries with seq in [from_seq, to_seq], at most max, joined as read_log() joins them.
std::vector<log_entry> read_range(redisContext* c, const std::string& room_id, std::uint64_t from_seq,
                                  std::uint64_t to_seq, std::size_t max);

}  // namespace ts::store
