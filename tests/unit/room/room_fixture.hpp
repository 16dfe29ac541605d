#pragma once
// A room with a moderator and participants already in, driven command by command with a
// fake clock. Every accepted event is kept, as the server would persist it, so that tests
// can replay the log.
#include <gtest/gtest.h>

#include <optional>

#include "room/room.hpp"
#include "unit/room/fake_clock.hpp"

namespace ts::test {

namespace pb = talkingstick::v1;

class room_fixture : public ::testing::Test {
protected:
    static constexpr const char* key = "moderator-key-0123456789";
    static constexpr const char* code = "join-code-0123456789";

    room_fixture() : r("r1") { record(r.create("Meeting", "", key, code, clock.now_ms())); }

    // Joins on a new connection; returns the connection id.
    std::uint64_t join(const std::string& name, bool moderator = false, bool observer = false) {
        auto connection = ++connections;
        pb::ClientMessage m;
        m.mutable_join()->set_display_name(name);
        if (moderator)
            m.mutable_join()->set_moderator_key(key);
        else
            m.mutable_join()->set_join_code(code);
        m.mutable_join()->set_as_observer(observer);
        auto out = r.apply(m, {connection, "token-" + std::to_string(connection)}, clock.now_ms());
        EXPECT_TRUE(out.ok()) << out.error->message;
        record(out);
        return connection;
    }

    room::outcome run(std::uint64_t connection, const pb::ClientMessage& m) {
        auto out = r.apply(m, {connection, ""}, clock.now_ms());
        record(out);
        return out;
    }

    room::outcome tick() {
        auto out = r.tick(clock.now_ms());
        record(out);
        return out;
    }

    void record(const room::outcome& out) { log.insert(log.end(), out.events.begin(), out.events.end()); }

    std::string member(std::uint64_t connection) const { return r.member_of(connection)->member_id(); }

    // The room as the log replays it and as its stored state restores it: both the same as
    // this one. Returns the restored room, for a test to look further (none if it failed).
    std::optional<room::room> expect_replay_and_restore_agree() {
        room::room replayed("r1");
        for (const auto& e : log) EXPECT_FALSE(replayed.replay(e));
        EXPECT_EQ(replayed.snapshot(clock.now_ms()).SerializeAsString(),
                  r.snapshot(clock.now_ms()).SerializeAsString());
        auto restored = room::room::restore("r1", r.save_state());
        EXPECT_TRUE(restored);
        if (restored) {
            EXPECT_EQ(restored->save_state(), r.save_state());
        }
        return restored;
    }

    test::fake_clock clock;
    room::room r;
    std::vector<room::logged_event> log;
    std::uint64_t connections = 0;
};

// A ClientMessage built by set(m): command([](auto& m) { m.mutable_end_turn(); }).
template <class Setter>
pb::ClientMessage command(Setter set) {
    pb::ClientMessage m;
    set(m);
    return m;
}

inline pb::ErrorCode code_of(const room::outcome& out) {
    return out.error ? out.error->code : pb::ERROR_CODE_UNSPECIFIED;
}

}  // namespace ts::test
