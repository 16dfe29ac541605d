#pragma once
// How to reach Redis, and the limits of the connections to it (defaults here, flags in
// app/config.cpp).
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ts::store {

// When an append counts as durable (README, "Durability"):
enum class durability {
    automatic,   // replicated when the primary has a replica at start-up, primary otherwise
    primary,     // once the primary has it (its AOF, fsynced every second by default)
    replicated,  // once a replica has it too (WAIT): a failover loses nothing acknowledged
};

struct redis_options {
    std::string host = "127.0.0.1";
    int port = 6379;
    // With Sentinel: the Sentinels to ask where the primary named master_name is (host and
    // port are then not used).
    std::vector<std::pair<std::string, int>> sentinels;
    std::string master_name = "talkingstick";
    enum durability durability = durability::automatic;
    int replica_wait_ms = 1000;  // how long one WAIT for a replica lasts before the write is tried again
    int connect_timeout_ms = 2000;
    int io_timeout_ms = 5000;
    std::size_t max_pending = 100000;  // entries; over it has_capacity() is false
    std::size_t max_pipeline = 2000;   // entries per round trip
    int startup_wait_ms = 30000;       // how long start-up waits for Redis to answer
    int shutdown_drain_ms = 5000;      // how long the destructor keeps trying to flush
    int max_backoff_ms = 2000;         // longest wait between two tries of a refused write
};

}  // namespace ts::store
