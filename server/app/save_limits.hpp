#pragma once
// How long people wait for a save before they are told, and before new commands are
// refused, while Redis is slow, full or away. Defaults live here; flags override them.
#include <chrono>
#include <cstddef>

namespace ts::app {

struct save_limits {
    // A command held this long for its save gets a "saving is delayed" notice (it is still
    // held, and acknowledged once saved).
    std::chrono::milliseconds notice_after{2000};
    // While the oldest unsaved event of a room has waited this long, the room refuses new
    // commands (STORE_UNAVAILABLE, with a retry time) instead of holding more.
    std::chrono::milliseconds refuse_after{10000};
    // Nor does a room hold more than this many unsaved events.
    std::size_t max_unsaved_events = 1000;
    // The retry time given with those refusals.
    std::chrono::milliseconds retry_after{2000};
};

}  // namespace ts::app
