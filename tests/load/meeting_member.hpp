#pragma once
// A person in the meeting-day scenario: acts at human rates, at random (exponential) intervals:
// posts, raises and lowers hands, reacts, leaves and comes back, drops the connection and
// reconnects. The room's moderator also gives the floor to whoever is next. Every command's
// acknowledgement time and every message's delivery time are measured.
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>

#include "load_options.hpp"
#include "load_stats.hpp"
#include "room_setup.hpp"
#include "ws_client.hpp"

namespace talkingstick::v1 {
class ClientMessage;
class ServerMessage;
}  // namespace talkingstick::v1

namespace ts::load {

class meeting_member {
public:
    meeting_member(boost::asio::io_context& io, const load_options& options, const ws_target& target, load_stats& stats,
                   const created_room& room, bool moderator, unsigned seed, std::function<void()> on_ready);

    void start();  // connects and joins; on_ready runs after the first welcome
    void go();     // begins acting
    void stop();

private:
    void connect();
    void join();
    void schedule();
    void act();
    void send(talkingstick::v1::ClientMessage& m, const char* action);
    void on_message(std::string_view bytes);
    void on_server_message(const talkingstick::v1::ServerMessage& m, std::int64_t now);
    void failed(const std::string& what);
    void after(double seconds, void (meeting_member::*then)());
    void away(double seconds);  // offline for a while, then back with the resume token

    boost::asio::io_context& io_;
    const load_options& options_;
    const ws_target& target_;
    load_stats& stats_;
    const created_room& room_;
    bool moderator_;
    std::mt19937 rng_;
    std::function<void()> on_ready_;
    boost::asio::steady_timer timer_;
    std::shared_ptr<ws_client> ws_;
    std::string member_id_, resume_token_;
    std::string name_;  // the same on every join (a returning person keeps theirs anyway)
    std::uint64_t last_seq_ = 0;
    std::uint64_t next_id_ = 1;
    std::uint64_t generation_ = 0;  // which connection is current
    bool joined_ = false, ready_ = false, stopping_ = false, hand_up_ = false;
    int queue_size_ = 0;                                       // as this person last saw it
    std::unordered_map<std::uint64_t, std::int64_t> pending_;  // request id -> sent at (ns)
};

}  // namespace ts::load
