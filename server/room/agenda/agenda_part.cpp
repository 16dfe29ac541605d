#include "room/agenda/agenda_part.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

decision agenda_part::decide(const part_command& command) const {
    if (command.caller.role() != pb::MODERATOR) return decision::refuse(pb::PERMISSION_DENIED, "only a moderator can do that");
    logged_event started;
    auto* item = started.event.mutable_agenda_item_started();
    if (auto e = clean_text(command.message.start_agenda_item().title(), text_kind::label, limits_.max_title_chars,
                            "the agenda item", true, *item->mutable_title()))
        return decision{e, {}, {}};
    item->set_item_id(numbered_id('a', started_ + 1));
    item->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(started));
}

void agenda_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    current_ = event.agenda_item_started();
    ++started_;
}

void agenda_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (!current_.item_id().empty()) *snapshot.mutable_agenda_item() = current_;
}

}  // namespace ts::room
