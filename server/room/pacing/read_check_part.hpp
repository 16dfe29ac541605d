#pragma once
// Read checks: a moderator marks a message "check everyone has read this"; people confirm
// with "I have read it"; the moderator sees how many have, never who has not. Who confirmed
// is kept only in the record's private part, to count each person once.
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "room/room_part.hpp"

namespace ts::room {

class read_check_part final : public room_part {
public:
    const char* name() const override { return "read checks"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kReadCheckStarted, pb::Event::kReadConfirmed};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

private:
    struct check {
        std::uint64_t seq = 0;
        std::set<std::string> readers;
        std::uint32_t count = 0;
        template <class Archive>
        void serialize(Archive& a) {
            a(seq, readers, count);
        }
    };
    std::map<std::string, check> checks_;  // by check id
};

}  // namespace ts::room
