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
    std::map<std::string, std::int64_t> absent_since;         // by member id, for those not present
    bool audit = false;                                       // the room's audit setting
    std::map<std::string, std::string> secrets;               // ballot secrets, by member id
    bool is_message(std::uint64_t seq) const override { return messages.count(seq) > 0; }
    void for_each_member(const std::function<void(const talkingstick::v1::Member&)>& visit) const override {
        for (const auto& [id, m] : members) visit(m);
    }
    std::int64_t absent_since_ms(const std::string& id) const override {
        auto it = absent_since.find(id);
        return it == absent_since.end() ? 0 : it->second;
    }
    bool audits_anonymous() const override { return audit; }
    // Exact names only: the likeness of names is the room's own test (person_name_test).
    bool name_in_use(const std::string& name) const override {
        for (const auto& [id, m] : members)
            if (m.present() && m.display_name() == name) return true;
        return false;
    }
    // As the room does, from a secret per member (the member id itself, unless set).
    std::string ballot_slot(const std::string& id, const std::string& question_id) const override {
        if (!members.count(id) || members.at(id).in_room()) return {};
        auto it = secrets.find(id);
        return (it == secrets.end() ? "secret:" + id : it->second) + "|" + question_id;
    }
    const talkingstick::v1::Member* member(const std::string& id) const override {
        auto it = members.find(id);
        return it == members.end() ? nullptr : &it->second;
    }
    std::string id = "r1";
    std::map<std::string, std::int64_t> heard;  // floor time by member id
    std::set<std::string> needs_shared;         // who stated needs and shared them
    const std::string& room_id() const override { return id; }
    std::int64_t heard_ms(const std::string& member_id) const override {
        auto it = heard.find(member_id);
        return it == heard.end() ? 0 : it->second;
    }
    bool shared_needs(const std::string& member_id) const override { return needs_shared.count(member_id) > 0; }
};

// A member as parts see the caller.
inline talkingstick::v1::Member person(const std::string& id, talkingstick::v1::Role role) {
    talkingstick::v1::Member m;
    m.set_member_id(id);
    m.set_role(role);
    return m;
}

// Numbers and times events as the room does (from seq, at now_ms) and folds them into part.
inline void fold_into(room::room_part& part, std::vector<room::logged_event>& events, std::uint64_t& seq,
                      std::int64_t now_ms = 1000) {
    for (auto& e : events) {
        e.event.set_seq(++seq);
        e.event.set_at_ms(now_ms);
        part.evolve(e.event, e.hidden);
    }
}

// An event of another part happens, as the room would commit it: numbered, timed, folded into
// part; then what part answers (react) is folded too and returned.
inline std::vector<room::logged_event> happen(room::room_part& part, const room::room_view& view,
                                              talkingstick::v1::Event event, std::uint64_t& seq,
                                              std::int64_t now_ms = 1000) {
    event.set_seq(++seq);
    event.set_at_ms(now_ms);
    part.evolve(event, {});
    auto answer = part.react(event, view, now_ms).events;
    fold_into(part, answer, seq, now_ms);
    return answer;
}

// The people most part tests need: a moderator and two participants.
struct three_people {
    talkingstick::v1::Member mod = person("m1", talkingstick::v1::MODERATOR);
    talkingstick::v1::Member ada = person("m2", talkingstick::v1::PARTICIPANT);
    talkingstick::v1::Member bo = person("m3", talkingstick::v1::PARTICIPANT);
};

// Decides a command and folds what was decided, as the room does: the caller is first held to
// the command's policy (who may send it; the phase is the room's to check).
inline room::decision run_part(room::room_part& part, const talkingstick::v1::ClientMessage& m,
                               const talkingstick::v1::Member& caller, const room::room_view& view, std::uint64_t& seq,
                               std::int64_t now_ms = 1000) {
    for (const auto& policy : part.policies())
        if (policy.command == m.command_case())
            if (auto refused = room::refusal_of_caller(policy, caller)) return room::decision::refuse(*refused);
    auto d = part.decide(room::part_command{m, caller, now_ms, view});
    fold_into(part, d.events, seq, now_ms);
    return d;
}

}  // namespace ts::test
