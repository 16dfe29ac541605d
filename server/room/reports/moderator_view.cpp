#include "room/reports/moderator_view.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "room/briefing/briefing_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/preparation/follow_up_part.hpp"
#include "room/preparation/readiness_part.hpp"
#include "room/preparation/setting_suggestions.hpp"
#include "room/room.hpp"
#include "room/series/series_part.hpp"
#include "room/threads/thread_part.hpp"

namespace ts::room::reports {

namespace {

std::vector<std::string> member_ids_in_order(const room& r) {
    std::vector<std::string> ids;
    r.for_each_member([&](const pb::Member& m) { ids.push_back(m.member_id()); });
    return ids;
}

}  // namespace

void add_moderator_view(const room& r, pb::ParticipationReport& report, std::int64_t now_ms) {
    *report.mutable_needs() = needs_summary(r);
    *report.mutable_readiness() = readiness_summary(r, report.needs());
    if (r.phase() == pb::CLOSED) *report.mutable_follow_up() = follow_up_summary(r, now_ms);
    if (const auto& series = r.part<series_part>(); series.is_series())
        *report.mutable_outcome() = series.outcome_summary();
}

void remove_moderator_view(pb::ParticipationReport& report) {
    report.clear_needs();
    report.clear_readiness();
    report.clear_follow_up();
    report.clear_outcome();
}

pb::NeedsSummary needs_summary(const room& r) {
    const auto ids = member_ids_in_order(r);
    auto summary = r.part<needs_part>().summary(ids);
    for (const auto& id : ids) {
        const auto& note = r.support_note(id);
        if (note.empty()) continue;
        auto* added = summary.add_support_notes();
        added->set_member_id(id);
        added->set_note(note);
    }
    return summary;
}

pb::ReadinessSummary readiness_summary(const room& r, const pb::NeedsSummary& needs) {
    const auto ids = member_ids_in_order(r);
    const auto& readiness = r.part<readiness_part>();
    const auto& threads = r.part<thread_part>();
    auto summary = readiness.summary(ids);
    for (auto& id : r.part<briefing_part>().read_latest(ids)) summary.add_read_latest_briefing(std::move(id));
    for (const auto& id : ids) {
        // Open: asked (in the survey or in their thread) after a facilitator last wrote to them.
        const auto asked = std::max(readiness.one_to_one_asked(id), threads.asked_seq(id));
        if (asked > threads.replied_seq(id)) summary.add_one_to_one_requests(id);
    }
    for (auto& s : suggest_settings(needs, r.pacing(), r.limits().suggest_after_people))
        *summary.add_suggestions() = std::move(s);
    return summary;
}

pb::FollowUpSummary follow_up_summary(const room& r, std::int64_t now_ms) {
    // Everyone who took part, present or not, measured over the whole meeting.
    std::vector<report_member> people;
    r.for_each_member([&](const pb::Member& m) {
        if (m.role() == pb::PARTICIPANT) people.push_back({m.member_id(), true});
    });
    return r.part<follow_up_part>().summary(r.figures().session_scope(people, r.floor(), now_ms));
}

}  // namespace ts::room::reports
