#include "net/client_address.hpp"

namespace ts::net {
namespace asio = boost::asio;

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The comma-separated items of a header, last first.
std::vector<std::string_view> items_last_first(std::string_view header) {
    std::vector<std::string_view> items;
    while (true) {
        auto comma = header.rfind(',');
        items.push_back(trim(comma == std::string_view::npos ? header : header.substr(comma + 1)));
        if (comma == std::string_view::npos) break;
        header = header.substr(0, comma);
    }
    return items;
}

// One node of either header: "192.0.2.1", "192.0.2.1:4711", "[2001:db8::1]:4711",
// "\"[2001:db8::1]\"", or nothing readable ("unknown", an obfuscated name).
std::optional<asio::ip::address> node_address(std::string_view node) {
    node = trim(node);
    if (node.size() >= 2 && node.front() == '"' && node.back() == '"') node = node.substr(1, node.size() - 2);
    if (node.starts_with('[')) {
        auto close = node.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        node = node.substr(1, close - 1);
    } else if (node.find(':') == node.rfind(':') && node.find(':') != std::string_view::npos) {
        node = node.substr(0, node.find(':'));  // IPv4 with a port
    }
    boost::system::error_code ec;
    auto address = asio::ip::make_address(std::string(node), ec);
    if (ec) return std::nullopt;
    return address;
}

// Forwarded: "for=192.0.2.60;proto=http;by=203.0.113.43" -> the for= value.
std::string_view for_parameter(std::string_view element) {
    while (!element.empty()) {
        auto semicolon = element.find(';');
        auto pair = trim(element.substr(0, semicolon));
        if (pair.size() > 4 &&
            (pair.substr(0, 4) == "for=" || pair.substr(0, 4) == "For=" || pair.substr(0, 4) == "FOR="))
            return pair.substr(4);
        if (semicolon == std::string_view::npos) break;
        element.remove_prefix(semicolon + 1);
    }
    return {};
}

}  // namespace

bool trusted_proxies::add(std::string_view cidr) {
    boost::system::error_code ec;
    const std::string text(cidr);
    if (text.find('/') == std::string::npos) {
        auto address = asio::ip::make_address(text, ec);
        if (ec) return false;
        if (address.is_v4())
            networks_.emplace_back(asio::ip::network_v4(address.to_v4(), 32));
        else
            networks_.emplace_back(asio::ip::network_v6(address.to_v6(), 128));
        return true;
    }
    if (text.find(':') != std::string::npos) {
        auto network = asio::ip::make_network_v6(text, ec);
        if (ec) return false;
        networks_.emplace_back(network.canonical());
        return true;
    }
    auto network = asio::ip::make_network_v4(text, ec);
    if (ec) return false;
    networks_.emplace_back(network.canonical());
    return true;
}

bool trusted_proxies::contains(const asio::ip::address& address) const {
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
    const auto plain = address.is_v6() && address.to_v6().is_v4_mapped()
                           ? asio::ip::address(asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()))
                           : address;
    for (const auto& network : networks_) {
        if (const auto* v4 = std::get_if<asio::ip::network_v4>(&network)) {
            if (plain.is_v4() && asio::ip::network_v4(plain.to_v4(), 32).is_subnet_of(*v4)) return true;
            if (plain.is_v4() && plain.to_v4() == v4->network() && v4->prefix_length() == 32) return true;
        } else if (const auto* v6 = std::get_if<asio::ip::network_v6>(&network)) {
            if (plain.is_v6() && asio::ip::network_v6(plain.to_v6(), 128).is_subnet_of(*v6)) return true;
            if (plain.is_v6() && plain.to_v6() == v6->network() && v6->prefix_length() == 128) return true;
        }
    }
    return false;
}

std::string client_address(const asio::ip::address& peer, std::string_view forwarded, std::string_view x_forwarded_for,
                           const trusted_proxies& proxies) {
    if (!proxies.contains(peer)) return peer.to_string();
    const bool standard = !trim(forwarded).empty();
    const auto chain = items_last_first(standard ? forwarded : x_forwarded_for);
    for (auto item : chain) {
        auto address = node_address(standard ? for_parameter(item) : item);
        if (!address) return peer.to_string();  // a node we cannot read: trust nothing before it
        if (!proxies.contains(*address)) return address->to_string();
    }
    return peer.to_string();  // the whole chain is our proxies (or there is none)
}

}  // namespace ts::net
