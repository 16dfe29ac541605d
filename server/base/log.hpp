#pragma once
// One line per event of interest, with time and level, to stderr: as text, or as one JSON
// object per line (set_format) for log collectors. Thread-safe.
// Never pass message contents, names, keys or tokens to it: the log is not the transcript.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace ts::log {

enum class level { debug = 0, info = 1, warn = 2, error = 3 };
enum class format { text, json };

// Facts that go with an event: in text after it as key=value, in JSON under "fields".
using fields = std::initializer_list<std::pair<std::string_view, std::string>>;

void set_level(level l);
void set_format(format f);
bool enabled(level l);
void write(level l, std::string_view event, fields with = {});

inline void debug(std::string_view t, fields with = {}) {
    if (enabled(level::debug)) write(level::debug, t, with);
}
inline void info(std::string_view t, fields with = {}) {
    if (enabled(level::info)) write(level::info, t, with);
}
inline void warn(std::string_view t, fields with = {}) {
    if (enabled(level::warn)) write(level::warn, t, with);
}
inline void error(std::string_view t, fields with = {}) { write(level::error, t, with); }

}  // namespace ts::log
