#include "room/reports/participation_reports.hpp"

#include <vector>

#include "room/fairness/equal_voice_part.hpp"
#include "room/reports/moderator_view.hpp"
#include "room/room.hpp"

namespace ts::room::reports {

pb::ParticipationReport balance(const room& r, std::int64_t now_ms) {
    std::vector<report_member> people;
    r.for_each_member([&](const pb::Member& m) {
        if (m.present() && m.role() != pb::OBSERVER) people.push_back({m.member_id(), m.role() == pb::PARTICIPANT});
    });
    return r.part<equal_voice_part>().balance(people, r.floor(), now_ms);
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
    }
    const auto* member = r.member(member_id);
    if (member && member->role() == pb::MODERATOR) add_moderator_view(r, report, now_ms);
    return report;
}

}  // namespace ts::room::reports
