#pragma once
// Throwaway TLS certificates for tests, made with the openssl tool in a folder of their own
// that goes when the object does.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "integration/test_client.hpp"

namespace ts::test {

// A self-signed certificate for localhost and 127.0.0.1: its own authority.
struct test_certificate {
    std::string cert;
    std::string key;
    tls_trust trust() const { return {cert, "localhost"}; }
};

class certificate_folder {
public:
    certificate_folder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ts-tls-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        // Readable by a proxy's workers, which may run as another user.
        std::filesystem::permissions(dir_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                               std::filesystem::perms::group_exec |
                                               std::filesystem::perms::others_read |
                                               std::filesystem::perms::others_exec);
    }
    ~certificate_folder() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    certificate_folder(const certificate_folder&) = delete;
    certificate_folder& operator=(const certificate_folder&) = delete;

    const std::string& path() const { return dir_; }

    // Makes name.pem and name-key.pem (an EC P-256 key), with name as its common name.
    test_certificate make(const std::string& name) const {
        test_certificate made{dir_ + "/" + name + ".pem", dir_ + "/" + name + "-key.pem"};
        auto command =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=" + name +
            " -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " + made.key + " -out " + made.cert +
            " 2>/dev/null";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("could not make a certificate: " + command);
        return made;
    }

private:
    std::string dir_;
};

}  // namespace ts::test
