#include "room/presence.hpp"

#include <algorithm>

namespace ts::room {

void presence::attach(std::uint64_t connection_id, std::size_t member, std::string ballot_secret) {
    by_connection_[connection_id] = member;
    ++connections_[member];
    ballot_secrets_[member] = std::move(ballot_secret);
}

std::optional<presence::released> presence::detach(std::uint64_t connection_id) {
    auto it = by_connection_.find(connection_id);
    if (it == by_connection_.end()) return std::nullopt;
    released r{it->second, false};
    by_connection_.erase(it);
    auto count = connections_.find(r.member);
    if (count != connections_.end() && --count->second <= 0) {
        connections_.erase(count);
        r.last = true;
    }
    return r;
}

std::vector<std::uint64_t> presence::detach_all(std::size_t member) {
    std::vector<std::uint64_t> closed;
    for (auto it = by_connection_.begin(); it != by_connection_.end();) {
        if (it->second != member) {
            ++it;
            continue;
        }
        closed.push_back(it->first);
        it = by_connection_.erase(it);
    }
    connections_.erase(member);
    std::sort(closed.begin(), closed.end());
    return closed;
}

std::optional<std::size_t> presence::member_of(std::uint64_t connection_id) const {
    auto it = by_connection_.find(connection_id);
    if (it == by_connection_.end()) return std::nullopt;
    return it->second;
}

const std::string& presence::ballot_secret(std::size_t member) const {
    static const std::string none;
    auto it = ballot_secrets_.find(member);
    return it == ballot_secrets_.end() ? none : it->second;
}

}  // namespace ts::room
