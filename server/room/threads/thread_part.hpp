#pragma once
// Private threads: each participant has one conversation with the room's facilitators
// (every moderator and co-moderator), for one-to-one preparation before the meeting, for
// support during it ("I need a break"), and after it. A facilitator can raise a point in
// the room for the participant, with their name or without it, as they asked.
//
// Every event of a thread is private to its participant and the moderators; the store
// keeps such events in the room's private record, never in its public log.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class thread_part final : public room_part {
public:
    explicit thread_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "private threads"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kThreadMessageSent, pb::Event::kThreadRead, pb::Event::kThreadPointRaised};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot&) const override {}  // never in the room's snapshot
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // When the participant last asked for a one-to-one in their thread, and when a
    // facilitator last wrote in it (event seqs; 0: never).
    std::uint64_t asked_seq(const std::string& member_id) const;
    std::uint64_t replied_seq(const std::string& member_id) const;

private:
    struct message {
        std::uint64_t seq = 0;
        pb::ThreadMessageSent sent;
        bool raised = false;  // a facilitator raised it in the room (once)
        template <class Archive>
        void serialize(Archive& a) {
            a(seq, sent, raised);
        }
    };
    struct thread {
        std::vector<message> messages;
        std::map<std::string, std::uint64_t> read_up_to;  // by reader
        std::uint64_t asked_seq = 0;
        std::uint64_t replied_seq = 0;
        template <class Archive>
        void serialize(Archive& a) {
            a(messages, read_up_to, asked_seq, replied_seq);
        }
    };

    decision send(const part_command& command) const;
    decision mark_read(const part_command& command) const;
    decision raise(const part_command& command) const;
    // The thread a command names: the caller's own for a participant, the named
    // participant's for a facilitator. Sets error when the caller may not use it.
    std::string thread_of(const part_command& command, const std::string& named,
                          std::optional<room_error>& error) const;

    room_limits limits_;
    std::unordered_map<std::string, thread> threads_;  // by participant's member id
};

}  // namespace ts::room
