#pragma once
// The server's certificate and private key for HTTPS and WSS. Read from files at start and
// again on reload (SIGHUP, after a renewal): a connection keeps the TLS context it began
// with, so a reload drops nobody; connections made after it get the new certificate.
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "base/thread_annotations.hpp"

namespace ts::net {

class tls_certificates {
public:
    // Loads the pair: a PEM certificate chain (the server's first) and its PEM key. Throws
    // std::runtime_error saying which file is wrong and why.
    tls_certificates(std::string certificate_file, std::string key_file);

    // The context for a connection starting now. Thread-safe.
    std::shared_ptr<boost::asio::ssl::context> current() const;

    // Reads both files again. On success new connections use them and this returns empty; on
    // failure the old pair stays in use and this returns why.
    std::string reload();

private:
    std::string certificate_file_;
    std::string key_file_;
    mutable ts::mutex mutex_;
    std::shared_ptr<boost::asio::ssl::context> current_ TS_GUARDED_BY(mutex_);
};

}  // namespace ts::net
