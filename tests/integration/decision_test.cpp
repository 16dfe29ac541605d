// Decisions over real sockets and Redis: a moderator, three participants, an observer and
// someone in the physical room; each kind of question is opened, answered, changed and
// closed; an observer's answer is refused; a restart while a question is open keeps it open
// with its answers; the decision record reaches everyone.
#include "integration/fixture.hpp"

namespace ts::test {
namespace {

class DecisionTest : public ServerTest {
protected:
    struct meeting {
        pb::CreateRoomResponse room;
        std::unique_ptr<ws_client> mod, ada, bo, cy, watcher;
        pb::ServerMessage ada_welcome;
        std::uint64_t gathered_seq = 0;  // the last event of everyone coming in
    };

    meeting gather() {
        meeting m;
        m.room = create_room("Deciding together");
        m.mod = client();
        EXPECT_TRUE(m.mod->join(m.room.room_id(), "Mo", "", m.room.moderator_key()).has_welcome());
        m.ada = client();
        m.ada_welcome = m.ada->join(m.room.room_id(), "Ada", m.room.join_code());
        m.bo = client();
        EXPECT_TRUE(m.bo->join(m.room.room_id(), "Bo", m.room.join_code()).has_welcome());
        m.cy = client();
        EXPECT_TRUE(m.cy->join(m.room.room_id(), "Cy", m.room.join_code()).has_welcome());
        m.watcher = client();
        EXPECT_TRUE(join_as_observer(*m.watcher, m.room.room_id(), m.room.join_code()).has_welcome());
        pb::ClientMessage in_room;
        in_room.mutable_add_in_room_participant()->set_display_name("Dee");
        auto added = m.mod->request(in_room);  // m6
        EXPECT_TRUE(added.has_ack());
        m.gathered_seq = added.ack().seq();
        return m;
    }

    static pb::ClientMessage open(pb::QuestionKind kind, const std::string& text, std::vector<std::string> options = {},
                                  pb::QuestionSettings settings = {}) {
        pb::ClientMessage m;
        m.mutable_open_question()->set_kind(kind);
        m.mutable_open_question()->set_text(text);
        for (auto& o : options) m.mutable_open_question()->add_options(o);
        *m.mutable_open_question()->mutable_settings() = settings;
        return m;
    }
    static pb::QuestionSettings anonymous(bool hidden = false) {
        pb::QuestionSettings s;
        s.set_anonymous(true);
        s.set_results_hidden_until_close(hidden);
        return s;
    }
    static pb::ClientMessage room_ballots(const std::string& q, std::vector<pb::Ballot> ballots) {
        pb::ClientMessage m;
        m.mutable_answer_question()->set_question_id(q);
        for (auto& b : ballots) *m.mutable_answer_question()->add_room_ballots() = b;
        return m;
    }
    // A member id as protobuf writes it into a string field (its length, then its bytes).
    static std::string as_field(const std::string& member_id) {
        return std::string(1, static_cast<char>(member_id.size())) + member_id;
    }
    static pb::ClientMessage answer(const std::string& q, pb::Ballot ballot, const std::string& for_member = "") {
        pb::ClientMessage m;
        m.mutable_answer_question()->set_question_id(q);
        *m.mutable_answer_question()->mutable_ballot() = ballot;
        m.mutable_answer_question()->set_for_member_id(for_member);
        return m;
    }
    static pb::Ballot choices(std::vector<std::uint32_t> c) {
        pb::Ballot b;
        for (auto x : c) b.add_choices(x);
        return b;
    }
    static pb::Ballot scale(std::uint32_t v) {
        pb::Ballot b;
        b.set_scale(v);
        return b;
    }
    static pb::Ballot response(pb::ConsensusResponse r, const std::string& reason = "") {
        pb::Ballot b;
        b.set_response(r);
        b.set_reason(reason);
        return b;
    }
    static pb::ClientMessage close(const std::string& q, const std::string& outcome = "") {
        pb::ClientMessage m;
        m.mutable_close_question()->set_question_id(q);
        m.mutable_close_question()->set_outcome(outcome);
        return m;
    }
    static pb::DecisionRecorded record_seen(ws_client& c, std::uint64_t seq) {
        return c.wait_for_seq(seq).decision_recorded();
    }
};

TEST_F(DecisionTest, EachKindIsAnsweredOnceByEveryoneOnlineAndInTheRoomAndClosedOnTheRecord) {
    auto m = gather();
    // A single-choice poll; Ada changes her mind; Dee answers through the moderator.
    ASSERT_TRUE(m.mod->request(open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Meals"})).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q1", choices({0}))).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q1", choices({1}))).has_ack());
    EXPECT_TRUE(m.bo->request(answer("q1", choices({1}))).has_ack());
    EXPECT_TRUE(m.mod->request(answer("q1", choices({0}), "m6")).has_ack());
    auto refused = m.watcher->request(answer("q1", choices({0})));
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().code(), pb::PERMISSION_DENIED);
    EXPECT_EQ(m.cy->request(answer("q1", choices({0, 1}))).error().code(), pb::BAD_REQUEST);
    auto closed = m.mod->request(close("q1", "Meals first."));
    ASSERT_TRUE(closed.has_ack());
    for (auto* c : {m.ada.get(), m.watcher.get(), m.cy.get()}) {
        auto record = record_seen(*c, closed.ack().seq());
        EXPECT_EQ(record.counts(0), 1u);
        EXPECT_EQ(record.counts(1), 2u);
        EXPECT_EQ(record.answered(), 3u);
        EXPECT_EQ(record.eligible(), 4u);  // Ada, Bo, Cy and Dee
        EXPECT_EQ(record.changes(), 1u);
        EXPECT_EQ(record.outcome(), "Meals first.");
    }

    // A ranked poll, a consensus check with a block, fist to five, a temperature check.
    ASSERT_TRUE(m.mod->request(open(pb::RANKED_CHOICE, "Order of work", {"A", "B", "C"})).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q2", choices({0}))).has_ack());
    EXPECT_TRUE(m.bo->request(answer("q2", choices({1}))).has_ack());
    EXPECT_TRUE(m.cy->request(answer("q2", choices({2, 1}))).has_ack());
    EXPECT_TRUE(m.mod->request(answer("q2", choices({1}), "m6")).has_ack());
    auto ranked = record_seen(*m.bo, m.mod->request(close("q2")).ack().seq());
    // Round 1: A 1, B 2, C 1: no majority of 4; A and C leave together. Round 2: B 3 of 3.
    ASSERT_EQ(ranked.rounds_size(), 2);
    EXPECT_EQ(ranked.rounds(1).exhausted(), 1u);
    EXPECT_EQ(ranked.winner(), 2u);  // option B (index 1), + 1

    ASSERT_TRUE(m.mod->request(open(pb::CONSENSUS, "Tuesdays from May.")).has_ack());
    EXPECT_EQ(m.ada->request(answer("q3", response(pb::CONSENSUS_BLOCK))).error().code(), pb::BAD_REQUEST);
    EXPECT_TRUE(m.ada->request(answer("q3", response(pb::CONSENSUS_BLOCK, "Carers work on Tuesdays"))).has_ack());
    EXPECT_TRUE(m.bo->request(answer("q3", response(pb::CONSENSUS_AGREE))).has_ack());
    auto consensus = record_seen(*m.cy, m.mod->request(close("q3", "Not agreed; to revisit.")).ack().seq());
    EXPECT_EQ(consensus.counts(pb::CONSENSUS_BLOCK), 1u);
    ASSERT_EQ(consensus.reasons_size(), 1);
    EXPECT_EQ(consensus.reasons(0).reason(), "Carers work on Tuesdays");

    ASSERT_TRUE(m.mod->request(open(pb::FIST_TO_FIVE, "Ready to decide?")).has_ack());
    EXPECT_TRUE(m.cy->request(answer("q4", scale(0))).has_ack());
    EXPECT_EQ(record_seen(*m.ada, m.mod->request(close("q4")).ack().seq()).counts(0), 1u);
    ASSERT_TRUE(m.mod->request(open(pb::TEMPERATURE, "How is the pace?")).has_ack());
    EXPECT_TRUE(m.bo->request(answer("q5", scale(5))).has_ack());
    EXPECT_EQ(record_seen(*m.ada, m.mod->request(close("q5")).ack().seq()).counts(5), 1u);

    // Every record is in the snapshot a newcomer gets.
    auto late = client();
    auto welcome = late->join(m.room.room_id(), "Eve", m.room.join_code());
    ASSERT_EQ(welcome.welcome().room().decisions_size(), 5);
}

TEST_F(DecisionTest, ARestartWhileAQuestionIsOpenKeepsItOpenWithItsAnswers) {
    auto m = gather();
    ASSERT_TRUE(m.mod->request(open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Meals"})).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q1", choices({1}))).has_ack());
    EXPECT_TRUE(m.mod->request(answer("q1", choices({0}), "m6")).has_ack());
    restart_server();
    auto ada = client();
    auto back = ada->join(m.room.room_id(), "Ada", "", "", m.ada_welcome.welcome().resume_token());
    ASSERT_TRUE(back.has_welcome());
    ASSERT_EQ(back.welcome().room().questions_size(), 1);
    EXPECT_EQ(back.welcome().room().questions(0).answers_size(), 2);
    auto changed = ada->request(answer("q1", choices({0})));
    ASSERT_TRUE(changed.has_ack());
    EXPECT_TRUE(ada->wait_for_seq(changed.ack().seq()).question_answered().changed());  // still one answer
}

TEST_F(DecisionTest, NoByteAnyClientReceivesAboutAnAnonymousQuestionNamesAnAnswererNorDoesTheRecord) {
    auto m = gather();
    std::vector<ws_client*> everyone = {m.mod.get(), m.ada.get(), m.bo.get(), m.cy.get(), m.watcher.get()};
    for (auto* c : everyone) {
        c->wait_for_seq(m.gathered_seq);
        c->forget_received();
    }
    // Live counts: everyone answers, Ada changes her mind, Dee's ballot is handed in.
    ASSERT_TRUE(m.mod->request(open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Meals"}, anonymous())).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q1", choices({0}))).has_ack());
    EXPECT_TRUE(m.bo->request(answer("q1", choices({1}))).has_ack());
    EXPECT_TRUE(m.cy->request(answer("q1", choices({1}))).has_ack());
    auto changed = m.ada->request(answer("q1", choices({1})));
    ASSERT_TRUE(changed.has_ack());
    EXPECT_EQ(m.watcher->request(answer("q1", choices({0}))).error().code(), pb::PERMISSION_DENIED);
    EXPECT_EQ(m.mod->request(answer("q1", choices({0}), "m6")).error().code(), pb::BAD_REQUEST);
    EXPECT_TRUE(m.mod->request(room_ballots("q1", {choices({0})})).has_ack());
    auto tally = m.watcher->wait_for_seq(changed.ack().seq()).question_answered();
    EXPECT_EQ(tally.answered(), 3u);
    EXPECT_EQ(tally.tally(1), 3u);
    auto first = record_seen(*m.bo, m.mod->request(close("q1")).ack().seq());
    EXPECT_EQ(first.counts(0), 1u);
    EXPECT_EQ(first.counts(1), 3u);
    EXPECT_EQ(first.answered(), 4u);
    EXPECT_EQ(first.changes(), 1u);

    // Hidden until close: a block with its reason, and an agreement.
    ASSERT_TRUE(m.mod->request(open(pb::CONSENSUS, "Tuesdays from May.", {}, anonymous(true))).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q2", response(pb::CONSENSUS_BLOCK, "Carers work on Tuesdays"))).has_ack());
    auto agreed = m.bo->request(answer("q2", response(pb::CONSENSUS_AGREE)));
    ASSERT_TRUE(agreed.has_ack());
    auto unseen = m.cy->wait_for_seq(agreed.ack().seq()).question_answered();
    EXPECT_EQ(unseen.answered(), 2u);
    EXPECT_TRUE(unseen.tally().empty());  // nothing to see until it closes
    auto closed = m.mod->request(close("q2", "Not agreed; to revisit."));
    auto second = record_seen(*m.cy, closed.ack().seq());
    EXPECT_EQ(second.counts(pb::CONSENSUS_BLOCK), 1u);
    ASSERT_EQ(second.reasons_size(), 1);
    EXPECT_EQ(second.reasons(0).reason(), "Carers work on Tuesdays");
    EXPECT_TRUE(second.reasons(0).member_id().empty());

    for (auto* c : everyone) {
        c->wait_for_seq(closed.ack().seq());
        const auto& bytes = c->received();
        EXPECT_NE(bytes.find("Tuesdays from May."), std::string::npos);  // it did receive it all
        for (const char* id : {"m2", "m3", "m4", "m6"})
            EXPECT_EQ(bytes.find(as_field(id)), std::string::npos) << id << " reached a client";
    }
    // Nor does the record in Redis tie an answer to its person (the audit setting is off).
    std::size_t answers = 0;
    for (const auto& e : read_log(m.room.room_id())) {
        if (!e.event.has_question_answered()) continue;
        ++answers;
        const auto entry = redis.command({"XRANGE", "ts:{" + m.room.room_id() + "}:log", e.id, e.id});
        for (const char* id : {"m2", "m3", "m4", "m6"})
            EXPECT_EQ(entry.find(as_field(id)), std::string::npos) << id << " is in the stored answer " << e.id;
    }
    EXPECT_EQ(answers, 7u);
}

TEST_F(DecisionTest, AnAnonymousAnswerChangedAfterARestartReplacesTheFirst) {
    auto m = gather();
    ASSERT_TRUE(m.mod->request(open(pb::SINGLE_CHOICE, "Which first?", {"Transport", "Meals"}, anonymous())).has_ack());
    EXPECT_TRUE(m.ada->request(answer("q1", choices({0}))).has_ack());
    EXPECT_TRUE(m.bo->request(answer("q1", choices({1}))).has_ack());
    restart_server();
    auto ada = client();
    auto back = ada->join(m.room.room_id(), "Ada", "", "", m.ada_welcome.welcome().resume_token());
    ASSERT_TRUE(back.has_welcome());
    ASSERT_EQ(back.welcome().room().questions_size(), 1);
    EXPECT_EQ(back.welcome().room().questions(0).answered(), 2u);
    auto changed = ada->request(answer("q1", choices({1})));
    ASSERT_TRUE(changed.has_ack());
    const auto& answered = ada->wait_for_seq(changed.ack().seq()).question_answered();
    EXPECT_TRUE(answered.changed());
    EXPECT_EQ(answered.answered(), 2u);  // still Ada's one answer, and Bo's
    EXPECT_EQ(answered.tally(0), 0u);
    EXPECT_EQ(answered.tally(1), 2u);
}

}  // namespace
}  // namespace ts::test
