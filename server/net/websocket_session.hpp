#pragma once
// A WebSocket connection speaking the Talking Stick protocol: reads ClientMessages,
// hands them to rooms, and writes what rooms send it from a bounded queue.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

#include "net/connection_limiter.hpp"
#include "net/server_context.hpp"

namespace ts::net {

// Takes over an upgraded socket whose request already passed the subprotocol check,
// completes the handshake and serves the connection until it closes. address: the client's
// (client_address.hpp), for per-address limits.
void run_websocket_session(boost::asio::ip::tcp::socket socket,
                           boost::beast::http::request<boost::beast::http::string_body> request,
                           server_context& context, connection_limiter::slot slot, std::string address);

}  // namespace ts::net
