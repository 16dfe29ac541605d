#pragma once
// Who is connected now: which connection joined as which member, how many connections each
// member has, and the ballot secret each has shown (from their resume token). None of it is
// in the log or a snapshot: after a restart nobody is connected (room::end_presence).
// Members are their index in the room's list of members.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ts::room {

class presence {
public:
    // What detach() found: the member the connection joined as, and whether it was their last.
    struct released {
        std::size_t member = 0;
        bool last = false;
    };

    // Ties a connection that has just joined to its member, with the ballot secret it showed.
    void attach(std::uint64_t connection_id, std::size_t member, std::string ballot_secret);
    // Unties one connection; nullopt when it had not joined.
    std::optional<released> detach(std::uint64_t connection_id);
    // Unties every connection of one member; returns them in ascending order, to be closed.
    std::vector<std::uint64_t> detach_all(std::size_t member);

    // The member a connection joined as, or nullopt.
    std::optional<std::size_t> member_of(std::uint64_t connection_id) const;
    bool connected(std::size_t member) const { return connections_.count(member) > 0; }
    // The secret a member's ballot slots are made from; empty when they never joined on a device
    // since the server started.
    const std::string& ballot_secret(std::size_t member) const;

private:
    std::unordered_map<std::uint64_t, std::size_t> by_connection_;
    std::unordered_map<std::size_t, int> connections_;  // only members with at least one
    std::unordered_map<std::size_t, std::string> ballot_secrets_;
};

}  // namespace ts::room
