#pragma once
// Decisions made together: a moderator puts a question to the room — a poll (single,
// multiple or ranked choice), a consensus check on a written proposal, fist to five, or a
// quick temperature check — and everyone who may answer does, once (the last answer counts).
// Someone in the physical room answers through a moderator or note-taker, attributed, so a
// hybrid room counts every person exactly once. Closing, by hand or at its closing time,
// records the decision: what was asked, the counts (and every runoff round), the reasons
// given, who could answer and how many did, and the outcome in words.
//
// A consensus check may be on a change of the room's pace or of its voice: adopting it on
// close hands the settings to the pacing or voice part (decision::then), and a block stops it.
//
// Anonymous means that no client, moderators included, is ever sent who answered what, and
// the record cannot tell either: an answer is kept under a slot that only its answerer's
// resume token leads to (room_view::ballot_slot), with the person's id beside it only when
// the room's audit setting was on as the question opened. People in the physical room hand
// their answers in together, entered as the room's ballots. Results hidden until close are
// kept in the record's private part until then.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class decision_part final : public room_part {
public:
    explicit decision_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "decisions"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kQuestionOpened,   pb::Event::kQuestionAnswered,  pb::Event::kQuestionAmended,
                pb::Event::kDecisionRecorded, pb::Event::kAgendaItemStarted, pb::Event::kAgendaItemEnded,
                pb::Event::kProposalStarted,  pb::Event::kProposalAnswered,  pb::Event::kProposalClosed};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The meeting closing closes every open question, on the record, by whoever closed it.
    std::vector<pb::Event::KindCase> reacts_to() const override { return {pb::Event::kRoomPhaseChanged}; }
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;

    // Questions reaching their closing time are closed, and recorded.
    decision tick(const room_view& room, std::int64_t now_ms) const override;
    std::optional<std::int64_t> next_deadline(const room_view& room) const override;

private:
    struct question {
        pb::QuestionOpened opened;
        std::uint32_t version = 1;
        std::string text;  // the current version
        // Named: each person's last answer to the current version, ballot included.
        std::vector<pb::QuestionAnswered> answers;
        // Anonymous: each slot's last ballot (in the order of the slots, not of answering),
        // and the ballots entered for the people in the room.
        std::map<std::string, pb::Ballot> by_slot;
        std::vector<pb::Ballot> room_ballots;
        std::uint32_t changes = 0;
        std::vector<pb::EarlierVersion> earlier;  // how the room answered earlier versions
        template <class Archive>
        void serialize(Archive& a) {
            a(opened, version, text, answers, by_slot, room_ballots, changes, earlier);
        }

        bool anonymous() const { return opened.settings().anonymous(); }
        bool live() const { return !opened.settings().results_hidden_until_close(); }
        std::vector<const pb::Ballot*> ballots() const;
        std::uint32_t answered() const;
        // The reasons given for concerns and blocks: with names, or (anonymous) without, in an
        // order that says nothing of who answered when.
        std::vector<pb::GivenReason> reasons() const;
        // This version as the record keeps it once amended (without counts or reasons while
        // results are hidden).
        pb::EarlierVersion as_earlier(bool with_results) const;
    };

    decision open(const part_command& command) const;
    decision answer(const part_command& command) const;
    decision amend(const part_command& command) const;
    decision close(const part_command& command) const;
    decision answer_anonymously(const part_command& command, const question& q) const;
    const question* find(const std::string& question_id) const;
    // The record of a question closing now (by: who closed it, empty at its closing time).
    // The question's record. A consensus check's result, if not given, is worked out: agreed
    // only if someone answered and nobody blocks; without an outcome, the result in words.
    logged_event record(const question& q, const room_view& room, const std::string& by, const std::string& outcome,
                        bool adopted = false, pb::ConsensusResult result = pb::CONSENSUS_RESULT_UNSPECIFIED) const;
    // How many ballots block it.
    static std::size_t blocks(const question& q);

    room_limits limits_;
    std::vector<question> open_;                   // in order of opening
    std::vector<pb::DecisionRecorded> decisions_;  // in order of closing
    std::uint32_t opened_ = 0;                     // questions ever opened (their ids: q1, q2, …)
    std::string agenda_item_id_;
};

}  // namespace ts::room
