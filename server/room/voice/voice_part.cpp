#include "room/voice/voice_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

namespace ts::room {

std::vector<command_policy> voice_part::policies() const {
    using M = pb::ClientMessage;
    return {{M::kSetVoice, actors::moderators, phases::until_closed, "only a moderator sets the room's voice"},
            {M::kSetMicrophone, actors::speakers | actor::room_screen, phases::until_closed,
             "an observer listens and is not heard", "one's own microphone (the room's screen: the room's)"},
            {M::kCloseMicrophone, actors::moderators, phases::until_closed,
             "only a moderator closes someone else's microphone"}};
}

std::vector<pb::Event::KindCase> voice_part::folds() const {
    return {pb::Event::kVoiceChanged, pb::Event::kMicrophoneChanged, pb::Event::kFloorChanged,
            pb::Event::kMemberJoined, pb::Event::kMemberLeft,        pb::Event::kRoleChanged};
}

decision voice_part::decide(const part_command& command) const {
    switch (command.message.command_case()) {
        case pb::ClientMessage::kSetVoice: return set_voice(command);
        case pb::ClientMessage::kSetMicrophone: return set_microphone(command);
        default: return close_microphone(command);
    }
}

decision voice_part::set_voice(const part_command& command) const {
    const auto& given = command.message.set_voice().settings();
    if (!pb::VoiceMode_IsValid(given.mode())) return decision::refuse(pb::BAD_REQUEST, "unknown voice mode");
    if (given.mode() == settings_.mode() && given.room_always_heard() == settings_.room_always_heard())
        return decision::refuse(pb::CONFLICT, "the room's voice is already set so");
    logged_event changed;
    auto* v = changed.event.mutable_voice_changed();
    v->mutable_settings()->set_mode(given.mode());
    v->mutable_settings()->set_room_always_heard(given.room_always_heard());
    v->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(changed));
}

namespace {

logged_event microphone_changed(const std::string& member_id, bool open, const std::string& by) {
    logged_event changed;
    auto* m = changed.event.mutable_microphone_changed();
    m->set_member_id(member_id);
    m->set_open(open);
    m->set_by_member_id(by);
    return changed;
}

}  // namespace

decision voice_part::set_microphone(const part_command& command) const {
    if (settings_.mode() == pb::VOICE_OFF) return decision::refuse(pb::CONFLICT, "the room has no voice");
    const auto& id = command.caller.member_id();
    const bool open = command.message.set_microphone().open();
    const bool is_open = std::find(open_.begin(), open_.end(), id) != open_.end();
    if (open == is_open)
        return decision::refuse(pb::CONFLICT,
                                open ? "your microphone is already open" : "your microphone is already closed");
    return decision::of(microphone_changed(id, open, id));
}

decision voice_part::close_microphone(const part_command& command) const {
    if (settings_.mode() == pb::VOICE_OFF) return decision::refuse(pb::CONFLICT, "the room has no voice");
    const auto& id = command.message.close_microphone().member_id();
    if (!command.room.member(id)) return decision::refuse(pb::NOT_FOUND, "no such member");
    if (std::find(open_.begin(), open_.end(), id) == open_.end())
        return decision::refuse(pb::CONFLICT, "that microphone is already closed");
    return decision::of(microphone_changed(id, false, command.caller.member_id()));
}

bool voice_part::allowed(const std::string& member_id) const {
    const auto it = members_.find(member_id);
    if (settings_.mode() == pb::VOICE_OFF || it == members_.end()) return false;
    const auto& m = it->second;
    if (m.role() == pb::OBSERVER && !m.room_screen()) return false;  // observers listen
    const bool moderator = m.role() == pb::MODERATOR;
    switch (settings_.mode()) {
        case pb::VOICE_OPEN: return true;
        case pb::VOICE_MODERATORS_ONLY: return moderator || (m.room_screen() && settings_.room_always_heard());
        default: break;
    }
    if (moderator || member_id == floor_holder_) return true;
    if (!m.room_screen()) return false;
    // The room's microphone: for the people in the room without a device, whose turns the
    // moderators record.
    const auto holder = members_.find(floor_holder_);
    return settings_.room_always_heard() || (holder != members_.end() && holder->second.in_room());
}

std::vector<std::string> voice_part::heard() const {
    std::vector<std::string> out;
    for (const auto& id : open_)
        if (allowed(id)) out.push_back(id);
    return out;
}

void voice_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    const auto close = [&](const std::string& id) { std::erase(open_, id); };
    switch (event.kind_case()) {
        case pb::Event::kVoiceChanged: settings_ = event.voice_changed().settings(); return;
        case pb::Event::kMicrophoneChanged: {
            const auto& m = event.microphone_changed();
            close(m.member_id());
            if (m.open()) open_.push_back(m.member_id());
            return;
        }
        case pb::Event::kFloorChanged: floor_holder_ = event.floor_changed().floor().holder_member_id(); return;
        case pb::Event::kMemberJoined: {
            const auto& joined = event.member_joined().member();
            auto& m = members_[joined.member_id()];
            m.set_role(joined.role());
            m.set_in_room(joined.in_room());
            m.set_room_screen(joined.room_screen());
            return;
        }
        // Someone who comes back starts with their microphone closed, as on a first join.
        case pb::Event::kMemberLeft: close(event.member_left().member_id()); return;
        case pb::Event::kRoleChanged:
            members_[event.role_changed().member_id()].set_role(event.role_changed().role());
            return;
        default: return;
    }
}

void voice_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (settings_.mode() == pb::VOICE_OFF && open_.empty()) return;
    auto* v = snapshot.mutable_voice();
    *v->mutable_settings() = settings_;
    for (const auto& id : open_) v->add_open_microphones(id);
    for (const auto& id : heard()) v->add_heard(id);
}

void voice_part::save(state_out& out) const { out(settings_, floor_holder_, open_, members_); }

void voice_part::load(state_in& in) { in(settings_, floor_holder_, open_, members_); }

}  // namespace ts::room
