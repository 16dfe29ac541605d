#pragma once
// The readiness survey: before the meeting each participant says how confident they feel,
// what helped before, what would make it easier, and whether they would like a one-to-one
// conversation; they may change their answers at any time. The answers are private to the
// person and the moderators (the event says so; the person alone in an anonymous summary);
// moderators get a summary with the figures, confidence day by day, and what people wrote.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class readiness_part final : public room_part {
public:
    explicit readiness_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "readiness survey"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kReadinessAnswered, pb::Event::kSurveysChanged};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot&) const override {}  // never in the room's snapshot
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // This person's latest answers (nothing said: all empty).
    pb::Readiness readiness_of(const std::string& member_id) const;
    // For moderators: the figures, confidence day by day, what people wrote (without names)
    // and, unless the summary is anonymous, each person's answers; over these people (in
    // this order).
    pb::ReadinessSummary summary(const std::vector<std::string>& member_ids) const;
    // When this person last said yes to a one-to-one (the event's seq), or 0.
    std::uint64_t one_to_one_asked(const std::string& member_id) const;

private:
    struct answer {
        pb::Readiness readiness;
        std::uint64_t asked_seq = 0;  // the answer that said yes to a one-to-one
        template <class Archive>
        void serialize(Archive& a) {
            a(readiness, asked_seq);
        }
    };
    struct change {
        std::int64_t at_ms = 0;
        std::string member_id;
        std::uint32_t confidence = 0;
        template <class Archive>
        void serialize(Archive& a) {
            a(at_ms, member_id, confidence);
        }
    };

    room_limits limits_;
    bool anonymous_ = false;
    std::unordered_map<std::string, answer> answers_;  // by member id
    std::vector<change> confidence_changes_;           // in order
};

}  // namespace ts::room
