#pragma once
// The rooms' voices on the media server (Janus's VideoRoom plugin, audio only): one Janus room
// for each room that has voice, made when its voice is turned on and destroyed when it is
// turned off, and made again whenever Janus comes back. Each such room hears whether voice is
// available now, and again at every change; without Janus the meeting goes on as text.
//
// A Janus room's secret is derived from the operator's voice secret and the room's id, never
// stored: every node of a cluster, and this one after a restart, can manage a room another
// made. Participants never see it (all signalling passes through this server).
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/janus_link.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::app {

namespace pb = talkingstick::v1;

struct voice_options {
    std::string janus_url;  // ws://…; empty: no voice
    std::string secret;     // Janus's api_secret and the VideoRoom's admin_key alike
    int publishers = 100;   // the most microphones one Janus room takes
};

// What a room's owner says of its voice after each change.
struct voice_plan {
    bool on = false;                 // the room has voice (a mode other than off) and is open
    std::vector<std::string> heard;  // whose microphones the media server lets through (member ids)
    bool operator==(const voice_plan&) const = default;
};

class voice_bridge {
public:
    using status_fn = std::function<void(pb::VoiceStatus)>;

    voice_bridge(boost::asio::io_context& io, voice_options options);
    ~voice_bridge();
    voice_bridge(const voice_bridge&) = delete;
    voice_bridge& operator=(const voice_bridge&) = delete;

    void start();
    void stop();

    // The room's voice now. status hears whether voice is available in the room (once now,
    // then at each change) until the plan is off or the room is forgotten. Returns at once.
    void plan(std::string room_id, voice_plan plan, status_fn status);
    // This node no longer holds the room (unloaded, or taken over): its Janus room stays, for
    // whoever holds the room next.
    void forget(std::string room_id);

    // The Janus room's secret for room_id (hex of HMAC-SHA256 under the voice secret).
    static std::string room_secret(const std::string& voice_secret, const std::string& room_id);

private:
    struct voice_room;
    void link_state(bool up);
    void set_up(const std::string& room_id);
    void tell(voice_room& room, pb::VoiceStatus status);
    void tell_unavailable(voice_room& room, const std::string& reason);

    voice_options options_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::shared_ptr<net::janus_link> link_;
    std::optional<std::uint64_t> handle_;  // the handle rooms are made and moderated through
    std::map<std::string, std::unique_ptr<voice_room>> rooms_;
};

}  // namespace ts::app
