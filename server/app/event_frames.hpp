#pragma once
// One event's frames, encoded once for everyone who receives it: the full frame, and for a
// private event the redacted one that everyone outside its audience receives (only its
// number), with the event kept to decide who may see it.
#include "net/frame_sink.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::app {

struct event_frames {
    net::shared_frame full;
    net::shared_frame redacted;     // null for an event everyone may see
    talkingstick::v1::Event event;  // set only with redacted

    static event_frames of(const talkingstick::v1::Event& event);
};

}  // namespace ts::app
