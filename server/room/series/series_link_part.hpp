#pragma once
// A meeting of a series, as the meeting sees its series: which series and which meeting it
// is, the series' people seated here (they come in with their series link), and the actions
// of the meeting before as they stand, which the agenda takes first ("Actions from last
// time"). The server keeps the link in line with the series (room::link_meeting); nobody in
// the meeting changes it.
#include <set>
#include <string>
#include <vector>

#include "room/room_part.hpp"

namespace ts::room {

class series_link_part final : public room_part {
public:
    // The agenda item a linked meeting starts with.
    static constexpr const char* review_title = "Actions from last time";

    const char* name() const override { return "series link"; }
    std::vector<command_policy> policies() const override { return {}; }
    std::vector<pb::Event::KindCase> folds() const override {
        return {pb::Event::kSeriesLinked, pb::Event::kMemberJoined};
    }
    decision decide(const part_command&) const override { return {}; }
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;

    // The first link of a meeting that follows another plans the review of its actions.
    std::vector<pb::Event::KindCase> reacts_to() const override { return {pb::Event::kSeriesLinked}; }
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;

    // Whether this room is a meeting of a series.
    bool linked() const { return !link_.series_room_id().empty(); }
    const pb::SeriesLinked& link() const { return link_; }
    // Whether a person the series seated here has come in (what carries stops changing then).
    bool came(const std::string& member_id) const { return came_.count(member_id) > 0; }
    // The SeriesLinked event that brings the link in line with `wanted`, or nothing when it
    // says what the meeting knows already.
    std::vector<logged_event> relink(const pb::SeriesLinked& wanted) const;

private:
    pb::SeriesLinked link_;
    std::uint32_t links_ = 0;  // SeriesLinked events folded
    std::set<std::string> came_;
};

}  // namespace ts::room
