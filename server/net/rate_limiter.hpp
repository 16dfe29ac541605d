#pragma once
// A token bucket: a sustained rate with room for short bursts. Pure; time is passed in.
#include <cstdint>

namespace ts::net {

class rate_limiter {
public:
    rate_limiter(double per_second, double burst) : rate_(per_second), burst_(burst), tokens_(burst) {}

    // Takes one token at time now_ms. Returns 0 if granted, otherwise how many
    // milliseconds until a token will be there (nothing is taken then).
    std::uint32_t take(std::int64_t now_ms) {
        if (last_ms_ >= 0 && now_ms > last_ms_) {
            tokens_ += static_cast<double>(now_ms - last_ms_) * rate_ / 1000.0;
            if (tokens_ > burst_) tokens_ = burst_;
        }
        if (last_ms_ < 0 || now_ms > last_ms_) last_ms_ = now_ms;
        if (tokens_ >= 1.0) {
            tokens_ -= 1.0;
            return 0;
        }
        double wait = (1.0 - tokens_) * 1000.0 / rate_;
        return static_cast<std::uint32_t>(wait) + 1;
    }

    // How long since the last token was asked for at now_ms (0 if never).
    std::int64_t idle_since(std::int64_t now_ms) const { return last_ms_ < 0 ? 0 : now_ms - last_ms_; }

private:
    double rate_;
    double burst_;
    double tokens_;
    std::int64_t last_ms_ = -1;
};

}  // namespace ts::net
