#include "app/log_replay.hpp"

#include <gtest/gtest.h>

#include "app/stored_event.hpp"

namespace ts::app {
namespace {

namespace pb = talkingstick::v1;

// A room's first entries, as they are stored: created, Ada joins, posts, and answers the
// readiness survey (a private event: sealed).
std::vector<store::log_entry> sound_log() {
    room::room r("r1");
    std::vector<store::log_entry> out;
    auto keep = [&](const room::outcome& o) {
        for (const auto& e : o.events) out.push_back(to_stored(e));
    };
    keep(r.create("Meeting", "", "moderator-key-0123456789", "join-code-0123456789", 1000));
    pb::ClientMessage join;
    join.mutable_join()->set_display_name("Ada");
    join.mutable_join()->set_join_code("join-code-0123456789");
    keep(r.apply(join, {1, "token-1"}, 2000));
    pb::ClientMessage post;
    post.mutable_post()->set_text("hello");
    keep(r.apply(post, {1, ""}, 3000));
    pb::ClientMessage answer;
    answer.mutable_answer_readiness()->mutable_readiness()->set_would_help("time to read");
    keep(r.apply(answer, {1, ""}, 4000));
    return out;
}

TEST(StoredEvent, APrivateEventLeavesOnlyItsNumberInTheLogAndItsContentInThePrivateRecord) {
    auto log = sound_log();
    const auto& sealed = log.back();
    pb::Event in_log;
    ASSERT_TRUE(in_log.ParseFromString(sealed.event));
    EXPECT_TRUE(in_log.sealed());
    EXPECT_EQ(in_log.seq(), sealed.seq);
    EXPECT_EQ(in_log.kind_case(), pb::Event::KIND_NOT_SET);
    EXPECT_EQ(in_log.private_to_size(), 0);  // not even who it concerns
    EXPECT_EQ(sealed.event.find("time to read"), std::string::npos);
    EXPECT_NE(sealed.sealed.find("time to read"), std::string::npos);
    for (std::size_t i = 0; i + 1 < log.size(); ++i) EXPECT_TRUE(log[i].sealed.empty()) << "public entry " << i;

    room::logged_event back;
    ASSERT_FALSE(from_stored(sealed, back));
    EXPECT_EQ(back.event.readiness_answered().readiness().would_help(), "time to read");
}

TEST(StoredEvent, APrivateEventStoredBeforeSealingIsReadAsItWas) {
    auto log = sound_log();
    room::logged_event whole;
    ASSERT_FALSE(from_stored(log.back(), whole));
    log.back().event = whole.event.SerializeAsString();  // the old way: whole, in the log
    log.back().sealed.clear();
    auto replayed = replay_log("r1", log, {});
    EXPECT_FALSE(replayed.damage);
    EXPECT_EQ(replayed.state.last_seq(), log.size());
}

TEST(StoredEvent, ASealedEntryWhosePrivateRecordIsMissingIsDamage) {
    auto log = sound_log();
    log.back().sealed.clear();
    auto replayed = replay_log("r1", log, {});
    ASSERT_TRUE(replayed.damage);
    EXPECT_EQ(replayed.damage->bad_seq, log.back().seq);
    EXPECT_NE(replayed.damage->problem.find("private record"), std::string::npos);
    // A public event cannot pass for a private one.
    log = sound_log();
    log.back().sealed = log[1].event;
    ASSERT_TRUE(replay_log("r1", log, {}).damage);
}

TEST(LogReplay, ASoundLogReplaysWhole) {
    auto log = sound_log();
    auto replayed = replay_log("r1", log, {});
    EXPECT_FALSE(replayed.damage);
    EXPECT_EQ(replayed.events, log.size());
    EXPECT_EQ(replayed.state.last_seq(), log.size());
}

TEST(LogReplay, AGapStopsTheReplayJustBeforeIt) {
    auto log = sound_log();
    log.pop_back();  // ends with the message
    auto moved = log.back();
    log.pop_back();
    pb::Event e;
    e.ParseFromString(moved.event);
    e.set_seq(moved.seq + 1);
    log.push_back({moved.seq + 1, e.SerializeAsString(), moved.hidden, moved.sealed});
    auto replayed = replay_log("r1", log, {});
    ASSERT_TRUE(replayed.damage);
    EXPECT_EQ(replayed.damage->readable_up_to, moved.seq - 1);
    EXPECT_EQ(replayed.damage->bad_seq, moved.seq);
    EXPECT_EQ(replayed.damage->last_stored_seq, moved.seq + 1);
    EXPECT_EQ(replayed.damage->entries_after, 1u);
    EXPECT_EQ(replayed.state.last_seq(), moved.seq - 1);
    EXPECT_TRUE(replayed.state.created());
}

TEST(LogReplay, AnUndecodableEntryOrOneUnderTheWrongNumberIsDamage) {
    auto log = sound_log();
    log[1].event = "\xff\xff\xff";
    auto undecodable = replay_log("r1", log, {});
    ASSERT_TRUE(undecodable.damage);
    EXPECT_EQ(undecodable.damage->readable_up_to, 1u);
    EXPECT_NE(undecodable.damage->problem.find("does not decode"), std::string::npos);
    EXPECT_EQ(undecodable.damage->entries_after, log.size() - 1);

    log = sound_log();
    log[2].seq = 7;
    auto misnumbered = replay_log("r1", log, {});
    ASSERT_TRUE(misnumbered.damage);
    EXPECT_EQ(misnumbered.damage->readable_up_to, 2u);

    auto status = damaged_status(*misnumbered.damage);
    EXPECT_TRUE(status.read_only());
    EXPECT_EQ(status.readable_up_to_seq(), 2u);
    EXPECT_EQ(status.damaged_from_seq(), 3u);
    EXPECT_FALSE(status.reason().empty());
}

}  // namespace
}  // namespace ts::app
