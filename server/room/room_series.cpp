// A series of meetings, as the room's core sees it: a series hands each of its meetings'
// rooms what it should know (its people, with the credentials that bring them in, and what
// carries over for those who agreed), a meeting's room takes it, and the meeting's report
// comes back. The rules of the series themselves are the series parts' (room/series/).
#include <algorithm>
#include <map>

#include "room/groups/table_part.hpp"
#include "room/lifecycle/lifecycle_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/preparation/readiness_part.hpp"
#include "room/room.hpp"
#include "room/room_checks.hpp"
#include "room/series/series_link_part.hpp"
#include "room/series/series_part.hpp"

namespace ts::room {

using namespace checks;

std::vector<meeting_link> room::meeting_links() const {
    std::vector<meeting_link> links;
    if (!series_->is_series()) return links;
    // The series' people: everyone who joined it to take part, each with their series link.
    pb::EventPrivate seated;
    std::vector<std::string> ids, carry_ids;
    for (const auto& record : members_) {
        const auto& m = record.member;
        if (m.role() != pb::PARTICIPANT || m.room_screen() || m.banned() || record.token_hash.empty()) continue;
        const bool carry = series_->carries(m.member_id());
        auto* s = seated.add_seated();
        *s->mutable_member() = m;
        s->mutable_member()->set_present(false);
        s->mutable_member()->set_in_room(false);
        // Pronouns are what they said here; only what they agreed to carry goes further.
        if (!carry) s->mutable_member()->clear_pronouns();
        s->set_resume_token_hash(record.token_hash);
        ids.push_back(m.member_id());
        if (carry) carry_ids.push_back(m.member_id());
    }
    seated.set_moderator_key_hash(moderator_key_hash_);
    for (const auto& planned : series_->meetings()) {
        auto& out = links.emplace_back();
        out.room_id = planned.room_id();
        out.planned = planned;
        out.link.set_series_room_id(id_);
        out.link.set_series_title(title_);
        out.link.set_number(planned.number());
        out.link.set_previous(planned.number() - 1);
        out.link.set_retention_days(lifecycle_->retention_days());
        for (const auto& id : ids) out.link.add_member_ids(id);
        out.hidden = seated;
        out.carry_ids = carry_ids;
    }
    return links;
}

outcome room::receive_meeting_report(const meeting_news& news, std::int64_t now_ms) {
    auto d = series_->accept_report(news.reported, news.figures);
    if (d.error) return failed(std::move(*d.error));
    outcome out;
    commit_answer(out, std::move(d), now_ms);
    return out;
}

outcome room::link_meeting(const meeting_link& link, std::int64_t now_ms) {
    if (!created()) return failed(pb::NOT_FOUND, "no such room");
    if (series_->is_series()) return failed(pb::CONFLICT, "this room is a series, not one of its meetings");
    if (table_->linked()) return failed(pb::CONFLICT, "this room is a table of a plenary");
    if (series_link_->linked() && series_link_->link().series_room_id() != link.link.series_room_id())
        return failed(pb::CONFLICT, "this room is a meeting of another series");
    outcome out;
    const bool first = !series_link_->linked();
    const auto kept_before = series_link_->link().retention_days();
    for (auto& e : series_link_->relink(link.link)) {
        pb::EventPrivate hidden;
        // The series' moderator key is recorded once, with the first link.
        if (!series_link_->linked()) hidden.set_moderator_key_hash(link.hidden.moderator_key_hash());
        commit(out, std::move(e.event), std::move(hidden), now_ms);
    }
    // How long the record is kept, as the series says: when linked, and when the series changes
    // it (in between, the meeting's moderators may set their own).
    if ((first || link.link.retention_days() != kept_before) &&
        link.link.retention_days() != lifecycle_->retention_days()) {
        pb::Event event;
        event.mutable_retention_changed()->set_days(link.link.retention_days());
        commit(out, std::move(event), {}, now_ms);
    }
    // When and where, as the series planned them; the meeting's moderators change them after.
    if (first && (!link.planned.when().empty() || !link.planned.place().empty())) {
        pb::Event event;
        auto* updated = event.mutable_room_updated();
        updated->set_title(title_);
        updated->set_purpose(purpose_);
        updated->set_when(link.planned.when());
        updated->set_place(link.planned.place());
        updated->set_language(language_);
        commit(out, std::move(event), {}, now_ms);
    }
    std::map<std::string, const pb::CarriedProfile*> carried;
    for (const auto& c : link.carried)
        if (std::find(link.carry_ids.begin(), link.carry_ids.end(), c.member_id()) != link.carry_ids.end())
            carried[c.member_id()] = &c;
    for (const auto& s : link.hidden.seated()) {
        const auto& id = s.member().member_id();
        if (find_member(id)) continue;
        pb::Event event;
        auto* joined = event.mutable_member_joined();
        *joined->mutable_member() = s.member();
        if (auto it = carried.find(id); it != carried.end() && !it->second->pronouns().empty())
            joined->mutable_member()->set_pronouns(it->second->pronouns());
        joined->set_seated(true);
        pb::EventPrivate hidden;
        hidden.set_resume_token_hash(s.resume_token_hash());
        commit(out, std::move(event), std::move(hidden), now_ms);
    }
    // What carries, set as theirs until they come in; from then on it is theirs to change.
    auto* needs = parts_.owner(pb::ClientMessage::kSetNeeds);
    auto* readiness = parts_.owner(pb::ClientMessage::kAnswerReadiness);
    for (const auto& s : link.hidden.seated()) {
        const auto& id = s.member().member_id();
        auto* record = find_member(id);
        if (!record || series_link_->came(id)) continue;
        auto it = carried.find(id);
        const pb::CarriedProfile none;
        const auto& wanted = it == carried.end() ? none : *it->second;
        if (needs_->needs_of(id).SerializeAsString() != wanted.needs().SerializeAsString()) {
            pb::ClientMessage set;
            *set.mutable_set_needs()->mutable_needs() = wanted.needs();
            auto done = run_part(*needs, set, *record, now_ms);
            for (auto& e : done.events) out.events.push_back(std::move(e));
        }
        if (readiness_->readiness_of(id).SerializeAsString() != wanted.readiness().SerializeAsString()) {
            pb::ClientMessage answer;
            *answer.mutable_answer_readiness()->mutable_readiness() = wanted.readiness();
            auto done = run_part(*readiness, answer, *record, now_ms);
            for (auto& e : done.events) out.events.push_back(std::move(e));
        }
    }
    return out;
}

}  // namespace ts::room
