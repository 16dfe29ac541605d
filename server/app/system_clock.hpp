#pragma once
// The real clock, for rooms in the running server.
#include <chrono>

#include "room/clock.hpp"

namespace ts::app {

class system_clock final : public room::clock {
public:
    std::int64_t now_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

}  // namespace ts::app
