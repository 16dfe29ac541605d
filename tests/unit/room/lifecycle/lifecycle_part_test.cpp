// The lifecycle part on its own: phases move forward only, by moderators (which commands
// each phase allows is their policies', command_policy_test.cpp).
#include "room/lifecycle/lifecycle_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

class LifecyclePart : public ::testing::Test, protected test::three_people {
protected:
    decision move_to(pb::RoomPhase phase, const pb::Member& who) {
        pb::ClientMessage m;
        m.mutable_set_room_phase()->set_phase(phase);
        return test::run_part(part, m, who, view, seq);
    }
    void created(pb::RoomPhase phase) {
        pb::Event event;
        event.mutable_room_created()->set_title("A room");
        event.mutable_room_created()->set_phase(phase);
        test::happen(part, view, event, seq);
    }

    lifecycle_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(LifecyclePart, TheRecordIsKeptTheDaysItsModeratorsSayAfterTheMeetingCloses) {
    created(pb::LIVE);
    pb::ClientMessage keep;
    keep.mutable_set_retention()->set_days(30);
    EXPECT_EQ(test::run_part(part, keep, ada, view, seq).error->code, pb::PERMISSION_DENIED);
    keep.mutable_set_retention()->set_days(room_limits{}.max_retention_days + 1);
    EXPECT_EQ(test::run_part(part, keep, mod, view, seq).error->code, pb::BAD_REQUEST);
    keep.mutable_set_retention()->set_days(30);
    ASSERT_FALSE(test::run_part(part, keep, mod, view, seq).error);
    EXPECT_EQ(part.expires_at_ms(), std::nullopt);  // not closed: kept
    ASSERT_FALSE(test::run_part(
                     part,
                     [] {
                         pb::ClientMessage m;
                         m.mutable_set_room_phase()->set_phase(pb::CLOSED);
                         return m;
                     }(),
                     mod, view, seq, 5000)
                     .error);
    EXPECT_EQ(part.expires_at_ms(), 5000 + 30LL * 24 * 60 * 60 * 1000);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.retention_days(), 30u);
    EXPECT_EQ(snap.closed_at_ms(), 5000);
}

TEST_F(LifecyclePart, ARoomFromBeforePhasesIsLive) {
    created(pb::LIVE);
    EXPECT_EQ(part.phase(), pb::LIVE);
    pb::RoomSnapshot snap;
    part.add_to(snap);
    EXPECT_EQ(snap.phase(), pb::LIVE);
    EXPECT_EQ(snap.retention_days(), room_limits{}.retention_days);
    snap.clear_retention_days();
    EXPECT_EQ(snap.ByteSizeLong(), 0u);  // the zero value: old snapshots are unchanged
}

TEST_F(LifecyclePart, ModeratorsMoveTheRoomForwardOnly) {
    created(pb::PREPARING);
    EXPECT_EQ(move_to(pb::LOBBY, ada).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(move_to(pb::PREPARING, mod).error->code, pb::CONFLICT);
    EXPECT_EQ(move_to(static_cast<pb::RoomPhase>(9), mod).error->code, pb::BAD_REQUEST);
    auto lobby = move_to(pb::LOBBY, mod);
    ASSERT_FALSE(lobby.error);
    EXPECT_EQ(lobby.events[0].event.room_phase_changed().by_member_id(), "m1");
    EXPECT_EQ(part.phase(), pb::LOBBY);
    EXPECT_EQ(move_to(pb::PREPARING, mod).error->code, pb::CONFLICT);  // never back
    ASSERT_FALSE(move_to(pb::LIVE, mod).error);
    ASSERT_FALSE(move_to(pb::CLOSED, mod).error);
    EXPECT_EQ(move_to(pb::LIVE, mod).error->code, pb::CONFLICT);  // closed is the end
}

}  // namespace
}  // namespace ts::room
