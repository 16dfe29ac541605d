#include "room/briefing/briefing_part.hpp"
#include "room/state_archive.hpp"

#include "room/languages.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

// Which of the other versions: "pl", "pl easy", " easy" (the room's own language, easy read).
std::string text_key(const std::string& language, bool easy_read) { return easy_read ? language + " easy" : language; }

}  // namespace

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

// Another language's or the easy-read version: written for the briefing as it is now.
decision briefing_part::set_version_for(const part_command& command) const {
    const auto& given = command.message.set_briefing();
    if (auto e = check_language(given.language(), false)) return decision::refuse(std::move(*e));
    if (briefing_.text().empty())
        return decision::refuse(pb::CONFLICT, "write the briefing itself first, then its other versions");
    logged_event updated;
    auto* b = updated.event.mutable_briefing_updated();
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_briefing_chars, "the briefing", false,
                            *b->mutable_text()))
        return decision::refuse(std::move(*e));
    const auto known = texts_.find(text_key(given.language(), given.easy_read()));
    if (b->text().empty() && known == texts_.end())
        return decision::refuse(pb::NOT_FOUND, "the briefing has no such version");
    if (known != texts_.end() && known->second.text() == b->text() && known->second.version() == briefing_.version())
        return decision::refuse(pb::CONFLICT, "that version of the briefing already says that");
    b->set_version(briefing_.version());
    b->set_language(given.language());
    b->set_easy_read(given.easy_read());
    b->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(updated));
}

decision briefing_part::decide(const part_command& command) const {
    if (command.message.has_confirm_briefing_read()) return confirm_read(command);
    if (!command.message.set_briefing().language().empty() || command.message.set_briefing().easy_read())
        return set_version_for(command);
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
    if (event.has_briefing_read()) {
        read_[event.briefing_read().member_id()] = event.briefing_read().version();
        return;
    }
    const auto& b = event.briefing_updated();
    if (!b.language().empty() || b.easy_read()) {
        if (b.text().empty())
            texts_.erase(text_key(b.language(), b.easy_read()));
        else
            texts_[text_key(b.language(), b.easy_read())] = b;
        return;
    }
    briefing_ = b;
    // Without the briefing itself, its other versions would stand for nothing.
    if (b.text().empty()) texts_.clear();
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
    for (const auto& [key, text] : texts_) *snapshot.add_briefing_texts() = text;
}

void briefing_part::save(state_out& out) const { out(briefing_, texts_, read_); }

void briefing_part::load(state_in& in) { in(briefing_, texts_, read_); }

}  // namespace ts::room
