// The room's voice, as its host carries it: the owner tells the media server (through the
// directory's voice_bridge) whose voices to let through, and tells everyone whether voice works.
#include <boost/asio/post.hpp>

#include "app/room_host.hpp"
#include "base/log.hpp"
#include "net/server_frames.hpp"

namespace ts::app {

namespace asio = boost::asio;

void room_host::report_voice() {
    if (!hooks_.on_voice || holding_.replica) return;
    voice_plan plan;
    plan.on = room_.has_voice();
    if (plan.on) plan.heard = room_.heard();
    // A room that never had voice says nothing: most rooms have none.
    if (voice_plan_ ? *voice_plan_ == plan : !plan.on) return;
    voice_plan_ = plan;
    if (!plan.on) voice_status_.reset();
    hooks_.on_voice(shared_from_this(), std::move(plan));
}

void room_host::drop_voice() {
    if (!voice_plan_ || !voice_plan_->on) return;
    voice_plan_.reset();
    voice_status_.reset();
    hooks_.on_voice(shared_from_this(), std::nullopt);
}

bool room_host::signal_voice(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                             std::uint64_t connection_id) {
    if (!message.has_voice_publish() && !message.has_voice_listen() && !message.has_voice_listen_answer() &&
        !message.has_voice_hang_up())
        return false;
    if (auto refusal = room_.refusal_of_request(connection_id, message)) {
        refuse(sink, message, refusal->code, refusal->message);
        return true;
    }
    if (!room_.has_voice()) {
        refuse(sink, message, pb::CONFLICT, "this room has no voice: a moderator turns it on");
        return true;
    }
    if (!hooks_.on_voice_signal) {
        refuse(sink, message, pb::VOICE_UNAVAILABLE, "this server has no voice server: the meeting is text only");
        return true;
    }
    accepted(message);
    hooks_.on_voice_signal(id_, connection_id, room_.member_of(connection_id)->member_id(), message, sink);
    return true;
}

void room_host::record_voice(pb::VoiceSpoken spoken) {
    asio::post(strand_, [self = shared_from_this(), spoken = std::move(spoken)] {
        if (!self->life_.records() || self->holding_.replica) return;
        auto out = self->room_.record_voice(spoken, self->clock_.now_ms());
        if (!out.ok()) {
            log::warn("room " + self->id_ + " could not record time spoken: " + out.error->message);
            return;
        }
        if (!out.events.empty()) self->enqueue(out, pending{});
    });
}

void room_host::voice_status(pb::VoiceStatus status) {
    asio::post(strand_, [self = shared_from_this(), status = std::move(status)]() mutable {
        if (!self->voice_plan_ || !self->voice_plan_->on) return;  // voice was turned off meanwhile
        self->voice_status_ = std::move(status);
        const auto frame = net::encode_frame(self->voice_status_message());
        self->fan_out_.send_all(frame);
        // People connected through other nodes hear the room's events from their own node's
        // replica, but the voice status only from here.
        for (const auto& [id, sink] : self->relayed_members_) sink->send(frame);
    });
}

pb::ServerMessage room_host::voice_status_message() const {
    pb::ServerMessage message;
    auto* status = message.mutable_voice_status();
    *status = *voice_status_;
    if (status->available() && hooks_.ice_servers)
        for (auto& server : hooks_.ice_servers(id_)) *status->add_ice_servers() = std::move(server);
    return message;
}

}  // namespace ts::app
