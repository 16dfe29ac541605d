#pragma once
// Where the Redis primary is: the address given (--redis), or, with Sentinel (--redis-sentinel,
// --redis-master), wherever the Sentinels say it is now, so that every connection made after a
// failover reaches the new primary. A server that answers but is not a primary (a demoted one
// that has not heard yet) is not taken.
#include <hiredis/hiredis.h>

#include <string>

#include "store/redis_options.hpp"

namespace ts::store {

// A blocking connection to the primary with the options' time-outs, or nullptr (why: the
// reason, for the log). Never call it on a network thread.
redisContext* connect_to_primary(const redis_options& options, int timeout_ms, std::string* why = nullptr);

// The options' Redis in words, for logs: "HOST:PORT", or "primary NAME via Sentinel HOST:PORT,…".
std::string describe(const redis_options& options);

}  // namespace ts::store
