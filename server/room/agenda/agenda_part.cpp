#include "room/agenda/agenda_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

#include "room/languages.hpp"
#include "room/room_checks.hpp"
#include "room/turns/floor_clock.hpp"

namespace ts::room {

using namespace checks;

namespace {

// What a moderator may say of an item, checked: title, description, who introduces it,
// its kind and time box.
std::optional<room_error> clean_item(const pb::AgendaItem& given, const room_limits& limits, pb::AgendaItem& out) {
    if (auto e = clean_text(given.title(), text_kind::label, limits.max_title_chars, "the item's title", true,
                            *out.mutable_title()))
        return e;
    if (auto e = clean_text(given.description(), text_kind::prose, limits.max_agenda_description_chars,
                            "the item's description", false, *out.mutable_description()))
        return e;
    if (auto e = clean_text(given.introduced_by(), text_kind::label, limits.max_display_name_chars,
                            "who introduces the item", false, *out.mutable_introduced_by()))
        return e;
    if (!pb::AgendaItemKind_IsValid(given.kind())) return room_error{pb::BAD_REQUEST, "unknown kind of item", 0};
    if (given.minutes() > limits.max_agenda_minutes)
        return room_error{pb::BAD_REQUEST,
                          "an item's time box is at most " + std::to_string(limits.max_agenda_minutes) + " minutes", 0};
    out.set_kind(given.kind());
    out.set_minutes(given.minutes());
    for (const auto& text : given.translations()) {
        if (auto e = check_language(text.language(), true)) return e;
        for (const auto& before : out.translations())
            if (before.language() == text.language())
                return room_error{pb::BAD_REQUEST, "an item has one text in each language", 0};
        auto* t = out.add_translations();
        t->set_language(text.language());
        if (auto e = clean_text(text.title(), text_kind::label, limits.max_title_chars, "the item's title", false,
                                *t->mutable_title()))
            return e;
        if (auto e = clean_text(text.description(), text_kind::prose, limits.max_agenda_description_chars,
                                "the item's description", false, *t->mutable_description()))
            return e;
        // A language with nothing to say in it is simply not given.
        if (t->title().empty() && t->description().empty()) out.mutable_translations()->RemoveLast();
    }
    return std::nullopt;
}

}  // namespace

const pb::AgendaItem* agenda_part::find(const std::string& item_id) const {
    if (item_id.empty()) return nullptr;
    auto it =
        std::find_if(items_.begin(), items_.end(), [&](const pb::AgendaItem& i) { return i.item_id() == item_id; });
    return it == items_.end() ? nullptr : &*it;
}

pb::AgendaItem* agenda_part::find(const std::string& item_id) {
    return const_cast<pb::AgendaItem*>(std::as_const(*this).find(item_id));
}

std::vector<command_policy> agenda_part::policies() const {
    using M = pb::ClientMessage;
    const char* refusal = "only a moderator changes or runs the agenda";
    // The agenda is planned beforehand, and read as part of the briefing; it runs in the meeting.
    return {{M::kStartAgendaItem, actors::moderators, phases::live, refusal},
            {M::kPlanAgendaItem, actors::moderators, phases::until_closed, refusal},
            {M::kRemoveAgendaItem, actors::moderators, phases::until_closed, refusal},
            {M::kMoveAgendaItem, actors::moderators, phases::until_closed, refusal},
            {M::kEndAgendaItem, actors::moderators, phases::live, refusal},
            {M::kExtendAgendaItem, actors::moderators, phases::live, refusal}};
}

decision agenda_part::decide(const part_command& command) const {
    switch (command.message.command_case()) {
        case pb::ClientMessage::kPlanAgendaItem: return plan(command);
        case pb::ClientMessage::kRemoveAgendaItem: return remove(command);
        case pb::ClientMessage::kMoveAgendaItem: return move(command);
        case pb::ClientMessage::kExtendAgendaItem: return extend(command);
        case pb::ClientMessage::kEndAgendaItem:
            if (!current()) return decision::refuse(pb::CONFLICT, "no item is under way");
            return decision::of(ended(*current(), command.caller.member_id(), command.now_ms));
        default: return start(command);
    }
}

decision agenda_part::plan(const part_command& command) const {
    const auto& given = command.message.plan_agenda_item().item();
    logged_event planned;
    auto* p = planned.event.mutable_agenda_item_planned();
    auto* item = p->mutable_item();
    if (auto e = clean_item(given, limits_, *item)) return decision::refuse(std::move(*e));
    if (given.item_id().empty()) {
        if (items_.size() >= limits_.max_agenda_items)
            return decision::refuse(
                pb::CONFLICT, "the agenda has " + std::to_string(limits_.max_agenda_items) + " items, the most it can");
        item->set_item_id(numbered_id('a', ids_ + 1));
        p->set_added(true);
    } else {
        const auto* known = find(given.item_id());
        if (!known) return decision::refuse(pb::NOT_FOUND, "no agenda item has that id");
        if (known->status() != pb::AGENDA_PLANNED && given.minutes() != known->minutes())
            return decision::refuse(pb::CONFLICT, "this item has started: give it more time instead");
        item->set_item_id(known->item_id());
    }
    item->set_planned(true);
    p->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(planned));
}

decision agenda_part::remove(const part_command& command) const {
    const auto& id = command.message.remove_agenda_item().item_id();
    const auto* item = find(id);
    if (!item) return decision::refuse(pb::NOT_FOUND, "no agenda item has that id");
    if (item->status() != pb::AGENDA_PLANNED)
        return decision::refuse(pb::CONFLICT, "an item that has started stays on the record");
    logged_event removed;
    removed.event.mutable_agenda_item_removed()->set_item_id(id);
    removed.event.mutable_agenda_item_removed()->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(removed));
}

decision agenda_part::move(const part_command& command) const {
    const auto& given = command.message.move_agenda_item();
    if (!find(given.item_id())) return decision::refuse(pb::NOT_FOUND, "no agenda item has that id");
    if (given.position() >= items_.size()) return decision::refuse(pb::BAD_REQUEST, "the agenda has no such place");
    logged_event moved;
    auto* m = moved.event.mutable_agenda_item_moved();
    m->set_item_id(given.item_id());
    m->set_position(given.position());
    m->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(moved));
}

decision agenda_part::start(const part_command& command) const {
    const auto& given = command.message.start_agenda_item();
    logged_event started;
    auto* s = started.event.mutable_agenda_item_started();
    if (!given.item_id().empty()) {
        const auto* item = find(given.item_id());
        if (!item) return decision::refuse(pb::NOT_FOUND, "no agenda item has that id");
        if (item->status() == pb::AGENDA_CURRENT) return decision::refuse(pb::CONFLICT, "that item is under way");
        if (item->status() == pb::AGENDA_DONE)
            return decision::refuse(pb::CONFLICT, "that item is done; add another to come back to it");
        s->set_item_id(item->item_id());
        s->set_title(item->title());
        s->set_minutes(item->minutes());
    } else if (!given.title().empty()) {
        // Nobody planned it: it joins the agenda as it starts, with no time box.
        if (items_.size() >= limits_.max_agenda_items)
            return decision::refuse(
                pb::CONFLICT, "the agenda has " + std::to_string(limits_.max_agenda_items) + " items, the most it can");
        if (auto e = clean_text(given.title(), text_kind::label, limits_.max_title_chars, "the agenda item", true,
                                *s->mutable_title()))
            return decision::refuse(std::move(*e));
        s->set_item_id(numbered_id('a', ids_ + 1));
    } else {
        auto next = std::find_if(items_.begin(), items_.end(),
                                 [](const pb::AgendaItem& i) { return i.status() == pb::AGENDA_PLANNED; });
        if (next == items_.end()) return decision::refuse(pb::CONFLICT, "no planned item is left");
        s->set_item_id(next->item_id());
        s->set_title(next->title());
        s->set_minutes(next->minutes());
    }
    s->set_by_member_id(command.caller.member_id());
    s->set_queue_cleared(given.clear_queue());
    decision d;
    if (const auto* now = current()) d.events.push_back(ended(*now, command.caller.member_id(), command.now_ms));
    d.events.push_back(std::move(started));
    if (given.clear_queue()) d.then.emplace().mutable_clear_queue();
    return d;
}

decision agenda_part::extend(const part_command& command) const {
    const auto* item = current();
    if (!item) return decision::refuse(pb::CONFLICT, "no item is under way");
    const auto added = command.message.extend_agenda_item().minutes();
    if (added == 0) return decision::refuse(pb::BAD_REQUEST, "give at least a minute more");
    if (std::uint64_t{item->minutes()} + added > limits_.max_agenda_minutes)
        return decision::refuse(pb::BAD_REQUEST, "an item's time box is at most " +
                                                     std::to_string(limits_.max_agenda_minutes) + " minutes");
    logged_event extended;
    auto* x = extended.event.mutable_agenda_item_extended();
    x->set_item_id(item->item_id());
    x->set_added_minutes(added);
    x->set_minutes(item->minutes() + added);
    x->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(extended));
}

logged_event agenda_part::ended(const pb::AgendaItem& item, const std::string& by, std::int64_t now_ms) const {
    logged_event out;
    auto* e = out.event.mutable_agenda_item_ended();
    e->set_item_id(item.item_id());
    e->set_used_ms(floor_clock::spoken_ms(item.clock(), now_ms));
    e->set_minutes(item.minutes());
    e->set_by_member_id(by);
    return out;
}

decision agenda_part::react(const pb::Event& event, const room_view&, std::int64_t now_ms) const {
    std::vector<logged_event> out;
    if (event.room_phase_changed().phase() == pb::CLOSED && current()) out.push_back(ended(*current(), "", now_ms));
    return decision::of(std::move(out));
}

decision agenda_part::tick(const room_view&, std::int64_t now_ms) const {
    std::vector<logged_event> out;
    const auto* item = current();
    if (!item || item->minutes() == 0) return decision::of(std::move(out));
    auto due = [&](bool time_up) {
        auto& e = out.emplace_back();
        e.event.mutable_agenda_item_time()->set_item_id(item->item_id());
        e.event.mutable_agenda_item_time()->set_time_up(time_up);
    };
    if (auto at = floor_clock::warning_at(item->clock(), limits_.agenda_warning_seconds); at && *at <= now_ms)
        due(false);
    if (auto at = floor_clock::time_up_at(item->clock()); at && *at <= now_ms) due(true);
    return decision::of(std::move(out));
}

std::optional<std::int64_t> agenda_part::next_deadline(const room_view&) const {
    const auto* item = current();
    if (!item || item->minutes() == 0) return std::nullopt;
    auto warning = floor_clock::warning_at(item->clock(), limits_.agenda_warning_seconds);
    auto time_up = floor_clock::time_up_at(item->clock());
    if (warning && time_up) return std::min(*warning, *time_up);
    return warning ? warning : time_up;
}

void agenda_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    const auto at = event.at_ms();
    switch (event.kind_case()) {
        case pb::Event::kAgendaItemPlanned: {
            const auto& given = event.agenda_item_planned();
            if (given.added()) {
                auto& item = items_.emplace_back(given.item());
                item.set_status(pb::AGENDA_PLANNED);
                ++ids_;
            } else if (auto* item = find(given.item().item_id())) {
                item->set_title(given.item().title());
                item->set_description(given.item().description());
                item->set_introduced_by(given.item().introduced_by());
                item->set_kind(given.item().kind());
                *item->mutable_translations() = given.item().translations();
                if (item->status() == pb::AGENDA_PLANNED) item->set_minutes(given.item().minutes());
            }
            return;
        }
        case pb::Event::kAgendaItemRemoved:
            std::erase_if(
                items_, [&](const pb::AgendaItem& i) { return i.item_id() == event.agenda_item_removed().item_id(); });
            return;
        case pb::Event::kAgendaItemMoved: {
            const auto& m = event.agenda_item_moved();
            auto it = std::find_if(items_.begin(), items_.end(),
                                   [&](const pb::AgendaItem& i) { return i.item_id() == m.item_id(); });
            if (it == items_.end()) return;
            auto item = std::move(*it);
            items_.erase(it);
            items_.insert(items_.begin() + std::min<std::ptrdiff_t>(m.position(), std::ssize(items_)), std::move(item));
            return;
        }
        case pb::Event::kAgendaItemStarted: {
            const auto& s = event.agenda_item_started();
            // Records from before the agenda was planned started items without ending the one
            // before: it ends here.
            if (auto* before = find(current_id_); before && before->item_id() != s.item_id()) {
                before->set_used_ms(floor_clock::spoken_ms(before->clock(), at));
                before->set_status(pb::AGENDA_DONE);
                before->clear_clock();
            }
            auto* item = find(s.item_id());
            if (!item) {
                item = &items_.emplace_back();
                item->set_item_id(s.item_id());
                item->set_title(s.title());
                ++ids_;
            }
            item->set_status(pb::AGENDA_CURRENT);
            *item->mutable_clock() =
                floor_clock::grant(s.item_id(), pb::HAND_KIND_UNSPECIFIED, s.title(), s.minutes() * 60, at);
            if (paused_) floor_clock::pause(*item->mutable_clock(), at);
            current_id_ = s.item_id();
            last_started_ = s;
            return;
        }
        case pb::Event::kAgendaItemEnded:
            if (auto* item = find(event.agenda_item_ended().item_id())) {
                item->set_status(pb::AGENDA_DONE);
                item->set_used_ms(event.agenda_item_ended().used_ms());
                item->clear_clock();
            }
            if (current_id_ == event.agenda_item_ended().item_id()) current_id_.clear();
            return;
        case pb::Event::kAgendaItemExtended:
            if (auto* item = find(event.agenda_item_extended().item_id())) {
                item->set_minutes(event.agenda_item_extended().minutes());
                floor_clock::add_time(*item->mutable_clock(), event.agenda_item_extended().added_minutes() * 60,
                                      limits_.agenda_warning_seconds, at);
            }
            return;
        case pb::Event::kAgendaItemTime:
            if (auto* item = find(event.agenda_item_time().item_id())) {
                if (event.agenda_item_time().time_up())
                    item->mutable_clock()->set_time_up(true);
                else
                    item->mutable_clock()->set_warned(true);
            }
            return;
        case pb::Event::kPauseChanged: {
            paused_ = event.pause_changed().paused();
            auto* item = find(current_id_);
            if (!item || item->clock().paused() == paused_) return;
            if (paused_)
                floor_clock::pause(*item->mutable_clock(), at);
            else
                floor_clock::resume(*item->mutable_clock(), at);
            return;
        }
        default: return;
    }
}

void agenda_part::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& item : items_) *snapshot.add_agenda() = item;
    if (current()) *snapshot.mutable_agenda_item() = last_started_;
}

void agenda_part::save(state_out& out) const { out(items_, current_id_, last_started_, ids_, paused_); }

void agenda_part::load(state_in& in) { in(items_, current_id_, last_started_, ids_, paused_); }

}  // namespace ts::room
