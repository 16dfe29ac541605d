#pragma once
// What only the facilitators see beside the participation figures: the room's stated needs,
// the readiness survey (with who read the briefing and who asked for a one-to-one) and, once
// the meeting has closed, the follow-up survey beside measured participation.
#include <cstdint>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {
class room;
}

namespace ts::room::reports {

namespace pb = talkingstick::v1;

// Adds the moderators' view to a report.
void add_moderator_view(const room& r, pb::ParticipationReport& report, std::int64_t now_ms);
// Takes out of a report everything add_moderator_view() added.
void remove_moderator_view(pb::ParticipationReport& report);
// The room's stated needs and support notes, for moderators.
pb::NeedsSummary needs_summary(const room& r);
// The readiness survey's figures and answers, who has read the latest briefing, open requests
// for a one-to-one, and the settings the room's needs suggest.
pb::ReadinessSummary readiness_summary(const room& r, const pb::NeedsSummary& needs);
// The follow-up survey's summary (answered 0 while nobody has answered), beside what each
// person who took part was measured to have had, over the whole meeting.
pb::FollowUpSummary follow_up_summary(const room& r, std::int64_t now_ms);

}  // namespace ts::room::reports
