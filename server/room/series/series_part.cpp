#include "room/series/series_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>
#include <utility>

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> series_part::policies() const {
    return {{pb::ClientMessage::kPlanMeeting, actors::moderators, phases::always,
             "only a moderator of the series plans its meetings", "in a series' room"},
            {pb::ClientMessage::kSetCarryOver, actors::people, phases::always,
             "only people in the series say what carries over for them",
             "in a series' room: one's own; saying no forgets what was carried"},
            {pb::ClientMessage::kPublishUpdate, actors::moderators, phases::always,
             "only a moderator of the series publishes its updates", "in a series' room"},
            {pb::ClientMessage::kMarkUpdatesSeen, actors::people, phases::always,
             "only people in the series mark its updates seen", "in a series' room: one's own"},
            {pb::ClientMessage::kSetOutcomeSurvey, actors::moderators, phases::always,
             "only a moderator of the series opens its outcome survey", "in a series' room"},
            {pb::ClientMessage::kAnswerOutcome, actors::participants, phases::always,
             "the people taking part answer the outcome survey", "in a series' room, while the survey is open"}};
}

decision series_part::decide(const part_command& command) const {
    if (!series_) return decision::refuse(pb::BAD_REQUEST, "this room is a meeting, not a series");
    const auto& message = command.message;
    const auto& caller = command.caller.member_id();
    if (message.has_plan_meeting()) return plan(command);
    if (message.has_publish_update()) return publish(command);
    if (message.has_answer_outcome()) return answer_outcome(command);
    if (message.has_set_outcome_survey()) {
        const bool open = message.set_outcome_survey().open();
        if (open == outcome_open_)
            return decision::refuse(
                pb::CONFLICT, open ? "the outcome survey is open already" : "the outcome survey is closed already");
        logged_event out;
        out.event.mutable_outcome_survey_set()->set_open(open);
        return decision::of(std::move(out));
    }
    if (message.has_set_carry_over()) {
        const bool carry = message.set_carry_over().carry();
        if (said_.count(caller) && carries(caller) == carry)
            return decision::refuse(
                pb::CONFLICT, carry ? "what you say carries over already" : "what you say does not carry over already");
        logged_event out;
        auto* set = out.event.mutable_carry_over_set();
        set->set_member_id(caller);
        set->set_carry(carry);
        // Saying no after yes deletes what was carried for them: the series keeps nothing of it.
        set->set_forgotten(!carry && carries(caller));
        out.event.add_private_to(caller);
        return decision::of(std::move(out));
    }
    const auto seen = message.mark_updates_seen().seen();
    if (seen > updates_.size())
        return decision::refuse(pb::BAD_REQUEST, "the series has not published that many updates");
    if (seen <= updates_seen(caller)) return decision::refuse(pb::CONFLICT, "those updates are marked seen already");
    logged_event out;
    out.event.mutable_updates_seen()->set_member_id(caller);
    out.event.mutable_updates_seen()->set_seen(seen);
    // Private to the person and the facilitators, who may see who has read what came of it.
    out.event.add_private_to(caller);
    return decision::of(std::move(out));
}

decision series_part::plan(const part_command& command) const {
    const auto& given = command.message.plan_meeting();
    if (meetings_.size() >= limits_.max_meetings)
        return decision::refuse(pb::TOO_LARGE, "this series has planned " + std::to_string(limits_.max_meetings) +
                                                   " meetings, the most it keeps");
    logged_event out;
    auto* planned = out.event.mutable_meeting_planned();
    if (auto e = clean_text(given.title(), text_kind::label, limits_.max_title_chars, "the meeting's title", true,
                            *planned->mutable_title()))
        return decision::refuse(std::move(*e));
    if (auto e = clean_text(given.when(), text_kind::label, limits_.max_when_place_chars, "when", false,
                            *planned->mutable_when()))
        return decision::refuse(std::move(*e));
    if (auto e = clean_text(given.place(), text_kind::label, limits_.max_when_place_chars, "where", false,
                            *planned->mutable_place()))
        return decision::refuse(std::move(*e));
    const auto number = static_cast<std::uint32_t>(meetings_.size() + 1);
    planned->set_number(number);
    planned->set_room_id(command.room.room_id() + "-m" + std::to_string(number));
    return decision::of(std::move(out));
}

decision series_part::publish(const part_command& command) const {
    const auto& given = command.message.publish_update();
    if (updates_.size() >= limits_.max_updates)
        return decision::refuse(pb::TOO_LARGE, "this series has published " + std::to_string(limits_.max_updates) +
                                                   " updates, the most it keeps");
    logged_event out;
    auto* update = out.event.mutable_update_published();
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_update_chars, "the update", true,
                            *update->mutable_text()))
        return decision::refuse(std::move(*e));
    if (!given.question_id().empty() && !given.action_id().empty())
        return decision::refuse(pb::BAD_REQUEST, "an update is about one decision or one action at most");
    if (given.meeting() != 0) {
        if (given.meeting() > meetings_.size()) return decision::refuse(pb::NOT_FOUND, "no such meeting in the series");
        const auto* report = report_of(given.meeting());
        if (!given.question_id().empty()) {
            const pb::MeetingDecision* found = nullptr;
            if (report)
                for (const auto& d : report->decisions())
                    if (d.question_id() == given.question_id()) found = &d;
            if (!found) return decision::refuse(pb::NOT_FOUND, "no such decision in that meeting");
            update->set_about(found->text());
        }
        if (!given.action_id().empty()) {
            const pb::Action* found = nullptr;
            if (report)
                for (const auto& a : report->actions())
                    if (a.action_id() == given.action_id()) found = &a;
            if (!found) return decision::refuse(pb::NOT_FOUND, "no such action in that meeting");
            update->set_about(found->text());
        }
    } else if (!given.question_id().empty() || !given.action_id().empty()) {
        return decision::refuse(pb::BAD_REQUEST, "say which meeting the decision or action is from");
    }
    update->set_update_id("upd" + std::to_string(updates_.size() + 1));
    update->set_meeting(given.meeting());
    update->set_question_id(given.question_id());
    update->set_action_id(given.action_id());
    update->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(out));
}

decision series_part::answer_outcome(const part_command& command) const {
    if (!outcome_open_) return decision::refuse(pb::CONFLICT, "the outcome survey is not open");
    const auto& given = command.message.answer_outcome().outcome();
    if (given.shaped() > 5) return decision::refuse(pb::BAD_REQUEST, "answer from 1 to 5");
    logged_event out;
    auto* answered = out.event.mutable_outcome_answered();
    answered->set_member_id(command.caller.member_id());
    auto* outcome = answered->mutable_outcome();
    outcome->set_shaped(given.shaped());
    if (auto e = clean_text(given.what_changed(), text_kind::prose, limits_.max_survey_answer_chars, "the answer",
                            false, *outcome->mutable_what_changed()))
        return decision::refuse(std::move(*e));
    if (outcome->shaped() == 0 && outcome->what_changed().empty())
        return decision::refuse(pb::BAD_REQUEST, "the answer is empty");
    if (outcome->SerializeAsString() == outcome_of(command.caller.member_id()).SerializeAsString())
        return decision::refuse(pb::CONFLICT, "that is your answer already");
    out.event.add_private_to(command.caller.member_id());
    return decision::of(std::move(out));
}

pb::Outcome series_part::outcome_of(const std::string& member_id) const {
    auto it = outcomes_.find(member_id);
    return it == outcomes_.end() ? pb::Outcome{} : it->second;
}

pb::OutcomeSummary series_part::outcome_summary() const {
    pb::OutcomeSummary out;
    std::vector<std::uint32_t> counts(5, 0);
    std::vector<std::string> words;
    for (const auto& [id, o] : outcomes_) {
        out.set_answered(out.answered() + 1);
        if (o.shaped() >= 1 && o.shaped() <= 5) ++counts[o.shaped() - 1];
        if (!o.what_changed().empty()) words.push_back(o.what_changed());
    }
    // Sorted, so that the order says nothing of who answered when.
    std::sort(words.begin(), words.end());
    for (auto c : counts) out.add_shaped(c);
    for (auto& w : words) out.add_what_changed(std::move(w));
    return out;
}

decision series_part::accept_report(const pb::MeetingReported& report,
                                    const std::vector<pb::PersonFigures>& figures) const {
    if (!series_ || report.number() == 0 || report.number() > meetings_.size())
        return decision::refuse(pb::NOT_FOUND, "no such meeting in the series");
    const auto* known = report_of(report.number());
    // Figures count once the meeting has closed (they are final then).
    const bool new_figures = report.phase() == pb::CLOSED && !figures_.count(report.number());
    if (known && known->SerializeAsString() == report.SerializeAsString() && !new_figures) return {};
    logged_event out;
    *out.event.mutable_meeting_reported() = report;
    if (report.phase() == pb::CLOSED)
        for (const auto& f : figures) *out.hidden.add_figures() = f;
    return decision::of(std::move(out));
}

const pb::MeetingReported* series_part::report_of(std::uint32_t number) const {
    auto it = reports_.find(number);
    return it == reports_.end() ? nullptr : &it->second;
}

pb::CarryOverSet series_part::carry_over_of(const std::string& member_id) const {
    pb::CarryOverSet out;
    if (!said_.count(member_id)) return out;
    out.set_member_id(member_id);
    out.set_carry(carries(member_id));
    out.set_forgotten(forgotten_.count(member_id) > 0);
    return out;
}

std::uint32_t series_part::updates_seen(const std::string& member_id) const {
    auto it = seen_.find(member_id);
    return it == seen_.end() ? 0 : it->second;
}

std::vector<pb::PersonFigures> series_part::figures() const {
    std::vector<pb::PersonFigures> out;
    std::map<std::string, std::size_t> at;
    for (const auto& [number, people] : figures_) {
        for (const auto& f : people) {
            auto [it, fresh] = at.emplace(f.member_id(), out.size());
            if (fresh) {
                out.emplace_back().set_member_id(f.member_id());
            }
            auto& sum = out[it->second];
            sum.set_turns(sum.turns() + f.turns());
            sum.set_floor_ms(sum.floor_ms() + f.floor_ms());
            sum.set_messages(sum.messages() + f.messages());
            sum.set_words(sum.words() + f.words());
            sum.set_hands_raised(sum.hands_raised() + f.hands_raised());
        }
    }
    std::int64_t total = 0;
    for (const auto& f : out) total += f.floor_ms();
    for (auto& f : out) f.set_floor_share(total > 0 ? double(f.floor_ms()) / double(total) : 0.0);
    return out;
}

void series_part::evolve(const pb::Event& event, const pb::EventPrivate& hidden) {
    switch (event.kind_case()) {
        case pb::Event::kRoomCreated: series_ = event.room_created().series(); return;
        case pb::Event::kMeetingPlanned: meetings_.push_back(event.meeting_planned()); return;
        case pb::Event::kCarryOverSet: {
            const auto& set = event.carry_over_set();
            said_.insert(set.member_id());
            if (set.carry()) {
                carry_.insert(set.member_id());
                forgotten_.erase(set.member_id());
            } else {
                carry_.erase(set.member_id());
                if (set.forgotten()) forgotten_.insert(set.member_id());
            }
            return;
        }
        case pb::Event::kUpdatePublished: updates_.push_back(event.update_published()); return;
        case pb::Event::kUpdatesSeen: seen_[event.updates_seen().member_id()] = event.updates_seen().seen(); return;
        case pb::Event::kOutcomeSurveySet: outcome_open_ = event.outcome_survey_set().open(); return;
        case pb::Event::kOutcomeAnswered:
            outcomes_[event.outcome_answered().member_id()] = event.outcome_answered().outcome();
            return;
        case pb::Event::kMeetingReported: {
            const auto& report = event.meeting_reported();
            reports_[report.number()] = report;
            if (hidden.figures_size() > 0 || report.phase() == pb::CLOSED)
                figures_[report.number()].assign(hidden.figures().begin(), hidden.figures().end());
            return;
        }
        default: return;
    }
}

void series_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (!series_) return;
    auto* out = snapshot.mutable_series();
    for (const auto& m : meetings_) *out->add_meetings() = m;
    for (const auto& [number, report] : reports_) *out->add_reports() = report;
    for (const auto& u : updates_) *out->add_updates() = u;
    out->set_outcome_open(outcome_open_);
}

void series_part::save(state_out& out) const {
    out(series_, meetings_, reports_, figures_, updates_, carry_, said_, forgotten_, seen_, outcome_open_, outcomes_);
}

void series_part::load(state_in& in) {
    in(series_, meetings_, reports_, figures_, updates_, carry_, said_, forgotten_, seen_, outcome_open_, outcomes_);
}

}  // namespace ts::room
