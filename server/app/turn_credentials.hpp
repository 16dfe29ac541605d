#pragma once
// TURN relays for browsers behind NAT, with credentials that expire: coturn's "TURN REST API"
// scheme (its use-auth-secret), so that the operator shares one secret with coturn and no
// account is ever stored. The username is "<expiry in Unix seconds>:<who>"; the credential is
// base64 of HMAC-SHA1(secret, username), which coturn recomputes and checks with the expiry.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::app {

namespace pb = talkingstick::v1;

struct turn_options {
    std::vector<std::string> urls;  // turn:host:port?transport=udp, turns:…, stun:…; empty: no TURN
    std::string secret;             // coturn's static-auth-secret
    // Long enough for any meeting: coturn checks the expiry again at each refresh of a relay.
    std::chrono::seconds lifetime{std::chrono::hours(24)};
};

// Whether a URL names a TURN or STUN server (turn:, turns: or stun: with a host).
bool is_ice_url(const std::string& url);

// The ICE servers for `who` (a room's id), valid from now_s (Unix seconds) for the lifetime.
// None when no TURN server is configured.
std::vector<pb::IceServer> turn_servers(const turn_options& options, const std::string& who, std::int64_t now_s);

}  // namespace ts::app
