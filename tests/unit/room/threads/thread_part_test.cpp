// Private threads on their own: who may write in which thread, what is private to whom,
// one-to-one requests and replies, read markers, and raising a point for someone.
#include "room/threads/thread_part.hpp"

#include <gtest/gtest.h>

#include "unit/room/fake_room_view.hpp"

namespace ts::room {
namespace {

class ThreadPart : public ::testing::Test, protected test::three_people {
protected:
    ThreadPart() {
        for (const auto* m : {&mod, &ada, &bo, &watcher}) view.members[m->member_id()] = *m;
        view.members["m2"].set_display_name("Ada");
    }

    decision send(const pb::Member& who, const std::string& thread, const std::string& text,
                  pb::ThreadNote note = pb::THREAD_NOTE_NONE, bool raise = false, bool anonymously = false) {
        pb::ClientMessage m;
        auto* s = m.mutable_send_thread_message();
        s->set_member_id(thread);
        s->set_text(text);
        s->set_note(note);
        s->set_ask_to_raise(raise);
        s->set_anonymously(anonymously);
        return test::run_part(part, m, who, view, seq);
    }
    decision raise(const pb::Member& who, const std::string& thread, std::uint64_t message_seq) {
        pb::ClientMessage m;
        m.mutable_raise_thread_point()->set_member_id(thread);
        m.mutable_raise_thread_point()->set_seq(message_seq);
        return test::run_part(part, m, who, view, seq);
    }

    pb::Member watcher = test::person("m4", pb::OBSERVER);
    thread_part part{room_limits{}};
    test::fake_room_view view;
    std::uint64_t seq = 0;
};

TEST_F(ThreadPart, AParticipantWritesOnlyInTheirOwnThreadAndFacilitatorsInAnyParticipants) {
    auto own = send(ada, "", "Can I bring my support worker?");
    ASSERT_FALSE(own.error);
    const auto& event = own.events[0].event;
    EXPECT_EQ(event.thread_message_sent().member_id(), "m2");
    EXPECT_EQ(event.thread_message_sent().from_member_id(), "m2");
    ASSERT_EQ(event.private_to_size(), 1);
    EXPECT_EQ(event.private_to(0), "m2");  // and the moderators: every facilitator shares it
    EXPECT_FALSE(event.only_listed());

    EXPECT_EQ(send(ada, "m3", "psst").error->code, pb::PERMISSION_DENIED);     // not Bo's thread
    EXPECT_EQ(send(watcher, "", "hello").error->code, pb::PERMISSION_DENIED);  // observers have none
    EXPECT_EQ(send(mod, "m1", "to myself").error->code, pb::NOT_FOUND);        // not a participant's
    EXPECT_EQ(send(mod, "m9", "nobody").error->code, pb::NOT_FOUND);
    auto reply = send(mod, "m2", "Of course. See you on Tuesday.");
    ASSERT_FALSE(reply.error);
    EXPECT_EQ(reply.events[0].event.private_to(0), "m2");
    EXPECT_EQ(send(ada, "", "   ").error->code, pb::BAD_REQUEST);  // words are needed
}

TEST_F(ThreadPart, OnlyTheParticipantAsksForAOneToOneOrForHelpAndAFacilitatorsReplyAnswersIt) {
    EXPECT_EQ(send(mod, "m2", "", pb::ASKS_ONE_TO_ONE).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(send(ada, "", "", static_cast<pb::ThreadNote>(9)).error->code, pb::BAD_REQUEST);
    ASSERT_FALSE(send(ada, "", "", pb::ASKS_ONE_TO_ONE).error);  // the note says it all
    const auto asked = seq;
    EXPECT_EQ(part.asked_seq("m2"), asked);
    EXPECT_EQ(part.replied_seq("m2"), 0u);
    ASSERT_FALSE(send(ada, "", "I didn't understand", pb::NEEDS_SUPPORT).error);
    EXPECT_EQ(part.asked_seq("m2"), asked);  // a call for help is not a new request
    ASSERT_FALSE(send(mod, "m2", "Shall we talk at 3?").error);
    EXPECT_GT(part.replied_seq("m2"), asked);
}

TEST_F(ThreadPart, ReadMarkersArePrivateToTheReaderAndOnlyMoveForward) {
    ASSERT_FALSE(send(ada, "", "first").error);
    ASSERT_FALSE(send(ada, "", "second").error);
    pb::ClientMessage m;
    m.mutable_mark_thread_read()->set_member_id("m2");
    m.mutable_mark_thread_read()->set_up_to_seq(seq + 5);
    EXPECT_EQ(test::run_part(part, m, mod, view, seq).error->code, pb::BAD_REQUEST);  // beyond the thread
    m.mutable_mark_thread_read()->set_up_to_seq(seq);
    auto read = test::run_part(part, m, mod, view, seq);
    ASSERT_FALSE(read.error);
    ASSERT_EQ(read.events.size(), 1u);
    EXPECT_EQ(read.events[0].event.private_to(0), "m1");
    EXPECT_TRUE(read.events[0].event.only_listed());                      // not even other facilitators
    EXPECT_TRUE(test::run_part(part, m, mod, view, seq).events.empty());  // already read: nothing new
    pb::ClientMessage empty;
    empty.mutable_mark_thread_read()->set_up_to_seq(1);
    EXPECT_EQ(test::run_part(part, empty, bo, view, seq).error->code, pb::NOT_FOUND);  // Bo has no messages
}

TEST_F(ThreadPart, AFacilitatorRaisesAPointOnlyWhenAskedAndAsAsked) {
    ASSERT_FALSE(send(ada, "", "Plain words please").error);
    const auto not_asked = seq;
    ASSERT_FALSE(send(ada, "", "Who pays for transport?", pb::THREAD_NOTE_NONE, true, false).error);
    const auto named = seq;
    ASSERT_FALSE(send(ada, "", "The times do not suit carers", pb::THREAD_NOTE_NONE, true, true).error);
    const auto anonymous = seq;

    EXPECT_EQ(raise(mod, "m2", not_asked).error->code, pb::CONFLICT);
    EXPECT_EQ(raise(ada, "m2", named).error->code, pb::PERMISSION_DENIED);
    EXPECT_EQ(raise(mod, "m3", named).error->code, pb::NOT_FOUND);
    auto with_name = raise(mod, "m2", named);
    ASSERT_FALSE(with_name.error);
    // The record says it was raised (to Ada and the moderators), and it is raised once.
    ASSERT_EQ(with_name.events.size(), 1u);
    const auto& raised = with_name.events[0].event;
    EXPECT_EQ(raised.thread_point_raised().seq(), named);
    EXPECT_EQ(raised.thread_point_raised().by_member_id(), "m1");
    ASSERT_EQ(raised.private_to_size(), 1);
    EXPECT_EQ(raised.private_to(0), "m2");
    ASSERT_TRUE(with_name.then && with_name.then->has_post());
    EXPECT_EQ(with_name.then->post().text(), "Ada asked me to raise this: Who pays for transport?");
    const auto again = raise(mod, "m2", named);
    ASSERT_TRUE(again.error);
    EXPECT_EQ(again.error->code, pb::CONFLICT);
    EXPECT_NE(again.error->message.find("already"), std::string::npos);
    auto without = raise(mod, "m2", anonymous);
    ASSERT_TRUE(without.then);
    EXPECT_EQ(without.then->post().text(), "A participant asked me to raise this: The times do not suit carers");
    EXPECT_EQ(without.then->post().text().find("Ada"), std::string::npos);
    // Anonymity only makes sense for a point to raise, and only the participant asks for it.
    EXPECT_EQ(send(ada, "", "hm", pb::THREAD_NOTE_NONE, false, true).error->code, pb::BAD_REQUEST);
    EXPECT_EQ(send(mod, "m2", "raise mine", pb::THREAD_NOTE_NONE, true).error->code, pb::BAD_REQUEST);
}

TEST_F(ThreadPart, AThreadHasALimit) {
    room_limits small;
    small.max_thread_messages = 2;
    thread_part limited{small};
    pb::ClientMessage m;
    m.mutable_send_thread_message()->set_text("hello");
    ASSERT_FALSE(test::run_part(limited, m, ada, view, seq).error);
    ASSERT_FALSE(test::run_part(limited, m, ada, view, seq).error);
    EXPECT_EQ(test::run_part(limited, m, ada, view, seq).error->code, pb::CONFLICT);
    EXPECT_FALSE(test::run_part(limited, m, bo, view, seq).error);  // Bo's thread is his own
}

}  // namespace
}  // namespace ts::room
