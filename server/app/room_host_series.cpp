// A room host's part in a series of meetings: a series says what its meetings should know, a
// meeting takes it and hands back its news, the series records what is new. The directory
// carries these between the rooms (room_directory::sync_series).
#include <boost/asio/post.hpp>

#include <algorithm>

#include "app/room_host.hpp"
#include "base/log.hpp"
#include "room/reports/meeting_report.hpp"
#include "room/series/series_link_part.hpp"
#include "room/series/series_part.hpp"

namespace ts::app {

namespace asio = boost::asio;

namespace {

// What a series' other rooms must hear of: in the series, its meetings and people; in a
// meeting, what it reports and what it carries over.
bool about_series(const room::outcome& out, bool is_series) {
    return std::any_of(out.events.begin(), out.events.end(), [is_series](const room::logged_event& e) {
        switch (e.event.kind_case()) {
            case pb::Event::kMeetingPlanned:
            case pb::Event::kCarryOverSet:
            case pb::Event::kRetentionChanged:
            case pb::Event::kRoomUpdated: return is_series;
            case pb::Event::kMemberJoined:
            case pb::Event::kMemberBanChanged:
            case pb::Event::kRoleChanged: return true;
            case pb::Event::kNeedsUpdated:
            case pb::Event::kReadinessAnswered:
            case pb::Event::kActionRecorded:
            case pb::Event::kActionStatusChanged:
            case pb::Event::kDecisionRecorded:
            case pb::Event::kRoomPhaseChanged:
            case pb::Event::kSeriesLinked: return !is_series;
            default: return false;
        }
    });
}

}  // namespace

std::optional<std::string> room_host::series_news(const room::outcome& out) {
    const auto& series = room_.part<room::series_part>();
    const auto& link = room_.part<room::series_link_part>();
    if (series.is_series()) {
        if (about_series(out, true)) return id_;
    } else if (link.linked() && about_series(out, false)) {
        return link.link().series_room_id();
    }
    return std::nullopt;
}

void room_host::series_work(std::function<void(std::vector<room::meeting_link> links)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        if (!self->life_.records()) return;
        done(self->room_.meeting_links());
    });
}

void room_host::link_meeting(room::meeting_link link, std::function<void(std::optional<room::meeting_news>)> done) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), done = std::move(done)] {
        if (!self->life_.records()) return done(std::nullopt);
        if (self->life_.is(host_state::following)) {
            log::warn("meeting " + self->id_ + " is held by another node: it follows its series from there");
            return done(std::nullopt);
        }
        auto out = self->room_.link_meeting(link, self->clock_.now_ms());
        if (!out.ok()) {
            log::warn("meeting " + self->id_ + " could not follow its series: " + out.error->message);
            return done(std::nullopt);
        }
        pending p;
        // The news is read once what the link changed is durable: it tells only what stays.
        p.on_durable = [self, carry_ids = link.carry_ids, done](bool durable) {
            if (!durable) return done(std::nullopt);
            done(room::reports::meeting_report(self->room_, carry_ids, self->clock_.now_ms()));
        };
        self->enqueue(out, std::move(p));
        self->schedule();
    });
}

void room_host::create_meeting(std::string moderator_key, std::string join_code, room::meeting_link link,
                               std::function<void(std::optional<room::room_error>)> done) {
    asio::post(strand_, [self = shared_from_this(), moderator_key = std::move(moderator_key),
                         join_code = std::move(join_code), link = std::move(link), done = std::move(done)]() mutable {
        const auto now = self->clock_.now_ms();
        const auto& planned = link.planned;
        auto out = self->room_.create(planned.title(), "", moderator_key, join_code, now, pb::PREPARING);
        if (!out.ok()) return done(out.error);
        auto linked = self->room_.link_meeting(link, now);
        for (auto& e : linked.events) out.events.push_back(std::move(e));
        pending p;
        p.on_durable = [done = std::move(done)](bool durable) {
            if (durable) return done(std::nullopt);
            done(room::room_error{pb::STORE_UNAVAILABLE, "the meeting could not be saved", 1000});
        };
        self->enqueue(out, std::move(p));
        self->schedule();
    });
}

void room_host::delete_with_series() {
    asio::post(strand_, [self = shared_from_this()] {
        if (!self->life_.records() || self->life_.is(host_state::following)) return;
        self->life_.move_to(host_state::deleting);
        self->deleter_.reset();  // nobody here asked: its series was deleted
        self->erase_when_durable();
    });
}

std::vector<std::string> room_host::rooms_deleted_with() const {
    std::vector<std::string> ids;
    for (const auto& m : room_.part<room::series_part>().meetings()) ids.push_back(m.room_id());
    return ids;
}

void room_host::receive_meeting_report(room::meeting_news news) {
    asio::post(strand_, [self = shared_from_this(), news = std::move(news)] {
        if (!self->life_.records()) return;
        auto out = self->room_.receive_meeting_report(news, self->clock_.now_ms());
        if (!out.ok()) {
            log::warn("series " + self->id_ + " could not take a meeting's report: " + out.error->message);
            return;
        }
        if (!out.events.empty()) self->enqueue(out, pending{});
    });
}

}  // namespace ts::app
