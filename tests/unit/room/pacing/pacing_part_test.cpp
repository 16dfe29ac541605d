// The pacing part on its own: slow mode, the reading pace's line, holding it, and pauses.
#include "room/pacing/pacing_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

using test::person;

class PacingPart : public ::testing::Test, protected test::three_people {
protected:
    decision run(const pb::ClientMessage& m, const pb::Member& who, std::int64_t now_ms = 1000) {
        return test::run_part(part, m, who, view, seq, now_ms);
    }
    decision set_pacing(std::uint32_t slow, std::uint32_t wpm, std::uint32_t threshold = 0,
                        std::int64_t now_ms = 1000) {
        pb::ClientMessage m;
        auto* s = m.mutable_set_pacing()->mutable_settings();
        s->set_slow_mode_seconds(slow);
        s->set_words_per_minute(wpm);
        s->set_pause_threshold(threshold);
        return run(m, mod, now_ms);
    }
    // A message as the room's core posts it: stamped by the part, then folded, then answered.
    std::vector<logged_event> post(const std::string& text, std::int64_t now_ms) {
        pb::Event event;
        event.mutable_message_posted()->set_text(text);
        part.stamp(*event.mutable_message_posted(), now_ms);
        return test::happen(part, view, std::move(event), seq, now_ms);
    }
    decision request_pause(const pb::Member& who, bool anonymous = false) {
        pb::ClientMessage m;
        m.mutable_request_pause()->set_reason(pb::NEED_A_MOMENT);
        m.mutable_request_pause()->set_anonymous(anonymous);
        return run(m, who);
    }

    pacing_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(PacingPart, SlowModeAsksParticipantsToWaitButNotModerators) {
    EXPECT_EQ(set_pacing(0, 0).events.size(), 1u);
    EXPECT_FALSE(part.sender_wait(ada, 1000, 2000));  // off
    EXPECT_EQ(set_pacing(30, 0, 0).error, std::nullopt);
    auto wait = part.sender_wait(ada, 1000, 11000);
    ASSERT_TRUE(wait);
    EXPECT_EQ(wait->code, pb::RATE_LIMITED);
    EXPECT_EQ(wait->retry_after_ms, 20000u);
    EXPECT_FALSE(part.sender_wait(ada, 1000, 31000));
    EXPECT_FALSE(part.sender_wait(mod, 1000, 2000));
    EXPECT_FALSE(part.sender_wait(ada, 0, 2000));  // never posted
    EXPECT_EQ(part.message_limit(), room_limits{}.max_message_chars);
}

TEST_F(PacingPart, TheLineReleasesOneMessageAtTheReadingPace) {
    ASSERT_FALSE(set_pacing(0, 60).error);  // a word a second
    auto first = post("one two", 1000);     // nothing read before: released at once
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].event.message_released().seqs(0), 2u);
    EXPECT_TRUE(post("three", 1500).empty());  // "one two" is still being read
    EXPECT_EQ(part.unreleased(), 1u);
    EXPECT_EQ(part.next_deadline(view), 3000);  // two words after 1000
    EXPECT_TRUE(part.tick(view, 2999).events.empty());
    auto due = part.tick(view, 3000).events;
    ASSERT_EQ(due.size(), 1u);
    test::fold_into(part, due, seq, 3000);
    EXPECT_EQ(part.unreleased(), 0u);

    // Held, nothing goes out; released, everything does.
    pb::ClientMessage hold;
    hold.mutable_hold_line()->set_hold(true);
    EXPECT_EQ(run(hold, ada).error->code, pb::PERMISSION_DENIED);
    ASSERT_FALSE(run(hold, mod).error);
    EXPECT_EQ(run(hold, mod).error->code, pb::CONFLICT);
    EXPECT_TRUE(post("four", 10000).empty());
    EXPECT_TRUE(post("five", 10000).empty());
    EXPECT_EQ(part.next_deadline(view), std::nullopt);
    pb::ClientMessage release;
    release.mutable_release_line();
    auto all = run(release, mod, 11000);
    ASSERT_EQ(all.events.size(), 1u);
    EXPECT_EQ(all.events[0].event.message_released().seqs_size(), 2);
    EXPECT_EQ(run(release, mod).error->code, pb::CONFLICT);  // nothing waits now
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_TRUE(snap.line_held());
    EXPECT_EQ(snap.unreleased_size(), 0);
}

TEST_F(PacingPart, EnoughRequestsPauseTheRoomAndTheRequestersMayStayUnnamed) {
    ASSERT_FALSE(set_pacing(0, 0, 2).error);
    auto first = request_pause(ada, true);
    ASSERT_EQ(first.events.size(), 1u);
    EXPECT_TRUE(first.events[0].event.pause_requested().member_id().empty());
    EXPECT_EQ(first.events[0].hidden.pause_requester_member_id(), "m2");  // kept, to count once
    EXPECT_EQ(request_pause(ada).error->code, pb::CONFLICT);
    auto second = request_pause(bo);
    ASSERT_EQ(second.events.size(), 2u);
    EXPECT_EQ(second.events[0].event.pause_requested().requests(), 2u);
    EXPECT_TRUE(second.events[1].event.pause_changed().paused());
    EXPECT_TRUE(part.paused());
    EXPECT_EQ(request_pause(bo).error->code, pb::CONFLICT);  // already paused

    pb::ClientMessage resume;
    resume.mutable_set_paused()->set_paused(false);
    EXPECT_EQ(run(resume, ada).error->code, pb::PERMISSION_DENIED);
    ASSERT_FALSE(run(resume, mod).error);
    EXPECT_FALSE(part.paused());
    EXPECT_EQ(run(resume, mod).error->code, pb::CONFLICT);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.pause_requests(), 0u);  // a pause starts the count again
}

}  // namespace
}  // namespace ts::room
