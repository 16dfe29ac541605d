#include "net/listener.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "base/log.hpp"
#include "base/log_throttle.hpp"
#include "net/http_session.hpp"

namespace ts::net {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

listener::listener(asio::io_context& io, const tcp::endpoint& endpoint, server_context& context)
    : io_(io), acceptor_(io), context_(context) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::start() {
    asio::co_spawn(
        acceptor_.get_executor(),
        [this]() -> asio::awaitable<void> {
            log::throttle failed_accepts(log::level::warn), refused(log::level::warn);
            asio::steady_timer pause(acceptor_.get_executor());
            auto backoff = std::chrono::milliseconds(0);
            while (acceptor_.is_open()) {
                auto [ec, socket] =
                    co_await acceptor_.async_accept(asio::make_strand(io_), asio::as_tuple(asio::use_awaitable));
                if (ec) {
                    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
                    // Out of descriptors, usually: the waiting connection stays queued, so
                    // accepting again at once would fail again at once. Keep serving those
                    // connected, and try again after a pause that grows (to a second).
                    ++context_.accept_failures;
                    failed_accepts.note("accept failed: " + ec.message() + "; serving the connections already open");
                    backoff = std::clamp(backoff * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
                    pause.expires_after(backoff);
                    co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
                    continue;
                }
                backoff = std::chrono::milliseconds(0);
                boost::system::error_code peer_ec;
                auto peer = socket.remote_endpoint(peer_ec);
                if (peer_ec) continue;
                auto slot = context_.connections.acquire(peer.address().to_string());
                if (!slot) {
                    ++context_.refused_connections;
                    refused.note("refused a connection: too many from one address");
                    continue;  // the socket closes as it goes out of scope
                }
                socket.set_option(tcp::no_delay(true), peer_ec);
                run_http_session(std::move(socket), context_, std::move(slot));
            }
        },
        asio::detached);
}

void listener::stop() {
    boost::system::error_code ec;
    acceptor_.close(ec);
}

}  // namespace ts::net
