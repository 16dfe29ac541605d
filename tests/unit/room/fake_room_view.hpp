#pragma once
// The room's core as a part sees it, for testing a part alone.
#include <map>
#include <set>
#include <string>

#include "room/room_part.hpp"

namespace ts::test {

struct fake_room_view final : room::room_view {
    std::set<std::uint64_t> messages;                         // seqs that are posted messages
    std::map<std::string, talkingstick::v1::Member> members;  // by member id
    bool is_message(std::uint64_t seq) const override { return messages.count(seq) > 0; }
    const talkingstick::v1::Member* member(const std::string& id) const override {
        auto it = members.find(id);
        return it == members.end() ? nullptr : &it->second;
    }
};

// A member as parts see the caller.
inline talkingstick::v1::Member person(const std::string& id, talkingstick::v1::Role role) {
    talkingstick::v1::Member m;
    m.set_member_id(id);
    m.set_role(role);
    return m;
}

// Decides a command and folds what was decided, as the room does (numbering from seq).
inline room::decision run_part(room::room_part& part, const talkingstick::v1::ClientMessage& m,
                               const talkingstick::v1::Member& caller, const room::room_view& view,
                               std::uint64_t& seq) {
    auto d = part.decide(room::part_command{m, caller, 1000, view});
    for (auto& e : d.events) {
        e.event.set_seq(++seq);
        part.evolve(e.event, e.hidden);
    }
    return d;
}

}  // namespace ts::test
