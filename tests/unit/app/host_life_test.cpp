#include "app/host_life.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ts::app {
namespace {

using s = host_state;

TEST(HostLife, ADeletionWaitsForTheRecordThenEndsTheRoom) {
    host_life life;
    EXPECT_TRUE(life.records());
    life.move_to(s::deleting);
    EXPECT_TRUE(life.ending());
    EXPECT_FALSE(life.records());
    life.move_to(s::erasing);
    life.move_to(s::deleted);
    EXPECT_TRUE(life.ending());
    EXPECT_THROW(life.move_to(s::serving), std::logic_error);
}

TEST(HostLife, ARecordThatCouldNotBeErasedLeavesTheRoomServing) {
    host_life life;
    life.move_to(s::deleting);
    life.move_to(s::erasing);
    life.move_to(s::serving);
    EXPECT_TRUE(life.records());
    EXPECT_FALSE(life.ending());
}

TEST(HostLife, DamageMakesTheRoomReadOnlyForGood) {
    host_life life;
    life.move_to(s::read_only);
    EXPECT_FALSE(life.records());
    EXPECT_THROW(life.move_to(s::serving), std::logic_error);
    EXPECT_THROW(life.move_to(s::deleting), std::logic_error);
    life.move_to(s::retired);  // a read-only room nobody reads is unloaded
    host_life deleting;
    deleting.move_to(s::deleting);
    deleting.move_to(s::read_only);  // damage met what was still being written
    EXPECT_FALSE(deleting.ending());
}

TEST(HostLife, OnlyTheMovesOfTheDiagramAreLegal) {
    const s all[] = {s::serving, s::read_only, s::deleting, s::erasing, s::deleted, s::retired};
    int legal = 0;
    for (auto from : all)
        for (auto to : all) {
            host_life life(from);
            if (host_life::legal(from, to)) {
                ++legal;
                EXPECT_NO_THROW(life.move_to(to));
                EXPECT_TRUE(life.is(to));
            } else {
                EXPECT_THROW(life.move_to(to), std::logic_error) << name_of(from) << " to " << name_of(to);
                EXPECT_TRUE(life.is(from));
            }
        }
    EXPECT_EQ(legal, 8);                                     // the arrows of the diagram in host_life.hpp
    EXPECT_FALSE(host_life::legal(s::retired, s::serving));  // retired hands commands back for good
    EXPECT_FALSE(host_life::legal(s::serving, s::erasing));  // never before what was written is durable
}

}  // namespace
}  // namespace ts::app
