// Withdrawing and removing messages, in the room's core.
#include "app/stored_event.hpp"
#include "store/memory_event_log.hpp"
#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

class MessageRemoval : public room_fixture {};

// A withdrawn or removed message keeps its place and who removed it, but not its text: live,
// in the history a newcomer gets, and after the log is replayed (also through the stored form,
// where the text lives apart and is erased by the removal).
TEST_F(MessageRemoval, AWithdrawnOrRemovedMessageLosesItsTextEverywhereIncludingOnReplay) {
    auto mod = join("Mo", true), ada = join("Ada"), bo = join("Bo");
    auto post = [&](std::uint64_t c, const std::string& text) {
        return run(c, command([&](auto& m) { m.mutable_post()->set_text(text); })).events.back().event.seq();
    };
    const auto mine = post(ada, "my address is 1 High Street");
    const auto his = post(bo, "something hurtful");
    post(ada, "This one stays.");
    auto withdraw = [](std::uint64_t seq) {
        return command([seq](auto& m) { m.mutable_withdraw_message()->set_seq(seq); });
    };
    auto redact = [](std::uint64_t seq) {
        return command([seq](auto& m) { m.mutable_redact_message()->set_seq(seq); });
    };
    EXPECT_EQ(run(bo, withdraw(mine)).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(run(ada, redact(his)).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(run(ada, withdraw(1)).error->code, pb::NOT_FOUND);  // not a message
    ASSERT_TRUE(run(ada, withdraw(mine)).ok());
    ASSERT_TRUE(run(mod, redact(his)).ok());
    EXPECT_EQ(run(mod, redact(his)).error->code, pb::CONFLICT);

    auto texts = [](const room::room& room) {
        std::string all;
        for (const auto* e : room.events_after(0)) all += e->SerializeAsString();
        return all;
    };
    auto check = [&](const room::room& room) {
        const auto all = texts(room);
        EXPECT_EQ(all.find("High Street"), std::string::npos);
        EXPECT_EQ(all.find("hurtful"), std::string::npos);
        EXPECT_NE(all.find("This one stays."), std::string::npos);
        const auto& withdrawn = room.events_after(mine - 1)[0]->message_posted();
        EXPECT_TRUE(withdrawn.withdrawn());
        EXPECT_EQ(withdrawn.removed_by_member_id(), member(ada));
        EXPECT_EQ(room.events_after(his - 1)[0]->message_posted().removed_by_member_id(), member(mod));
    };
    check(r);
    room::room replayed("r1");
    for (const auto& e : log) ASSERT_FALSE(replayed.replay(e));
    check(replayed);

    // Stored and read back: the text was kept apart, and the removal erased it there.
    store::memory_event_log stored;
    std::vector<store::log_entry> entries;
    for (const auto& e : log) entries.push_back(app::to_stored(e));
    stored.append("r1", 0, std::move(entries), [](store::write_outcome) {});
    room::room reloaded("r1");
    for (const auto& entry : stored.load("r1")) {
        EXPECT_EQ(entry.event.find("High Street"), std::string::npos);
        EXPECT_EQ(entry.text.find("High Street"), std::string::npos);
        room::logged_event back;
        ASSERT_FALSE(app::from_stored(entry, back));
        ASSERT_FALSE(reloaded.replay(back));
    }
    check(reloaded);
}

}  // namespace
}  // namespace ts::test
