// Accessible pacing: slow mode, the reading pace's release schedule, hold and release,
// pauses and the floor clock, read checks, stated needs, glossary, and replay.
#include "unit/room/room_fixture.hpp"
#include "room/reports/moderator_view.hpp"

namespace ts::test {
namespace {

namespace reports = room::reports;

pb::ClientMessage post(const std::string& text) {
    return command([&](auto& m) { m.mutable_post()->set_text(text); });
}

pb::ClientMessage pacing(std::uint32_t slow, std::uint32_t wpm, std::uint32_t gap, std::uint32_t threshold = 0,
                         std::uint32_t max_chars = 0) {
    return command([=](auto& m) {
        auto* s = m.mutable_set_pacing()->mutable_settings();
        s->set_slow_mode_seconds(slow);
        s->set_words_per_minute(wpm);
        s->set_min_gap_seconds(gap);
        s->set_pause_threshold(threshold);
        s->set_max_message_chars(max_chars);
    });
}

std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += i ? " word" : "word";
    return s;
}

class PacingTest : public room_fixture {
protected:
    PacingTest() {
        mod = join("Mo", true);
        ada = join("Ada");
        bo = join("Bo");
    }

    // Releases due now, as the server's timer would; returns the released seqs.
    std::vector<std::uint64_t> released() {
        std::vector<std::uint64_t> out;
        for (const auto& e : tick().events)
            for (auto s : e.event.message_released().seqs()) out.push_back(s);
        return out;
    }

    std::uint64_t mod, ada, bo;
};

TEST_F(PacingTest, SlowModeAsksSendersToWaitAndSaysHowLong) {
    ASSERT_TRUE(run(mod, pacing(30, 0, 0)).ok());
    EXPECT_EQ(code_of(run(ada, pacing(0, 0, 0))), pb::PERMISSION_DENIED);
    ASSERT_TRUE(run(ada, post("first")).ok());
    clock.advance(10000);
    auto early = run(ada, post("too soon"));
    ASSERT_EQ(code_of(early), pb::RATE_LIMITED);
    EXPECT_EQ(early.error->retry_after_ms, 20000u);
    EXPECT_TRUE(run(bo, post("Bo is not affected")).ok());
    EXPECT_TRUE(run(mod, post("moderators are exempt")).ok());
    EXPECT_TRUE(run(mod, post("twice")).ok());
    clock.advance(20000);
    EXPECT_TRUE(run(ada, post("now")).ok());
}

TEST_F(PacingTest, RoomMessageLimit) {
    ASSERT_TRUE(run(mod, pacing(0, 0, 0, 0, 100)).ok());
    EXPECT_EQ(code_of(run(ada, post(std::string(101, 'x')))), pb::TOO_LARGE);
    EXPECT_TRUE(run(ada, post(std::string(100, 'x'))).ok());
    EXPECT_EQ(code_of(run(mod, pacing(0, 0, 0, 0, 5000))), pb::BAD_REQUEST);  // over the server's limit
}

TEST_F(PacingTest, ReadingPaceReleasesABurstNoFasterThanReadable) {
    // 120 wpm: 20 words take 10 s to read; at least 2 s between any two messages.
    ASSERT_TRUE(run(mod, pacing(0, 120, 2)).ok());
    auto first = run(ada, post(words(20)));
    ASSERT_TRUE(first.ok());
    // The first message of a quiet room goes out at once.
    ASSERT_EQ(first.events.size(), 2u);
    EXPECT_TRUE(first.events[0].event.message_posted().paced());
    EXPECT_EQ(first.events[1].event.message_released().seqs(0), first.events[0].event.seq());
    auto second = run(bo, post("short"));
    auto third = run(ada, post(words(4)));
    ASSERT_EQ(second.events.size(), 1u);  // waits in the line
    EXPECT_EQ(r.unreleased(), 2u);
    // Expected release: after 10 s for the first; then 2 s (min gap) after the short one.
    EXPECT_EQ(second.events[0].event.message_posted().expected_release_ms(), clock.now_ms() + 10000);
    EXPECT_EQ(*r.next_deadline(), clock.now_ms() + 10000);
    clock.advance(9999);
    EXPECT_TRUE(released().empty());
    clock.advance(1);
    EXPECT_EQ(released(), (std::vector<std::uint64_t>{second.events[0].event.seq()}));
    clock.advance(1999);
    EXPECT_TRUE(released().empty());
    clock.advance(1);
    EXPECT_EQ(released(), (std::vector<std::uint64_t>{third.events[0].event.seq()}));
    EXPECT_EQ(r.unreleased(), 0u);
    EXPECT_FALSE(r.next_deadline());  // an empty line costs nothing
}

TEST_F(PacingTest, ReleaseOrderIsSendOrder) {
    ASSERT_TRUE(run(mod, pacing(0, 200, 1)).ok());
    std::vector<std::uint64_t> sent, got;
    for (int i = 0; i < 10; ++i) {
        auto out = run(i % 2 ? ada : bo, post(words(1 + (i * 7) % 30)));
        sent.push_back(out.events[0].event.seq());
        for (const auto& e : out.events)  // the first goes out at once
            for (auto s : e.event.message_released().seqs()) got.push_back(s);
    }
    for (int step = 0; step < 1000 && got.size() < sent.size(); ++step) {
        auto next = r.next_deadline();
        if (next) clock.advance(std::max<std::int64_t>(0, *next - clock.now_ms()));
        auto r1 = released();
        got.insert(got.end(), r1.begin(), r1.end());
    }
    EXPECT_EQ(got, sent);
}

TEST_F(PacingTest, HoldReleaseAndTurningThePaceOff) {
    ASSERT_TRUE(run(mod, pacing(0, 120, 5)).ok());
    run(ada, post("one"));
    run(ada, post("two"));
    run(ada, post("three"));
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_hold_line()->set_hold(true); })).ok());
    clock.advance(60000);
    EXPECT_TRUE(released().empty());
    EXPECT_FALSE(r.next_deadline());
    EXPECT_EQ(code_of(run(ada, command([](auto& m) { m.mutable_release_line(); }))), pb::PERMISSION_DENIED);
    auto all = run(mod, command([](auto& m) { m.mutable_release_line(); }));
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all.events[0].event.message_released().seqs_size(), 2);
    EXPECT_EQ(r.unreleased(), 0u);
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_hold_line()->set_hold(false); })).ok());
    run(bo, post("four"));
    run(bo, post("five"));
    EXPECT_EQ(r.unreleased(), 2u);
    auto off = run(mod, pacing(0, 0, 0));
    EXPECT_EQ(r.unreleased(), 0u);  // pace off: everything waiting goes out
    EXPECT_TRUE(off.events.back().event.has_message_released());
}

TEST_F(PacingTest, PauseStopsTheFloorClockAndTheLine) {
    ASSERT_TRUE(run(mod, pacing(0, 120, 5, 2)).ok());
    run(ada, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); }));
    run(mod, command([](auto& m) { m.mutable_grant_floor()->set_seconds(60); }));
    run(bo, post("one"));
    run(bo, post("two"));
    clock.advance(10000);
    auto ask = [](bool anonymous) {
        return command([=](auto& m) {
            m.mutable_request_pause()->set_reason(pb::NEED_A_MOMENT);
            m.mutable_request_pause()->set_anonymous(anonymous);
        });
    };
    auto first = run(bo, ask(true));
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first.events[0].event.pause_requested().member_id().empty());  // anonymous
    EXPECT_EQ(first.events[0].event.pause_requested().requests(), 1u);
    EXPECT_EQ(code_of(run(bo, ask(false))), pb::CONFLICT);  // once per person
    EXPECT_FALSE(r.paused());
    // A second person reaches the threshold: the room pauses by itself.
    auto second = run(ada, ask(false));
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(r.paused());
    EXPECT_TRUE(r.floor().paused());
    EXPECT_EQ(r.floor().remaining_ms(), 50000);
    clock.advance(120000);
    EXPECT_TRUE(released().empty());  // the line holds during a pause
    EXPECT_EQ(code_of(run(ada, command([](auto& m) { m.mutable_set_paused()->set_paused(false); }))),
              pb::PERMISSION_DENIED);
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_paused()->set_paused(false); })).ok());
    EXPECT_FALSE(r.floor().paused());
    EXPECT_EQ(r.floor().deadline_ms(), clock.now_ms() + 50000);
    EXPECT_FALSE(released().empty() && r.unreleased() == 2u);
}

TEST_F(PacingTest, AModeratorPauseDoesNotResumeAClockTheModeratorPausedBefore) {
    run(ada, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); }));
    run(mod, command([](auto& m) { m.mutable_grant_floor()->set_seconds(60); }));
    run(mod, command([](auto& m) { m.mutable_pause_clock(); }));
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_paused()->set_paused(true); })).ok());
    ASSERT_TRUE(run(mod, command([](auto& m) { m.mutable_set_paused()->set_paused(false); })).ok());
    EXPECT_TRUE(r.floor().paused());  // still paused: it was paused before the room pause
}

TEST_F(PacingTest, ReadChecksCountPeopleNotNames) {
    auto posted = run(mod, post("Please read the proposal"));
    auto seq = posted.events[0].event.seq();
    EXPECT_EQ(code_of(run(mod, command([](auto& m) { m.mutable_start_read_check()->set_seq(1); }))), pb::NOT_FOUND);
    auto started = run(mod, command([seq](auto& m) { m.mutable_start_read_check()->set_seq(seq); }));
    ASSERT_TRUE(started.ok());
    auto id = started.events[0].event.read_check_started().check_id();
    auto confirm = command([&](auto& m) { m.mutable_confirm_read()->set_check_id(id); });
    auto one = run(ada, confirm);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one.events[0].event.read_confirmed().count(), 1u);
    EXPECT_EQ(one.events[0].event.SerializeAsString().find(member(ada)), std::string::npos);
    EXPECT_EQ(code_of(run(ada, confirm)), pb::CONFLICT);
    EXPECT_EQ(run(bo, confirm).events[0].event.read_confirmed().count(), 2u);
}

TEST_F(PacingTest, NeedsAreSummarisedAndNamedOnlyWhenShared) {
    auto needs = [](bool slower, bool check_in, bool share) {
        return command([=](auto& m) {
            auto* n = m.mutable_set_needs()->mutable_needs();
            n->set_slower_pace(slower);
            n->set_check_in(check_in);
            n->set_share_with_moderators(share);
        });
    };
    auto private_entry = run(ada, needs(true, true, false));
    ASSERT_TRUE(private_entry.ok());
    const auto& event = private_entry.events[0].event;
    EXPECT_TRUE(r.may_see(event, member(ada)));
    EXPECT_FALSE(r.may_see(event, member(mod)));  // not shared: not even moderators
    EXPECT_FALSE(r.may_see(event, member(bo)));
    auto shared = run(bo, needs(true, false, true));
    EXPECT_TRUE(r.may_see(shared.events[0].event, member(mod)));
    auto summary = reports::needs_summary(r);
    EXPECT_EQ(summary.people(), 2u);
    EXPECT_EQ(summary.slower_pace(), 2u);
    EXPECT_EQ(summary.check_in(), 1u);
    ASSERT_EQ(summary.shared_size(), 1);
    EXPECT_EQ(summary.shared(0).member_id(), member(bo));
    // A person's needs come back with them.
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token("token-" + std::to_string(ada));
    auto out = r.apply(back, {99, ""}, clock.now_ms());
    ASSERT_TRUE(out.ok());
    EXPECT_TRUE(out.welcome->needs.slower_pace());
}

TEST_F(PacingTest, GlossaryTermsAreAddedChangedAndRemoved) {
    auto set = [](const std::string& term, const std::string& explanation) {
        return command([=](auto& m) {
            m.mutable_set_glossary_term()->set_term(term);
            m.mutable_set_glossary_term()->set_explanation(explanation);
        });
    };
    EXPECT_EQ(code_of(run(ada, set("ICB", "x"))), pb::PERMISSION_DENIED);
    ASSERT_TRUE(run(mod, set("ICB", "Integrated Care Board: the NHS body that plans local health services.")).ok());
    ASSERT_TRUE(run(mod, set("commissioning", "Deciding which services to buy.")).ok());
    EXPECT_EQ(r.snapshot(0).glossary_size(), 2);
    ASSERT_TRUE(run(mod, set("icb", "")).ok());
    EXPECT_EQ(r.snapshot(0).glossary_size(), 1);
    EXPECT_EQ(code_of(run(mod, set("nothing", ""))), pb::NOT_FOUND);
}

TEST_F(PacingTest, ReplayReproducesTheReleaseSchedule) {
    run(mod, pacing(10, 150, 3, 3));
    run(ada, post(words(30)));
    run(bo, post(words(5)));
    run(mod, post(words(12)));
    clock.advance(4000);
    tick();
    run(bo, command([](auto& m) { m.mutable_request_pause()->set_reason(pb::PLEASE_SLOW_DOWN); }));

    room::room copy("r1");
    for (const auto& e : log) ASSERT_FALSE(copy.replay(e).has_value());
    EXPECT_EQ(copy.snapshot(1).SerializeAsString(), r.snapshot(1).SerializeAsString());
    EXPECT_EQ(copy.next_deadline(), r.next_deadline());
    // Both release the same message at the same time.
    clock.advance(*r.next_deadline() - clock.now_ms());
    auto a = r.tick(clock.now_ms());
    auto b = copy.tick(clock.now_ms());
    ASSERT_EQ(a.events.size(), b.events.size());
    ASSERT_FALSE(a.events.empty());
    EXPECT_EQ(a.events[0].event.SerializeAsString(), b.events[0].event.SerializeAsString());
}

}  // namespace
}  // namespace ts::test

namespace ts::test {
namespace {

class ProposalTest : public PacingTest {};

// A change of pace put to the room as an anonymous consensus check: adopting it applies it,
// and nothing the log keeps ties an answer to its person.
TEST_F(ProposalTest, TheRoomAgreesAnonymouslyAndAdoptingAppliesThePace) {
    auto propose = command([](auto& m) {
        auto* o = m.mutable_open_question();
        o->set_kind(pb::CONSENSUS);
        o->set_text("Set the reading pace to 150 words a minute?");
        o->mutable_pacing()->set_words_per_minute(150);
        o->mutable_settings()->set_anonymous(true);
    });
    EXPECT_EQ(code_of(run(ada, propose)), pb::PERMISSION_DENIED);
    auto started = run(mod, propose);
    ASSERT_TRUE(started.ok());
    auto id = started.events[0].event.question_opened().question_id();
    auto agree = command([&](auto& m) {
        m.mutable_answer_question()->set_question_id(id);
        m.mutable_answer_question()->mutable_ballot()->set_response(pb::CONSENSUS_AGREE);
    });
    for (auto* who : {&ada, &bo}) {
        auto answered = run(*who, agree);
        ASSERT_TRUE(answered.ok());
        EXPECT_EQ(answered.events[0].event.SerializeAsString().find(member(*who)), std::string::npos);
        EXPECT_EQ(answered.events[0].hidden.SerializeAsString().find(member(*who)), std::string::npos);
    }
    auto adopt = run(mod, command([&](auto& m) {
                         m.mutable_close_question()->set_question_id(id);
                         m.mutable_close_question()->set_adopt(true);
                     }));
    ASSERT_TRUE(adopt.ok());
    EXPECT_TRUE(adopt.events[0].event.decision_recorded().adopted());
    EXPECT_EQ(r.pacing().words_per_minute(), 150u);
    EXPECT_TRUE(r.snapshot(0).questions().empty());
}

}  // namespace
}  // namespace ts::test
