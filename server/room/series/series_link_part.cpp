#include "room/series/series_link_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

namespace ts::room {

std::vector<logged_event> series_link_part::relink(const pb::SeriesLinked& wanted) const {
    if (link_.SerializeAsString() == wanted.SerializeAsString()) return {};
    logged_event out;
    *out.event.mutable_series_linked() = wanted;
    std::vector<logged_event> events;
    events.push_back(std::move(out));
    return events;
}

decision series_link_part::react(const pb::Event& event, const room_view&, std::int64_t) const {
    if (links_ != 1 || event.series_linked().previous() == 0) return {};
    decision d;
    auto* item = d.then.emplace().mutable_plan_agenda_item()->mutable_item();
    item->set_title(review_title);
    item->set_description("What was agreed at meeting " + std::to_string(event.series_linked().previous()) +
                          ", who owns each action, and how it stands now.");
    item->set_minutes(10);
    return d;
}

void series_link_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    if (event.has_series_linked()) {
        link_ = event.series_linked();
        ++links_;
        return;
    }
    // A seated person arrives (their first join here returns to the seat the series made).
    const auto& joined = event.member_joined();
    if (linked() && !joined.seated()) came_.insert(joined.member().member_id());
}

void series_link_part::add_to(pb::RoomSnapshot& snapshot) const {
    if (linked()) *snapshot.mutable_series_link() = link_;
}

void series_link_part::save(state_out& out) const { out(link_, links_, came_); }

void series_link_part::load(state_in& in) { in(link_, links_, came_); }

}  // namespace ts::room
