#include "room/briefing/briefing_part.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

decision briefing_part::decide(const part_command& command) const {
    if (command.caller.role() != pb::MODERATOR)
        return decision::refuse(pb::PERMISSION_DENIED, "only a moderator can write the briefing");
    logged_event updated;
    auto* b = updated.event.mutable_briefing_updated();
    // Markdown is kept as text: the client renders it, never as raw HTML.
    if (auto e = clean_text(command.message.set_briefing().text(), text_kind::prose, limits_.max_briefing_chars,
                            "the briefing", false, *b->mutable_text()))
        return decision{e, {}, {}};
    if (b->text() == briefing_.text()) return decision::refuse(pb::CONFLICT, "the briefing already says that");
    b->set_version(briefing_.version() + 1);
    b->set_by_member_id(command.caller.member_id());
    decision d;
    d.events.push_back(std::move(updated));
    return d;
}

void briefing_part::evolve(const pb::Event& event, const pb::EventPrivate&) { briefing_ = event.briefing_updated(); }

void briefing_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (briefing_.version() > 0) *snapshot.mutable_briefing() = briefing_;
}

}  // namespace ts::room
