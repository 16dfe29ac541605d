#pragma once
// A log line for something that can happen thousands of times a second (refused connections,
// failed accepts): the first is written at once, then at most one line per interval, saying
// how many happened since. Thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "base/log.hpp"
#include "base/thread_annotations.hpp"

namespace ts::log {

class throttle {
public:
    explicit throttle(level l, std::chrono::milliseconds interval = std::chrono::seconds(10))
        : level_(l), interval_(interval) {}

    // Counts one occurrence; writes what (and the count of those not written) when due.
    void note(const std::string& what) {
        const auto now = std::chrono::steady_clock::now();
        std::uint64_t unwritten = 0;
        {
            ts::lock_guard lock(mutex_);
            ++unwritten_;
            if (written_once_ && now - last_ < interval_) return;
            written_once_ = true;
            last_ = now;
            unwritten = unwritten_ - 1;
            unwritten_ = 0;
        }
        if (!enabled(level_)) return;
        write(level_, unwritten == 0
                          ? what
                          : what + " (and " + std::to_string(unwritten) + " more like it since the last line)");
    }

private:
    level level_;
    std::chrono::milliseconds interval_;
    ts::mutex mutex_;
    bool written_once_ TS_GUARDED_BY(mutex_) = false;
    std::chrono::steady_clock::time_point last_ TS_GUARDED_BY(mutex_){};
    std::uint64_t unwritten_ TS_GUARDED_BY(mutex_) = 0;
};

}  // namespace ts::log
