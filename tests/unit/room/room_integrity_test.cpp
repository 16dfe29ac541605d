// The room's part in integrity: a repeated request is answered, not applied again (live
// and after a replay); a read-only room shows itself without changing; a repair is a mark
// in the record that changes nothing else.
#include <gtest/gtest.h>

#include "unit/room/room_fixture.hpp"

namespace ts::test {
namespace {

using RoomIntegrityTest = room_fixture;

pb::ClientMessage post(std::uint64_t request_id, const std::string& text, bool anonymous = false) {
    pb::ClientMessage m;
    m.set_request_id(request_id);
    m.mutable_post()->set_text(text);
    m.mutable_post()->set_anonymous(anonymous);
    return m;
}

TEST_F(RoomIntegrityTest, ARepeatedRequestIsAnsweredWithTheFirstSeqAndChangesNothing) {
    auto ada = join("Ada");
    auto first = run(ada, post(41, "hello"));
    ASSERT_EQ(first.events.size(), 1u);
    auto seq = first.events.back().event.seq();
    EXPECT_EQ(first.events.back().hidden.request_id(), 41u);
    EXPECT_EQ(first.events.back().hidden.request_member_id(), member(ada));

    auto last = r.last_seq();
    auto repeat = run(ada, post(41, "hello"));
    EXPECT_TRUE(repeat.ok());
    EXPECT_TRUE(repeat.events.empty());
    EXPECT_EQ(repeat.repeat_of_seq, seq);
    EXPECT_EQ(r.last_seq(), last);

    // The same id with other content, or without an id, is a new request.
    EXPECT_EQ(run(ada, post(41, "hello again")).events.size(), 1u);
    EXPECT_EQ(run(ada, post(0, "hello")).events.size(), 1u);
    EXPECT_EQ(run(ada, post(0, "hello")).events.size(), 1u);
}

// A point without a name is refused where everyone could tell whose it is: in structured
// mode (only the floor holder posts), or with fewer than three participants online.
TEST_F(RoomIntegrityTest, AnAnonymousPointIsRefusedWhereEveryoneCouldTellWhoseItIs) {
    auto mo = join("Mo", true);
    auto ada = join("Ada");
    join("Bo");
    join("Observer", false, true);  // observers cannot post: they do not count
    EXPECT_EQ(code_of(run(ada, post(1, "who said this?", true))), pb::CONFLICT);
    auto cy = join("Cy");
    EXPECT_TRUE(run(ada, post(2, "who said this?", true)).ok());
    r.disconnect(cy, clock.now_ms());
    EXPECT_EQ(code_of(run(ada, post(3, "and this?", true))), pb::CONFLICT) << "Cy has gone";
    join("Di");
    ASSERT_TRUE(run(mo, command([](auto& m) { m.mutable_set_room_mode()->set_mode(pb::STRUCTURED); })).ok());
    ASSERT_TRUE(run(ada, command([](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); })).ok());
    ASSERT_TRUE(run(mo, command([](auto& m) { m.mutable_grant_floor(); })).ok());
    EXPECT_EQ(code_of(run(ada, post(4, "only I could have", true))), pb::CONFLICT);
    EXPECT_TRUE(run(ada, post(5, "with my name", false)).ok());
}

// As the protocol says: a first welcome brings a new token, a returning one the token shown.
TEST_F(RoomIntegrityTest, AReturningWelcomeCarriesTheTokenThePersonPresented) {
    auto ada = join("Ada");
    const auto token = "token-" + std::to_string(ada);
    r.disconnect(ada, clock.now_ms());
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token(token);
    auto out = r.apply(back, {++connections, "an-unused-fresh-token"}, clock.now_ms());
    ASSERT_TRUE(out.welcome);
    EXPECT_EQ(out.welcome->resume_token, token);
}

TEST_F(RoomIntegrityTest, ARepeatFromAnotherConnectionOfTheSamePersonIsStillARepeat) {
    auto ada = join("Ada");
    auto seq = run(ada, post(5, "once")).events.back().event.seq();
    auto token = "token-" + std::to_string(ada);
    r.disconnect(ada, clock.now_ms());
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token(token);
    auto again = ++connections;
    record(r.apply(back, {again, ""}, clock.now_ms()));
    EXPECT_EQ(run(again, post(5, "once")).repeat_of_seq, seq);
    // Another person's request with the same id and content is theirs, not a repeat.
    auto bo = join("Bo");
    EXPECT_EQ(run(bo, post(5, "once")).events.size(), 1u);
}

TEST_F(RoomIntegrityTest, RequestsAreRememberedAfterAReplayExceptAnonymousOnes) {
    auto ada = join("Ada");
    join("Bo");
    join("Cy");  // three online: an anonymous point can stay anonymous
    auto named = run(ada, post(8, "named")).events.back().event.seq();
    auto anonymous = run(ada, post(9, "anonymous", true));
    // The log never ties an anonymous point to its author.
    EXPECT_EQ(anonymous.events.back().hidden.request_member_id(), "");
    EXPECT_EQ(anonymous.events.back().hidden.request_id(), 0u);
    EXPECT_EQ(run(ada, post(9, "anonymous", true)).repeat_of_seq, anonymous.events.back().event.seq());

    room::room replayed("r1");
    for (const auto& e : log) ASSERT_FALSE(replayed.replay(e));
    pb::ClientMessage back;
    back.mutable_join()->set_resume_token("token-" + std::to_string(ada));
    ASSERT_TRUE(replayed.apply(back, {99, ""}, clock.now_ms()).ok());
    EXPECT_EQ(replayed.apply(post(8, "named"), {99, ""}, clock.now_ms()).repeat_of_seq, named);
    EXPECT_EQ(replayed.apply(post(9, "anonymous", true), {99, ""}, clock.now_ms()).events.size(), 1u);
}

TEST_F(RoomIntegrityTest, AViewChecksTheCredentialAndChangesNothing) {
    auto ada = join("Ada");
    run(ada, post(1, "hello"));
    auto last = r.last_seq();
    pb::Join by_code;
    by_code.set_join_code(code);
    auto viewer = r.view(by_code, clock.now_ms());
    ASSERT_TRUE(viewer.ok());
    EXPECT_TRUE(viewer.events.empty());
    EXPECT_EQ(viewer.welcome->member_id, "");
    EXPECT_EQ(viewer.welcome->role, pb::PARTICIPANT);
    EXPECT_EQ(viewer.welcome->resume_token, "");
    EXPECT_EQ(viewer.welcome->snapshot.seq(), last);
    for (const auto& m : viewer.welcome->snapshot.members()) EXPECT_FALSE(m.present());

    pb::Join by_token;
    by_token.set_resume_token("token-" + std::to_string(ada));
    auto known = r.view(by_token, clock.now_ms());
    ASSERT_TRUE(known.ok());
    EXPECT_EQ(known.welcome->member_id, member(ada));

    pb::Join wrong;
    wrong.set_moderator_key("not the key");
    EXPECT_EQ(code_of(r.view(wrong, clock.now_ms())), pb::UNAUTHENTICATED);
    EXPECT_EQ(r.last_seq(), last);
}

TEST_F(RoomIntegrityTest, ARepairIsReplayedAsAMarkThatChangesNothingElse) {
    auto ada = join("Ada");
    run(ada, post(1, "hello"));
    room::room replayed("r1");
    for (const auto& e : log) ASSERT_FALSE(replayed.replay(e));
    auto before = replayed.snapshot();
    room::logged_event repair;
    repair.event.set_seq(replayed.last_seq() + 1);
    repair.event.mutable_record_repaired()->set_from_seq(replayed.last_seq() + 1);
    repair.event.mutable_record_repaired()->set_to_seq(replayed.last_seq() + 4);
    ASSERT_FALSE(replayed.replay(repair));
    auto after = replayed.snapshot();
    EXPECT_EQ(after.seq(), before.seq() + 1);
    after.set_seq(before.seq());
    EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
}

}  // namespace
}  // namespace ts::test
