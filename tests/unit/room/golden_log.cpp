#include "unit/room/golden_log.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "room/sha256.hpp"

namespace ts::test {

std::string to_hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) out += {digits[c >> 4], digits[c & 15]};
    return out.empty() ? "-" : out;
}

std::string from_hex(const std::string& hex) {
    if (hex == "-") return {};
    if (hex.size() % 2) throw std::runtime_error("odd hex");
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

std::string snapshot_digest(const room::room& r) {
    auto snapshot = r.snapshot(0);
    // Added to snapshots after the recordings, and the same in all of them (the defaults).
    snapshot.clear_surveys();
    snapshot.clear_retention_days();
    auto digest = room::sha256(snapshot.SerializeAsString());
    return to_hex(std::string(digest.begin(), digest.end()));
}

std::vector<golden_entry> read_golden(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<golden_entry> out;
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string e, p, digest, deadline;
        if (!(fields >> e >> p >> digest >> deadline)) throw std::runtime_error("malformed line in " + path);
        golden_entry entry;
        if (!entry.logged.event.ParseFromString(from_hex(e)) || !entry.logged.hidden.ParseFromString(from_hex(p)))
            throw std::runtime_error("undecodable entry in " + path);
        entry.snapshot_sha256 = digest;
        if (deadline != "-") entry.next_deadline = std::stoll(deadline);
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace ts::test
