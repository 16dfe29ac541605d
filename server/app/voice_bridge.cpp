#include "app/voice_bridge.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/asio/post.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <algorithm>
#include <set>
#include <sstream>

#include "base/log.hpp"
#include "net/server_frames.hpp"

namespace ts::app {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// VideoRoom's "room already exists": a room made before (by this server before a restart, or
// by another node) with the same secret.
constexpr int kRoomExists = 427;
constexpr int kNoSuchRoom = 426;

const char* const kVideoRoom = "janus.plugin.videoroom";
const char* const kServerDown =
    "Voice is unavailable just now: the voice server cannot be reached. The meeting goes on as text, and "
    "voice comes back on its own.";
const char* const kRoomFailed = "Voice could not be set up for this room. The meeting goes on as text.";
const char* const kNoVoiceNow = "voice is unavailable just now; the meeting goes on as text";

std::string text_at(const json::object& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}

// The mids of an offer's audio sections; nullopt if it offers anything but audio (voice only:
// no camera, no data channel).
std::optional<std::vector<std::string>> audio_mids(const std::string& sdp) {
    std::vector<std::string> mids;
    std::istringstream lines(sdp);
    bool audio = false;
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("m=", 0) == 0) {
            audio = line.rfind("m=audio ", 0) == 0;
            if (!audio) return std::nullopt;
        } else if (audio && line.rfind("a=mid:", 0) == 0) {
            mids.push_back(line.substr(6));
        }
    }
    if (mids.empty()) return std::nullopt;
    return mids;
}

// The streams a subscription's offer carries (plugindata.data.streams), each an object.
std::vector<json::object> offered_streams(const json::object& message) {
    std::vector<json::object> out;
    const auto& data = net::plugin_data_of(message);
    auto streams = data.find("streams");
    if (streams == data.end() || !streams->value().is_array()) return out;
    for (const auto& s : streams->value().get_array())
        if (s.is_object()) out.push_back(s.get_object());
    return out;
}

std::optional<std::string> sdp_of(const json::object& body, const char* type) {
    auto it = body.find("jsep");
    if (it == body.end() || !it->value().is_object()) return std::nullopt;
    const auto& jsep = it->value().get_object();
    if (text_at(jsep, "type") != type) return std::nullopt;
    return text_at(jsep, "sdp");
}

json::object jsep(const char* type, std::string sdp) {
    json::object j;
    j["type"] = type;
    j["sdp"] = std::move(sdp);
    return j;
}

void send_ack(net::frame_sink& sink, std::uint64_t request_id) {
    pb::ServerMessage ack;
    ack.mutable_ack()->set_request_id(request_id);
    sink.send(net::encode_frame(ack));
}

}  // namespace

struct voice_bridge::voice_peer {
    std::string member_id;
    std::shared_ptr<net::frame_sink> sink;
    std::optional<std::uint64_t> publisher;  // its microphone's handle
    std::string publisher_id;                // in the Janus room
    std::vector<std::string> mids;           // its audio streams
    bool in_room = false;                    // joined the Janus room as a publisher: may be moderated
    std::optional<bool> muted;               // as last moderated
    bool published = false;                  // its media is up in Janus: others may subscribe to it
    bool listening = false;                  // asked to hear the others
    std::optional<std::uint64_t> listener;   // its subscription's handle, once there was anyone to hear
    std::set<std::string> feeds;             // the publishers it is subscribed to
    bool negotiating = false;                // an offer is out to its browser, unanswered
    spoken_time spoken;                      // what it spoke, not yet handed on
};

struct voice_bridge::voice_room {
    voice_plan plan;
    status_fn status;
    bool ready = false;                         // its Janus room exists
    std::optional<bool> told_available;         // what the room was last told
    std::map<std::uint64_t, voice_peer> peers;  // by connection
    std::uint64_t next_publisher = 1;
    spoken_fn spoken;
};

voice_bridge::voice_bridge(asio::io_context& io, voice_options options, const room::clock& clock)
    : options_(std::move(options)), clock_(clock), strand_(asio::make_strand(io)), spoken_timer_(strand_) {
    net::janus_options link;
    link.url = options_.janus_url;
    link.api_secret = options_.secret;
    // The link's callbacks run on its strand; the bridge's state lives on its own.
    link_ = net::janus_link::make(
        io, link, [this](bool up) { asio::post(strand_, [this, up] { link_state(up); }); },
        [this](std::uint64_t handle, const json::object& event) {
            asio::post(strand_, [this, handle, event] { janus_event(handle, event); });
        });
}

voice_bridge::~voice_bridge() = default;

void voice_bridge::start() {
    link_->start();
    asio::post(strand_, [this] { every_while(); });
}

void voice_bridge::stop() {
    link_->stop();
    asio::post(strand_, [this] { spoken_timer_.cancel(); });
}

void voice_bridge::every_while() {
    spoken_timer_.expires_after(options_.spoken_every);
    spoken_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        for (auto& [id, room] : rooms_)
            for (auto& [connection, peer] : room->peers) flush_spoken(*room, peer);
        every_while();
    });
}

void voice_bridge::flush_spoken(voice_room& room, voice_peer& peer) {
    if (!room.spoken) return;
    const auto span = peer.spoken.take(clock_.now_ms());
    if (!span) return;
    pb::VoiceSpoken spoken;
    spoken.set_member_id(peer.member_id);
    spoken.set_voiced_ms(span->voiced_ms);
    spoken.set_from_ms(span->from_ms);
    spoken.set_to_ms(span->to_ms);
    room.spoken(std::move(spoken));
}

std::vector<pb::IceServer> voice_bridge::ice_servers(const std::string& room_id) const {
    return turn_servers(options_.turn, room_id, clock_.now_ms() / 1000);
}

std::string voice_bridge::room_secret(const std::string& voice_secret, const std::string& room_id) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const std::string message = "talkingstick voice room " + room_id;
    HMAC(EVP_sha256(), voice_secret.data(), static_cast<int>(voice_secret.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    static const char* const hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

void voice_bridge::plan(std::string room_id, voice_plan plan, status_fn status, spoken_fn spoken) {
    asio::post(strand_, [this, room_id = std::move(room_id), plan = std::move(plan), status = std::move(status),
                         spoken = std::move(spoken)]() mutable {
        auto it = rooms_.find(room_id);
        if (!plan.on) {
            if (it == rooms_.end()) return;
            for (auto& [connection, peer] : it->second->peers) {
                flush_spoken(*it->second, peer);
                hang_up(*it->second, connection);
            }
            rooms_.erase(it);
            // Voice turned off (or the meeting closed): the Janus room goes, and everyone's
            // media with it.
            if (!handle_) return;
            json::object destroy;
            destroy["request"] = "destroy";
            destroy["room"] = room_id;
            destroy["secret"] = room_secret(options_.secret, room_id);
            link_->message(*handle_, std::move(destroy), std::nullopt, [room_id](net::janus_answer a) {
                if (a.ok())
                    log::info("voice: room " + room_id + ": its audio room is closed");
                else if (a.error_code != kNoSuchRoom)
                    log::warn("voice: room " + room_id + " could not be closed on the voice server: " + a.error);
            });
            return;
        }
        if (it != rooms_.end()) {
            it->second->plan = std::move(plan);
            it->second->status = std::move(status);
            it->second->spoken = std::move(spoken);
            if (it->second->ready) moderate(room_id);
            return;
        }
        auto& room = *rooms_.emplace(room_id, std::make_unique<voice_room>()).first->second;
        room.plan = std::move(plan);
        room.status = std::move(status);
        room.spoken = std::move(spoken);
        set_up(room_id);
    });
}

void voice_bridge::forget(std::string room_id) {
    asio::post(strand_, [this, room_id = std::move(room_id)] {
        auto it = rooms_.find(room_id);
        if (it == rooms_.end()) return;
        // Its people reconnect to whoever holds the room next, and send their voices again there.
        for (auto& [connection, peer] : it->second->peers) {
            flush_spoken(*it->second, peer);
            hang_up(*it->second, connection);
        }
        rooms_.erase(it);
    });
}

void voice_bridge::link_state(bool up) {
    if (!up) {
        // The session and every handle in it are gone: people send their voices again once
        // voice is back (their browsers hear so by the status).
        handle_.reset();
        handles_.clear();
        for (auto& [id, room] : rooms_) {
            room->ready = false;
            for (auto& [connection, peer] : room->peers) flush_spoken(*room, peer);
            room->peers.clear();
            tell_unavailable(*room, kServerDown);
        }
        return;
    }
    link_->attach(kVideoRoom, [this](std::optional<std::uint64_t> handle, net::janus_answer a) {
        asio::post(strand_, [this, handle, a = std::move(a)] {
            if (!handle) {
                // The link stays up; its next failure and return try again.
                log::warn("voice: the voice server has no VideoRoom plugin to use: " + a.error);
                return;
            }
            handle_ = handle;
            // Janus came back (perhaps restarted, its rooms gone): every room with voice is
            // made again, with the same secret.
            for (auto& [id, room] : rooms_) set_up(id);
        });
    });
}

void voice_bridge::set_up(const std::string& room_id) {
    auto& room = *rooms_.at(room_id);
    if (!handle_) return tell_unavailable(room, kServerDown);
    json::object create;
    create["request"] = "create";
    create["room"] = room_id;
    create["description"] = "Talking Stick room " + room_id;
    create["secret"] = room_secret(options_.secret, room_id);
    create["admin_key"] = options_.secret;
    create["is_private"] = true;
    create["permanent"] = false;
    create["publishers"] = options_.publishers;
    create["audiocodec"] = "opus";
    // Talking and stopped-talking events give each person's time actually spoken.
    create["audiolevel_event"] = true;
    create["audio_active_packets"] = 50;
    create["audio_level_average"] = 40;
    link_->message(*handle_, std::move(create), std::nullopt, [this, room_id](net::janus_answer a) {
        asio::post(strand_, [this, room_id, a = std::move(a)] {
            auto it = rooms_.find(room_id);
            if (it == rooms_.end()) return;
            auto& room = *it->second;
            if (a.ok() || a.error_code == kRoomExists) {
                log::info("voice: room " + room_id + ": its audio room is ready" +
                          (a.ok() ? "" : " (made before, by this node or another)"));
                room.ready = true;
                pb::VoiceStatus status;
                status.set_available(true);
                return tell(room, std::move(status));
            }
            if (a.error_code == -1) return tell_unavailable(room, kServerDown);
            log::warn("voice: room " + room_id + " could not be made on the voice server: " + a.error);
            tell_unavailable(room, kRoomFailed);
        });
    });
}

voice_bridge::voice_peer* voice_bridge::peer(const std::string& room_id, std::uint64_t connection_id) {
    auto it = rooms_.find(room_id);
    if (it == rooms_.end()) return nullptr;
    auto p = it->second->peers.find(connection_id);
    return p == it->second->peers.end() ? nullptr : &p->second;
}

void voice_bridge::signal(std::string room_id, std::uint64_t connection_id, std::string member_id,
                          pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink) {
    asio::post(strand_, [this, room_id = std::move(room_id), connection_id, member_id = std::move(member_id),
                         message = std::move(message), sink = std::move(sink)]() mutable {
        const auto request_id = message.request_id();
        auto it = rooms_.find(room_id);
        if (it == rooms_.end() || !it->second->ready || !handle_) {
            sink->send(net::error_frame(request_id, pb::VOICE_UNAVAILABLE, kNoVoiceNow));
            return;
        }
        auto& room = *it->second;
        if (message.has_voice_hang_up()) {
            if (room.peers.count(connection_id)) {
                flush_spoken(room, room.peers.at(connection_id));
                hang_up(room, connection_id);
                room.peers.erase(connection_id);
            }
            return send_ack(*sink, request_id);
        }
        auto& p = room.peers[connection_id];
        p.member_id = member_id;
        p.sink = sink;
        if (message.has_voice_publish())
            return publish(room_id, connection_id, request_id, message.voice_publish().sdp());
        if (message.has_voice_listen_answer())
            return listen_answer(room_id, connection_id, request_id, message.voice_listen_answer().sdp());
        p.listening = true;
        send_ack(*sink, request_id);
        refresh_listener(room_id, connection_id);
    });
}

void voice_bridge::gone(std::string room_id, std::uint64_t connection_id) {
    asio::post(strand_, [this, room_id = std::move(room_id), connection_id] {
        auto it = rooms_.find(room_id);
        if (it == rooms_.end() || !it->second->peers.count(connection_id)) return;
        flush_spoken(*it->second, it->second->peers.at(connection_id));
        hang_up(*it->second, connection_id);
        it->second->peers.erase(connection_id);
    });
}

void voice_bridge::release(std::optional<std::uint64_t>& handle) {
    if (!handle) return;
    handles_.erase(*handle);
    link_->detach(*handle, nullptr);
    handle.reset();
}

void voice_bridge::hang_up(voice_room& room, std::uint64_t connection_id) {
    auto& p = room.peers.at(connection_id);
    // Janus hangs up its media and tells the others' subscriptions, which it renegotiates.
    release(p.publisher);
    release(p.listener);
    p.published = false;
    p.feeds.clear();
}

void voice_bridge::publish(const std::string& room_id, std::uint64_t connection_id, std::uint64_t request_id,
                           std::string sdp) {
    auto& room = *rooms_.at(room_id);
    auto& p = room.peers.at(connection_id);
    auto mids = audio_mids(sdp);
    if (sdp.size() > options_.max_sdp_bytes || !mids) {
        p.sink->send(net::error_frame(request_id, pb::BAD_REQUEST,
                                      "a voice offer is an SDP offer of audio only, of at most " +
                                          std::to_string(options_.max_sdp_bytes) + " bytes"));
        return;
    }
    // Sent again: the earlier microphone goes (and others' subscriptions to it).
    flush_spoken(room, p);
    p.spoken.restart(clock_.now_ms());
    release(p.publisher);
    p.published = false;
    p.in_room = false;
    p.publisher_id = p.member_id + "." + std::to_string(room.next_publisher++);
    p.mids = std::move(*mids);
    p.muted.reset();
    const auto publisher_id = p.publisher_id;
    auto failed = [this, room_id, connection_id, request_id, publisher_id](const std::string& why) {
        auto* q = peer(room_id, connection_id);
        if (!q || q->publisher_id != publisher_id) return;
        log::warn("voice: room " + room_id + ": a microphone could not be connected: " + why);
        release(q->publisher);
        q->sink->send(net::error_frame(request_id, pb::VOICE_UNAVAILABLE, kNoVoiceNow));
    };
    link_->attach(kVideoRoom, [this, room_id, connection_id, request_id, publisher_id, failed, sdp = std::move(sdp)](
                                  std::optional<std::uint64_t> handle, net::janus_answer a) mutable {
        asio::post(strand_, [this, room_id, connection_id, request_id, publisher_id, failed, sdp = std::move(sdp),
                             handle, a = std::move(a)]() mutable {
            auto* q = peer(room_id, connection_id);
            if (!q || q->publisher_id != publisher_id) {
                if (handle) link_->detach(*handle, nullptr);  // hung up meanwhile
                return;
            }
            if (!handle) return failed(a.error);
            q->publisher = handle;
            handles_[*handle] = {room_id, connection_id};
            json::object join;
            join["request"] = "joinandconfigure";
            join["ptype"] = "publisher";
            join["room"] = room_id;
            join["id"] = publisher_id;
            join["display"] = q->member_id;
            link_->message(
                *handle, std::move(join), jsep("offer", std::move(sdp)),
                [this, room_id, connection_id, request_id, publisher_id, failed](net::janus_answer a) {
                    asio::post(
                        strand_, [this, room_id, connection_id, request_id, publisher_id, failed, a = std::move(a)] {
                            auto* q = peer(room_id, connection_id);
                            if (!q || q->publisher_id != publisher_id) return;
                            auto answer = sdp_of(a.body, "answer");
                            if (!a.ok() || !answer) return failed(a.ok() ? "no SDP answer" : a.error);
                            q->in_room = true;
                            // Muted or not before the browser has the answer: no packet of a voice
                            // that is not to be heard gets through.
                            moderate(room_id, [this, room_id, connection_id, request_id, publisher_id,
                                               answer = std::move(*answer)](bool ok) {
                                auto* q = peer(room_id, connection_id);
                                if (!q || q->publisher_id != publisher_id) return;
                                if (!ok || !q->muted) {
                                    q->sink->send(net::error_frame(request_id, pb::VOICE_UNAVAILABLE, kNoVoiceNow));
                                    return;
                                }
                                pb::ServerMessage signal;
                                signal.mutable_voice_signal()->set_kind(pb::VoiceSignal::PUBLISH_ANSWER);
                                signal.mutable_voice_signal()->set_sdp(answer);
                                q->sink->send(net::encode_frame(signal));
                                // Others subscribe to it once its media is up (janus_event: webrtcup).
                                send_ack(*q->sink, request_id);
                            });
                        });
                },
                true);
        });
    });
}

void voice_bridge::moderate(const std::string& room_id, std::function<void(bool)> then) {
    auto& room = *rooms_.at(room_id);
    if (!handle_) {
        if (then) then(false);
        return;
    }
    const auto& heard = room.plan.heard;
    struct tally {
        int waiting = 1;  // one for this function itself, released at its end
        bool ok = true;
        std::function<void(bool)> then;
    };
    auto t = std::make_shared<tally>();
    t->then = std::move(then);
    auto settle = [this, t]() {
        if (--t->waiting == 0 && t->then) t->then(t->ok);
    };
    for (auto& [connection, p] : room.peers) {
        // (One still joining is moderated as its join completes, before its answer goes.)
        if (!p.publisher || !p.in_room) continue;
        const bool mute = std::find(heard.begin(), heard.end(), p.member_id) == heard.end();
        if (p.muted == mute) continue;
        for (const auto& mid : p.mids) {
            ++t->waiting;
            json::object m;
            m["request"] = "moderate";
            m["room"] = room_id;
            m["secret"] = room_secret(options_.secret, room_id);
            m["id"] = p.publisher_id;
            m["mid"] = mid;
            m["mute"] = mute;
            link_->message(*handle_, std::move(m), std::nullopt,
                           [this, t, settle, room_id, connection = connection, publisher_id = p.publisher_id,
                            mute](net::janus_answer a) {
                               asio::post(strand_,
                                          [this, t, settle, room_id, connection, publisher_id, mute, a = std::move(a)] {
                                              auto* q = peer(room_id, connection);
                                              if (q && q->publisher_id == publisher_id) {
                                                  if (a.ok()) {
                                                      q->muted = mute;
                                                      // Its talking starts or ends with being heard; a turn's end hands its time to the
                                                      // room at once.
                                                      q->spoken.heard(!mute, clock_.now_ms());
                                                      if (mute) flush_spoken(*rooms_.at(room_id), *q);
                                                  } else {
                                                      // A voice whose state is not known is not let through:
                                                      // its publisher goes.
                                                      t->ok = false;
                                                      log::warn("voice: room " + room_id + ": could not moderate " +
                                                                publisher_id + ": " + a.error);
                                                      q->muted.reset();
                                                      q->spoken.heard(false, clock_.now_ms());
                                                      release(q->publisher);
                                                      q->published = false;
                                                  }
                                              }
                                              settle();
                                          });
                           });
        }
    }
    settle();
}

void voice_bridge::refresh_listener(const std::string& room_id, std::uint64_t connection_id) {
    auto* p = peer(room_id, connection_id);
    if (!p || !p->listening || p->negotiating || !handle_) return;
    std::set<std::string> wanted;
    for (const auto& [other, q] : rooms_.at(room_id)->peers)
        if (other != connection_id && q.published) wanted.insert(q.publisher_id);
    if (wanted == p->feeds) return;
    json::array subscribe, unsubscribe;
    for (const auto& id : wanted)
        if (!p->feeds.count(id)) subscribe.push_back(json::object{{"feed", id}});
    for (const auto& id : p->feeds)
        if (!wanted.count(id)) unsubscribe.push_back(json::object{{"feed", id}});
    p->negotiating = true;
    auto offered = [this, room_id, connection_id, wanted](net::janus_answer a) {
        asio::post(strand_, [this, room_id, connection_id, wanted, a = std::move(a)] {
            auto* q = peer(room_id, connection_id);
            if (!q) return;
            if (!a.ok()) {
                log::warn("voice: room " + room_id + ": a subscription could not be changed: " + a.error);
                q->negotiating = false;
                // A subscription never made is made afresh next time.
                if (q->feeds.empty()) release(q->listener);
                return;
            }
            q->feeds = wanted;
            offer_to_listener(room_id, connection_id, a.body);
        });
    };
    if (p->listener) {
        json::object update;
        update["request"] = "update";
        if (!subscribe.empty()) update["subscribe"] = std::move(subscribe);
        if (!unsubscribe.empty()) update["unsubscribe"] = std::move(unsubscribe);
        link_->message(*p->listener, std::move(update), std::nullopt, std::move(offered), true);
        return;
    }
    if (wanted.empty()) {
        p->negotiating = false;
        return;
    }
    link_->attach(kVideoRoom,
                  [this, room_id, connection_id, subscribe = std::move(subscribe), offered = std::move(offered)](
                      std::optional<std::uint64_t> handle, net::janus_answer a) mutable {
                      asio::post(strand_, [this, room_id, connection_id, subscribe = std::move(subscribe),
                                           offered = std::move(offered), handle, a = std::move(a)]() mutable {
                          auto* q = peer(room_id, connection_id);
                          if (!q || !handle) {
                              if (handle) link_->detach(*handle, nullptr);
                              if (q) q->negotiating = false;
                              if (!handle)
                                  log::warn("voice: room " + room_id + ": no handle to listen with: " + a.error);
                              return;
                          }
                          q->listener = handle;
                          handles_[*handle] = {room_id, connection_id};
                          json::object join;
                          join["request"] = "join";
                          join["ptype"] = "subscriber";
                          join["room"] = room_id;
                          join["streams"] = std::move(subscribe);
                          link_->message(*handle, std::move(join), std::nullopt, std::move(offered), true);
                      });
                  });
}

void voice_bridge::offer_to_listener(const std::string& room_id, std::uint64_t connection_id,
                                     const json::object& message) {
    auto* p = peer(room_id, connection_id);
    auto offer = sdp_of(message, "offer");
    if (!p) return;
    if (!offer) {
        p->negotiating = false;  // nothing to renegotiate
        return;
    }
    p->negotiating = true;
    pb::ServerMessage out;
    auto* signal = out.mutable_voice_signal();
    signal->set_kind(pb::VoiceSignal::LISTEN_OFFER);
    signal->set_sdp(*offer);
    for (const auto& stream : offered_streams(message)) {
        auto active = stream.find("active");
        if (active != stream.end() && active->value().is_bool() && !active->value().get_bool()) continue;
        auto* offered = signal->add_streams();
        offered->set_mid(text_at(stream, "mid"));
        offered->set_member_id(text_at(stream, "feed_display"));
    }
    p->sink->send(net::encode_frame(out));
}

void voice_bridge::listen_answer(const std::string& room_id, std::uint64_t connection_id, std::uint64_t request_id,
                                 std::string sdp) {
    auto& p = rooms_.at(room_id)->peers.at(connection_id);
    if (!p.listener || !p.negotiating) {
        p.sink->send(
            net::error_frame(request_id, pb::CONFLICT, "no offer to hear the others is waiting for an answer"));
        return;
    }
    if (sdp.size() > options_.max_sdp_bytes) {
        p.sink->send(net::error_frame(request_id, pb::BAD_REQUEST, "the answer is too large"));
        return;
    }
    json::object start;
    start["request"] = "start";
    link_->message(
        *p.listener, std::move(start), jsep("answer", std::move(sdp)),
        [this, room_id, connection_id, request_id](net::janus_answer a) {
            asio::post(strand_, [this, room_id, connection_id, request_id, a = std::move(a)] {
                auto* q = peer(room_id, connection_id);
                if (!q) return;
                q->negotiating = false;
                if (!a.ok()) {
                    q->sink->send(net::error_frame(request_id, pb::VOICE_UNAVAILABLE, kNoVoiceNow));
                    return;
                }
                send_ack(*q->sink, request_id);
                refresh_listener(room_id, connection_id);  // what changed meanwhile
            });
        },
        true);
}

void voice_bridge::janus_event(std::uint64_t handle, const json::object& event) {
    auto it = handles_.find(handle);
    if (it == handles_.end()) return;
    const auto [room_id, connection_id] = it->second;
    auto* p = peer(room_id, connection_id);
    if (!p) return;
    if (p->publisher == handle) {
        // Its media is up (or gone): the others' subscriptions follow.
        const auto kind = text_at(event, "janus");
        const auto& data = net::plugin_data_of(event);
        const auto said = text_at(data, "videoroom");
        // (Every publisher hears of everyone's talking: only its own counts here.)
        if ((said == "talking" || said == "stopped-talking") && text_at(data, "id") == p->publisher_id) {
            return p->spoken.janus_says(said == "talking", clock_.now_ms());
        }
        if (kind != "webrtcup" && kind != "hangup") return;
        p->published = kind == "webrtcup";
        for (auto& [other, q] : rooms_.at(room_id)->peers)
            if (other != connection_id && q.listening) refresh_listener(room_id, other);
        return;
    }
    if (p->listener != handle) return;
    // Janus renegotiates a subscription by itself when a publisher in it goes: the new offer is
    // for the browser to answer.
    if (!sdp_of(event, "offer")) return;
    p->feeds.clear();
    for (const auto& stream : offered_streams(event))
        if (!text_at(stream, "feed_id").empty()) p->feeds.insert(text_at(stream, "feed_id"));
    offer_to_listener(room_id, connection_id, event);
}

void voice_bridge::tell(voice_room& room, pb::VoiceStatus status) {
    if (room.told_available == status.available()) return;
    room.told_available = status.available();
    if (room.status) room.status(std::move(status));
}

void voice_bridge::tell_unavailable(voice_room& room, const std::string& reason) {
    pb::VoiceStatus status;
    status.set_available(false);
    status.set_reason(reason);
    tell(room, std::move(status));
}

}  // namespace ts::app
