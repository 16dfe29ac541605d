#pragma once
// Reads every room's whole stored record, a little at a time, so that damage at rest (an
// entry that no longer decodes, a missing run) is found and reported before someone needs
// that part of the record. Rooms are read one after another, each from its first entry;
// after the last room a new pass begins. Reads run on the store's threads, one at a time,
// never on a network thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/stored_event.hpp"
#include "store/event_log.hpp"

namespace ts::app {

class record_scrub {
public:
    // The rooms to read in a pass (every room the server keeps, loaded or not).
    using rooms_fn = std::function<std::vector<std::string>()>;
    // Damage found, on a store thread.
    using found_fn = std::function<void(const std::string& room_id, const record_damage& damage)>;

    record_scrub(boost::asio::io_context& io, boost::asio::any_io_executor store_reads, store::event_log& log,
                 rooms_fn rooms, found_fn found);
    // Reads up to entries_per_second entries each second from now on (0: never starts).
    void start(std::size_t entries_per_second);
    // Stops before the next read; one under way finishes first (call before the store goes).
    void stop();

    struct progress {
        std::uint64_t passes = 0;   // whole passes over every room completed
        std::uint64_t entries = 0;  // entries read since start
    };
    progress read_so_far() const { return {passes_.load(), entries_.load()}; }

private:
    void arm();
    void read_some();  // on a store thread

    boost::asio::steady_timer timer_;
    boost::asio::any_io_executor store_reads_;
    store::event_log& log_;
    rooms_fn rooms_;
    found_fn found_;
    std::size_t per_second_ = 0;
    std::atomic<bool> stopped_{false};
    // Where the pass is: the rooms still to read, and the next entry of the first.
    std::deque<std::string> to_read_;
    std::uint64_t next_seq_ = 1;
    bool started_pass_ = false;
    std::atomic<std::uint64_t> passes_{0};
    std::atomic<std::uint64_t> entries_{0};
};

}  // namespace ts::app
