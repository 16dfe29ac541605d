#pragma once
// The rooms' voices on the media server (Janus's VideoRoom plugin, audio only): one Janus room
// for each room that has voice, made when its voice is turned on and destroyed when it is
// turned off, and made again whenever Janus comes back. Each such room hears whether voice is
// available now, and again at every change; without Janus the meeting goes on as text.
//
// The browsers' WebRTC negotiation passes through here too (signal()): each connection may send
// its microphone (a publisher in the Janus room) and hear the others (one subscription to all
// of them, renegotiated as people come and go). Whether a voice is heard is enforced in Janus
// with VideoRoom's moderate, which drops a stream's packets in the media server: a new voice is
// muted or not before its browser gets the answer that lets its media flow, and again after
// every change of the room's plan. A person cannot lift it: only this server speaks to Janus.
//
// A Janus room's secret is derived from the operator's voice secret and the room's id, never
// stored: every node of a cluster, and this one after a restart, can manage a room another
// made. Participants never see it (all signalling passes through this server).
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/frame_sink.hpp"
#include "app/spoken_time.hpp"
#include "app/turn_credentials.hpp"
#include "net/janus_link.hpp"
#include "room/clock.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::app {

namespace pb = talkingstick::v1;

struct voice_options {
    std::string janus_url;  // ws://…; empty: no voice
    std::string secret;     // Janus's api_secret and the VideoRoom's admin_key alike
    int publishers = 100;   // the most microphones one Janus room takes
    std::size_t max_sdp_bytes = 32768;
    // How often time spoken is handed to the room while someone speaks (and at every end of
    // being heard): coarse, durable figures, never the audio.
    std::chrono::milliseconds spoken_every{10000};
    turn_options turn;  // TURN relays the browsers are given (none: they reach Janus directly)
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
    // Time a person actually spoke (from Janus's talking events), for the room's record.
    using spoken_fn = std::function<void(pb::VoiceSpoken)>;

    // clock: the rooms' (time spoken is stamped with it).
    voice_bridge(boost::asio::io_context& io, voice_options options, const room::clock& clock);
    ~voice_bridge();
    voice_bridge(const voice_bridge&) = delete;
    voice_bridge& operator=(const voice_bridge&) = delete;

    void start();
    void stop();

    // The room's voice now. status hears whether voice is available in the room (once now,
    // then at each change), spoken the time people spoke, until the plan is off or the room is
    // forgotten. Returns at once.
    void plan(std::string room_id, voice_plan plan, status_fn status, spoken_fn spoken);
    // A connection's voice signalling (VoicePublish, VoiceListen, VoiceListenAnswer,
    // VoiceHangUp), already allowed by the room's rules: answered on sink (a VoiceSignal, then the
    // Ack, or an Error). member_id: whose voice it is, as the room's plan names them.
    void signal(std::string room_id, std::uint64_t connection_id, std::string member_id, pb::ClientMessage message,
                std::shared_ptr<net::frame_sink> sink);
    // The connection has gone: its voice goes with it.
    void gone(std::string room_id, std::uint64_t connection_id);
    // This node no longer holds the room (unloaded, or taken over): its Janus room stays, for
    // whoever holds the room next.
    void forget(std::string room_id);

    // The TURN relays for a room's browsers, with credentials valid from now (any thread).
    std::vector<pb::IceServer> ice_servers(const std::string& room_id) const;

    // The Janus room's secret for room_id (hex of HMAC-SHA256 under the voice secret).
    static std::string room_secret(const std::string& voice_secret, const std::string& room_id);

private:
    struct voice_room;
    struct voice_peer;
    void link_state(bool up);
    void publish(const std::string& room_id, std::uint64_t connection_id, std::uint64_t request_id, std::string sdp);
    // Mutes or unmutes each voice whose state differs from the plan; then() once all are done
    // (false: one could not be, and its publisher has been let go).
    void moderate(const std::string& room_id, std::function<void(bool)> then = nullptr);
    void refresh_listener(const std::string& room_id, std::uint64_t connection_id);
    void listen_answer(const std::string& room_id, std::uint64_t connection_id, std::uint64_t request_id,
                       std::string sdp);
    // Passes a subscription's offer (message: Janus's answer or event carrying it) to the browser.
    void offer_to_listener(const std::string& room_id, std::uint64_t connection_id, const boost::json::object& message);
    void hang_up(voice_room& room, std::uint64_t connection_id);
    // Lets a connection's handle go (Janus hangs up its media); nothing if there is none.
    void release(std::optional<std::uint64_t>& handle);
    void janus_event(std::uint64_t handle, const boost::json::object& event);
    // Hands the time a person spoke since the last time to the room (talking up to now counts).
    void flush_spoken(voice_room& room, voice_peer& peer);
    void every_while();
    voice_peer* peer(const std::string& room_id, std::uint64_t connection_id);
    void set_up(const std::string& room_id);
    void tell(voice_room& room, pb::VoiceStatus status);
    void tell_unavailable(voice_room& room, const std::string& reason);

    voice_options options_;
    const room::clock& clock_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::shared_ptr<net::janus_link> link_;
    boost::asio::steady_timer spoken_timer_;
    std::optional<std::uint64_t> handle_;  // the handle rooms are made and moderated through
    std::map<std::string, std::unique_ptr<voice_room>> rooms_;
    // Each handle made for a connection: which room and connection it is for.
    std::map<std::uint64_t, std::pair<std::string, std::uint64_t>> handles_;
};

}  // namespace ts::app
