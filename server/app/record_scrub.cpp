#include "app/record_scrub.hpp"

#include <boost/asio/post.hpp>

#include "base/log.hpp"

namespace ts::app {

record_scrub::record_scrub(boost::asio::io_context& io, boost::asio::any_io_executor store_reads, store::event_log& log,
                           rooms_fn rooms, found_fn found)
    : timer_(io), store_reads_(std::move(store_reads)), log_(log), rooms_(std::move(rooms)), found_(std::move(found)) {}

void record_scrub::start(std::size_t entries_per_second) {
    per_second_ = entries_per_second;
    if (per_second_ > 0) arm();
}

void record_scrub::stop() {
    stopped_ = true;
    timer_.cancel();
}

void record_scrub::arm() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || stopped_) return;
        // The next read is armed only once this one is done: reads never overlap.
        boost::asio::post(store_reads_, [this] {
            if (stopped_) return;
            read_some();
            if (!stopped_) arm();
        });
    });
}

void record_scrub::read_some() {
    // Each room read costs at least one of the second's entries, so a second's work is bounded
    // however many small rooms there are.
    for (std::size_t budget = per_second_; budget > 0 && !stopped_;) {
        if (to_read_.empty()) {
            if (started_pass_) {
                // A pass is done: the next begins with the next second, however small the rooms.
                ++passes_;
                started_pass_ = false;
                return;
            }
            for (auto& id : rooms_()) to_read_.push_back(std::move(id));
            next_seq_ = 1;
            if (to_read_.empty()) return;
            started_pass_ = true;
        }
        const auto room_id = to_read_.front();
        bool room_done = true;
        try {
            auto entries = log_.load_range(room_id, next_seq_, UINT64_MAX, budget);
            entries_ += entries.size();
            budget -= std::max<std::size_t>(1, entries.size());
            if (!entries.empty()) {
                // A gap shows as the first entry past it; the record's end is where the entries stop.
                auto checked = read_entries(entries, next_seq_, entries.back().seq);
                if (checked.damage) found_(room_id, *checked.damage);
                next_seq_ = checked.damage ? checked.damage->to_seq + 1 : entries.back().seq + 1;
                // Fewer than asked for, and no damage to read past: the end of its record.
                room_done = !checked.damage && budget > 0;
            }
        } catch (const std::exception& e) {
            // The store could not be read now (or the room is gone): this room again next pass.
            log::warn("scrub: room " + room_id + " could not be read now: " + e.what());
            budget = 0;
        }
        if (room_done) {
            to_read_.pop_front();
            next_seq_ = 1;
        }
    }
}

}  // namespace ts::app
