#include "base/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "base/json_string.hpp"
#include "base/thread_annotations.hpp"

namespace ts::log {
namespace {
std::atomic<int> current{static_cast<int>(level::info)};
std::atomic<format> chosen_format{format::text};
ts::mutex out_mutex;
const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
const char* json_names[] = {"debug", "info", "warn", "error"};

std::string timestamp() {
    auto now = std::chrono::system_clock::now();
    auto secs = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[40];
    auto n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(stamp + n, sizeof stamp - n, ".%03dZ", static_cast<int>(ms));
    return stamp;
}

}  // namespace

void set_level(level l) { current = static_cast<int>(l); }
void set_format(format f) { chosen_format = f; }
bool enabled(level l) { return static_cast<int>(l) >= current.load(std::memory_order_relaxed); }

void write(level l, std::string_view event, fields with) {
    std::string line;
    if (chosen_format.load(std::memory_order_relaxed) == format::json) {
        line = "{\"time\":\"" + timestamp() + "\",\"level\":\"" + json_names[static_cast<int>(l)] +
               "\",\"event\":" + json_string(event);
        if (with.size() > 0) {
            line += ",\"fields\":{";
            bool first = true;
            for (const auto& [key, value] : with) {
                if (!first) line += ',';
                first = false;
                line += json_string(key) + ":" + json_string(value);
            }
            line += '}';
        }
        line += "}\n";
    } else {
        char head[16];
        std::snprintf(head, sizeof head, " %-5s ", names[static_cast<int>(l)]);
        line = timestamp() + head;
        line += event;
        for (const auto& [key, value] : with) {
            line += ' ';
            line += key;
            line += '=';
            line += value;
        }
        line += '\n';
    }
    ts::lock_guard lock(out_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace ts::log
