#include "app/fan_out.hpp"

#include "base/metrics.hpp"
#include "app/stored_event.hpp"
#include "net/server_frames.hpp"
#include "room/reports/participation_reports.hpp"
#include "room/reports/moderator_view.hpp"

namespace ts::app {

namespace reports = ts::room::reports;

namespace pb = talkingstick::v1;

event_frames event_frames::of(const pb::Event& event) {
    pb::ServerMessage message;
    *message.mutable_event() = event;
    event_frames frames{net::encode_frame(message), nullptr, {}};
    if (event.private_to_size() > 0) {
        *message.mutable_event() = app::redacted(event);
        frames.redacted = net::encode_frame(message);
        frames.event = event;
    }
    return frames;
}

fan_out::~fan_out() {
    // A room going away (unloaded, deleted) with people still subscribed.
    if (!subscribers_.empty()) {
        metrics::figures().members_present.add(-static_cast<std::int64_t>(subscribers_.size()));
        metrics::figures().rooms_in_use.add(-1);
    }
}

void fan_out::subscribe(std::uint64_t connection_id, std::shared_ptr<net::frame_sink> sink, std::string member_id) {
    auto& figures = metrics::figures();
    if (subscribers_.empty()) figures.rooms_in_use.add(1);
    auto [it, added] =
        subscribers_.insert_or_assign(connection_id, subscriber{std::move(sink), std::move(member_id), {}, 0});
    if (added) figures.members_present.add(1);
}

std::shared_ptr<net::frame_sink> fan_out::unsubscribe(std::uint64_t connection_id) {
    auto it = subscribers_.find(connection_id);
    if (it == subscribers_.end()) return nullptr;
    auto sink = std::move(it->second.sink);
    subscribers_.erase(it);
    auto& figures = metrics::figures();
    figures.members_present.add(-1);
    if (subscribers_.empty()) figures.rooms_in_use.add(-1);
    return sink;
}

const std::string* fan_out::member_of(std::uint64_t connection_id) const {
    auto it = subscribers_.find(connection_id);
    return it == subscribers_.end() ? nullptr : &it->second.member_id;
}

void fan_out::broadcast(const std::vector<event_frames>& events, const room::room& room) const {
    for (const auto& frames : events) {
        if (!frames.redacted) {
            for (const auto& [id, to] : subscribers_) to.sink->send(frames.full);
            continue;
        }
        for (const auto& [id, to] : subscribers_)
            to.sink->send(room.may_see(frames.event, to.member_id) ? frames.full : frames.redacted);
    }
}

void fan_out::send_all(const net::shared_frame& frame) const {
    for (const auto& [id, to] : subscribers_) to.sink->send(frame);
}

void fan_out::finish_all(std::uint16_t code, const std::string& reason) {
    for (auto& [id, to] : subscribers_) to.sink->finish(code, reason);
    subscribers_.clear();
}

void fan_out::send_to_moderators(const net::shared_frame& frame, const room::room& room) const {
    for (const auto& [id, to] : subscribers_)
        if (const auto* member = room.member(to.member_id); member && member->role() == pb::MODERATOR)
            to.sink->send(frame);
}

bool fan_out::send_reports(const room::room& room, std::int64_t now_ms) {
    if (subscribers_.empty()) return false;
    // The room's balance is the same for everyone who may see it: one frame for all, and only
    // to those who do not have these figures yet.
    pb::ServerMessage room_message;
    auto& balance = *room_message.mutable_participation() = reports::balance(room, now_ms);
    reports::add_moderator_view(room, balance, now_ms);
    balance.clear_server_time_ms();
    if (auto bytes = balance.SerializeAsString(); bytes != balance_bytes_) {
        balance_bytes_ = std::move(bytes);
        ++balance_version_;
    }
    balance.set_server_time_ms(now_ms);
    // Moderators also get the room's stated needs (names only where people agreed) and the
    // surveys.
    auto moderator_frame = net::encode_frame(room_message);
    reports::remove_moderator_view(balance);
    auto room_frame = net::encode_frame(room_message);
    std::unordered_map<std::string, const pb::PersonFigures*> figures;
    for (const auto& p : balance.session().people()) figures[p.member_id()] = &p;
    for (auto& [id, to] : subscribers_) {
        // By the member each joined as: a replica's room has no connections of its own.
        const auto* member = room.member(to.member_id);
        if (!member) continue;
        const bool moderator = member->role() == pb::MODERATOR;
        if (to.balance_version != balance_version_ && (moderator || reports::sees_balance(room, member->member_id()))) {
            to.sink->send(moderator ? moderator_frame : room_frame);
            to.balance_version = balance_version_;
        }
        // Each person's own figures, for them alone.
        auto it = figures.find(member->member_id());
        if (it == figures.end()) continue;
        if (auto bytes = it->second->SerializeAsString(); bytes != to.own_figures) {
            pb::ServerMessage mine;
            *mine.mutable_participation()->mutable_mine() = *it->second;
            mine.mutable_participation()->set_server_time_ms(now_ms);
            to.sink->send(net::encode_frame(mine));
            to.own_figures = std::move(bytes);
        }
    }
    return !room.queue().entries().empty() || !room.floor().holder_member_id().empty();
}

}  // namespace ts::app
