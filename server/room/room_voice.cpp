// The room's voice: what the media server is to let through, and the voiced time it reports.
#include "room/room.hpp"
#include "room/room_checks.hpp"
#include "room/voice/voice_part.hpp"

namespace ts::room {

using namespace checks;

std::vector<std::string> room::heard() const { return voice_->heard(); }

bool room::has_voice() const { return voice_->settings().mode() != pb::VOICE_OFF && phase() != pb::CLOSED; }

outcome room::record_voice(const pb::VoiceSpoken& spoken, std::int64_t now_ms) {
    if (!find_member(spoken.member_id())) return failed(pb::BAD_REQUEST, "no such member");
    if (spoken.voiced_ms() < 0 || spoken.to_ms() < spoken.from_ms() ||
        spoken.voiced_ms() > spoken.to_ms() - spoken.from_ms())
        return failed(pb::BAD_REQUEST, "voiced time must fit the span it covers");
    pb::Event event;
    *event.mutable_voice_spoken() = spoken;
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

}  // namespace ts::room
