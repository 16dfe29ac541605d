#pragma once
// The address a request comes from, for per-address limits. Behind a reverse proxy every
// connection comes from the proxy; only when the peer is a proxy the operator trusts
// (--trusted-proxy) is the client taken from Forwarded or X-Forwarded-For.
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ts::net {

class trusted_proxies {
public:
    // Adds "10.0.0.0/8", "2001:db8::/32" or one address; false if it is neither.
    bool add(std::string_view cidr);
    bool contains(const boost::asio::ip::address& address) const;
    bool empty() const { return networks_.empty(); }

private:
    std::vector<std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6>> networks_;
};

// The client's address: the peer's, unless the peer is a trusted proxy; then the nearest
// address in the forwarding chain (Forwarded's for=, else X-Forwarded-For, read from the
// right) that is not a trusted proxy itself. A chain that cannot be read gives the peer.
std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded,
                           std::string_view x_forwarded_for, const trusted_proxies& proxies);

}  // namespace ts::net
