#include "room/briefing/briefing_part.hpp"
#include "room/state_archive.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> briefing_part::policies() const {
    using M = pb::ClientMessage;
    return {{M::kSetBriefing, actors::moderators, phases::until_closed, "only a moderator can write the briefing"},
            {M::kConfirmBriefingRead, actors::people, phases::always, "the briefing is for the people taking part"}};
}

decision briefing_part::confirm_read(const part_command& command) const {
    const auto version = command.message.confirm_briefing_read().version();
    if (version == 0 || version > briefing_.version())
        return decision::refuse(pb::BAD_REQUEST, "there is no such version of the briefing");
    if (auto it = read_.find(command.caller.member_id()); it != read_.end() && it->second >= version)
        return decision::refuse(pb::CONFLICT, "you have already said you read it");
    logged_event read;
    read.event.mutable_briefing_read()->set_member_id(command.caller.member_id());
    read.event.mutable_briefing_read()->set_version(version);
    read.event.add_private_to(command.caller.member_id());
    return decision::of(std::move(read));
}

decision briefing_part::decide(const part_command& command) const {
    if (command.message.has_confirm_briefing_read()) return confirm_read(command);
    logged_event updated;
    auto* b = updated.event.mutable_briefing_updated();
    // Markdown is kept as text: the client renders it, never as raw HTML.
    if (auto e = clean_text(command.message.set_briefing().text(), text_kind::prose, limits_.max_briefing_chars,
                            "the briefing", false, *b->mutable_text()))
        return decision::refuse(std::move(*e));
    if (b->text() == briefing_.text()) return decision::refuse(pb::CONFLICT, "the briefing already says that");
    b->set_version(briefing_.version() + 1);
    b->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(updated));
}

void briefing_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    if (event.has_briefing_read())
        read_[event.briefing_read().member_id()] = event.briefing_read().version();
    else
        briefing_ = event.briefing_updated();
}

std::vector<std::string> briefing_part::read_latest(const std::vector<std::string>& member_ids) const {
    std::vector<std::string> out;
    if (briefing_.version() == 0) return out;
    for (const auto& id : member_ids)
        if (auto it = read_.find(id); it != read_.end() && it->second == briefing_.version()) out.push_back(id);
    return out;
}

void briefing_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (briefing_.version() > 0) *snapshot.mutable_briefing() = briefing_;
}

void briefing_part::save(state_out& out) const { out(briefing_, read_); }

void briefing_part::load(state_in& in) { in(briefing_, read_); }

}  // namespace ts::room
