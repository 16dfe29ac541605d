#pragma once
// What a table carries back to its plenary when the groups close: its report (and whether
// the table agreed it), the decisions it made, and who was heard how long there.
#include <cstdint>
#include <optional>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {
class room;
}

namespace ts::room::reports {

namespace pb = talkingstick::v1;

// The table's report as it stands at now_ms; nullopt for a room that is not a table.
std::optional<pb::TableReported> table_report(const room& r, std::int64_t now_ms);
// How the table is doing now, for its plenary's moderators; nullopt for a room that is not an
// open table.
std::optional<pb::TableStatus> table_status(const room& r, std::int64_t now_ms);

}  // namespace ts::room::reports
