#include "room/room.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_clock.hpp"
#include "room/reports/participation_reports.hpp"

namespace ts::room {
namespace {

constexpr const char* key = "moderator-key-0123456789";
constexpr const char* code = "join-code-0123456789";

pb::ClientMessage join_msg(const std::string& name, const std::string& join_code = code) {
    pb::ClientMessage m;
    m.set_request_id(1);
    m.mutable_join()->set_room_id("r1");
    m.mutable_join()->set_display_name(name);
    m.mutable_join()->set_join_code(join_code);
    return m;
}

// Mo, with the moderator key.
pb::ClientMessage moderator_join_msg() {
    auto m = join_msg("Mo", "");
    m.mutable_join()->set_moderator_key(key);
    return m;
}

pb::ClientMessage post_msg(const std::string& text) {
    pb::ClientMessage m;
    m.set_request_id(2);
    m.mutable_post()->set_text(text);
    return m;
}

class RoomTest : public ::testing::Test {
protected:
    RoomTest() : r("r1") {
        auto out = r.create("Budget meeting", "Decide the budget", key, code, clock.now_ms());
        EXPECT_TRUE(out.ok());
        all.insert(all.end(), out.events.begin(), out.events.end());
    }

    // Applies and records accepted events, as the server would persist them.
    outcome apply(const pb::ClientMessage& m, std::uint64_t connection, const std::string& token = "") {
        auto out = r.apply(m, command_context{connection, token.empty() ? "tok" + std::to_string(connection) : token},
                           clock.now_ms());
        all.insert(all.end(), out.events.begin(), out.events.end());
        return out;
    }

    // Replaying everything recorded rebuilds the same room: its snapshot, and all that its
    // moderators see (surveys, threads' requests, felt and measured voice).
    void expect_replay_matches() {
        room copy("r1");
        for (const auto& e : all) ASSERT_FALSE(copy.replay(e).has_value());
        EXPECT_EQ(copy.snapshot().SerializeAsString(), r.snapshot().SerializeAsString());
        EXPECT_EQ(reports::participation_report(copy, "m1", clock.now_ms()).SerializeAsString(),
                  reports::participation_report(r, "m1", clock.now_ms()).SerializeAsString());
    }

    test::fake_clock clock;
    room r;
    std::vector<logged_event> all;
};

TEST_F(RoomTest, CreateProducesFirstEventWithHashedKeysOnly) {
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].event.seq(), 1u);
    EXPECT_EQ(all[0].event.room_created().title(), "Budget meeting");
    EXPECT_EQ(all[0].event.at_ms(), clock.now_ms());
    EXPECT_EQ(all[0].hidden.moderator_key_hash().size(), 32u);
    EXPECT_EQ(all[0].event.SerializeAsString().find(key), std::string::npos);
    EXPECT_EQ(all[0].hidden.SerializeAsString().find(key), std::string::npos);
}

TEST_F(RoomTest, CreatingTwiceIsAConflict) {
    auto out = r.create("Again", "", "k2", "c2", clock.now_ms());
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error->code, pb::CONFLICT);
}

TEST_F(RoomTest, JoinWithCodeAddsParticipantAndWelcomes) {
    auto out = apply(join_msg("  Ada   Lovelace "), 7);
    ASSERT_TRUE(out.ok());
    ASSERT_EQ(out.events.size(), 1u);
    const auto& joined = out.events[0].event.member_joined();
    EXPECT_EQ(joined.member().display_name(), "Ada Lovelace");
    EXPECT_EQ(joined.member().role(), pb::PARTICIPANT);
    EXPECT_EQ(joined.member().member_id(), "m1");
    EXPECT_FALSE(joined.returning());
    EXPECT_EQ(out.events[0].event.seq(), 2u);
    ASSERT_TRUE(out.welcome);
    EXPECT_EQ(out.welcome->resume_token, "tok7");
    EXPECT_EQ(out.welcome->snapshot.seq(), 2u);
    EXPECT_EQ(out.welcome->snapshot.members_size(), 1);
    EXPECT_EQ(out.events[0].hidden.resume_token_hash().size(), 32u);
}

TEST_F(RoomTest, ModeratorKeyGivesModeratorRole) {
    auto m = join_msg("Mo", "");
    m.mutable_join()->set_moderator_key(key);
    auto out = apply(m, 1);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.welcome->role, pb::MODERATOR);
}

TEST_F(RoomTest, ObserverCannotPost) {
    auto m = join_msg("Olive");
    m.mutable_join()->set_as_observer(true);
    ASSERT_TRUE(apply(m, 1).ok());
    auto out = apply(post_msg("hello"), 1);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error->code, pb::PERMISSION_DENIED);
}

TEST_F(RoomTest, WrongCredentialsAreRefusedAndChangeNothing) {
    auto seq = r.last_seq();
    EXPECT_EQ(apply(join_msg("Eve", "wrong"), 1).error->code, pb::UNAUTHENTICATED);
    auto m = join_msg("Eve", "");
    m.mutable_join()->set_moderator_key("wrong");
    EXPECT_EQ(apply(m, 1).error->code, pb::UNAUTHENTICATED);
    m.mutable_join()->clear_moderator_key();
    EXPECT_EQ(apply(m, 1).error->code, pb::UNAUTHENTICATED);
    m.mutable_join()->set_resume_token("not-a-token");
    EXPECT_EQ(apply(m, 1).error->code, pb::UNAUTHENTICATED);
    // A join code is not a moderator key.
    m = join_msg("Eve", "");
    m.mutable_join()->set_moderator_key(code);
    EXPECT_EQ(apply(m, 1).error->code, pb::UNAUTHENTICATED);
    EXPECT_EQ(r.last_seq(), seq);
    EXPECT_EQ(r.member_of(1), nullptr);
}

TEST_F(RoomTest, DisplayNameRules) {
    EXPECT_EQ(apply(join_msg(""), 1).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(apply(join_msg(" \t "), 1).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(apply(join_msg(std::string(65, 'a')), 1).error->code, pb::TOO_LARGE);
    EXPECT_EQ(apply(join_msg("bad\xff"), 1).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(apply(join_msg("a\x01"), 1).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(apply(join_msg("Ad\xE2\x80\x8Em"), 1).error->code, pb::BAD_REQUEST);  // left-to-right mark
    EXPECT_TRUE(apply(join_msg(std::string(64, 'a')), 1).ok());
    EXPECT_EQ(r.last_seq(), 2u);
}

TEST_F(RoomTest, NameLimitCountsCharactersNotBytes) {
    std::string name;
    for (int i = 0; i < 64; ++i) name += "\xC3\xA9";  // é, two bytes each
    EXPECT_TRUE(apply(join_msg(name), 1).ok());
}

TEST_F(RoomTest, PostRequiresJoinAndValidText) {
    EXPECT_EQ(apply(post_msg("hi"), 1).error->code, pb::UNAUTHENTICATED);
    ASSERT_TRUE(apply(join_msg("Ada"), 1).ok());
    EXPECT_EQ(apply(post_msg("   \n "), 1).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(apply(post_msg(std::string(2001, 'x')), 1).error->code, pb::TOO_LARGE);
    EXPECT_EQ(apply(post_msg("\xC0\x80"), 1).error->code, pb::BAD_REQUEST);
    auto out = apply(post_msg("  <b>hello</b>\r\nworld  "), 1);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.events[0].event.message_posted().text(), "<b>hello</b>\nworld");
    EXPECT_EQ(out.events[0].event.message_posted().member_id(), "m1");
    EXPECT_EQ(out.events[0].event.seq(), 3u);
}

TEST_F(RoomTest, SequenceNumbersHaveNoGaps) {
    ASSERT_TRUE(apply(join_msg("Ada"), 1).ok());
    ASSERT_TRUE(apply(join_msg("Bo"), 2).ok());
    for (int i = 0; i < 10; ++i) {
        apply(post_msg("m" + std::to_string(i)), i % 2 + 1);
        apply(post_msg(""), 1);  // refused: must not consume a number
    }
    for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].event.seq(), i + 1);
    EXPECT_EQ(r.last_seq(), all.size());
}

TEST_F(RoomTest, SecondJoinOnSameConnectionIsConflict) {
    ASSERT_TRUE(apply(join_msg("Ada"), 1).ok());
    EXPECT_EQ(apply(join_msg("Ada"), 1).error->code, pb::CONFLICT);
}

TEST_F(RoomTest, ResumeTokenRestoresSamePerson) {
    auto first = apply(join_msg("Ada"), 1);
    auto token = first.welcome->resume_token;
    auto gone = r.disconnect(1, clock.now_ms());
    all.insert(all.end(), gone.events.begin(), gone.events.end());
    ASSERT_EQ(gone.events.size(), 1u);
    EXPECT_EQ(gone.events[0].event.member_left().reason(), pb::DISCONNECTED);
    pb::ClientMessage back;
    back.mutable_join()->set_room_id("r1");
    back.mutable_join()->set_resume_token(token);
    back.mutable_join()->set_last_seq(2);
    auto out = apply(back, 2);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.welcome->member_id, "m1");
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_TRUE(out.events[0].event.member_joined().returning());
    EXPECT_EQ(out.welcome->after_seq, 2u);
    auto missed = r.events_after(2);
    ASSERT_EQ(missed.size(), 2u);  // left, rejoined
    EXPECT_EQ(r.present_count(), 1u);
}

TEST_F(RoomTest, TwoTabsOfOnePersonLeaveOnlyWhenBothClose) {
    auto first = apply(join_msg("Ada"), 1);
    pb::ClientMessage again;
    again.mutable_join()->set_resume_token(first.welcome->resume_token);
    auto second = apply(again, 2);
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second.events.empty());
    EXPECT_TRUE(r.disconnect(1, clock.now_ms()).events.empty());
    EXPECT_EQ(r.disconnect(2, clock.now_ms()).events.size(), 1u);
    EXPECT_EQ(r.present_count(), 0u);
}

TEST_F(RoomTest, LeaveDetachesAndAnnounces) {
    ASSERT_TRUE(apply(join_msg("Ada"), 1).ok());
    pb::ClientMessage leave;
    leave.mutable_leave();
    auto out = apply(leave, 1);
    ASSERT_TRUE(out.ok());
    EXPECT_TRUE(out.detach);
    EXPECT_EQ(out.events[0].event.member_left().reason(), pb::LEFT);
    EXPECT_EQ(apply(post_msg("still here?"), 1).error->code, pb::UNAUTHENTICATED);
}

TEST_F(RoomTest, OnlyModeratorsUpdateTheRoom) {
    ASSERT_TRUE(apply(join_msg("Ada"), 1).ok());
    auto mod = join_msg("Mo", "");
    mod.mutable_join()->set_moderator_key(key);
    ASSERT_TRUE(apply(mod, 2).ok());
    pb::ClientMessage update;
    update.mutable_update_room()->set_title("New title");
    EXPECT_EQ(apply(update, 1).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(r.title(), "Budget meeting");
    ASSERT_TRUE(apply(update, 2).ok());
    EXPECT_EQ(r.title(), "New title");
}

TEST_F(RoomTest, EmptyCommandIsBadRequest) {
    pb::ClientMessage empty;
    EXPECT_EQ(apply(empty, 1).error->code, pb::BAD_REQUEST);
}

TEST_F(RoomTest, FullRoomRefusesNewPeople) {
    room small("r2", room_limits{.max_members = 1});
    ASSERT_TRUE(small.create("t", "", "k", "c", 0).ok());
    EXPECT_TRUE(small.apply(join_msg("A", "c"), {1, "t1"}, 0).ok());
    EXPECT_EQ(small.apply(join_msg("B", "c"), {2, "t2"}, 0).error->code, pb::CONFLICT);
}

TEST_F(RoomTest, ReplayRebuildsTheSameState) {
    auto a = apply(join_msg("Ada"), 1);
    apply(join_msg("Bo"), 2);
    apply(post_msg("hello"), 1);
    auto gone = r.disconnect(2, clock.now_ms());
    all.insert(all.end(), gone.events.begin(), gone.events.end());

    room copy("r1");
    for (const auto& e : all) ASSERT_FALSE(copy.replay(e).has_value());
    EXPECT_EQ(copy.snapshot().SerializeAsString(), r.snapshot().SerializeAsString());
    EXPECT_EQ(copy.last_seq(), r.last_seq());
    // Credentials survive replay: the resume token and the join code still work.
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token(a.welcome->resume_token);
    auto out = copy.apply(back, {9, ""}, clock.now_ms());
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.welcome->member_id, "m1");
    EXPECT_TRUE(copy.apply(join_msg("Cy"), {10, "t"}, 0).ok());
}

TEST_F(RoomTest, ReplayRefusesGapsAndRepeats) {
    room copy("r1");
    EXPECT_TRUE(copy.replay(all[0]) == std::nullopt);
    EXPECT_TRUE(copy.replay(all[0]).has_value());  // repeat
    auto joined = apply(join_msg("Ada"), 1);
    apply(post_msg("x"), 1);
    EXPECT_TRUE(copy.replay(all[2]).has_value());  // gap: 2 is missing
    EXPECT_EQ(copy.last_seq(), 1u);
}

TEST_F(RoomTest, EndPresenceMarksEveryoneGoneAfterRestart) {
    apply(join_msg("Ada"), 1);
    apply(join_msg("Bo"), 2);
    room copy("r1");
    for (const auto& e : all) copy.replay(e);
    EXPECT_EQ(copy.present_count(), 2u);
    auto out = copy.end_presence(clock.now_ms());
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_EQ(out.events[0].event.member_left().reason(), pb::SERVER_RESTART);
    EXPECT_EQ(copy.present_count(), 0u);
}

TEST_F(RoomTest, EventsCarryTheInjectedTime) {
    clock.advance(5000);
    auto out = apply(join_msg("Ada"), 1);
    EXPECT_EQ(out.events[0].event.at_ms(), clock.now_ms());
}

TEST_F(RoomTest, SupportNoteIsKeptPrivately) {
    auto m = join_msg("Ada");
    m.mutable_join()->set_support_note("Please check in with me");
    auto out = apply(m, 1);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.events[0].hidden.support_note(), "Please check in with me");
    EXPECT_EQ(out.events[0].event.SerializeAsString().find("check in"), std::string::npos);
    // The person sees it again in their welcome; moderators see it with the room's needs;
    // other participants never do.
    EXPECT_EQ(out.welcome->support_note, "Please check in with me");
    auto mod = join_msg("Mo", "");
    mod.mutable_join()->set_moderator_key(key);
    ASSERT_TRUE(apply(mod, 2).ok());
    ASSERT_TRUE(apply(join_msg("Bo"), 3).ok());
    auto for_moderator = reports::participation_report(r, "m2", clock.now_ms());
    ASSERT_EQ(for_moderator.needs().support_notes_size(), 1);
    EXPECT_EQ(for_moderator.needs().support_notes(0).member_id(), "m1");
    EXPECT_EQ(for_moderator.needs().support_notes(0).note(), "Please check in with me");
    EXPECT_FALSE(reports::participation_report(r, "m3", clock.now_ms()).has_needs());
    auto cy = apply(join_msg("Cy"), 4);
    ASSERT_TRUE(cy.welcome) << cy.error->message;
    EXPECT_EQ(cy.welcome->support_note, "");
}

TEST_F(RoomTest, TheRoomScreenFollowsAsAnObserverAndIsNotCountedAsAPerson) {
    ASSERT_TRUE(apply(join_msg("Ada"), 1).ok());
    auto screen = join_msg("Room screen");
    screen.mutable_join()->set_as_room_screen(true);
    auto out = apply(screen, 2);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.welcome->role, pb::OBSERVER);
    EXPECT_TRUE(out.events[0].event.member_joined().member().room_screen());
    EXPECT_EQ(r.present_count(), 1u);
    EXPECT_EQ(apply(post_msg("hello"), 2).error->code, pb::PERMISSION_DENIED);
    // Nor does it ask for a pause, state needs or confirm reading: it is not a person.
    pb::ClientMessage pause, needs, briefing;
    pause.mutable_request_pause()->set_reason(pb::NEED_A_MOMENT);
    needs.mutable_set_needs()->mutable_needs()->set_larger_text(true);
    briefing.mutable_confirm_briefing_read()->set_version(1);
    for (const auto& m : {pause, needs, briefing}) {
        auto out = apply(m, 2);
        ASSERT_FALSE(out.ok()) << m.ShortDebugString();
        EXPECT_EQ(out.error->code, pb::PERMISSION_DENIED) << m.ShortDebugString();
    }
    pb::ClientMessage leave;
    leave.mutable_leave();
    EXPECT_TRUE(apply(leave, 2).ok());
}

TEST_F(RoomTest, APreparingRoomRefusesTheMeetingUntilItIsLiveAndEverythingAfterItCloses) {
    room prep{"r2"};
    ASSERT_TRUE(prep.create("Prepared", "", key, "code-2", clock.now_ms(), pb::PREPARING).ok());
    EXPECT_EQ(prep.phase(), pb::PREPARING);
    auto ada = join_msg("Ada", "code-2");
    ASSERT_TRUE(prep.apply(ada, {1, "tok-a"}, clock.now_ms()).ok());
    auto mod = join_msg("Mo", "");
    mod.mutable_join()->set_moderator_key(key);
    ASSERT_TRUE(prep.apply(mod, {2, "tok-m"}, clock.now_ms()).ok());
    const auto before = prep.last_seq();
    auto refused = prep.apply(post_msg("too early"), {1, ""}, clock.now_ms());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error->code, pb::NOT_LIVE);
    EXPECT_EQ(prep.last_seq(), before);  // nothing changed
    pb::ClientMessage needs;
    needs.mutable_set_needs()->mutable_needs()->set_slower_pace(true);
    EXPECT_TRUE(prep.apply(needs, {1, ""}, clock.now_ms()).ok());  // preparing goes on

    pb::ClientMessage live;
    live.mutable_set_room_phase()->set_phase(pb::LIVE);
    EXPECT_EQ(prep.apply(live, {1, ""}, clock.now_ms()).error->code, pb::PERMISSION_DENIED);
    ASSERT_TRUE(prep.apply(live, {2, ""}, clock.now_ms()).ok());
    EXPECT_TRUE(prep.apply(post_msg("now we start"), {1, ""}, clock.now_ms()).ok());
    pb::ClientMessage close;
    close.mutable_set_room_phase()->set_phase(pb::CLOSED);
    ASSERT_TRUE(prep.apply(close, {2, ""}, clock.now_ms()).ok());
    EXPECT_EQ(prep.apply(post_msg("too late"), {1, ""}, clock.now_ms()).error->code, pb::NOT_LIVE);

    // A replay of the log lands in the same phase.
    room copy{"r2"};
    for (const auto* e : prep.events_after(0)) ASSERT_FALSE(copy.replay(logged_event{*e, {}}));
    EXPECT_EQ(copy.phase(), pb::CLOSED);
    EXPECT_EQ(copy.snapshot().SerializeAsString(), prep.snapshot().SerializeAsString());
}

TEST_F(RoomTest, ModeratorsSayWhenAndWhereTheMeetingIs) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    pb::ClientMessage update;
    auto* u = update.mutable_update_room();
    u->set_title("Budget meeting");
    u->set_when("Thursday 4 December, 2–4 pm");
    u->set_place("Online, and in the Community Room");
    ASSERT_TRUE(apply(update, 1).ok());
    EXPECT_EQ(r.snapshot().when(), "Thursday 4 December, 2–4 pm");
    EXPECT_EQ(r.snapshot().place(), "Online, and in the Community Room");
    u->set_place(std::string(201, 'x'));
    EXPECT_EQ(apply(update, 1).error->code, pb::TOO_LARGE);
    EXPECT_EQ(r.place(), "Online, and in the Community Room");  // unchanged
}

TEST_F(RoomTest, ModeratorsSayWhichLanguageTheRoomsOwnTextsAreIn) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    pb::ClientMessage update;
    auto* u = update.mutable_update_room();
    u->set_title("Spotkanie");
    u->set_language("de");
    EXPECT_EQ(apply(update, 1).error->code, pb::BAD_REQUEST);  // not a language people can read it in
    u->set_language("pl");
    ASSERT_TRUE(apply(update, 1).ok());
    EXPECT_EQ(r.snapshot().language(), "pl");
    pb::ClientMessage briefing;
    briefing.mutable_set_briefing()->set_text("Cele spotkania");
    ASSERT_TRUE(apply(briefing, 1).ok());
    briefing.mutable_set_briefing()->set_text("The meeting's aims");
    briefing.mutable_set_briefing()->set_language("en");
    ASSERT_TRUE(apply(briefing, 1).ok());
    // Kept across a restart from stored state, with the briefing's other versions.
    auto copy = room::restore("r1", r.save_state());
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->snapshot().language(), "pl");
    ASSERT_EQ(copy->snapshot().briefing_texts_size(), 1);
    EXPECT_EQ(copy->snapshot().briefing_texts(0).text(), "The meeting's aims");
    EXPECT_EQ(copy->snapshot().SerializeAsString(), r.snapshot().SerializeAsString());
}

TEST_F(RoomTest, ACoModeratorCanDoWhatModeratorsDoUntilItIsTakenBack) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    ASSERT_TRUE(apply(join_msg("Ada"), 2).ok());
    pb::ClientMessage mode;
    mode.mutable_set_room_mode()->set_mode(pb::STRUCTURED);
    EXPECT_EQ(apply(mode, 2).error->code, pb::PERMISSION_DENIED);
    pb::ClientMessage share;
    share.mutable_set_co_moderator()->set_member_id("m2");
    share.mutable_set_co_moderator()->set_co_moderator(true);
    ASSERT_TRUE(apply(share, 1).ok());
    EXPECT_EQ(r.member_of(2)->role(), pb::MODERATOR);
    EXPECT_TRUE(apply(mode, 2).ok());
    EXPECT_TRUE(reports::sees_balance(r, "m2"));
    share.mutable_set_co_moderator()->set_co_moderator(false);
    ASSERT_TRUE(apply(share, 1).ok());
    mode.mutable_set_room_mode()->set_mode(pb::OPEN);
    EXPECT_EQ(apply(mode, 2).error->code, pb::PERMISSION_DENIED);
    // Replayed, the roles are the same.
    room copy{"r1"};
    for (const auto& e : all) ASSERT_FALSE(copy.replay(e));
    EXPECT_EQ(copy.snapshot().SerializeAsString(), r.snapshot().SerializeAsString());
}

TEST_F(RoomTest, ReadinessAnswersReachOnlyThePersonAndTheModerators) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    ASSERT_TRUE(apply(join_msg("Ada"), 2).ok());
    ASSERT_TRUE(apply(join_msg("Bo"), 3).ok());
    pb::ClientMessage answer;
    answer.mutable_answer_readiness()->mutable_readiness()->set_confidence(2);
    answer.mutable_answer_readiness()->mutable_readiness()->set_one_to_one(pb::ONE_TO_ONE_YES);
    auto out = apply(answer, 2);
    ASSERT_TRUE(out.ok());
    const auto& event = out.events[0].event;
    EXPECT_TRUE(r.may_see(event, "m2"));
    EXPECT_TRUE(r.may_see(event, "m1"));
    EXPECT_FALSE(r.may_see(event, "m3"));
    EXPECT_EQ(reports::participation_report(r, "m1", clock.now_ms()).readiness().answered(), 1u);
    EXPECT_FALSE(reports::participation_report(r, "m3", clock.now_ms()).has_readiness());
    EXPECT_FALSE(reports::participation_report(r, "m2", clock.now_ms()).has_readiness());
    // Coming back, Ada finds her answers as she left them.
    auto back = join_msg("Ada");
    back.mutable_join()->clear_join_code();
    back.mutable_join()->set_resume_token("tok2");
    auto welcome = apply(back, 4);
    ASSERT_TRUE(welcome.ok());
    EXPECT_EQ(welcome.welcome->readiness.one_to_one(), pb::ONE_TO_ONE_YES);
}

TEST_F(RoomTest, AParticipantsThreadIsSharedByEveryFacilitatorAndAnsweringItClosesTheirRequest) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    ASSERT_TRUE(apply(join_msg("Ada"), 2).ok());
    ASSERT_TRUE(apply(join_msg("Bo"), 3).ok());
    pb::ClientMessage ask;
    ask.mutable_send_thread_message()->set_note(pb::ASKS_ONE_TO_ONE);
    auto asked = apply(ask, 2);
    ASSERT_TRUE(asked.ok());
    EXPECT_FALSE(r.may_see(asked.events[0].event, "m3"));
    EXPECT_EQ(reports::participation_report(r, "m1", clock.now_ms()).readiness().one_to_one_requests(0), "m2");
    // Bo becomes a co-facilitator: he now shares Ada's thread, and may answer it.
    pb::ClientMessage grant;
    grant.mutable_set_co_moderator()->set_member_id("m3");
    grant.mutable_set_co_moderator()->set_co_moderator(true);
    ASSERT_TRUE(apply(grant, 1).ok());
    EXPECT_TRUE(r.may_see(asked.events[0].event, "m3"));
    pb::ClientMessage reply;
    reply.mutable_send_thread_message()->set_member_id("m2");
    reply.mutable_send_thread_message()->set_text("Happy to. Thursday at 10?");
    ASSERT_TRUE(apply(reply, 3).ok());
    EXPECT_EQ(reports::participation_report(r, "m1", clock.now_ms()).readiness().one_to_one_requests_size(), 0);
    // Saying yes in the survey afterwards is a new request.
    pb::ClientMessage survey;
    survey.mutable_answer_readiness()->mutable_readiness()->set_one_to_one(pb::ONE_TO_ONE_YES);
    ASSERT_TRUE(apply(survey, 2).ok());
    EXPECT_EQ(reports::participation_report(r, "m1", clock.now_ms()).readiness().one_to_one_requests_size(), 1);
    expect_replay_matches();
}

TEST_F(RoomTest, AFacilitatorRaisesAPointInTheRoomAsTheParticipantAsked) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    ASSERT_TRUE(apply(join_msg("Ada"), 2).ok());
    pb::ClientMessage point;
    auto* p = point.mutable_send_thread_message();
    p->set_text("Could we hear from carers first?");
    p->set_ask_to_raise(true);
    p->set_anonymously(true);
    auto sent = apply(point, 2);
    ASSERT_TRUE(sent.ok());
    pb::ClientMessage raise;
    raise.mutable_raise_thread_point()->set_member_id("m2");
    raise.mutable_raise_thread_point()->set_seq(sent.events[0].event.seq());
    auto raised = apply(raise, 1);
    ASSERT_TRUE(raised.ok());
    ASSERT_EQ(raised.events.size(), 2u);
    // The post, then, privately, that it was raised (so it is raised once).
    const auto& posted = raised.events[0].event.message_posted();
    EXPECT_EQ(posted.member_id(), "m1");  // the facilitator speaks for them
    EXPECT_EQ(posted.text(), "A participant asked me to raise this: Could we hear from carers first?");
    EXPECT_TRUE(raised.events[0].event.private_to().empty());
    EXPECT_EQ(raised.events[1].event.thread_point_raised().seq(), sent.events[0].event.seq());
    EXPECT_EQ(raised.events[1].event.private_to(0), "m2");
    const auto again = apply(raise, 1);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error->code, pb::CONFLICT);
    // The room's rules for posting still hold: too long a point is refused, and nothing changes.
    p->set_text(std::string(1990, 'a'));
    auto long_one = apply(point, 2);
    ASSERT_TRUE(long_one.ok());
    raise.mutable_raise_thread_point()->set_seq(long_one.events[0].event.seq());
    const auto before = r.last_seq();
    auto refused = apply(raise, 1);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error->code, pb::TOO_LARGE);
    EXPECT_EQ(r.last_seq(), before);
}

TEST_F(RoomTest, AfterTheMeetingModeratorsSeeFeltVoiceBesideMeasuredVoice) {
    ASSERT_TRUE(apply(moderator_join_msg(), 1).ok());
    ASSERT_TRUE(apply(join_msg("Ada"), 2).ok());
    ASSERT_TRUE(apply(join_msg("Bo"), 3).ok());
    pb::ClientMessage post;
    post.mutable_post()->set_text("I think we should start with transport, then money, then times.");
    ASSERT_TRUE(apply(post, 2).ok());
    EXPECT_FALSE(reports::participation_report(r, "m1", clock.now_ms()).has_follow_up());  // not before closing
    pb::ClientMessage reword;
    reword.mutable_set_surveys()->mutable_settings()->add_follow_up_questions("Were you listened to?");
    reword.mutable_set_surveys()->mutable_settings()->add_follow_up_questions("Could you say it?");
    reword.mutable_set_surveys()->mutable_settings()->add_follow_up_questions("What would you change?");
    ASSERT_TRUE(apply(reword, 1).ok());
    EXPECT_EQ(r.snapshot().surveys().follow_up_questions(0), "Were you listened to?");
    EXPECT_EQ(r.snapshot().surveys().readiness_questions_size(), 4);  // the usual wording kept
    pb::ClientMessage close;
    close.mutable_set_room_phase()->set_phase(pb::CLOSED);
    ASSERT_TRUE(apply(close, 1).ok());
    pb::ClientMessage felt;
    felt.mutable_answer_follow_up()->mutable_follow_up()->set_felt_heard(2);
    felt.mutable_answer_follow_up()->mutable_follow_up()->set_could_say(pb::COULD_SAY_NO);
    ASSERT_TRUE(apply(felt, 3).ok());
    felt.mutable_answer_follow_up()->mutable_follow_up()->set_felt_heard(5);
    felt.mutable_answer_follow_up()->mutable_follow_up()->set_could_say(pb::COULD_SAY_YES);
    ASSERT_TRUE(apply(felt, 2).ok());
    auto report = reports::participation_report(r, "m1", clock.now_ms());
    ASSERT_EQ(report.follow_up().people_size(), 2);
    EXPECT_EQ(report.follow_up().people(0).member_id(), "m3");  // Bo wrote nothing: least heard, first
    EXPECT_EQ(report.follow_up().people(0).measured().messages(), 0u);
    EXPECT_EQ(report.follow_up().people(1).measured().messages(), 1u);
    EXPECT_FALSE(reports::participation_report(r, "m2", clock.now_ms()).has_follow_up());
    auto back = join_msg("Bo");
    back.mutable_join()->clear_join_code();
    back.mutable_join()->set_resume_token("tok3");
    auto welcome = apply(back, 4);
    ASSERT_TRUE(welcome.ok());
    EXPECT_EQ(welcome.welcome->follow_up.felt_heard(), 2u);
    expect_replay_matches();
}

TEST_F(RoomTest, LastSeqAheadOfRoomIsBadRequest) {
    auto m = join_msg("Ada");
    m.mutable_join()->set_last_seq(99);
    EXPECT_EQ(apply(m, 1).error->code, pb::BAD_REQUEST);
}

}  // namespace
}  // namespace ts::room
