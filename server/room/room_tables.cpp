// Small groups, as the room's core sees them: a plenary hands each table's room what it
// should know (who sits there, with the credentials that bring them in), a table's room
// takes it, and the table's report comes back. The rules of the groups themselves are the
// groups and table parts' (room/groups/).
#include <algorithm>
#include <set>

#include "room/groups/groups_part.hpp"
#include "room/groups/table_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/room.hpp"
#include "room/room_checks.hpp"
#include "room/text_rules.hpp"

namespace ts::room {

using namespace checks;

std::int64_t room::heard_ms(const std::string& member_id) const { return figures().session(member_id).floor_ms; }

bool room::shared_needs(const std::string& member_id) const {
    auto needs = needs_->needs_of(member_id);
    if (!needs.share_with_moderators()) return false;
    needs.clear_share_with_moderators();
    return needs.ByteSizeLong() > 0;
}

std::vector<table_link> room::table_links() const {
    std::vector<table_link> links;
    const auto& groups = groups_->state();
    if (groups.round() == 0) return links;
    const auto& opened = groups.opened();
    for (const auto& table : opened.tables()) {
        auto& out = links.emplace_back();
        out.room_id = table.room_id();
        out.title = first_code_points(table.name() + " — " + title_, limits_.max_title_chars);
        auto& link = out.link;
        link.set_plenary_room_id(id_);
        link.set_round(groups.round());
        link.set_number(table.number());
        link.set_name(table.name());
        link.set_tables(static_cast<std::uint32_t>(opened.tables_size()));
        link.set_task(opened.task());
        link.set_ends_at_ms(opened.ends_at_ms());
        *link.mutable_member_ids() = table.member_ids();
        link.set_facilitator_id(table.facilitator_id());
        *link.mutable_broadcasts() = groups.broadcasts();
        link.set_closed(!groups.open());
        out.hidden.set_moderator_key_hash(moderator_key_hash_);
        for (const auto& id : table.member_ids()) {
            const auto* record = find_member(id);
            if (!record) continue;
            auto* seated = out.hidden.add_seated();
            auto* m = seated->mutable_member();
            *m = record->member;
            m->set_present(false);
            m->set_role(id == table.facilitator_id() ? pb::MODERATOR : pb::PARTICIPANT);
            seated->set_resume_token_hash(record->token_hash);
        }
    }
    return links;
}

std::vector<std::string> room::tables_to_report() const {
    std::vector<std::string> wanted;
    const auto& groups = groups_->state();
    if (groups.round() == 0 || groups.open()) return wanted;
    std::set<std::uint32_t> in;
    for (const auto& r : groups.reports())
        if (r.round() == groups.round()) in.insert(r.table());
    for (const auto& table : groups.opened().tables())
        if (!in.count(table.number())) wanted.push_back(table.room_id());
    return wanted;
}

outcome room::receive_table_report(const pb::TableReported& report, std::int64_t now_ms) {
    outcome out;
    auto d = groups_->accept_report(report);
    if (d.error) return failed(std::move(*d.error));
    commit_answer(out, std::move(d), now_ms);
    return out;
}

outcome room::link_table(const table_link& link, std::int64_t now_ms) {
    if (!created()) return failed(pb::NOT_FOUND, "no such room");
    if (table_->linked() && table_->link().plenary_room_id() != link.link.plenary_room_id())
        return failed(pb::CONFLICT, "this room is a table of another plenary");
    outcome out;
    std::set<std::string> seated;
    for (const auto& s : link.hidden.seated()) seated.insert(s.member().member_id());
    // Moved to another table (as the link stood before this one).
    std::vector<std::string> gone;
    for (const auto& id : table_->link().member_ids())
        if (!seated.count(id)) gone.push_back(id);
    // The link first: people are seated in a room that is a table already (replay checks it).
    for (auto& e : table_->relink(link.link)) {
        pb::EventPrivate hidden;
        // The moderator key's hash is recorded once, with the first link.
        if (!table_->linked()) hidden.set_moderator_key_hash(link.hidden.moderator_key_hash());
        commit(out, std::move(e.event), std::move(hidden), now_ms);
    }
    for (const auto& s : link.hidden.seated()) {
        const auto* known = find_member(s.member().member_id());
        if (!known) {
            pb::Event event;
            *event.mutable_member_joined()->mutable_member() = s.member();
            event.mutable_member_joined()->set_seated(true);
            pb::EventPrivate hidden;
            hidden.set_resume_token_hash(s.resume_token_hash());
            commit(out, std::move(event), std::move(hidden), now_ms);
        } else if (known->member.role() != s.member().role() && known->member.role() != pb::OBSERVER) {
            // Made the table's facilitator, or no longer.
            pb::Event event;
            event.mutable_role_changed()->set_member_id(s.member().member_id());
            event.mutable_role_changed()->set_role(s.member().role());
            commit(out, std::move(event), {}, now_ms);
        }
    }
    // Their place here goes, with their connections.
    for (const auto& id : gone) {
        auto* record = find_member(id);
        if (!record) continue;
        if (record->member.present()) {
            pb::Event event;
            event.mutable_member_left()->set_member_id(id);
            event.mutable_member_left()->set_reason(pb::MOVED_TABLE);
            commit(out, std::move(event), {}, now_ms);
        }
        auto closed = presence_.detach_all(static_cast<std::size_t>(record - members_.data()));
        out.closed_connections.insert(out.closed_connections.end(), closed.begin(), closed.end());
    }
    return out;
}

}  // namespace ts::room
