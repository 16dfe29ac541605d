#pragma once
// A member of the fan-out scenarios. In protocol mode it joins a Talking Stick room; in raw
// mode it talks to a plain broadcast peer. A sender posts small stamped messages, either
// closed loop (a window of unacknowledged posts) or when the open-loop schedule says so;
// every member counts what it receives and how long each took from the send.
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <unordered_map>
#include <set>
#include <string>

#include "load_options.hpp"
#include "load_stats.hpp"
#include "room_setup.hpp"
#include "ws_client.hpp"

namespace ts::load {

class fanout_member {
public:
    fanout_member(boost::asio::io_context& io, const load_options& options, const ws_target& target, load_stats& stats,
                  created_room room, bool sender, std::function<void()> on_ready, std::function<void()> on_finished);

    void start();                   // connects (and joins); on_ready runs once it can post
                                    // on_finished runs once --posts of its posts are acknowledged
    void go();                      // closed loop: fills the window
    void post(std::int64_t stamp);  // open loop: one post, stamped with its scheduled time
    void stop() { stopping_ = true; }
    bool sender() const { return sender_; }

private:
    void join();  // asks to join (again, after a refusal with a time to retry)
    void send_one();
    void on_message(std::string_view bytes);
    void failed(const std::string& what);

    boost::asio::io_context& io_;
    const load_options& options_;
    const ws_target& target_;
    load_stats& stats_;
    created_room room_;
    bool sender_;
    bool stopping_ = false;
    std::function<void()> on_ready_, on_finished_;
    int posted_ = 0, acknowledged_ = 0;
    std::shared_ptr<ws_client> ws_;
    std::uint64_t next_id_ = 1;
    std::unordered_map<std::uint64_t, std::int64_t> sent_at_;  // request id -> when the post went (ns)
    std::set<std::int64_t> mine_;                              // raw mode: own frames not yet seen back
    std::string name_;
    bool joined_ = false;
    boost::asio::steady_timer retry_;
};

}  // namespace ts::load
