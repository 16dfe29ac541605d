#pragma once
// What a load run measured: counters and latency samples, and their JSON form.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ts::load {

inline std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Latencies in microseconds; keeps every sample_every-th one (memory stays bounded at high rates).
class latency_samples {
public:
    explicit latency_samples(std::uint32_t sample_every = 1) : every_(sample_every) {}

    void add(std::int64_t sent_ns, std::int64_t now) {
        if (++count_ % every_ != 0) return;
        samples_.push_back(static_cast<std::uint32_t>(std::max<std::int64_t>(0, now - sent_ns) / 1000));
    }

    // "name_p50_ms" (or "p50_ms" without a name):…,"name_p99_ms":…,"name_p999_ms":…,"name_max_ms":…
    std::string json(const std::string& name) {
        std::string out, prefix = name.empty() ? "" : name + "_";
        for (auto [label, p] : {std::pair{"p50", 0.5}, {"p99", 0.99}, {"p999", 0.999}, {"max", 1.0}})
            out += "\"" + prefix + label + "_ms\":" + std::to_string(percentile(p)) + ",";
        out.pop_back();
        return out;
    }

private:
    double percentile(double p) {
        if (samples_.empty()) return 0;
        auto k = static_cast<std::size_t>(p * static_cast<double>(samples_.size() - 1));
        std::nth_element(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(k), samples_.end());
        return samples_[k] / 1000.0;
    }

    std::uint32_t every_;
    std::uint64_t count_ = 0;
    std::vector<std::uint32_t> samples_;
};

struct load_stats {
    bool measuring = false;
    std::uint64_t deliveries = 0;                  // events received by clients
    std::uint64_t acks = 0;                        // commands accepted (durable)
    std::uint64_t errors = 0;                      // errors that mean something is wrong
    std::uint64_t conflicts = 0;                   // CONFLICT answers: races a real meeting has too
    std::map<std::string, std::uint64_t> actions;  // meeting mode: what was done, by kind
    latency_samples delivery{16};                  // send to each receiver
    latency_samples ack{1};                        // command to its acknowledgement
};

}  // namespace ts::load
