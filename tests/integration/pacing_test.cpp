// The reading pace over real sockets: a burst from several senders reaches every reader in
// send order, no faster than the configured rate, and every message is in Redis at once.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using PacingIntegrationTest = ServerTest;

TEST_F(PacingIntegrationTest, ABurstOfFiftyIsReleasedInOrderAtTheReadingPace) {
    auto room = create_room("Paced");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    pb::ClientMessage pace;
    pace.mutable_set_pacing()->mutable_settings()->set_words_per_minute(400);  // 150 ms per one-word message
    ASSERT_TRUE(mod->request(pace).has_ack());

    std::vector<std::unique_ptr<ws_client>> senders;
    for (int i = 0; i < 5; ++i) {
        senders.push_back(client());
        ASSERT_TRUE(senders.back()->join(room.room_id(), "S" + std::to_string(i), room.join_code()).has_welcome());
    }
    auto reader = client();
    ASSERT_TRUE(reader->join(room.room_id(), "Reader", room.join_code()).has_welcome());

    // 50 messages, round-robin across senders, each acknowledged (accepted and saved) at once.
    for (int i = 0; i < 50; ++i) {
        auto ack = senders[i % 5]->post("m" + std::to_string(i));
        ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    }
    // Accepted means durable: all 50 are in Redis, in send order, before most are released.
    std::vector<std::uint64_t> sent;
    for (const auto& e : read_log(room.room_id()))
        if (e.event.has_message_posted()) {
            EXPECT_EQ(e.event.message_posted().text(), "m" + std::to_string(sent.size()));
            sent.push_back(e.event.seq());
        }
    ASSERT_EQ(sent.size(), 50u);

    // Every reader (the reader, and a sender) sees the releases, in send order.
    for (auto* c : {reader.get(), senders[2].get()}) {
        // Everything the client has seen so far counts (a sender saw some while posting).
        auto releases = [c] {
            std::vector<std::pair<std::uint64_t, std::int64_t>> out;
            for (const auto& e : c->events())
                for (auto s : e.message_released().seqs()) out.emplace_back(s, e.at_ms());
            return out;
        };
        while (releases().size() < sent.size())
            c->receive_until(
                [](const pb::ServerMessage& x) { return x.has_event() && x.event().has_message_released(); }, 30000);
        std::vector<std::uint64_t> released;
        std::vector<std::int64_t> at;
        for (const auto& [seq, t] : releases()) {
            released.push_back(seq);
            at.push_back(t);
        }
        EXPECT_EQ(released, sent);
        for (std::size_t i = 1; i < at.size(); ++i) EXPECT_GE(at[i] - at[i - 1], 150) << "release " << i;
    }
}

}  // namespace
}  // namespace ts::test

namespace ts::test {
namespace {

TEST_F(PacingIntegrationTest, TheRoomIsAskedAboutItsPaceAnonymouslyAndTheModeratorAdoptsIt) {
    auto room = create_room("Consent");
    auto mod = client(), ada = client(), bo = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    ASSERT_TRUE(bo->join(room.room_id(), "Bo", room.join_code()).has_welcome());
    pb::ClientMessage propose;
    auto* o = propose.mutable_open_question();
    o->set_kind(pb::CONSENSUS);
    o->set_text("Shall we read at 150 words a minute?");
    o->mutable_pacing()->set_words_per_minute(150);
    o->mutable_settings()->set_anonymous(true);
    ASSERT_TRUE(mod->request(propose).has_ack());
    auto started =
        ada->receive_until([](const pb::ServerMessage& m) { return m.has_event() && m.event().has_question_opened(); });
    const auto id = started.event().question_opened().question_id();
    for (auto* c : {ada.get(), bo.get()}) {
        pb::ClientMessage answer;
        answer.mutable_answer_question()->set_question_id(id);
        answer.mutable_answer_question()->mutable_ballot()->set_response(c == ada.get() ? pb::CONSENSUS_AGREE
                                                                                        : pb::CONSENSUS_STAND_ASIDE);
        ASSERT_TRUE(c->request(answer).has_ack());
    }
    pb::ClientMessage close;
    close.mutable_close_question()->set_question_id(id);
    close.mutable_close_question()->set_adopt(true);
    ASSERT_TRUE(mod->request(close).has_ack());
    auto adopted =
        bo->receive_until([](const pb::ServerMessage& m) { return m.has_event() && m.event().has_pacing_changed(); });
    EXPECT_EQ(adopted.event().pacing_changed().settings().words_per_minute(), 150u);
    // The moderator saw the counts, never who answered what.
    mod->wait_for_seq(adopted.event().seq());
    pb::QuestionAnswered last;
    for (const auto& e : mod->events())
        if (e.has_question_answered()) last = e.question_answered();
    EXPECT_TRUE(last.member_id().empty());
    EXPECT_EQ(last.tally(pb::CONSENSUS_AGREE), 1u);
    EXPECT_EQ(last.tally(pb::CONSENSUS_STAND_ASIDE), 1u);
}

}  // namespace
}  // namespace ts::test
