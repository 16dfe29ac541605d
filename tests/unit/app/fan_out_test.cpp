// Who hears what, without a network: each event encoded once, redacted for those outside a
// private event's audience; figures sent only when they changed.
#include "app/fan_out.hpp"

#include <gtest/gtest.h>

#include "unit/app/fake_sink.hpp"
#include "unit/room/room_fixture.hpp"

namespace ts::app {
namespace {

class FanOut : public test::room_fixture {
protected:
    FanOut() {
        mod = join("Mo", true);
        ada = join("Ada");
        bo = join("Bo");
        out.subscribe(mod, mod_sink, member(mod));
        out.subscribe(ada, ada_sink, member(ada));
        out.subscribe(bo, bo_sink, member(bo));
    }
    std::vector<event_frames> frames_of(const room::outcome& o) {
        std::vector<event_frames> frames;
        for (const auto& e : o.events) frames.push_back(event_frames::of(e.event));
        return frames;
    }

    std::uint64_t mod, ada, bo;
    std::shared_ptr<test::fake_sink> mod_sink = std::make_shared<test::fake_sink>();
    std::shared_ptr<test::fake_sink> ada_sink = std::make_shared<test::fake_sink>();
    std::shared_ptr<test::fake_sink> bo_sink = std::make_shared<test::fake_sink>();
    fan_out out;
};

TEST_F(FanOut, APublicEventIsOneFrameForEveryone) {
    auto posted = run(ada, test::command([](auto& m) { m.mutable_post()->set_text("Hello"); }));
    ASSERT_TRUE(posted.ok());
    out.broadcast(frames_of(posted), r);
    ASSERT_EQ(ada_sink->frames.size(), 1u);
    EXPECT_EQ(ada_sink->frames[0], bo_sink->frames[0]);  // the same bytes, not a copy each
    EXPECT_EQ(ada_sink->frames[0], mod_sink->frames[0]);
    EXPECT_EQ(bo_sink->received[0].event().message_posted().text(), "Hello");
}

TEST_F(FanOut, APrivateEventReachesItsAudienceAndOnlyItsNumberTheRest) {
    auto needs = run(ada, test::command([](auto& m) {
                         m.mutable_set_needs()->mutable_needs()->set_larger_text(true);
                         m.mutable_set_needs()->mutable_needs()->set_share_with_moderators(true);
                     }));
    ASSERT_TRUE(needs.ok());
    out.broadcast(frames_of(needs), r);
    EXPECT_TRUE(ada_sink->received.at(0).event().needs_updated().needs().larger_text());
    EXPECT_TRUE(mod_sink->received.at(0).event().needs_updated().needs().larger_text());
    const auto& seen_by_bo = bo_sink->received.at(0).event();
    EXPECT_FALSE(seen_by_bo.has_needs_updated());
    EXPECT_EQ(seen_by_bo.seq(), needs.events[0].event.seq());
}

TEST_F(FanOut, FiguresGoOnlyToThoseWhoDoNotHaveThemYet) {
    EXPECT_FALSE(out.send_reports(r, clock.now_ms()));  // nobody waits or speaks
    const auto first = mod_sink->received.size();
    EXPECT_GE(first, 1u);
    EXPECT_TRUE(mod_sink->received.back().has_participation());
    const auto bo_first = bo_sink->received.size();
    out.send_reports(r, clock.now_ms());  // nothing changed: nothing sent
    EXPECT_EQ(mod_sink->received.size(), first);
    EXPECT_EQ(bo_sink->received.size(), bo_first);
    ASSERT_TRUE(
        run(ada, test::command([](auto& m) { m.mutable_raise_hand()->set_kind(talkingstick::v1::NEW_POINT); })).ok());
    EXPECT_TRUE(out.send_reports(r, clock.now_ms()));  // someone waits: their time grows
    EXPECT_GT(mod_sink->received.size(), first);
}

TEST_F(FanOut, AConnectionUnsubscribedHearsNothingMoreAndAllCanBeClosedAtOnce) {
    EXPECT_EQ(out.unsubscribe(bo), bo_sink);
    EXPECT_EQ(out.unsubscribe(bo), nullptr);
    EXPECT_FALSE(out.subscribed(bo));
    ASSERT_NE(out.member_of(ada), nullptr);
    EXPECT_EQ(*out.member_of(ada), member(ada));
    auto posted = run(ada, test::command([](auto& m) { m.mutable_post()->set_text("Still here?"); }));
    out.broadcast(frames_of(posted), r);
    EXPECT_TRUE(bo_sink->received.empty());
    out.finish_all(4404, "gone");
    ASSERT_TRUE(ada_sink->closed);
    EXPECT_EQ(ada_sink->closed->first, 4404);
    EXPECT_FALSE(bo_sink->closed);
    EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace ts::app
