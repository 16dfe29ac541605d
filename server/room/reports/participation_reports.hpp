#pragma once
// The participation figures as each person may see them, assembled from what the room's parts
// know (equal voice, turn-taking) outside the room's core, which only decides.
#include <cstdint>
#include <string>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {
class room;
}

namespace ts::room::reports {

namespace pb = talkingstick::v1;

// The whole room's figures (session, and the agenda item if any) over the people present who
// may speak, with no "mine"; in a series, also the series' (series_scope).
pb::ParticipationReport balance(const room& r, std::int64_t now_ms);
// A series: each of its people's figures over every closed meeting that reported them (those
// who have not come yet with none), and how evenly the floor was shared over the project.
pb::ParticipationScope series_scope(const room& r);
// Whether this member may see the whole room's figures: moderators, or everyone if the room
// shows them.
bool sees_balance(const room& r, const std::string& member_id);
// What one person may see at now_ms: always their own figures; the room's balance if
// sees_balance(); and the moderators' view (moderator_view.hpp) if they moderate.
pb::ParticipationReport participation_report(const room& r, const std::string& member_id, std::int64_t now_ms);

}  // namespace ts::room::reports
