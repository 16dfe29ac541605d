#include "base/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "base/thread_annotations.hpp"

namespace ts::log {
namespace {
std::atomic<int> current{static_cast<int>(level::info)};
ts::mutex out_mutex;
const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
}  // namespace

void set_level(level l) { current = static_cast<int>(l); }
bool enabled(level l) { return static_cast<int>(l) >= current.load(std::memory_order_relaxed); }

void write(level l, std::string_view text) {
    auto now = std::chrono::system_clock::now();
    auto secs = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    ts::lock_guard lock(out_mutex);
    std::fprintf(stderr, "%s.%03dZ %-5s %.*s\n", stamp, static_cast<int>(ms), names[static_cast<int>(l)],
                 static_cast<int>(text.size()), text.data());
    std::fflush(stderr);
}

}  // namespace ts::log
