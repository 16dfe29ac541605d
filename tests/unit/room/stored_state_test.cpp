// The room's stored state: restoring a snapshot taken after any entry and replaying the
// rest gives the room that replaying the whole log gives, and the snapshot keeps nothing the
// log does not say (who wrote an anonymous point or answer).
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstring>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "unit/room/golden_log.hpp"
#include "unit/room/room_fixture.hpp"
#include "room/reports/participation_reports.hpp"
#include "room/reports/moderator_view.hpp"

namespace ts::test {
namespace {

namespace reports = room::reports;

// Everything a person or a moderator can learn of the room, as bytes.
std::string everything(const room::room& r, std::int64_t now_ms) {
    const auto snapshot = r.snapshot(now_ms);
    std::string out = snapshot.SerializeAsString();
    out += reports::balance(r, now_ms).SerializeAsString();
    const auto needs = reports::needs_summary(r);
    out += needs.SerializeAsString() + reports::readiness_summary(r, needs).SerializeAsString();
    for (const auto& m : snapshot.members()) {
        out += reports::participation_report(r, m.member_id(), now_ms).SerializeAsString();
        pb::ParticipationReport moderator;
        reports::add_moderator_view(r, moderator, now_ms);
        out += moderator.SerializeAsString();
    }
    out += std::to_string(r.next_deadline().value_or(-1));
    // And all it holds, of every part (the same state always gives the same bytes).
    return out + r.save_state();
}

// What the room does next, as bytes: the facilitator and the first two participants come
// back and run commands whose results hang on every part's counters and figures (ids of
// questions, items and invitations; turn caps; who has read what), then time passes.
std::string probe(room::room& r, std::int64_t now_ms) {
    std::string out;
    auto apply = [&](std::uint64_t connection, auto set) {
        pb::ClientMessage m;
        set(m);
        auto o = r.apply(m, {connection, "fresh-token-" + std::to_string(connection)}, now_ms);
        out += o.error ? o.error->message : "ok";
        for (const auto& e : o.events) out += e.event.SerializeAsString() + e.hidden.SerializeAsString();
    };
    for (std::uint64_t c : {1, 2, 3})
        apply(c, [c](auto& m) { m.mutable_join()->set_resume_token("token-" + std::to_string(c)); });
    apply(1, [](auto& m) {
        m.mutable_set_fairness()->mutable_settings()->set_policy(pb::FEWEST_TURNS);
        m.mutable_set_fairness()->mutable_settings()->set_max_turns(1);
    });
    for (std::uint64_t c : {2, 3}) apply(c, [](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); });
    apply(1, [](auto& m) {
        m.mutable_open_question()->set_kind(pb::FIST_TO_FIVE);
        m.mutable_open_question()->set_text("How sure are we?");
    });
    apply(1, [](auto& m) { m.mutable_plan_agenda_item()->mutable_item()->set_title("Next steps"); });
    apply(1, [](auto& m) { m.mutable_invite_to_speak()->set_member_id("m2"); });
    apply(3, [](auto& m) { m.mutable_send_thread_message()->set_text("Still here."); });
    apply(3, [](auto& m) { m.mutable_confirm_briefing_read()->set_version(1); });
    apply(2, [](auto& m) {
        m.mutable_answer_question()->set_question_id("q2");
        m.mutable_answer_question()->mutable_ballot()->set_response(pb::CONSENSUS_BLOCK);
    });
    auto later = r.tick(now_ms + 3'600'000);
    for (const auto& e : later.events) out += e.event.SerializeAsString();
    return out + everything(r, now_ms + 3'600'000);
}

// For a log: after every cut, restore + tail equals the whole replay, entry by entry (and,
// with probing, goes on to do the same).
void expect_restores_at_every_cut(const std::vector<room::logged_event>& log, std::int64_t now_ms,
                                  bool probing = false) {
    room::room whole("r1");
    std::vector<std::string> after;  // everything(), after each entry of the whole replay
    for (const auto& entry : log) {
        ASSERT_FALSE(whole.replay(entry));
        after.push_back(everything(whole, now_ms));
    }
    room::room partial("r1");
    for (std::size_t cut = 0; cut < log.size(); ++cut) {
        ASSERT_FALSE(partial.replay(log[cut]));
        auto restored = room::room::restore("r1", partial.save_state());
        ASSERT_TRUE(restored) << "after entry " << cut + 1;
        ASSERT_EQ(restored->last_seq(), cut + 1);
        ASSERT_EQ(everything(*restored, now_ms), after[cut]) << "restored after entry " << cut + 1;
        for (std::size_t i = cut + 1; i < log.size(); ++i) ASSERT_FALSE(restored->replay(log[i]));
        ASSERT_EQ(everything(*restored, now_ms), after.back())
            << "restored after entry " << cut + 1 << ", then the rest";
        if (!probing) continue;
        room::room replayed("r1");
        for (const auto& entry : log) ASSERT_FALSE(replayed.replay(entry));
        ASSERT_EQ(probe(*restored, now_ms), probe(replayed, now_ms)) << "restored after entry " << cut + 1;
    }
}

TEST(StoredState, EveryGoldenLogRestoredAfterAnyEntryEndsAsTheWholeReplay) {
    std::size_t files = 0;
    for (const auto& file : std::filesystem::directory_iterator(TS_GOLDEN_DIR)) {
        if (file.path().extension() != ".golden") continue;
        ++files;
        SCOPED_TRACE(file.path().filename().string());
        std::vector<room::logged_event> log;
        for (const auto& entry : read_golden(file.path().string())) log.push_back(entry.logged);
        expect_restores_at_every_cut(log, 1'900'000'000'000);
    }
    EXPECT_GE(files, 6u);
}

class StoredStateMeeting : public room_fixture {};

// The stored-state fuzzer starts from seeds that this build can read, or it would fuzz only
// the format check: a meeting (three people, a post, a raised hand), its first half, and the
// same with the room id's length made 256 MiB.
TEST_F(StoredStateMeeting, TheFuzzerSeedsAreInThisFormat) {
    join("Mo", true);
    auto ada = join("Ada");
    join("Bo");
    ASSERT_TRUE(run(ada, command([](auto& m) { m.mutable_post()->set_text("Shall we start?"); })).ok());
    ASSERT_TRUE(run(ada, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); })).ok());
    const auto meeting = r.save_state();
    // The room id's length: after the archive's byte order (1), the magic's length (8) and
    // text (23), and the format (4).
    const std::size_t id_length_at = 1 + 8 + 23 + 4;
    ASSERT_EQ(meeting.substr(id_length_at, 8), std::string("\x02\0\0\0\0\0\0\0", 8));
    auto huge = meeting;
    huge.replace(id_length_at, 8, std::string("\0\0\0\x10\0\0\0\0", 8));
    const std::map<std::string, std::string> seeds = {
        {"meeting", meeting}, {"truncated", meeting.substr(0, meeting.size() / 2)}, {"huge_inner_length", huge}};
    const std::string dir = std::string(TS_FUZZ_CORPUS_DIR) + "/stored_state/";
    const bool update = std::getenv("TS_UPDATE_GOLDEN") != nullptr;
    for (const auto& [name, bytes] : seeds) {
        if (update) std::ofstream(dir + name, std::ios::binary) << bytes;
        std::ifstream in(dir + name, std::ios::binary);
        const std::string stored{std::istreambuf_iterator<char>(in), {}};
        EXPECT_EQ(stored, bytes) << dir << name << " is not today's: TS_UPDATE_GOLDEN=1 writes it again";
    }
    ASSERT_TRUE(room::room::restore("r1", meeting));
    EXPECT_FALSE(room::room::restore("r1", huge));
}

// A meeting that touches every part: preparation, the agenda, turns, pacing, decisions
// (named and anonymous), actions, threads, glossary, read checks, equal voice and withdrawal.
TEST_F(StoredStateMeeting, AMeetingOfEveryPartRestoredAfterAnyEntryEndsAsTheWholeReplay) {
    auto mo = join("Mo", true);
    auto ada = join("Ada");
    auto bo = join("Bo");
    join("Cy");  // three online: an anonymous point can stay anonymous
    auto ok = [&](std::uint64_t who, pb::ClientMessage m) {
        auto out = run(who, m);
        ASSERT_TRUE(out.ok()) << out.error->message;
        clock.advance(7000);
    };
    ok(ada, command([](auto& m) { m.mutable_set_needs()->mutable_needs()->set_slower_pace(true); }));
    ok(bo, command([](auto& m) { m.mutable_answer_readiness()->mutable_readiness()->set_confidence(2); }));
    ok(mo, command([](auto& m) { m.mutable_set_briefing()->set_text("Read this first."); }));
    ok(ada, command([](auto& m) { m.mutable_confirm_briefing_read()->set_version(1); }));
    ok(mo, command([](auto& m) {
           m.mutable_set_glossary_term()->set_term("ICB");
           m.mutable_set_glossary_term()->set_explanation("The health board");
       }));
    ok(mo, command([](auto& m) {
           m.mutable_plan_agenda_item()->mutable_item()->set_title("Callbacks");
           m.mutable_plan_agenda_item()->mutable_item()->set_minutes(10);
       }));
    ok(mo, command([](auto& m) { m.mutable_start_agenda_item()->set_item_id("a1"); }));
    ok(ada, command([](auto& m) {
           m.mutable_raise_hand()->set_kind(pb::NEW_POINT);
           m.mutable_raise_hand()->set_topic("two days");
       }));
    ok(bo, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::REPLY); }));
    ok(mo, command([](auto& m) { m.mutable_set_voice()->mutable_settings()->set_mode(pb::VOICE_FLOOR); }));
    ok(ada, command([](auto& m) { m.mutable_set_microphone()->set_open(true); }));
    ok(mo, command([](auto& m) { m.mutable_grant_floor(); }));
    ok(ada, command([](auto& m) { m.mutable_post()->set_text("Two days is fair."); }));
    ok(bo, command([](auto& m) {
           m.mutable_post()->set_text("An anonymous point.");
           m.mutable_post()->set_anonymous(true);
       }));
    ok(mo, command([](auto& m) { m.mutable_end_turn(); }));
    std::uint64_t posted = 0;  // Ada's message
    for (const auto& e : log)
        if (e.event.message_posted().member_id() == "m2") posted = e.event.seq();
    ok(mo, command([&](auto& m) { m.mutable_start_read_check()->set_seq(posted); }));
    ok(bo, command([](auto& m) { m.mutable_send_thread_message()->set_text("Can we talk after?"); }));
    ok(mo, command([](auto& m) { m.mutable_invite_to_speak()->set_member_id("m3"); }));
    ok(mo, command([](auto& m) {
           auto* q = m.mutable_open_question();
           q->set_kind(pb::SINGLE_CHOICE);
           q->set_text("Which day?");
           q->add_options("Monday");
           q->add_options("Friday");
           q->mutable_settings()->set_anonymous(true);
       }));
    ok(ada, command([](auto& m) {
           m.mutable_answer_question()->set_question_id("q1");
           m.mutable_answer_question()->mutable_ballot()->add_choices(1);
       }));
    ok(mo, command([](auto& m) {
           auto* q = m.mutable_open_question();
           q->set_kind(pb::CONSENSUS);
           q->set_text("We call back within two days.");
       }));
    ok(bo, command([](auto& m) {
           m.mutable_answer_question()->set_question_id("q2");
           m.mutable_answer_question()->mutable_ballot()->set_response(pb::CONSENSUS_AGREE);
       }));
    ok(ada, command([&](auto& m) { m.mutable_withdraw_message()->set_seq(posted); }));
    ok(mo, command([](auto& m) { m.mutable_close_question()->set_question_id("q1"); }));
    ok(mo, command([](auto& m) {
           auto* action = m.mutable_record_action()->mutable_action();
           action->set_text("Ask the trust about Mondays");
           action->set_owner_member_id("m2");
           action->set_from_question_id("q1");
       }));
    ok(ada, command([](auto& m) {
           m.mutable_set_action_status()->set_action_id("act1");
           m.mutable_set_action_status()->set_status(pb::ACTION_UNDER_WAY);
       }));
    ok(mo, command([](auto& m) { m.mutable_set_paused()->set_paused(true); }));
    tick();
    ASSERT_GT(log.size(), 25u);
    expect_restores_at_every_cut(log, clock.now_ms(), true);
}

// Live, the room remembers who sent an anonymous point (to answer a repeat, and for slow
// mode); the log does not say it, so neither may the stored state.
TEST_F(StoredStateMeeting, TheStoredStateKeepsNoAuthorOfAnAnonymousPoint) {
    join("Mo", true);
    auto ada = join("Ada");
    join("Bo");
    join("Cy");
    auto anonymous = command([](auto& m) {
        m.set_request_id(41);
        m.mutable_post()->set_text("Nobody should know this is mine.");
        m.mutable_post()->set_anonymous(true);
    });
    ASSERT_TRUE(run(ada, anonymous).ok());
    ASSERT_TRUE(r.apply(anonymous, {ada, ""}, clock.now_ms()).repeat_of_seq) << "live, a repeat is recognised";

    room::room replayed("r1");
    for (const auto& entry : log) ASSERT_FALSE(replayed.replay(entry));
    auto restored = room::room::restore("r1", r.save_state());
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->save_state(), replayed.save_state());
    EXPECT_EQ(r.save_state().find("Nobody should know"), std::string::npos) << "no message text in the state";
}

TEST_F(StoredStateMeeting, BytesItCannotReadAreRefusedSoTheLogIsReplayedInstead) {
    join("Ada");
    const auto state = r.save_state();
    ASSERT_TRUE(room::room::restore("r1", state));
    EXPECT_FALSE(room::room::restore("r1", "not a state"));
    EXPECT_FALSE(room::room::restore("r1", ""));
    EXPECT_FALSE(room::room::restore("r1", state.substr(0, state.size() / 2)));
    EXPECT_FALSE(room::room::restore("r2", state)) << "another room's state";
}

// Every length in a stored state is checked against the bytes that remain before anything is
// allocated for it: a damaged length makes the read fail, never ask for a gigabyte. Each
// length inside the state is tried in turn (any 8 bytes that hold a small number might be one).
TEST_F(StoredStateMeeting, NoLengthInAStateIsTrustedBeyondTheBytesThatRemain) {
    join("Ada");
    join("Bo");
    const auto state = r.save_state();
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const std::uint64_t gigabyte = std::uint64_t{1} << 30;
    std::size_t refused = 0;
    for (std::size_t at = 0; at + 8 <= state.size(); ++at) {
        std::uint64_t value = 0;
        std::memcpy(&value, state.data() + at, 8);
        if (value == 0 || value > state.size()) continue;  // not a length of something in the state
        auto damaged = state;
        std::memcpy(damaged.data() + at, &gigabyte, 8);
        if (!room::room::restore("r1", damaged)) ++refused;
    }
    EXPECT_GT(refused, 10u);
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    // ru_maxrss is in KiB: a single gigabyte asked for and filled would show here.
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256 * 1024);
}

}  // namespace
}  // namespace ts::test
