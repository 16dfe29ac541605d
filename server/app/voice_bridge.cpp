#include "app/voice_bridge.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/asio/post.hpp>
#include <boost/json/object.hpp>

#include "base/log.hpp"

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

}  // namespace

struct voice_bridge::voice_room {
    voice_plan plan;
    status_fn status;
    bool ready = false;                  // its Janus room exists
    std::optional<bool> told_available;  // what the room was last told
};

voice_bridge::voice_bridge(asio::io_context& io, voice_options options)
    : options_(std::move(options)), strand_(asio::make_strand(io)) {
    net::janus_options link;
    link.url = options_.janus_url;
    link.api_secret = options_.secret;
    // The link's callbacks run on its strand; the bridge's state lives on its own.
    link_ = net::janus_link::make(
        io, link, [this](bool up) { asio::post(strand_, [this, up] { link_state(up); }); }, nullptr);
}

voice_bridge::~voice_bridge() = default;

void voice_bridge::start() { link_->start(); }

void voice_bridge::stop() { link_->stop(); }

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

void voice_bridge::plan(std::string room_id, voice_plan plan, status_fn status) {
    asio::post(
        strand_, [this, room_id = std::move(room_id), plan = std::move(plan), status = std::move(status)]() mutable {
            auto it = rooms_.find(room_id);
            if (!plan.on) {
                if (it == rooms_.end()) return;
                rooms_.erase(it);
                // Voice turned off (or the meeting closed): the Janus room goes, and everyone's
                // media with it.
                if (!handle_) return;
                json::object destroy;
                destroy["request"] = "destroy";
                destroy["room"] = room_id;
                destroy["secret"] = room_secret(options_.secret, room_id);
                link_->message(*handle_, std::move(destroy), std::nullopt, [room_id](net::janus_answer a) {
                    if (!a.ok() && a.error_code != kNoSuchRoom)
                        log::warn("voice: room " + room_id + " could not be closed on the voice server: " + a.error);
                });
                return;
            }
            if (it != rooms_.end()) {
                it->second->plan = std::move(plan);
                it->second->status = std::move(status);
                return;
            }
            auto& room = *rooms_.emplace(room_id, std::make_unique<voice_room>()).first->second;
            room.plan = std::move(plan);
            room.status = std::move(status);
            set_up(room_id);
        });
}

void voice_bridge::forget(std::string room_id) {
    asio::post(strand_, [this, room_id = std::move(room_id)] { rooms_.erase(room_id); });
}

void voice_bridge::link_state(bool up) {
    if (!up) {
        handle_.reset();
        for (auto& [id, room] : rooms_) {
            room->ready = false;
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
