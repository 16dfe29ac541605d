#pragma once
// The time one voice actually spoke, coarsely and never the audio: from Janus's talking and
// stopped-talking events and whether the server lets the voice through. Janus detects talking
// only in a voice it forwards, and says nothing when it stops forwarding one: a voice talks
// while Janus last said so and the voice is let through, and being held back ends its talking
// at once, whatever Janus said last.
#include <cstdint>
#include <optional>

namespace ts::app {

struct spoken_span {
    std::int64_t voiced_ms = 0;  // spoken within [from_ms, to_ms]
    std::int64_t from_ms = 0;
    std::int64_t to_ms = 0;
};

class spoken_time {
public:
    // Janus says the voice talks (true) or has stopped talking (false).
    void janus_says(bool talking, std::int64_t now_ms);
    // The server lets the voice through (true), or holds it back or does not know (false).
    void heard(bool heard, std::int64_t now_ms);
    // A new microphone in its place: held back until moderated, and Janus has said nothing of
    // it yet. What the old one spoke stays, to be taken.
    void restart(std::int64_t now_ms);
    // What was spoken since the last take, up to now (none if nothing); the next span starts
    // now if the voice is talking, or when it next talks.
    std::optional<spoken_span> take(std::int64_t now_ms);

private:
    void update(std::int64_t now_ms);

    bool janus_talking_ = false;
    bool heard_ = false;
    std::optional<std::int64_t> since_;  // talking and heard since
    std::int64_t voiced_ms_ = 0;         // spoken since from_ms_, not yet taken
    std::int64_t from_ms_ = 0;
};

}  // namespace ts::app
