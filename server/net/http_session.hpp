#pragma once
// One HTTP/1.1 connection: static files, the REST API, health, and the upgrade to /ws.
#include <boost/asio/ip/tcp.hpp>

#include "net/connection_limiter.hpp"
#include "net/server_context.hpp"

namespace ts::net {

// Serves the connection until it closes or is upgraded to a WebSocket.
void run_http_session(boost::asio::ip::tcp::socket socket, server_context& context, connection_limiter::slot slot);

}  // namespace ts::net
