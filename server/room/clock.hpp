#pragma once
// The room's only source of time. The server injects the system clock; tests inject a fake.
#include <cstdint>

namespace ts::room {

class clock {
public:
    virtual ~clock() = default;
    // Wall-clock milliseconds since the Unix epoch. Persisted deadlines use this, because
    // they must survive a restart (a steady clock restarts with the process).
    virtual std::int64_t now_ms() const = 0;
};

}  // namespace ts::room
