// A room host's part in small groups: a plenary says what its tables should know, a table
// takes it and hands back its report, the plenary records the report. The directory carries
// these between the rooms (room_directory::sync_groups).
#include <boost/asio/post.hpp>

#include "app/room_host.hpp"
#include "base/log.hpp"
#include "net/server_frames.hpp"
#include "room/groups/groups_part.hpp"
#include "room/groups/table_part.hpp"
#include "room/reports/table_report.hpp"
#include "room/text_rules.hpp"

namespace ts::app {

namespace asio = boost::asio;

void room_host::groups_work(groups_work_fn done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        if (!self->life_.records()) return;
        done(self->room_.table_links(), self->room_.tables_to_report());
    });
}

void room_host::link_table(room::table_link link, bool report,
                           std::function<void(std::optional<pb::TableReported>)> done) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), report, done = std::move(done)] {
        if (!self->life_.records()) return done(std::nullopt);
        if (self->life_.is(host_state::following)) {
            // Only the table's owner decides; this node cannot hand it the link (yet).
            log::warn("table " + self->id_ + " is held by another node: it follows its plenary from there");
            return done(std::nullopt);
        }
        auto out = self->room_.link_table(link, self->clock_.now_ms());
        if (!out.ok()) {
            log::warn("table " + self->id_ + " could not follow its plenary: " + out.error->message);
            return done(std::nullopt);
        }
        pending p;
        for (auto id : out.closed_connections) {
            if (auto moved = self->fan_out_.unsubscribe(id)) p.to_close.push_back(std::move(moved));
            if (auto relayed = self->relayed_members_.extract(id)) p.to_close.push_back(std::move(relayed.mapped()));
        }
        p.moved_table = true;
        // The report is read once what the link changed is durable: it tells only what stays.
        p.on_durable = [self, report, done](bool durable) {
            if (!durable || !report) return done(std::nullopt);
            done(room::reports::table_report(self->room_, self->clock_.now_ms()));
        };
        self->enqueue(out, std::move(p));
        self->schedule();
    });
}

void room_host::create_table(std::string moderator_key, std::string join_code, room::table_link link,
                             std::function<void(std::optional<room::room_error>)> done) {
    asio::post(strand_, [self = shared_from_this(), moderator_key = std::move(moderator_key),
                         join_code = std::move(join_code), link = std::move(link), done = std::move(done)]() mutable {
        const auto now = self->clock_.now_ms();
        auto out = self->room_.create(link.title,
                                      room::first_code_points(link.link.task(), self->room_.limits().max_purpose_chars),
                                      moderator_key, join_code, now, pb::LIVE);
        if (!out.ok()) return done(out.error);
        auto linked = self->room_.link_table(link, now);
        for (auto& e : linked.events) out.events.push_back(std::move(e));
        pending p;
        p.on_durable = [done = std::move(done)](bool durable) {
            if (durable) return done(std::nullopt);
            done(room::room_error{pb::STORE_UNAVAILABLE, "the table could not be saved", 1000});
        };
        self->enqueue(out, std::move(p));
        self->schedule();
    });
}

void room_host::receive_table_report(pb::TableReported report) {
    asio::post(strand_, [self = shared_from_this(), report = std::move(report)] {
        if (!self->life_.records()) return;
        auto out = self->room_.receive_table_report(report, self->clock_.now_ms());
        if (!out.ok()) {
            log::warn("room " + self->id_ + " could not take a table's report: " + out.error->message);
            return;
        }
        if (!out.events.empty()) self->enqueue(out, pending{});
    });
}

void room_host::table_status(pb::TableStatus status) {
    asio::post(strand_, [self = shared_from_this(), status = std::move(status)] {
        const auto& groups = self->room_.part<room::groups_part>().state();
        if (!groups.open() || status.round() != groups.round()) return;  // a round that has ended
        pb::ServerMessage message;
        *message.mutable_table_status() = status;
        self->tables_[status.number()] = std::move(status);
        self->fan_out_.send_to_moderators(net::encode_frame(message), self->room_);
    });
}

void room_host::send_table_statuses(const std::shared_ptr<net::frame_sink>& to) const {
    if (tables_.empty()) return;
    const auto& round = room_.part<room::groups_part>().state();
    if (!round.open()) return;
    for (const auto& [number, status] : tables_) {
        if (status.round() != round.round()) continue;
        pb::ServerMessage message;
        *message.mutable_table_status() = status;
        to->send(net::encode_frame(message));
    }
}

const room::table_part& room_host::table() {
    if (!table_) table_ = &room_.part<room::table_part>();
    return *table_;
}

void room_host::report_table_status() {
    if (!hooks_.on_table_status || !table().linked()) return;
    auto status = room::reports::table_status(room_, clock_.now_ms());
    if (!status) return;
    // The balance moves while someone speaks: what counts as news is a change of anything else.
    auto compared = *status;
    compared.clear_floor_gini();
    auto bytes = compared.SerializeAsString();
    if (bytes == table_status_bytes_) return;
    table_status_bytes_ = std::move(bytes);
    hooks_.on_table_status(table().link().plenary_room_id(), std::move(*status));
}

}  // namespace ts::app
