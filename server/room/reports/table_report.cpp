#include "room/reports/table_report.hpp"

#include <vector>

#include "room/groups/table_part.hpp"
#include "room/pacing/pacing_part.hpp"
#include "room/room.hpp"

namespace ts::room::reports {

std::optional<pb::TableReported> table_report(const room& r, std::int64_t now_ms) {
    const auto& table = r.part<table_part>();
    if (!table.linked()) return std::nullopt;
    const auto& link = table.link();
    pb::TableReported out;
    out.set_round(link.round());
    out.set_table(link.number());
    out.set_name(link.name());
    out.set_room_id(r.id());
    out.set_report(link.report());
    out.set_agreed(link.report_agreed());
    const auto snapshot = r.snapshot(now_ms);
    *out.mutable_decisions() = snapshot.decisions();
    // Everyone who sat here (those moved away too), measured over the table's whole time.
    std::vector<report_member> people;
    r.for_each_member([&](const pb::Member& m) {
        if (m.role() == pb::PARTICIPANT || m.member_id() == link.facilitator_id())
            people.push_back({m.member_id(), m.role() == pb::PARTICIPANT});
    });
    *out.mutable_figures() = r.figures().session_scope(people, r.floor(), now_ms);
    return out;
}

std::optional<pb::TableStatus> table_status(const room& r, std::int64_t now_ms) {
    const auto& table = r.part<table_part>();
    if (!table.linked() || table.link().closed()) return std::nullopt;
    pb::TableStatus out;
    out.set_room_id(r.id());
    out.set_round(table.link().round());
    out.set_number(table.link().number());
    out.set_floor_holder_member_id(r.floor().holder_member_id());
    for (const auto& entry : r.queue().entries()) out.add_queue_member_ids(entry.member_id());
    out.set_pause_requests(static_cast<std::uint32_t>(r.part<pacing_part>().pause_requests()));
    std::vector<report_member> people;
    r.for_each_member([&](const pb::Member& m) {
        if (m.role() == pb::PARTICIPANT && table.seated(m.member_id())) people.push_back({m.member_id(), true});
        if (m.present() && !m.room_screen()) out.set_present(out.present() + 1);
    });
    const auto figures = r.figures().session_scope(people, r.floor(), now_ms);
    out.set_floor_gini(figures.floor_gini());
    *out.mutable_not_yet_spoken() = figures.not_yet_spoken();
    return out;
}

}  // namespace ts::room::reports
