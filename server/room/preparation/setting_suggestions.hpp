#pragma once
// Settings the room's stated needs suggest. A suggestion is only that: moderators put it to
// the room's consent check, so that participants decide together how the space works.
#include <cstddef>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

// Pace settings worth asking the room about, given its needs and its current pace, once at
// least after_people people state the same need.
std::vector<talkingstick::v1::SettingSuggestion> suggest_settings(const talkingstick::v1::NeedsSummary& needs,
                                                                  const talkingstick::v1::PacingSettings& current,
                                                                  std::size_t after_people);

}  // namespace ts::room
