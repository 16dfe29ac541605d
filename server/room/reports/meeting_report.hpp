#pragma once
// What a meeting of a series tells its series: its decisions, its actions as they stand,
// which of the series' people came, each person's figures once it has closed, and what
// carries to the next meeting for those who agreed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "room/room.hpp"

namespace ts::room::reports {

// The meeting's news as it stands at now_ms, with what carries for carry_ids (the series'
// people who agreed); nullopt for a room that is not a meeting of a series.
std::optional<meeting_news> meeting_report(const room& r, const std::vector<std::string>& carry_ids,
                                           std::int64_t now_ms);

}  // namespace ts::room::reports
