#pragma once
// A part test in three lines: given what has happened, when someone sends a command, then
// these events (by kind) or this refusal. Each check is a non-fatal expectation that says
// which step it was, so that one failure never hides the next:
//
//   part_scenario s(part, view);
//   s.given(closed);
//   s.when(mod, answer(4)).then_error(pb::PERMISSION_DENIED);
//   s.when(ada, answer(4)).then_events({pb::Event::kFollowUpAnswered});
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/room/fake_room_view.hpp"

namespace ts::test {

class part_scenario {
public:
    part_scenario(room::room_part& part, const room::room_view& view) : part_(part), view_(view) {}

    // An event of another part happens (numbered, timed, folded, reacted to).
    part_scenario& given(talkingstick::v1::Event event) {
        happen(part_, view_, std::move(event), seq_, now_ms_);
        return *this;
    }
    part_scenario& at(std::int64_t now_ms) {
        now_ms_ = now_ms;
        return *this;
    }

    // What the part decided on one command (already folded, as the room would).
    class outcome {
    public:
        outcome(room::decision decided, std::string step) : decided_(std::move(decided)), step_(std::move(step)) {}
        void then_error(talkingstick::v1::ErrorCode code) const {
            EXPECT_TRUE(decided_.error) << step_ << ": accepted, expected refused with " << ErrorCode_Name(code);
            if (decided_.error) {
                EXPECT_EQ(decided_.error->code, code) << step_ << ": " << decided_.error->message;
            }
            EXPECT_TRUE(decided_.events.empty()) << step_ << ": a refusal changes nothing";
        }
        const room::decision& then_events(const std::vector<talkingstick::v1::Event::KindCase>& kinds) const {
            EXPECT_FALSE(decided_.error) << step_ << ": refused: " << (decided_.error ? decided_.error->message : "");
            std::vector<talkingstick::v1::Event::KindCase> got;
            for (const auto& e : decided_.events) got.push_back(e.event.kind_case());
            EXPECT_EQ(got, kinds) << step_;
            return decided_;
        }

    private:
        room::decision decided_;
        std::string step_;
    };

    outcome when(const talkingstick::v1::Member& who, const talkingstick::v1::ClientMessage& command) {
        const std::string step = who.member_id() + " sends " + command.ShortDebugString();
        return outcome(run_part(part_, command, who, view_, seq_, now_ms_), step);
    }

private:
    room::room_part& part_;
    const room::room_view& view_;
    std::uint64_t seq_ = 0;
    std::int64_t now_ms_ = 1000;
};

}  // namespace ts::test
