#pragma once
// Accepts TCP connections and gives each its own strand and HTTP session.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/server_context.hpp"

namespace ts::net {

class listener {
public:
    // Binds and listens at once (throws on failure), so that the bound port is known.
    listener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, server_context& context);

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    // Starts accepting; runs until stop().
    void start();
    void stop();

private:
    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    server_context& context_;
};

}  // namespace ts::net
