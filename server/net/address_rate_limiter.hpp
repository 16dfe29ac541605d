#pragma once
// A token bucket per remote address (rate_limiter), for what one place may do only so often
// (creating rooms). Thread-safe. The table of addresses stays bounded: past max_addresses,
// addresses whose bucket has filled up again (they have been quiet) are forgotten.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/thread_annotations.hpp"
#include "net/rate_limiter.hpp"

namespace ts::net {

class address_rate_limiter {
public:
    address_rate_limiter(double per_second, double burst, std::size_t max_addresses = 10000)
        : per_second_(per_second), burst_(burst), max_addresses_(max_addresses) {}

    // 0 if address may go on at now_ms (a token is taken), otherwise how many milliseconds
    // until it may.
    std::uint32_t take(const std::string& address, std::int64_t now_ms) {
        ts::lock_guard lock(mutex_);
        if (buckets_.size() >= max_addresses_ && !buckets_.count(address)) forget_quiet(now_ms);
        auto it = buckets_.try_emplace(address, per_second_, burst_).first;
        return it->second.take(now_ms);
    }

private:
    void forget_quiet(std::int64_t now_ms) TS_REQUIRES(mutex_) {
        // A quiet address's bucket is full again: forgetting it changes nothing it may do.
        const auto refill_ms = static_cast<std::int64_t>(burst_ / per_second_ * 1000.0) + 1;
        for (auto it = buckets_.begin(); it != buckets_.end();)
            it = it->second.idle_since(now_ms) >= refill_ms ? buckets_.erase(it) : std::next(it);
    }

    double per_second_;
    double burst_;
    std::size_t max_addresses_;
    ts::mutex mutex_;
    std::unordered_map<std::string, rate_limiter> buckets_ TS_GUARDED_BY(mutex_);
};

}  // namespace ts::net
