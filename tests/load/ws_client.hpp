#pragma once
// One WebSocket client connection of the load generator. Beast stays inside ws_client.cpp so
// that the scenarios compile quickly.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace ts::load {

struct ws_target {
    boost::asio::ip::tcp::resolver::results_type endpoints;
    std::string host;  // for the Host header
    std::string path = "/ws";
    std::string subprotocol;  // empty: none (a plain broadcast peer)
};

struct ws_handlers {
    std::function<void()> on_open;                                            // handshake done; sending is allowed
    std::function<void(std::string_view)> on_message;                         // one binary message
    std::function<void(const char* where, const std::string& why)> on_error;  // connection is gone
};

class ws_client {
public:
    virtual ~ws_client() = default;
    // Queues one binary message; messages go out in order, one write at a time.
    virtual void send(std::string bytes) = 0;
    // Closes the socket at once (an abrupt disconnect); no handler runs after this.
    virtual void close() = 0;
};

// Connects and handshakes; the handlers run on io's thread.
std::shared_ptr<ws_client> open_ws(boost::asio::io_context& io, const ws_target& target, ws_handlers handlers);

}  // namespace ts::load
