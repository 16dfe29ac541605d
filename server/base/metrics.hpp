#pragma once
// The process's figures for monitoring (/metrics): counters, gauges and histograms that any
// layer updates without locks, and the net layer writes out (net/metrics_page). Never a room
// title, a name or a text: only counts, labelled by kinds from closed lists.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

namespace ts::metrics {

// Only goes up.
class counter {
public:
    void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

// Goes up and down (what is open now).
class gauge {
public:
    void add(std::int64_t n) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::int64_t> value_{0};
};

// The largest value seen.
class high_water {
public:
    void note(std::uint64_t v);
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

// Observations counted in buckets with fixed upper bounds (Prometheus's "le"), plus their sum.
class histogram {
public:
    // bounds: increasing upper bounds; values above the last count only in the total.
    explicit histogram(std::vector<double> bounds);
    void observe(double value);

    struct snapshot {
        std::vector<double> bounds;
        std::vector<std::uint64_t> cumulative;  // per bound: observations <= it
        std::uint64_t count = 0;
        double sum = 0;
    };
    snapshot read() const;

private:
    std::vector<double> bounds_;
    std::vector<std::atomic<std::uint64_t>> buckets_;  // per bound, not cumulative
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_micros_{0};  // the sum, in millionths, to stay an integer
};

// Counters by two small indexes (a command kind by its field number, and an outcome by its
// error code): a fixed table, so that counting never allocates or locks. Out of range: the
// last row or column.
template <std::size_t Rows, std::size_t Columns>
class counter_table {
public:
    void add(std::size_t row, std::size_t column) {
        cells_[std::min(row, Rows - 1)][std::min(column, Columns - 1)].add();
    }
    std::uint64_t value(std::size_t row, std::size_t column) const { return cells_[row][column].value(); }
    static constexpr std::size_t rows = Rows;
    static constexpr std::size_t columns = Columns;

private:
    std::array<std::array<counter, Columns>, Rows> cells_;
};

// Every figure the server keeps about itself. One per process (figures()).
struct server_figures {
    // Commands handled by rooms, by the ClientMessage field number and the outcome (0: done,
    // else the ErrorCode it was refused with).
    counter_table<128, 32> commands;
    gauge members_present;  // connections joined to a room
    gauge rooms_in_use;     // loaded rooms with someone connected
    counter deliveries;     // WebSocket messages written (a batch counts once)
    counter frames_delivered;
    counter bytes_sent;  // WebSocket payload bytes written
    counter slow_reader_disconnects;
    high_water send_queue_bytes;           // the most bytes one connection had waiting
    counter_table<600, 1> http_responses;  // by status code
    histogram redis_round_trip_seconds{{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}};
    histogram redis_batch_events{{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000}};
};

server_figures& figures();

}  // namespace ts::metrics
