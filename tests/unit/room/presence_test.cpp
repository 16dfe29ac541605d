// Who is connected: a person may be on several devices, and only their last connection going
// makes them leave; none of it survives a restart (nothing here is folded or stored).
#include "room/presence.hpp"

#include <gtest/gtest.h>

namespace ts::room {
namespace {

TEST(Presence, OnlyThePersonsLastConnectionGoingIsTheirLast) {
    presence p;
    p.attach(10, 0, "secret-a");
    p.attach(11, 0, "secret-a");
    p.attach(12, 1, "secret-b");
    EXPECT_EQ(p.member_of(11), 0u);
    EXPECT_EQ(p.member_of(12), 1u);
    auto first = p.detach(10);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->member, 0u);
    EXPECT_FALSE(first->last);
    EXPECT_TRUE(p.connected(0));
    auto second = p.detach(11);
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->last);
    EXPECT_FALSE(p.connected(0));
    EXPECT_TRUE(p.connected(1));
}

TEST(Presence, AConnectionThatNeverJoinedIsNobodys) {
    presence p;
    EXPECT_FALSE(p.member_of(7));
    EXPECT_FALSE(p.detach(7));
    p.attach(7, 3, "s");
    ASSERT_TRUE(p.detach(7));
    EXPECT_FALSE(p.detach(7));  // twice is once
}

TEST(Presence, DetachingAPersonReturnsEveryConnectionToCloseInOrder) {
    presence p;
    p.attach(30, 2, "s");
    p.attach(5, 2, "s");
    p.attach(17, 1, "t");
    p.attach(9, 2, "s");
    EXPECT_EQ(p.detach_all(2), (std::vector<std::uint64_t>{5, 9, 30}));
    EXPECT_FALSE(p.connected(2));
    EXPECT_FALSE(p.member_of(30));
    EXPECT_EQ(p.member_of(17), 1u);
    EXPECT_TRUE(p.detach_all(2).empty());
}

TEST(Presence, TheBallotSecretIsTheLatestShownAndEmptyForSomeoneNeverConnected) {
    presence p;
    EXPECT_EQ(p.ballot_secret(4), "");
    p.attach(1, 4, "old");
    p.attach(2, 4, "new");
    EXPECT_EQ(p.ballot_secret(4), "new");
    p.detach_all(4);
    EXPECT_EQ(p.ballot_secret(4), "new");  // their anonymous ballots stay theirs while the server runs
}

}  // namespace
}  // namespace ts::room
