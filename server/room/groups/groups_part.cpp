#include "room/groups/groups_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "room/groups/table_assignment.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

constexpr std::int64_t minute_ms = 60'000;

}  // namespace

std::string groups_part::table_room_id(const std::string& plenary_id, std::uint32_t round, std::uint32_t number) {
    return plenary_id + "-" + std::to_string(round) + "-" + std::to_string(number);
}

bool groups_part::seatable(const pb::Member& member) {
    return member.role() == pb::PARTICIPANT && !member.room_screen() && !member.banned();
}

std::vector<command_policy> groups_part::policies() const {
    using M = pb::ClientMessage;
    const char* refusal = "only a moderator runs the small groups";
    return {{M::kOpenGroups, actors::moderators, phases::live, refusal},
            {M::kMoveToTable, actors::moderators, phases::live, refusal},
            {M::kChooseTable, actors::participants, phases::live, "only people taking part choose a table",
             "while the groups run with people's own choice of table"},
            {M::kExtendGroups, actors::moderators, phases::live, refusal},
            {M::kBroadcastToTables, actors::moderators, phases::live, refusal},
            {M::kCloseGroups, actors::moderators, phases::live, refusal}};
}

decision groups_part::decide(const part_command& command) const {
    if (is_table_) return decision::refuse(pb::CONFLICT, "a table does not split into tables: the plenary does");
    switch (command.message.command_case()) {
        case pb::ClientMessage::kOpenGroups: return open(command);
        case pb::ClientMessage::kMoveToTable: return move(command);
        case pb::ClientMessage::kChooseTable: return choose(command);
        case pb::ClientMessage::kExtendGroups: return extend(command);
        case pb::ClientMessage::kBroadcastToTables: return broadcast(command);
        default:
            if (!state_.open()) return decision::refuse(pb::CONFLICT, "no groups are open");
            return decision::of(closed(false, command.caller.member_id()));
    }
}

decision groups_part::open(const part_command& command) const {
    const auto& given = command.message.open_groups();
    if (state_.open()) return decision::refuse(pb::CONFLICT, "the groups are open already: close them first");
    if (state_.round() >= limits_.max_group_rounds)
        return decision::refuse(pb::CONFLICT, "this meeting has split into groups " +
                                                  std::to_string(limits_.max_group_rounds) + " times, the most it can");
    const auto n = given.tables();
    if (n < 2 || n > limits_.max_tables)
        return decision::refuse(pb::BAD_REQUEST, "open 2 to " + std::to_string(limits_.max_tables) + " tables");
    if (given.minutes() < 1 || given.minutes() > limits_.max_group_minutes)
        return decision::refuse(
            pb::BAD_REQUEST, "the groups' time box is 1 to " + std::to_string(limits_.max_group_minutes) + " minutes");
    if (given.assignment() == pb::ASSIGN_UNSPECIFIED || !pb::TableAssignment_IsValid(given.assignment()))
        return decision::refuse(pb::BAD_REQUEST, "say how people are seated: random, balanced, choice or by hand");
    if (static_cast<std::size_t>(given.names_size()) > n || static_cast<std::size_t>(given.facilitator_ids_size()) > n)
        return decision::refuse(pb::BAD_REQUEST, "more names or facilitators than tables");

    logged_event out;
    auto* opened = out.event.mutable_groups_opened();
    if (auto e = clean_text(given.task(), text_kind::prose, limits_.max_message_chars, "the task", false,
                            *opened->mutable_task()))
        return decision::refuse(std::move(*e));
    const auto round = state_.round() + 1;
    for (std::uint32_t t = 1; t <= n; ++t) {
        auto* table = opened->add_tables();
        table->set_number(t);
        table->set_room_id(table_room_id(command.room.room_id(), round, t));
        const std::string name = t <= static_cast<std::uint32_t>(given.names_size()) ? given.names(int(t - 1)) : "";
        if (auto e = clean_text(name, text_kind::label, limits_.max_topic_chars, "a table's name", false,
                                *table->mutable_name()))
            return decision::refuse(std::move(*e));
        if (table->name().empty()) table->set_name("Table " + std::to_string(t));
    }

    // Who may sit at a table: people taking part who are here (on a device or in the room).
    std::vector<const pb::Member*> here;
    command.room.for_each_member([&](const pb::Member& m) {
        if (seatable(m) && m.present()) here.push_back(&m);
    });
    std::set<std::string> placed;  // facilitators and people seated by hand
    seating tables(n);
    std::vector<std::string> facilitators(n);
    for (int i = 0; i < given.facilitator_ids_size(); ++i) {
        const auto& id = given.facilitator_ids(i);
        if (id.empty()) continue;
        const auto* m = command.room.member(id);
        if (!m || !m->present() || m->in_room() || m->room_screen() || m->role() == pb::OBSERVER)
            return decision::refuse(pb::NOT_FOUND, "a facilitator is someone here online who takes part or moderates");
        if (!placed.insert(id).second) return decision::refuse(pb::BAD_REQUEST, "one facilitator per table");
        facilitators[static_cast<std::size_t>(i)] = id;
        tables[static_cast<std::size_t>(i)].push_back(id);
    }
    std::vector<seat_candidate> rest;
    if (given.assignment() == pb::ASSIGN_BY_HAND) {
        for (const auto& seat : given.seats()) {
            const auto* m = command.room.member(seat.member_id());
            if (!m || !seatable(*m) || !m->present())
                return decision::refuse(pb::NOT_FOUND, "someone seated by hand is not here to take part");
            if (seat.table() < 1 || seat.table() > n) return decision::refuse(pb::BAD_REQUEST, "no such table");
            if (!placed.insert(seat.member_id()).second)
                return decision::refuse(pb::BAD_REQUEST, "everyone sits at one table");
            tables[seat.table() - 1].push_back(seat.member_id());
        }
    }
    for (const auto* m : here)
        if (!placed.count(m->member_id()))
            rest.push_back({m->member_id(), command.room.heard_ms(m->member_id()),
                            given.use_needs() && command.room.shared_needs(m->member_id())});
    auto merge = [&](const seating& dealt) {
        for (std::size_t t = 0; t < n; ++t) tables[t].insert(tables[t].end(), dealt[t].begin(), dealt[t].end());
    };
    switch (given.assignment()) {
        case pb::ASSIGN_RANDOM:
            // The room has no randomness of its own: the time and the room's id seed the shuffle.
            merge(assign_random(
                rest, n,
                static_cast<std::uint64_t>(command.now_ms) ^ std::hash<std::string>{}(command.room.room_id())));
            break;
        case pb::ASSIGN_BALANCED: merge(assign_balanced(rest, n)); break;
        case pb::ASSIGN_BY_HAND: {
            std::vector<std::string> ids;
            for (const auto& c : rest) ids.push_back(c.member_id);
            seat_the_rest(tables, ids);
            break;
        }
        default: break;  // choice: people pick their own table
    }
    for (std::uint32_t t = 0; t < n; ++t) {
        auto* table = opened->mutable_tables(static_cast<int>(t));
        for (const auto& id : tables[t]) table->add_member_ids(id);
        table->set_facilitator_id(facilitators[t]);
    }
    opened->set_round(round);
    opened->set_opened_at_ms(command.now_ms);
    opened->set_ends_at_ms(command.now_ms + given.minutes() * minute_ms);
    opened->set_assignment(given.assignment());
    opened->set_agenda_item_id(item_id_);
    opened->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(out));
}

std::uint32_t groups_part::table_of(const std::string& member_id) const {
    for (const auto& table : state_.opened().tables())
        for (const auto& id : table.member_ids())
            if (id == member_id) return table.number();
    return 0;
}

logged_event groups_part::moved(const std::string& member_id, std::uint32_t to, const std::string& by) const {
    logged_event out;
    auto* m = out.event.mutable_table_moved();
    m->set_round(state_.round());
    m->set_member_id(member_id);
    m->set_from_table(table_of(member_id));
    m->set_to_table(to);
    m->set_by_member_id(by);
    return out;
}

logged_event groups_part::closed(bool time_up, const std::string& by) const {
    logged_event out;
    auto* c = out.event.mutable_groups_closed();
    c->set_round(state_.round());
    c->set_time_up(time_up);
    c->set_by_member_id(by);
    return out;
}

decision groups_part::move(const part_command& command) const {
    const auto& given = command.message.move_to_table();
    if (!state_.open()) return decision::refuse(pb::CONFLICT, "no groups are open");
    const auto* m = command.room.member(given.member_id());
    if (!m || !(seatable(*m) || table_of(m->member_id()) != 0))
        return decision::refuse(pb::NOT_FOUND, "no such person to seat");
    if (given.table() < 1 || given.table() > static_cast<std::uint32_t>(state_.opened().tables_size()))
        return decision::refuse(pb::BAD_REQUEST, "no such table");
    if (table_of(m->member_id()) == given.table()) return decision::refuse(pb::CONFLICT, "they sit there already");
    return decision::of(moved(m->member_id(), given.table(), command.caller.member_id()));
}

decision groups_part::choose(const part_command& command) const {
    const auto table = command.message.choose_table().table();
    if (!state_.open()) return decision::refuse(pb::CONFLICT, "no groups are open");
    if (state_.opened().assignment() != pb::ASSIGN_CHOICE)
        return decision::refuse(pb::PERMISSION_DENIED, "the moderators seated people this time");
    if (table < 1 || table > static_cast<std::uint32_t>(state_.opened().tables_size()))
        return decision::refuse(pb::BAD_REQUEST, "no such table");
    if (table_of(command.caller.member_id()) == table) return decision::refuse(pb::CONFLICT, "you sit there already");
    return decision::of(moved(command.caller.member_id(), table, command.caller.member_id()));
}

decision groups_part::extend(const part_command& command) const {
    const auto minutes = command.message.extend_groups().minutes();
    if (!state_.open()) return decision::refuse(pb::CONFLICT, "no groups are open");
    if (minutes == 0) return decision::refuse(pb::BAD_REQUEST, "give a minute more or less, at least");
    const auto ends = state_.opened().ends_at_ms() + std::int64_t{minutes} * minute_ms;
    if (ends <= command.now_ms) return decision::refuse(pb::BAD_REQUEST, "that would end them in the past: close them");
    if (ends - state_.opened().opened_at_ms() > std::int64_t{limits_.max_group_minutes} * minute_ms)
        return decision::refuse(pb::BAD_REQUEST, "the groups' time box is at most " +
                                                     std::to_string(limits_.max_group_minutes) + " minutes");
    logged_event out;
    auto* x = out.event.mutable_groups_extended();
    x->set_round(state_.round());
    x->set_ends_at_ms(ends);
    x->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(out));
}

decision groups_part::broadcast(const part_command& command) const {
    if (!state_.open()) return decision::refuse(pb::CONFLICT, "no groups are open");
    logged_event out;
    auto* b = out.event.mutable_tables_broadcast();
    if (auto e = clean_text(command.message.broadcast_to_tables().text(), text_kind::prose, limits_.max_message_chars,
                            "the message", true, *b->mutable_text()))
        return decision::refuse(std::move(*e));
    b->set_round(state_.round());
    b->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(out));
}

decision groups_part::react(const pb::Event& event, const room_view&, std::int64_t) const {
    if (!state_.open()) return {};
    if (event.has_room_phase_changed()) {
        if (event.room_phase_changed().phase() != pb::CLOSED) return {};
        return decision::of(closed(false, ""));
    }
    // Someone new (or back without a table) sits at the smallest table, unless people choose.
    const auto& m = event.member_joined().member();
    if (!seatable(m) || !m.present() || table_of(m.member_id()) != 0 ||
        state_.opened().assignment() == pb::ASSIGN_CHOICE)
        return {};
    seating sizes;
    for (const auto& t : state_.opened().tables()) sizes.emplace_back(t.member_ids().begin(), t.member_ids().end());
    return decision::of(moved(m.member_id(), smallest_table(sizes), ""));
}

decision groups_part::tick(const room_view&, std::int64_t now_ms) const {
    if (!state_.open() || now_ms < state_.opened().ends_at_ms()) return {};
    return decision::of(closed(true, ""));
}

std::optional<std::int64_t> groups_part::next_deadline(const room_view&) const {
    if (!state_.open()) return std::nullopt;
    return state_.opened().ends_at_ms();
}

decision groups_part::accept_report(const pb::TableReported& report) const {
    if (report.round() < 1 || report.round() > state_.round() || (report.round() == state_.round() && state_.open()))
        return decision::refuse(pb::CONFLICT, "no such closed round of groups");
    for (const auto& r : state_.reports())
        if (r.round() == report.round() && r.table() == report.table()) return {};
    logged_event out;
    *out.event.mutable_table_reported() = report;
    return decision::of(std::move(out));
}

void groups_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    switch (event.kind_case()) {
        case pb::Event::kGroupsOpened:
            state_.set_round(event.groups_opened().round());
            state_.set_open(true);
            *state_.mutable_opened() = event.groups_opened();
            state_.clear_broadcasts();
            state_.clear_closed();
            return;
        case pb::Event::kTableMoved: {
            const auto& m = event.table_moved();
            for (auto& table : *state_.mutable_opened()->mutable_tables()) {
                auto* ids = table.mutable_member_ids();
                ids->erase(std::remove(ids->begin(), ids->end(), m.member_id()), ids->end());
                if (table.facilitator_id() == m.member_id()) table.clear_facilitator_id();
                if (table.number() == m.to_table()) table.add_member_ids(m.member_id());
            }
            return;
        }
        case pb::Event::kGroupsExtended:
            state_.mutable_opened()->set_ends_at_ms(event.groups_extended().ends_at_ms());
            return;
        case pb::Event::kTablesBroadcast: state_.add_broadcasts(event.tables_broadcast().text()); return;
        case pb::Event::kGroupsClosed:
            state_.set_open(false);
            *state_.mutable_closed() = event.groups_closed();
            return;
        case pb::Event::kTableReported: *state_.add_reports() = event.table_reported(); return;
        case pb::Event::kAgendaItemStarted: item_id_ = event.agenda_item_started().item_id(); return;
        case pb::Event::kAgendaItemEnded: item_id_.clear(); return;
        case pb::Event::kTableLinked: is_table_ = true; return;
        default: return;
    }
}

void groups_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (state_.round() > 0) *snapshot.mutable_groups() = state_;
}

void groups_part::save(state_out& out) const { out(state_, item_id_, is_table_); }

void groups_part::load(state_in& in) { in(state_, item_id_, is_table_); }

}  // namespace ts::room
