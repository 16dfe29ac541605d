#pragma once
// Consent: a moderator puts pace settings to the room ("Shall we read at 150 words a
// minute?"), people answer yes or no, the moderator sees only the totals and adopts or
// drops the proposal. One proposal is open at a time. Who answered is kept only in the
// record's private part, to count each person once.
//
// Adopting hands the settings to the pacing part as a SetPacing command (decision::then):
// consent never touches pacing's state.
#include <optional>
#include <set>
#include <string>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class consent_part final : public room_part {
public:
    explicit consent_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "consent"; }
    std::vector<pb::ClientMessage::CommandCase> commands() const override;
    std::vector<pb::Event::KindCase> folds() const override;
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;

    const std::optional<pb::ProposalStarted>& open_proposal() const { return proposal_; }

private:
    decision propose(const pb::ProposePacing& propose, const pb::Member& caller) const;
    decision answer(const pb::AnswerProposal& answer, const pb::Member& caller) const;
    decision close(const pb::CloseProposal& close, const pb::Member& caller) const;

    room_limits limits_;
    std::optional<pb::ProposalStarted> proposal_;
    pb::ProposalAnswered answers_;
    std::set<std::string> answerers_;
    std::uint64_t proposals_ = 0;
};

}  // namespace ts::room
