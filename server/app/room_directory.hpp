#pragma once
// All rooms of this server, by id. The network layer reaches rooms only through it.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/room_host.hpp"
#include "net/room_gateway.hpp"
#include "room/room_limits.hpp"

namespace ts::app {

struct restore_report {
    std::size_t rooms = 0;
    std::size_t events = 0;
    std::size_t skipped_rooms = 0;  // logs that did not replay cleanly; not served
};

class room_directory final : public net::room_gateway {
public:
    room_directory(boost::asio::io_context& io, store::event_log& log, const room::clock& clock,
                   room::room_limits limits, std::size_t max_rooms);

    // Start-up only, before serving: rebuilds every room by replaying its log.
    restore_report restore();

    bool submit(const std::string& room_id, pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink,
                std::uint64_t connection_id) override;
    void disconnected(const std::string& room_id, std::uint64_t connection_id) override;
    void create_room(const pb::CreateRoomRequest& request, std::function<void(net::create_result)> done) override;
    void room_info(const std::string& room_id, std::function<void(std::optional<pb::RoomInfo>)> done) override;
    store::log_status store_status() const override { return log_.status(); }

private:
    std::shared_ptr<room_host> find(const std::string& room_id) const;

    boost::asio::io_context& io_;
    store::event_log& log_;
    const room::clock& clock_;
    room::room_limits limits_;
    std::size_t max_rooms_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<room_host>> rooms_;
};

}  // namespace ts::app
