#include "app/spoken_time.hpp"

namespace ts::app {

void spoken_time::janus_says(bool talking, std::int64_t now_ms) {
    janus_talking_ = talking;
    update(now_ms);
}

void spoken_time::heard(bool heard, std::int64_t now_ms) {
    heard_ = heard;
    update(now_ms);
}

void spoken_time::restart(std::int64_t now_ms) {
    janus_talking_ = heard_ = false;
    update(now_ms);
}

void spoken_time::update(std::int64_t now_ms) {
    const bool talking = janus_talking_ && heard_;
    if (talking && !since_) {
        if (voiced_ms_ == 0) from_ms_ = now_ms;
        since_ = now_ms;
    } else if (!talking && since_) {
        voiced_ms_ += now_ms - *since_;
        since_.reset();
    }
}

std::optional<spoken_span> spoken_time::take(std::int64_t now_ms) {
    if (since_) {
        voiced_ms_ += now_ms - *since_;
        since_ = now_ms;
    }
    if (voiced_ms_ <= 0) return std::nullopt;
    spoken_span span{voiced_ms_, from_ms_, now_ms};
    voiced_ms_ = 0;
    from_ms_ = now_ms;
    return span;
}

}  // namespace ts::app
