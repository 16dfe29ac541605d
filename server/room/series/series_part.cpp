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
             "only people in the series mark its updates seen", "in a series' room: one's own"}};
}

decision series_part::decide(const part_command& command) const {
    if (!series_) return decision::refuse(pb::BAD_REQUEST, "this room is a meeting, not a series");
    const auto& message = command.message;
    const auto& caller = command.caller.member_id();
    if (message.has_plan_meeting()) return plan(command);
    if (message.has_publish_update()) return publish(command);
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
    out.event.add_private_to(caller);
    out.event.set_only_listed(true);
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
}

void series_part::save(state_out& out) const {
    out(series_, meetings_, reports_, figures_, updates_, carry_, said_, forgotten_, seen_);
}

void series_part::load(state_in& in) {
    in(series_, meetings_, reports_, figures_, updates_, carry_, said_, forgotten_, seen_);
}

}  // namespace ts::room
