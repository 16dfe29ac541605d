#include "room/part_registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ts::room {
namespace {

// A part that owns what it is told to, and counts what it folds.
class probe_part final : public room_part {
public:
    probe_part(std::vector<pb::ClientMessage::CommandCase> commands, std::vector<pb::Event::KindCase> folds)
        : commands_(std::move(commands)), folds_(std::move(folds)) {}
    const char* name() const override { return "probe"; }
    std::vector<command_policy> policies() const override {
        std::vector<command_policy> out;
        for (auto c : commands_) out.emplace_back(c, actors::moderators, phases::live, "moderators only");
        return out;
    }
    std::vector<pb::Event::KindCase> folds() const override { return folds_; }
    decision decide(const part_command&) const override { return {}; }
    void evolve(const pb::Event&, const pb::EventPrivate&) override { ++folded; }
    void add_to(pb::RoomSnapshot& snapshot) const override { snapshot.set_title("probed"); }
    void save(state_out&) const override {}
    void load(state_in&) override {}
    int folded = 0;

private:
    std::vector<pb::ClientMessage::CommandCase> commands_;
    std::vector<pb::Event::KindCase> folds_;
};

// Every event kind but the ones given.
std::vector<pb::Event::KindCase> all_kinds_but(std::vector<pb::Event::KindCase> left_out) {
    std::vector<pb::Event::KindCase> out;
    const auto* kinds = pb::Event::descriptor()->FindOneofByName("kind");
    for (int i = 0; i < kinds->field_count(); ++i) {
        auto kind = static_cast<pb::Event::KindCase>(kinds->field(i)->number());
        if (std::find(left_out.begin(), left_out.end(), kind) == left_out.end()) out.push_back(kind);
    }
    return out;
}

// A policy for every command of the protocol but the ones given, as the core would declare them.
std::vector<command_policy> policies_for_all_but(std::vector<pb::ClientMessage::CommandCase> left_out) {
    std::vector<command_policy> out;
    const auto* commands = pb::ClientMessage::descriptor()->FindOneofByName("command");
    for (int i = 0; i < commands->field_count(); ++i) {
        auto command = static_cast<pb::ClientMessage::CommandCase>(commands->field(i)->number());
        if (std::find(left_out.begin(), left_out.end(), command) == left_out.end())
            out.emplace_back(command, actors::anyone, phases::always);
    }
    return out;
}

TEST(PartRegistry, HandsEachCommandToItsOwnerAndEachEventToItsFolders) {
    part_registry parts;
    auto& a = parts.add(
        std::make_unique<probe_part>(std::vector{pb::ClientMessage::kReact}, std::vector{pb::Event::kReactionGiven}));
    auto& b = parts.add(std::make_unique<probe_part>(std::vector<pb::ClientMessage::CommandCase>{},
                                                     std::vector{pb::Event::kReactionGiven, pb::Event::kMemberLeft}));
    EXPECT_EQ(parts.owner(pb::ClientMessage::kReact), &a);
    EXPECT_EQ(parts.owner(pb::ClientMessage::kPost), nullptr);
    ASSERT_NE(parts.policy(pb::ClientMessage::kReact), nullptr);
    EXPECT_EQ(parts.policy(pb::ClientMessage::kReact)->who, actors::moderators);
    EXPECT_EQ(parts.policy(pb::ClientMessage::kPost), nullptr);
    pb::Event reaction;
    reaction.mutable_reaction_given();
    parts.evolve(reaction, {});
    pb::Event left;
    left.mutable_member_left();
    parts.evolve(left, {});
    EXPECT_EQ(a.folded, 1);
    EXPECT_EQ(b.folded, 2);
    pb::RoomSnapshot snap;
    parts.add_to(snap);
    EXPECT_EQ(snap.title(), "probed");
}

TEST(PartRegistry, ACommandWithTwoOwnersIsRefused) {
    part_registry parts;
    parts.add(std::make_unique<probe_part>(std::vector{pb::ClientMessage::kReact}, std::vector<pb::Event::KindCase>{}));
    EXPECT_THROW(parts.add(std::make_unique<probe_part>(std::vector{pb::ClientMessage::kReact},
                                                        std::vector<pb::Event::KindCase>{})),
                 std::logic_error);
}

TEST(PartRegistry, ACommandThePartsAndTheCoreBothClaimIsRefused) {
    part_registry parts;
    parts.add(std::make_unique<probe_part>(std::vector{pb::ClientMessage::kReact}, std::vector<pb::Event::KindCase>{}));
    EXPECT_THROW(parts.add_core(policies_for_all_but({})), std::logic_error);
}

TEST(PartRegistry, ACommandWithoutAnOwnerOrAPolicyIsFoundWhenTheRoomIsBuilt) {
    part_registry parts;
    parts.add(std::make_unique<probe_part>(std::vector{pb::ClientMessage::kReact}, std::vector<pb::Event::KindCase>{}));
    parts.add_core(policies_for_all_but({pb::ClientMessage::kReact, pb::ClientMessage::kShareMinutes}));
    try {
        parts.check_covers(all_kinds_but({}));
        FAIL() << "a command nobody decides went unnoticed";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("share_minutes"), std::string::npos) << e.what();
    }
}

TEST(PartRegistry, AnEventKindNobodyFoldsIsFoundWhenTheRoomIsBuilt) {
    part_registry parts;
    parts.add(std::make_unique<probe_part>(std::vector<pb::ClientMessage::CommandCase>{},
                                           std::vector{pb::Event::kReactionGiven}));
    parts.add_core(policies_for_all_but({}));
    auto core = all_kinds_but({pb::Event::kReactionGiven, pb::Event::kRecordRepaired});
    try {
        parts.check_covers(core);
        FAIL() << "a kind nobody folds went unnoticed";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("record_repaired"), std::string::npos) << e.what();
    }
    core.push_back(pb::Event::kRecordRepaired);
    EXPECT_NO_THROW(parts.check_covers(core));
}

}  // namespace
}  // namespace ts::room
