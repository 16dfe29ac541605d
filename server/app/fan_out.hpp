#pragma once
// Who hears a room, and what each of them is sent: the joined connections, each event once
// encoded for all (redacted for those outside a private event's audience), and the
// participation figures (the room's balance to whoever may see it, each person's own to
// them), sent only when they changed since that connection last had them.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/event_frames.hpp"
#include "net/frame_sink.hpp"
#include "room/room.hpp"

namespace ts::app {

class fan_out {
public:
    fan_out() = default;
    fan_out(const fan_out&) = delete;
    fan_out& operator=(const fan_out&) = delete;
    ~fan_out();  // counts its subscribers out of the process's figures

    // A connection that joined as member_id (empty: a first-timer viewing a read-only room).
    void subscribe(std::uint64_t connection_id, std::shared_ptr<net::frame_sink> sink, std::string member_id);
    // Stops sending to a connection; returns its sink (nullptr if it was not subscribed).
    std::shared_ptr<net::frame_sink> unsubscribe(std::uint64_t connection_id);
    bool subscribed(std::uint64_t connection_id) const { return subscribers_.count(connection_id) > 0; }
    // The member a connection joined as, or nullptr.
    const std::string* member_of(std::uint64_t connection_id) const;
    bool empty() const { return subscribers_.empty(); }

    // Each event to everyone, in order: the full frame to those who may see it (the room
    // says who), the redacted one to the rest.
    void broadcast(const std::vector<event_frames>& events, const room::room& room) const;
    // One frame to everyone.
    void send_all(const net::shared_frame& frame) const;
    // One frame to the room's moderators (as the room knows them now).
    void send_to_moderators(const net::shared_frame& frame, const room::room& room) const;
    // Closes every connection with this code and reason, and forgets them.
    void finish_all(std::uint16_t code, const std::string& reason);
    // The participation figures as they stand at now_ms, to whoever does not have them yet.
    // Returns whether they grow by themselves (someone waits or speaks): then send again soon.
    bool send_reports(const room::room& room, std::int64_t now_ms);

private:
    struct subscriber {
        std::shared_ptr<net::frame_sink> sink;
        std::string member_id;
        std::string own_figures;            // serialised, as last sent
        std::uint64_t balance_version = 0;  // of the room's balance, as last sent
    };
    std::unordered_map<std::uint64_t, subscriber> subscribers_;
    std::string balance_bytes_;  // the room's balance as last sent, without its timestamp
    std::uint64_t balance_version_ = 0;
};

}  // namespace ts::app
