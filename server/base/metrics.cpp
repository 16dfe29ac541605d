#include "base/metrics.hpp"

#include <cmath>

namespace ts::metrics {

void high_water::note(std::uint64_t v) {
    auto seen = value_.load(std::memory_order_relaxed);
    while (v > seen && !value_.compare_exchange_weak(seen, v, std::memory_order_relaxed)) {}
}

histogram::histogram(std::vector<double> bounds) : bounds_(std::move(bounds)), buckets_(bounds_.size()) {}

void histogram::observe(double value) {
    for (std::size_t i = 0; i < bounds_.size(); ++i)
        if (value <= bounds_[i]) {
            buckets_[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    count_.fetch_add(1, std::memory_order_relaxed);
    if (value > 0)
        sum_micros_.fetch_add(static_cast<std::uint64_t>(std::llround(value * 1e6)), std::memory_order_relaxed);
}

histogram::snapshot histogram::read() const {
    snapshot out;
    out.bounds = bounds_;
    std::uint64_t running = 0;
    for (const auto& b : buckets_) {
        running += b.load(std::memory_order_relaxed);
        out.cumulative.push_back(running);
    }
    // Read after the buckets: the total is never below the largest bucket's count.
    out.count = std::max(count_.load(std::memory_order_relaxed), running);
    out.sum = static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6;
    return out;
}

server_figures& figures() {
    static server_figures figures;
    return figures;
}

}  // namespace ts::metrics
