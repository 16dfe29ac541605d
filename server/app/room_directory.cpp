#include "app/room_directory.hpp"

#include <mutex>

#include "app/log.hpp"
#include "app/random_token.hpp"

namespace ts::app {

room_directory::room_directory(boost::asio::io_context& io, store::event_log& log, const room::clock& clock,
                               room::room_limits limits, std::size_t max_rooms)
    : io_(io), log_(log), clock_(clock), limits_(limits), max_rooms_(max_rooms) {}

restore_report room_directory::restore() {
    restore_report report;
    for (const auto& id : log_.room_ids()) {
        room::room state(id, limits_);
        auto entries = log_.load(id);
        bool clean = !entries.empty();
        for (const auto& entry : entries) {
            room::logged_event logged;
            if (!logged.event.ParseFromString(entry.event) || !logged.hidden.ParseFromString(entry.hidden) ||
                logged.event.seq() != entry.seq) {
                log::error("room " + id + ": entry " + std::to_string(entry.seq) + " does not decode");
                clean = false;
                break;
            }
            if (auto error = state.replay(logged)) {
                log::error("room " + id + ": " + error->message);
                clean = false;
                break;
            }
        }
        if (!clean) {
            // Serving a room whose log did not replay would give new events numbers its log
            // already holds. Leave it untouched for an operator to look at.
            ++report.skipped_rooms;
            continue;
        }
        report.events += entries.size();
        ++report.rooms;
        auto host = std::make_shared<room_host>(io_, std::move(state), log_, clock_);
        host->end_presence();
        std::unique_lock lock(mutex_);
        rooms_[id] = std::move(host);
    }
    return report;
}

std::shared_ptr<room_host> room_directory::find(const std::string& room_id) const {
    std::shared_lock lock(mutex_);
    auto it = rooms_.find(room_id);
    return it == rooms_.end() ? nullptr : it->second;
}

bool room_directory::submit(const std::string& room_id, pb::ClientMessage message,
                            std::shared_ptr<net::frame_sink> sink, std::uint64_t connection_id) {
    auto host = find(room_id);
    if (!host) return false;
    host->submit(std::move(message), std::move(sink), connection_id);
    return true;
}

void room_directory::disconnected(const std::string& room_id, std::uint64_t connection_id) {
    if (auto host = find(room_id)) host->disconnected(connection_id);
}

void room_directory::create_room(const pb::CreateRoomRequest& request, std::function<void(net::create_result)> done) {
    std::string id;
    std::shared_ptr<room_host> host;
    {
        std::unique_lock lock(mutex_);
        if (rooms_.size() >= max_rooms_) {
            done(net::create_result{std::nullopt, {pb::CONFLICT, "this server has reached its limit of rooms", 0}});
            return;
        }
        do id = random_room_id(); while (rooms_.count(id));
        host = std::make_shared<room_host>(io_, room::room(id, limits_), log_, clock_);
        rooms_[id] = host;
    }
    auto key = random_token();
    auto code = random_token();
    host->create(request.title(), request.purpose(), key, code,
                 [this, id, key, code, done = std::move(done)](std::optional<room::room_error> error) {
                     if (error) {
                         std::unique_lock lock(mutex_);
                         rooms_.erase(id);
                         done(net::create_result{std::nullopt, *error});
                         return;
                     }
                     log::info("room " + id + " created");
                     pb::CreateRoomResponse created;
                     created.set_room_id(id);
                     created.set_moderator_key(key);
                     created.set_join_code(code);
                     created.set_moderator_path("/r/" + id + "#key=" + key);
                     created.set_participant_path("/r/" + id + "#code=" + code);
                     created.set_projector_path("/r/" + id + "/projector#code=" + code);
                     done(net::create_result{std::move(created), {}});
                 });
}

void room_directory::room_info(const std::string& room_id, std::function<void(std::optional<pb::RoomInfo>)> done) {
    auto host = find(room_id);
    if (!host) {
        done(std::nullopt);
        return;
    }
    host->info([done = std::move(done)](pb::RoomInfo info) { done(std::move(info)); });
}

}  // namespace ts::app
