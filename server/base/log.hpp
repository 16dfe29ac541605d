#pragma once
// One line per event of interest, with time and level, to stderr. Thread-safe.
// Never pass message contents, names or keys to it: the log is not the transcript.
#include <string_view>

namespace ts::log {

enum class level { debug = 0, info = 1, warn = 2, error = 3 };

void set_level(level l);
bool enabled(level l);
void write(level l, std::string_view text);

inline void debug(std::string_view t) {
    if (enabled(level::debug)) write(level::debug, t);
}
inline void info(std::string_view t) {
    if (enabled(level::info)) write(level::info, t);
}
inline void warn(std::string_view t) {
    if (enabled(level::warn)) write(level::warn, t);
}
inline void error(std::string_view t) { write(level::error, t); }

}  // namespace ts::log
