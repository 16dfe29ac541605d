#include "room/reports/meeting_report.hpp"

#include <algorithm>

#include "room/actions/action_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/preparation/follow_up_part.hpp"
#include "room/preparation/readiness_part.hpp"
#include "room/series/series_link_part.hpp"

namespace ts::room::reports {

std::optional<meeting_news> meeting_report(const room& r, const std::vector<std::string>& carry_ids,
                                           std::int64_t now_ms) {
    const auto& series = r.part<series_link_part>();
    if (!series.linked()) return std::nullopt;
    const auto& link = series.link();
    const auto seated = [&](const std::string& id) {
        return std::find(link.member_ids().begin(), link.member_ids().end(), id) != link.member_ids().end();
    };
    meeting_news news;
    auto& out = news.reported;
    out.set_number(link.number());
    out.set_phase(r.phase());
    const auto snapshot = r.snapshot(now_ms);
    for (const auto& d : snapshot.decisions()) {
        auto* decision = out.add_decisions();
        decision->set_question_id(d.question_id());
        decision->set_text(d.text());
        decision->set_outcome(d.outcome());
    }
    for (const auto& a : r.part<action_part>().actions()) *out.add_actions() = a;
    std::vector<report_member> people;
    r.for_each_member([&](const pb::Member& m) {
        if (m.room_screen()) return;
        // The series' people seated here count once they come in; anyone else came to join.
        if (seated(m.member_id()) && !series.came(m.member_id())) return;
        out.set_people(out.people() + 1);
        if (seated(m.member_id())) out.add_taken_part(m.member_id());
        if (m.role() == pb::PARTICIPANT) people.push_back({m.member_id(), true});
    });
    // The follow-up survey's "Did you feel heard?", counted without names.
    std::vector<std::uint32_t> felt(5, 0);
    r.for_each_member([&](const pb::Member& m) {
        const auto heard = r.part<follow_up_part>().follow_up_of(m.member_id()).felt_heard();
        if (heard >= 1 && heard <= 5) ++felt[heard - 1];
    });
    if (std::any_of(felt.begin(), felt.end(), [](std::uint32_t n) { return n > 0; }))
        for (auto n : felt) out.add_felt_heard(n);
    if (r.phase() == pb::CLOSED) {
        const auto scope = r.figures().session_scope(people, r.floor(), now_ms);
        news.figures.assign(scope.people().begin(), scope.people().end());
    }
    for (const auto& id : carry_ids) {
        const auto* m = r.member(id);
        if (!m) continue;
        auto& c = news.carried.emplace_back();
        c.set_member_id(id);
        c.set_pronouns(m->pronouns());
        *c.mutable_needs() = r.part<needs_part>().needs_of(id);
        *c.mutable_readiness() = r.part<readiness_part>().readiness_of(id);
    }
    return news;
}

}  // namespace ts::room::reports
