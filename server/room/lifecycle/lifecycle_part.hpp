#pragma once
// A room's life: preparing, lobby, live, closed. A moderator moves it forward; each
// command's policy says in which phases it runs (command_policy.hpp), so that nothing of the
// meeting itself (posts, hands, the floor, pauses…) happens before it starts or after it has
// closed, while preparing (settings, needs, the glossary) can go on.
#include <optional>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class lifecycle_part final : public room_part {
public:
    explicit lifecycle_part(room_limits limits) : limits_(limits), retention_days_(limits.retention_days) {}

    const char* name() const override { return "lifecycle"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kRoomCreated, pb::Event::kRoomPhaseChanged, pb::Event::kRetentionChanged,
                pb::Event::kMinutesShared};
    }
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    pb::RoomPhase phase() const { return phase_; }
    // How many days the record is kept after the room closes.
    std::uint32_t retention_days() const { return retention_days_; }
    // When the room's record is due to be deleted (closed, plus the days it is kept), if closed.
    std::optional<std::int64_t> expires_at_ms() const;
    // Whether everyone in the room may download the minutes (not only the facilitators).
    bool minutes_shared() const { return minutes_shared_; }

private:
    room_limits limits_;
    pb::RoomPhase phase_ = pb::LIVE;
    std::uint32_t retention_days_;
    std::int64_t closed_at_ms_ = 0;
    bool minutes_shared_ = false;
};

}  // namespace ts::room
