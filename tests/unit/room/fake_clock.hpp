#pragma once
// A clock the test moves by hand.
#include "room/clock.hpp"

namespace ts::test {

class fake_clock final : public room::clock {
public:
    explicit fake_clock(std::int64_t start_ms = 1'700'000'000'000) : now_(start_ms) {}
    std::int64_t now_ms() const override { return now_; }
    void advance(std::int64_t ms) { now_ += ms; }

private:
    std::int64_t now_;
};

}  // namespace ts::test
