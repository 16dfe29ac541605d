#include "app/turn_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ts::app {

bool is_ice_url(const std::string& url) {
    for (const char* scheme : {"turn:", "turns:", "stun:"}) {
        const std::string s = scheme;
        if (url.size() > s.size() && url.compare(0, s.size(), s) == 0)
            return url.find_first_of(" \t\r\n,") == std::string::npos;
    }
    return false;
}

std::vector<pb::IceServer> turn_servers(const turn_options& options, const std::string& who, std::int64_t now_s) {
    if (options.urls.empty()) return {};
    pb::IceServer server;
    for (const auto& url : options.urls) server.add_urls(url);
    const auto username = std::to_string(now_s + options.lifetime.count()) + ":" + who;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha1(), options.secret.data(), static_cast<int>(options.secret.size()),
         reinterpret_cast<const unsigned char*>(username.data()), username.size(), digest, &length);
    std::string credential(4 * ((length + 2) / 3), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(credential.data()), digest, static_cast<int>(length));
    server.set_username(username);
    server.set_credential(credential);
    return {std::move(server)};
}

}  // namespace ts::app
