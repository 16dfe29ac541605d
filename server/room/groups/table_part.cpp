#include "room/groups/table_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> table_part::policies() const {
    return {{pb::ClientMessage::kSetTableReport, actors::recorders, phases::live,
             "the table's facilitator or note-taker writes its report", "at a table"}};
}

decision table_part::decide(const part_command& command) const {
    const auto& given = command.message.set_table_report();
    if (!linked()) return decision::refuse(pb::CONFLICT, "only a table writes a report for its plenary");
    if (link_.closed()) return decision::refuse(pb::CONFLICT, "the groups have closed: the report went back");
    logged_event out;
    auto* set = out.event.mutable_table_report_set();
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_table_report_chars, "the report", false,
                            *set->mutable_text()))
        return decision::refuse(std::move(*e));
    if (given.agreed() && set->text().empty())
        return decision::refuse(pb::BAD_REQUEST, "write the report before the table agrees it");
    set->set_by_member_id(command.caller.member_id());
    if (!given.check()) {
        set->set_agreed(given.agreed());
        return decision::of(std::move(out));
    }
    // Put to the table: a consensus check on its words, which the facilitator opens.
    if (command.caller.role() != pb::MODERATOR)
        return decision::refuse(pb::PERMISSION_DENIED, "the table's facilitator puts the report to the table");
    if (set->text().empty()) return decision::refuse(pb::BAD_REQUEST, "write the report before the table checks it");
    set->set_checking(true);
    auto d = decision::of(std::move(out));
    auto* question = d.then.emplace().mutable_open_question();
    question->set_kind(pb::CONSENSUS);
    question->set_text(check_text(set->text()));
    // The check opens with the report, or neither stands.
    d.then_first = true;
    return d;
}

bool table_part::seated(const std::string& member_id) const {
    return std::find(link_.member_ids().begin(), link_.member_ids().end(), member_id) != link_.member_ids().end();
}

std::vector<logged_event> table_part::relink(const pb::TableLinked& wanted) const {
    pb::TableLinked known = link_;
    known.clear_report();
    known.clear_report_agreed();
    pb::TableLinked next = wanted;
    next.clear_report();
    next.clear_report_agreed();
    if (known.SerializeAsString() == next.SerializeAsString()) return {};
    logged_event out;
    *out.event.mutable_table_linked() = std::move(next);
    return {std::move(out)};
}

decision table_part::react(const pb::Event& event, const room_view&, std::int64_t) const {
    if (event.has_decision_recorded()) {
        const auto& d = event.decision_recorded();
        if (check_question_.empty() || d.question_id() != check_question_) return {};
        logged_event out;
        auto* set = out.event.mutable_table_report_set();
        set->set_text(link_.report());
        set->set_agreed(d.result() == pb::CONSENSUS_AGREED);
        return decision::of(std::move(out));
    }
    if (!event.table_linked().closed() || closed_seen_) return {};
    decision d;
    d.then.emplace().mutable_set_room_phase()->set_phase(pb::CLOSED);
    return d;
}

void table_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    switch (event.kind_case()) {
        case pb::Event::kTableReportSet: {
            const auto& set = event.table_report_set();
            link_.set_report(set.text());
            link_.set_report_agreed(set.agreed());
            // A new text, or the check's verdict, ends any check; a check opens with its question
            // (just before this event: SetTableReport's follow-up runs first).
            check_question_.clear();
            if (set.checking() && last_question_.second == check_text(set.text()))
                check_question_ = last_question_.first;
            return;
        }
        case pb::Event::kQuestionOpened:
            last_question_ = {event.question_opened().question_id(), event.question_opened().text()};
            return;
        case pb::Event::kDecisionRecorded: return;  // answered in react()
        default: break;
    }
    // The react() above runs after this fold: it must still see a close as new.
    closed_seen_ = link_.closed();
    const auto report = link_.report();
    const auto agreed = link_.report_agreed();
    link_ = event.table_linked();
    link_.set_report(report);
    link_.set_report_agreed(agreed);
}

void table_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (linked()) *snapshot.mutable_table() = link_;
}

void table_part::save(state_out& out) const { out(link_, closed_seen_, last_question_, check_question_); }

void table_part::load(state_in& in) { in(link_, closed_seen_, last_question_, check_question_); }

}  // namespace ts::room
