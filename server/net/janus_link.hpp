#pragma once
// A client of Janus's WebSocket API (subprotocol "janus-protocol"): one Janus session, kept
// alive, with each request matched to its answer by its transaction. Connects again after any
// failure (with a growing pause), and says when Janus is up (a session is open) or down.
// Everything runs on the link's own strand, its callbacks too; its public functions may be
// called from any thread and return at once.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/json/object.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace ts::net {

struct janus_options {
    std::string url;         // ws://host:port[/path]
    std::string api_secret;  // Janus's api_secret, sent with every request (empty: none)
    std::chrono::milliseconds request_timeout{5000};
    std::chrono::milliseconds keepalive{25000};  // well under Janus's 60 s session timeout
    std::chrono::milliseconds retry_first{250};  // doubled after each failed attempt, up to retry_most
    std::chrono::milliseconds retry_most{5000};
};

// Where a ws:// address points.
struct janus_address {
    std::string host;
    std::string port;
    std::string path;
};
// nullopt unless url is ws://host[:port][/path] (port 80 when not said).
std::optional<janus_address> parse_janus_url(const std::string& url);

// plugindata.data of a message from Janus, where a plugin's answer or event is (empty when
// there is none).
const boost::json::object& plugin_data_of(const boost::json::object& message);

// The final answer to a request: Janus's ("success", "error", or a plugin's "event"). A plugin's
// error (plugindata.data.error_code) counts as an error as well. error_code -1: no answer (Janus
// cannot be reached, or did not answer in time).
struct janus_answer {
    boost::json::object body;
    int error_code = 0;
    std::string error;
    bool ok() const { return error_code == 0; }
    const boost::json::object& plugin_data() const { return plugin_data_of(body); }
};

class janus_link : public std::enable_shared_from_this<janus_link> {
public:
    using answer_fn = std::function<void(janus_answer)>;
    // An event Janus sent of its own accord (a plugin's event, webrtcup, hangup, …) about the
    // handle it names.
    using event_fn = std::function<void(std::uint64_t handle, const boost::json::object& event)>;
    // Janus came up (a new session: handles made before are gone) or went down.
    using state_fn = std::function<void(bool up)>;

    static std::shared_ptr<janus_link> make(boost::asio::io_context& io, janus_options options, state_fn on_state,
                                            event_fn on_event);
    ~janus_link();
    janus_link(const janus_link&) = delete;
    janus_link& operator=(const janus_link&) = delete;

    void start();
    // Closes the connection; pending requests are answered with error_code -1; no callback
    // runs after the close.
    void stop();
    // Whether a session is open now (any thread).
    bool up() const { return up_.load(std::memory_order_relaxed); }

    // Attaches a handle to plugin (e.g. "janus.plugin.videoroom"); done gets data.id.
    void attach(std::string plugin, std::function<void(std::optional<std::uint64_t> handle, janus_answer)> done);
    // Sends body to the plugin behind handle (with jsep, if any). A synchronous request is
    // answered at once; an asynchronous one (join, publish, configure, start) is answered by the
    // plugin's event after Janus's ack.
    void message(std::uint64_t handle, boost::json::object body, std::optional<boost::json::object> jsep,
                 answer_fn done, bool asynchronous = false);
    // One ICE candidate for handle (a JSON candidate, or {"completed": true}).
    void trickle(std::uint64_t handle, boost::json::object candidate, answer_fn done);
    // Lets the handle go (Janus hangs its media up).
    void detach(std::uint64_t handle, answer_fn done);

private:
    janus_link(boost::asio::io_context& io, janus_options options, state_fn on_state, event_fn on_event);
    struct connection;
    struct pending;

    // A request on the session: body gets janus, transaction, session_id and apisecret.
    void send(boost::json::object body, answer_fn done, bool past_ack);
    void connect();
    void opened();
    void read_next();
    void received(const std::string& text);
    void write_next();
    void keep_alive();
    void fail(std::uint64_t generation, const std::string& why);
    void answer(const std::string& transaction, janus_answer answer);

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    janus_options options_;
    janus_address address_;
    state_fn on_state_;
    event_fn on_event_;

    std::unique_ptr<connection> connection_;
    std::uint64_t generation_ = 0;  // which connection a completion belongs to
    bool stopped_ = false;
    std::uint64_t session_ = 0;
    std::atomic<bool> up_{false};
    std::chrono::milliseconds retry_;
    boost::asio::steady_timer retry_timer_;
    boost::asio::steady_timer keepalive_timer_;
    std::uint64_t next_transaction_ = 1;
    std::unordered_map<std::string, std::unique_ptr<pending>> pending_;
    std::deque<std::string> outbox_;
    bool writing_ = false;
};

}  // namespace ts::net
