#include "room/reports/participation_reports.hpp"

#include <map>
#include <vector>

#include "room/fairness/equal_voice_part.hpp"
#include "room/reports/moderator_view.hpp"
#include "base/gini.hpp"
#include "room/room.hpp"
#include "room/series/series_part.hpp"

namespace ts::room::reports {

pb::ParticipationReport balance(const room& r, std::int64_t now_ms) {
    std::vector<report_member> people;
    r.for_each_member([&](const pb::Member& m) {
        if (m.present() && m.role() != pb::OBSERVER) people.push_back({m.member_id(), m.role() == pb::PARTICIPANT});
    });
    auto out = r.part<equal_voice_part>().balance(people, r.floor(), now_ms);
    if (const auto& series = r.part<series_part>(); series.is_series()) *out.mutable_series() = series_scope(r);
    return out;
}

pb::ParticipationScope series_scope(const room& r) {
    pb::ParticipationScope scope;
    scope.set_title("All meetings of the series");
    std::map<std::string, pb::PersonFigures> by_id;
    for (auto& f : r.part<series_part>().figures()) by_id[f.member_id()] = std::move(f);
    // Everyone who joined the series to take part counts, whether or not they have come yet.
    std::vector<double> floor;
    r.for_each_member([&](const pb::Member& m) {
        if (m.role() != pb::PARTICIPANT || m.room_screen()) return;
        auto it = by_id.find(m.member_id());
        pb::PersonFigures f;
        if (it != by_id.end()) f = it->second;
        f.set_member_id(m.member_id());
        floor.push_back(double(f.floor_ms()));
        if (f.turns() == 0 && f.messages() == 0) scope.add_not_yet_spoken(m.member_id());
        *scope.add_people() = std::move(f);
    });
    scope.set_floor_gini(gini(std::move(floor)));
    return scope;
}

bool sees_balance(const room& r, const std::string& member_id) {
    const auto* member = r.member(member_id);
    return r.fairness().balance_visible_to_all() || (member && member->role() == pb::MODERATOR);
}

pb::ParticipationReport participation_report(const room& r, const std::string& member_id, std::int64_t now_ms) {
    auto report = balance(r, now_ms);
    for (const auto& p : report.session().people())
        if (p.member_id() == member_id) *report.mutable_mine() = p;
    if (!sees_balance(r, member_id)) {
        report.clear_session();
        report.clear_agenda_item();
        report.clear_series();
    }
    const auto* member = r.member(member_id);
    if (member && member->role() == pb::MODERATOR) add_moderator_view(r, report, now_ms);
    return report;
}

}  // namespace ts::room::reports
