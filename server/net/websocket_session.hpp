#pragma once
// A WebSocket connection speaking the Talking Stick protocol: reads ClientMessages,
// hands them to rooms, and writes what rooms send it from a bounded queue.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
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

// A connection over TLS (WSS): the same, on a stream whose TLS handshake is done. tls: the
// context it began with, kept while it lasts.
using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
void run_websocket_session(tls_stream stream, std::shared_ptr<boost::asio::ssl::context> tls,
                           boost::beast::http::request<boost::beast::http::string_body> request,
                           server_context& context, connection_limiter::slot slot, std::string address);

}  // namespace ts::net
