#include "room/fairness/participation.hpp"

#include <algorithm>
#include <cmath>

#include "base/gini.hpp"
#include "room/turns/floor_clock.hpp"

namespace ts::room {

namespace {
const person_figures nobody{};
}

std::uint32_t participation::count_words(const std::string& text) {
    std::uint32_t words = 0;
    bool in_word = false;
    for (unsigned char c : text) {
        // Bytes of multi-byte UTF-8 characters count as word characters: letters of any script.
        bool word_char = std::isalnum(c) || c >= 0x80 || c == '\'';
        if (word_char && !in_word) ++words;
        in_word = word_char;
    }
    return words;
}

double participation::gini(const std::vector<double>& values) { return ts::gini(values); }

const person_figures& participation::session(const std::string& member_id) const {
    auto it = session_.people.find(member_id);
    return it == session_.people.end() ? nobody : it->second;
}

void participation::close_wait(const std::string& entry_id, std::int64_t at_ms, bool answered, bool withdrawn) {
    auto it = waiting_.find(entry_id);
    if (it == waiting_.end()) return;
    auto& w = it->second;
    session_.people[w.member_id].waiting_ms += at_ms - w.since_ms;
    if (!item_.item_id.empty()) item_.people[w.member_id].waiting_ms += at_ms - std::max(w.since_ms, item_.started_ms);
    both(w.member_id, [&](person_figures& f) {
        if (withdrawn)
            ++f.hands_withdrawn;
        else if (!answered)
            ++f.hands_unanswered;
    });
    waiting_.erase(it);
}

void participation::fold(const pb::Event& event) {
    const auto at = event.at_ms();
    switch (event.kind_case()) {
        case pb::Event::kQueueChanged: {
            const auto& q = event.queue_changed();
            switch (q.change()) {
                case pb::QUEUE_CHANGE_RAISED:
                    waiting_[q.entry_id()] = waiting_entry{q.member_id(), at};
                    both(q.member_id(), [](person_figures& f) { ++f.hands_raised; });
                    break;
                case pb::QUEUE_CHANGE_LOWERED: close_wait(q.entry_id(), at, false, true); break;
                case pb::QUEUE_CHANGE_REMOVED:
                case pb::QUEUE_CHANGE_EXPIRED: close_wait(q.entry_id(), at, false, false); break;
                case pb::QUEUE_CHANGE_GRANTED: close_wait(q.entry_id(), at, true, false); break;
                case pb::QUEUE_CHANGE_CLEARED: {
                    std::vector<std::string> ids;
                    for (const auto& [id, w] : waiting_) ids.push_back(id);
                    for (const auto& id : ids) close_wait(id, at, false, false);
                    break;
                }
                default: break;
            }
            break;
        }
        case pb::Event::kFloorChanged: {
            const auto& f = event.floor_changed();
            if (f.change() == pb::FLOOR_CHANGE_GRANTED) both(f.member_id(), [](person_figures& p) { ++p.turns; });
            if (f.change() == pb::FLOOR_CHANGE_ENDED)
                both(f.member_id(), [&](person_figures& p) { p.floor_ms += f.turn_duration_ms(); });
            break;
        }
        case pb::Event::kTableReported:
            // What people had at their table counts for the meeting: the tables are where the
            // quiet voices are meant to be heard.
            for (const auto& person : event.table_reported().figures().people())
                both(person.member_id(), [&](person_figures& p) {
                    p.turns += person.turns();
                    p.floor_ms += person.floor_ms();
                    p.messages += person.messages();
                    p.words += person.words();
                });
            break;
        case pb::Event::kMessagePosted: {
            const auto& m = event.message_posted();
            if (m.anonymous() || m.member_id().empty()) break;  // counting it would reveal the author
            auto words = count_words(m.text());
            both(m.member_id(), [&](person_figures& p) {
                ++p.messages;
                p.words += words;
            });
            break;
        }
        case pb::Event::kReactionGiven:
            both(event.reaction_given().member_id(), [](person_figures& p) { ++p.reactions; });
            break;
        case pb::Event::kVoiceSpoken:
            both(event.voice_spoken().member_id(), [&](person_figures& p) {
                p.voiced_ms += std::max<std::int64_t>(0, event.voice_spoken().voiced_ms());
            });
            break;
        case pb::Event::kAgendaItemStarted:
            item_ = scope{event.agenda_item_started().item_id(), event.agenda_item_started().title(), at, {}};
            break;
        default: break;
    }
}

pb::ParticipationScope participation::session_scope(const std::vector<report_member>& people,
                                                    const pb::FloorState& floor, std::int64_t now_ms) const {
    return report(session_, people, floor, now_ms);
}

pb::ParticipationScope participation::item_scope(const std::vector<report_member>& people, const pb::FloorState& floor,
                                                 std::int64_t now_ms) const {
    return report(item_, people, floor, now_ms);
}

pb::ParticipationScope participation::report(const scope& s, const std::vector<report_member>& people,
                                             const pb::FloorState& floor, std::int64_t now_ms) const {
    pb::ParticipationScope out;
    out.set_agenda_item_id(s.item_id);
    out.set_title(s.title);
    std::vector<double> participant_floor;
    std::int64_t total_floor = 0;
    for (const auto& who : people) {
        auto it = s.people.find(who.member_id);
        const auto& f = it == s.people.end() ? nobody : it->second;
        auto* p = out.add_people();
        p->set_member_id(who.member_id);
        p->set_turns(f.turns);
        std::int64_t floor_ms = f.floor_ms;
        if (floor.holder_member_id() == who.member_id)
            floor_ms += floor_clock::spoken_ms(floor, now_ms) -
                        (s.started_ms > floor.started_at_ms() ? s.started_ms - floor.started_at_ms() : 0);
        p->set_floor_ms(std::max<std::int64_t>(0, floor_ms));
        p->set_messages(f.messages);
        p->set_words(f.words);
        p->set_hands_raised(f.hands_raised);
        std::int64_t waiting = f.waiting_ms, current = 0;
        for (const auto& [id, w] : waiting_) {
            if (w.member_id != who.member_id) continue;
            current = std::max(current, now_ms - w.since_ms);
            waiting += now_ms - std::max(w.since_ms, s.started_ms);
        }
        p->set_waiting_ms(waiting);
        p->set_current_wait_ms(current);
        p->set_hands_withdrawn(f.hands_withdrawn);
        p->set_hands_unanswered(f.hands_unanswered);
        p->set_reactions(f.reactions);
        p->set_voiced_ms(f.voiced_ms);
        total_floor += p->floor_ms();
        if (who.participant) {
            participant_floor.push_back(static_cast<double>(p->floor_ms()));
            if (p->turns() == 0 && p->messages() == 0) out.add_not_yet_spoken(who.member_id);
        }
        if (current > out.longest_wait_ms()) {
            out.set_longest_wait_ms(current);
            out.set_longest_waiting_member_id(who.member_id);
        }
    }
    for (int i = 0; i < out.people_size(); ++i) {
        auto* p = out.mutable_people(i);
        p->set_floor_share(total_floor > 0 ? static_cast<double>(p->floor_ms()) / static_cast<double>(total_floor) : 0);
    }
    out.set_floor_gini(gini(participant_floor));
    return out;
}

}  // namespace ts::room
