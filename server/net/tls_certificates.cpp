#include "net/tls_certificates.hpp"

#include <openssl/ssl.h>

#include <stdexcept>

namespace ts::net {
namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2 and 1.3 only. For 1.2, forward-secret AEAD suites only (Mozilla's "intermediate"
// list, which every browser of the last years speaks); 1.3's suites are all modern.
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384";

std::shared_ptr<ssl::context> load(const std::string& certificate_file, const std::string& key_file) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                         ssl::context::single_dh_use);
    SSL_CTX* native = context->native_handle();
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(native, tls12_ciphers) != 1)
        throw std::runtime_error("this OpenSSL cannot be set to TLS 1.2+ with modern ciphers");
    boost::system::error_code ec;
    context->use_certificate_chain_file(certificate_file, ec);
    if (ec) throw std::runtime_error("cannot use the TLS certificate " + certificate_file + ": " + ec.message());
    context->use_private_key_file(key_file, ssl::context::pem, ec);
    if (ec) throw std::runtime_error("cannot use the TLS key " + key_file + ": " + ec.message());
    if (SSL_CTX_check_private_key(native) != 1)
        throw std::runtime_error("the TLS key " + key_file + " does not belong to the certificate " + certificate_file);
    return context;
}

}  // namespace

tls_certificates::tls_certificates(std::string certificate_file, std::string key_file)
    : certificate_file_(std::move(certificate_file)),
      key_file_(std::move(key_file)),
      current_(load(certificate_file_, key_file_)) {}

std::shared_ptr<ssl::context> tls_certificates::current() const {
    ts::lock_guard lock(mutex_);
    return current_;
}

std::string tls_certificates::reload() {
    try {
        auto fresh = load(certificate_file_, key_file_);
        ts::lock_guard lock(mutex_);
        current_ = std::move(fresh);
        return {};
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace ts::net
