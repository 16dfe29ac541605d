#pragma once
// Which web pages may open a WebSocket to this server. A browser always sends the page's
// Origin with an upgrade; without this check, a page on any site could open sessions from
// its visitors' browsers. A client that sends no Origin (a program, not a browser) is let in:
// the check protects people's browsers, and the protocol's credentials protect the rooms.
#include <string>
#include <string_view>
#include <vector>

namespace ts::net {

struct origin_policy {
    // Origins allowed besides the server's own, exactly as browsers send them
    // ("https://meet.example.org"; scheme, host and any port).
    std::vector<std::string> allowed;

    // Whether a page at origin may connect to the server reached as host (the Host header):
    // its own origin, a loopback page (for development), or one allowed above.
    bool allows(std::string_view origin, std::string_view host) const;
};

}  // namespace ts::net
