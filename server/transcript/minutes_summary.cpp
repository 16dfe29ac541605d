#include "transcript/minutes_summary.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace ts::transcript {

minutes_person* minutes_summary::person(const std::string& member_id) {
    auto it = by_id_.find(member_id);
    return it == by_id_.end() ? nullptr : &people_[it->second];
}

const std::string& minutes_item::title_in(const std::string& language) const {
    const auto it = titles.find(language);
    return it == titles.end() ? title : it->second;
}

const minutes_item* minutes_summary::item(const std::string& item_id) const {
    auto it = std::find_if(items_.begin(), items_.end(), [&](const minutes_item& i) { return i.item_id == item_id; });
    return it == items_.end() ? nullptr : &*it;
}

const minutes_person* minutes_summary::find(const std::string& member_id) const {
    auto it = by_id_.find(member_id);
    return it == by_id_.end() ? nullptr : &people_[it->second];
}

const minutes_pseudonym* minutes_summary::pseudonym(const std::string& member_id) const {
    auto it = pseudonyms_.find(member_id);
    return it == pseudonyms_.end() ? nullptr : &it->second;
}

void minutes_summary::add(const pb::Event& event) {
    if (event.private_to_size() > 0 || event.sealed()) return;
    if (first_ms_ == 0) first_ms_ = event.at_ms();
    last_ms_ = event.at_ms();
    switch (event.kind_case()) {
        case pb::Event::kRoomCreated:
            title_ = event.room_created().title();
            purpose_ = event.room_created().purpose();
            break;
        case pb::Event::kRoomUpdated:
            title_ = event.room_updated().title();
            purpose_ = event.room_updated().purpose();
            when_ = event.room_updated().when();
            place_ = event.room_updated().place();
            break;
        case pb::Event::kMemberJoined: {
            const auto& m = event.member_joined().member();
            if (auto* back = person(m.member_id())) back->removed = false;
            if (m.room_screen() || by_id_.count(m.member_id())) break;
            by_id_[m.member_id()] = people_.size();
            people_.push_back({m.member_id(), m.display_name(), m.role(), m.in_room(), 0, 0, 0});
            // Numbered within their role, so that "Facilitator 1" and "Participant 1" read right.
            const auto same = std::count_if(people_.begin(), people_.end(),
                                            [&](const minutes_person& p) { return p.role == m.role(); });
            pseudonyms_[m.member_id()] = {m.role(), static_cast<std::size_t>(same)};
            break;
        }
        case pb::Event::kMemberLeft:
            if (auto* p = person(event.member_left().member_id()); p && event.member_left().reason() == pb::REMOVED)
                p->removed = true;
            break;
        case pb::Event::kRoleChanged:
            if (auto* p = person(event.role_changed().member_id())) p->role = event.role_changed().role();
            break;
        case pb::Event::kMessagePosted:
            message_at_ms_[event.seq()] = event.at_ms();
            if (auto* p = person(event.message_posted().member_id())) ++p->messages;
            break;
        case pb::Event::kActionRecorded: {
            const auto& given = event.action_recorded().action();
            auto* known = known_action(given.action_id());
            if (known)
                *known = given;
            else
                actions_.push_back(given);
            break;
        }
        case pb::Event::kActionStatusChanged: {
            const auto& changed = event.action_status_changed();
            if (auto* known = known_action(changed.action_id())) {
                known->set_status(changed.status());
                known->set_note(changed.note());
                known->set_updated_by_member_id(changed.by_member_id());
                known->set_updated_at_ms(event.at_ms());
            }
            break;
        }
        case pb::Event::kVoiceSpoken:
            if (auto* p = person(event.voice_spoken().member_id())) {
                p->voiced_ms += std::max<std::int64_t>(0, event.voice_spoken().voiced_ms());
                has_voice_ = true;
            }
            break;
        case pb::Event::kFloorChanged: {
            const auto& f = event.floor_changed();
            auto* p = person(f.member_id());
            if (!p) break;
            if (f.change() == pb::FLOOR_CHANGE_GRANTED) ++p->turns;
            if (f.change() == pb::FLOOR_CHANGE_ENDED) {
                p->floor_ms += f.turn_duration_ms();
                turn_ends_[f.member_id()].push_back(
                    {event.at_ms(), f.turn_duration_ms(), f.end_reason() == pb::TIME_RAN_OUT});
            }
            break;
        }
        case pb::Event::kAgendaItemStarted: {
            const auto& s = event.agenda_item_started();
            if (!item(s.item_id()))
                items_.push_back({s.item_id(), s.title(), s.minutes(), -1, {}, planned_titles_[s.item_id()]});
            break;
        }
        case pb::Event::kAgendaItemPlanned: {
            const auto& planned = event.agenda_item_planned().item();
            auto& titles = planned_titles_[planned.item_id()];
            titles.clear();
            for (const auto& text : planned.translations())
                if (!text.title().empty()) titles[text.language()] = text.title();
            // Renamed after it started: the minutes give its title as the agenda has it.
            for (auto& i : items_)
                if (i.item_id == planned.item_id()) {
                    i.title = planned.title();
                    i.titles = titles;
                }
            break;
        }
        case pb::Event::kAgendaItemEnded: {
            const auto& e = event.agenda_item_ended();
            auto it = std::find_if(items_.begin(), items_.end(),
                                   [&](const minutes_item& i) { return i.item_id == e.item_id(); });
            if (it != items_.end()) {
                it->used_ms = e.used_ms();
                it->minutes = e.minutes();
            }
            break;
        }
        case pb::Event::kTableReported:
            reports_.push_back(event.table_reported());
            for (const auto& figures : event.table_reported().figures().people())
                if (auto* p = person(figures.member_id())) {
                    p->table_turns += figures.turns();
                    p->table_floor_ms += figures.floor_ms();
                }
            break;
        case pb::Event::kDecisionRecorded: {
            const auto& d = event.decision_recorded();
            auto it = std::find_if(items_.begin(), items_.end(),
                                   [&](const minutes_item& i) { return i.item_id == d.agenda_item_id(); });
            (it == items_.end() ? general_ : it->decisions).push_back(d);
            break;
        }
        default: break;
    }
}

const pb::Action* minutes_summary::action(const std::string& action_id) const {
    auto it =
        std::find_if(actions_.begin(), actions_.end(), [&](const pb::Action& a) { return a.action_id() == action_id; });
    return it == actions_.end() ? nullptr : &*it;
}

// The const lookup, for folding: one search, two faces.
pb::Action* minutes_summary::known_action(const std::string& action_id) {
    return const_cast<pb::Action*>(std::as_const(*this).action(action_id));
}

std::string minutes_summary::decision_text(const std::string& question_id) const {
    auto same = [&](const pb::DecisionRecorded& d) { return d.question_id() == question_id; };
    for (const auto& i : items_)
        if (auto it = std::find_if(i.decisions.begin(), i.decisions.end(), same); it != i.decisions.end())
            return it->text();
    auto it = std::find_if(general_.begin(), general_.end(), same);
    return it == general_.end() ? std::string() : it->text();
}

std::int64_t minutes_summary::message_at_ms(std::uint64_t seq) const {
    auto it = message_at_ms_.find(seq);
    return it == message_at_ms_.end() ? 0 : it->second;
}

std::vector<minutes_person> minutes_summary::took_part() const {
    std::vector<minutes_person> out;
    std::copy_if(people_.begin(), people_.end(), std::back_inserter(out),
                 [](const minutes_person& p) { return !p.removed; });
    return out;
}

const minutes_turn_end* minutes_summary::turn_end(const std::string& member_id, std::size_t nth) const {
    auto it = turn_ends_.find(member_id);
    if (it == turn_ends_.end() || nth >= it->second.size()) return nullptr;
    return &it->second[nth];
}

}  // namespace ts::transcript
