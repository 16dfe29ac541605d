#include "net/origin_policy.hpp"

#include <algorithm>
#include <cctype>

namespace ts::net {
namespace {

bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

// "localhost:8080" -> "localhost", "[::1]:80" -> "[::1]".
std::string_view host_part(std::string_view host_port) {
    if (host_port.starts_with('[')) return host_port.substr(0, host_port.find(']') + 1);
    return host_port.substr(0, host_port.find(':'));
}

}  // namespace

bool origin_policy::allows(std::string_view origin, std::string_view host) const {
    if (origin.empty()) return true;  // not a browser
    for (const auto& a : allowed)
        if (same_text(a, origin)) return true;
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string_view::npos) return false;  // "null" (a sandboxed or local page), or nonsense
    const auto scheme = origin.substr(0, scheme_end);
    if (!same_text(scheme, "http") && !same_text(scheme, "https")) return false;
    const auto host_port = origin.substr(scheme_end + 3);
    if (host_port.empty() || host_port.find('/') != std::string_view::npos) return false;
    if (same_text(host_port, host)) return true;  // the page this server served
    const auto name = host_part(host_port);
    return same_text(name, "localhost") || name == "127.0.0.1" || name == "[::1]";
}

}  // namespace ts::net
