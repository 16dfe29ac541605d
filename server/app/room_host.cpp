#include "app/room_host.hpp"

#include <boost/asio/post.hpp>

#include "app/log.hpp"
#include "app/random_token.hpp"
#include "net/server_frames.hpp"

namespace ts::app {
namespace asio = boost::asio;

room_host::room_host(asio::io_context& io, room::room state, store::event_log& log, const room::clock& clock)
    : strand_(asio::make_strand(io)),
      room_(std::move(state)),
      log_(log),
      clock_(clock),
      durable_seq_(room_.last_seq()),
      timer_(strand_),
      report_timer_(strand_) {}

namespace {

// An event as people outside its audience see it: that it happened, nothing more.
pb::Event redact(const pb::Event& event) {
    pb::Event out;
    out.set_seq(event.seq());
    out.set_at_ms(event.at_ms());
    return out;
}

constexpr auto report_delay = std::chrono::milliseconds(300);
constexpr auto report_refresh = std::chrono::milliseconds(5000);

}  // namespace

void room_host::submit(pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink,
                       std::uint64_t connection_id) {
    asio::post(strand_, [self = shared_from_this(), message = std::move(message), sink = std::move(sink),
                         connection_id]() { self->handle(message, sink, connection_id); });
}

void room_host::handle(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                       std::uint64_t connection_id) {
    if (!log_.has_capacity()) {
        sink->send(net::error_frame(message.request_id(), pb::STORE_UNAVAILABLE,
                                    "the transcript store is not keeping up; nothing was changed, try again", 1000));
        return;
    }
    if (message.has_get_participation()) {
        const auto* member = room_.member_of(connection_id);
        if (!member) {
            sink->send(net::error_frame(message.request_id(), pb::UNAUTHENTICATED, "join the room first"));
            return;
        }
        pb::ServerMessage report;
        *report.mutable_participation() = room_.participation_report(member->member_id(), clock_.now_ms());
        sink->send(net::encode_frame(report));
        pb::ServerMessage ack;
        ack.mutable_ack()->set_request_id(message.request_id());
        sink->send(net::encode_frame(ack));
        return;
    }
    room::command_context context{connection_id, {}};
    if (message.has_join() && message.join().resume_token().empty()) context.fresh_token = random_token();
    auto out = room_.apply(message, context, clock_.now_ms());
    if (!out.ok()) {
        sink->send(net::error_frame(message.request_id(), out.error->code, out.error->message,
                                    out.error->retry_after_ms));
        return;
    }
    pending p;
    p.reply_to = sink;
    p.connection_id = connection_id;
    p.detach = out.detach;
    pb::ServerMessage reply;
    if (out.welcome) {
        auto* welcome = reply.mutable_welcome();
        welcome->set_request_id(message.request_id());
        welcome->set_member_id(out.welcome->member_id);
        welcome->set_role(out.welcome->role);
        welcome->set_resume_token(out.welcome->resume_token);
        *welcome->mutable_my_needs() = out.welcome->needs;
        *welcome->mutable_room() = out.welcome->snapshot;
        for (const auto* event : room_.events_after(out.welcome->after_seq))
            *welcome->add_history() = room_.may_see(*event, out.welcome->member_id) ? *event : redact(*event);
        p.subscribe = true;
    } else {
        reply.mutable_ack()->set_request_id(message.request_id());
        reply.mutable_ack()->set_seq(out.events.empty() ? 0 : out.events.back().event.seq());
    }
    p.reply = net::encode_frame(reply);
    enqueue(out, std::move(p));
    schedule();
}

void room_host::disconnected(std::uint64_t connection_id) {
    asio::post(strand_, [self = shared_from_this(), connection_id] {
        self->subscribers_.erase(connection_id);
        auto out = self->room_.disconnect(connection_id, self->clock_.now_ms());
        if (!out.events.empty()) self->enqueue(out, pending{});
        self->schedule();
    });
}

void room_host::create(std::string title, std::string purpose, std::string moderator_key, std::string join_code,
                       std::function<void(std::optional<room::room_error>)> done) {
    asio::post(strand_, [self = shared_from_this(), title = std::move(title), purpose = std::move(purpose),
                         moderator_key = std::move(moderator_key), join_code = std::move(join_code),
                         done = std::move(done)]() mutable {
        auto out = self->room_.create(title, purpose, moderator_key, join_code, self->clock_.now_ms());
        if (!out.ok()) {
            done(out.error);
            return;
        }
        pending p;
        p.on_durable = [done = std::move(done)](bool durable) {
            if (durable) done(std::nullopt);
            else done(room::room_error{pb::STORE_UNAVAILABLE, "the room could not be saved", 1000});
        };
        self->enqueue(out, std::move(p));
    });
}

void room_host::end_presence() {
    asio::post(strand_, [self = shared_from_this()] {
        auto out = self->room_.end_presence(self->clock_.now_ms());
        if (!out.events.empty()) self->enqueue(out, pending{});
        // A turn clock that ran out while the server was down is handled now.
        self->on_timer();
    });
}

void room_host::schedule() {
    auto next = room_.next_deadline();
    if (next == armed_for_) return;
    armed_for_ = next;
    if (!next) {
        timer_.cancel();
        return;
    }
    auto delay = std::max<std::int64_t>(0, *next - clock_.now_ms());
    timer_.expires_after(std::chrono::milliseconds(delay));
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec) return;  // re-armed or cancelled
        self->armed_for_.reset();
        self->on_timer();
    });
}

void room_host::on_timer() {
    auto out = room_.tick(clock_.now_ms());
    if (!out.events.empty()) enqueue(out, pending{});
    schedule();
}

void room_host::report_soon() {
    if (!report_armed_) arm_reports(report_delay);
}

void room_host::arm_reports(std::chrono::milliseconds delay) {
    report_armed_ = true;
    report_timer_.expires_after(delay);
    report_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec) return;
        self->report_armed_ = false;
        self->send_reports();
    });
}

void room_host::send_reports() {
    if (subscribers_.empty()) return;
    auto now_ms = clock_.now_ms();
    // The room's balance is the same for everyone who may see it: one frame for all, and only
    // to those who do not have these figures yet.
    pb::ServerMessage room_message;
    auto& balance = *room_message.mutable_participation() = room_.balance(now_ms);
    *balance.mutable_needs() = room_.needs_summary();
    balance.clear_server_time_ms();
    if (auto bytes = balance.SerializeAsString(); bytes != balance_bytes_) {
        balance_bytes_ = std::move(bytes);
        ++balance_version_;
    }
    balance.set_server_time_ms(now_ms);
    // Moderators also get the room's stated needs (names only where people agreed).
    auto moderator_frame = net::encode_frame(room_message);
    balance.clear_needs();
    auto room_frame = net::encode_frame(room_message);
    std::unordered_map<std::string, const pb::PersonFigures*> figures;
    for (const auto& p : balance.session().people()) figures[p.member_id()] = &p;
    for (auto& [id, to] : subscribers_) {
        const auto* member = room_.member_of(id);
        if (!member) continue;
        bool moderator = member->role() == pb::MODERATOR;
        if (to.balance_version != balance_version_ && (moderator || room_.sees_balance(member->member_id()))) {
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
    // Waiting and speaking times grow by themselves: refresh while either is happening.
    if (!room_.queue().entries().empty() || !room_.floor().holder_member_id().empty()) arm_reports(report_refresh);
}

void room_host::info(std::function<void(pb::RoomInfo)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        pb::RoomInfo info;
        info.set_room_id(self->room_.id());
        info.set_title(self->room_.title());
        info.set_purpose(self->room_.purpose());
        info.set_present(static_cast<std::uint32_t>(self->room_.present_count()));
        info.set_last_seq(self->durable_seq_);
        done(std::move(info));
    });
}

void room_host::enqueue(room::outcome& out, pending p) {
    p.seq = room_.last_seq();
    if (out.events.empty()) {
        // Nothing to write, but the answer must not overtake earlier, undelivered events.
        pending_.push_back(std::move(p));
        on_durable(durable_seq_, true);
        return;
    }
    std::vector<store::log_entry> entries;
    entries.reserve(out.events.size());
    for (auto& logged : out.events) {
        pb::ServerMessage message;
        *message.mutable_event() = logged.event;
        event_frames frames{net::encode_frame(message), nullptr, {}};
        if (logged.event.private_to_size() > 0) {
            *message.mutable_event() = redact(logged.event);
            frames.redacted = net::encode_frame(message);
            frames.event = logged.event;
        }
        p.broadcast.push_back(std::move(frames));
        entries.push_back(store::log_entry{logged.event.seq(), logged.event.SerializeAsString(),
                                           logged.hidden.SerializeAsString()});
    }
    pending_.push_back(std::move(p));
    auto seq = room_.last_seq();
    log_.append(room_.id(), std::move(entries), [self = shared_from_this(), seq](bool durable) {
        asio::post(self->strand_, [self, seq, durable] { self->on_durable(seq, durable); });
    });
}

void room_host::on_durable(std::uint64_t seq, bool durable) {
    if (!durable) {
        // Only at shutdown: these events were never shown or acknowledged to anyone.
        log::warn("room " + room_.id() + ": events up to " + std::to_string(seq) + " were not saved");
        while (!pending_.empty() && pending_.front().seq <= seq) {
            if (pending_.front().on_durable) pending_.front().on_durable(false);
            pending_.pop_front();
        }
        return;
    }
    if (seq > durable_seq_) durable_seq_ = seq;
    while (!pending_.empty() && pending_.front().seq <= durable_seq_) {
        deliver(pending_.front());
        pending_.pop_front();
    }
}

void room_host::deliver(pending& p) {
    for (const auto& frames : p.broadcast) {
        if (!frames.redacted) {
            for (const auto& [id, to] : subscribers_) to.sink->send(frames.full);
            continue;
        }
        for (const auto& [id, to] : subscribers_) {
            const auto* member = room_.member_of(id);
            to.sink->send(member && room_.may_see(frames.event, member->member_id()) ? frames.full : frames.redacted);
        }
    }
    if (!p.broadcast.empty()) report_soon();
    if (p.on_durable) p.on_durable(true);
    if (!p.reply_to) return;
    p.reply_to->send(p.reply);
    // The connection may have closed while its join was being saved.
    if (p.subscribe && room_.member_of(p.connection_id)) subscribers_[p.connection_id] = subscriber{p.reply_to, {}, 0};
    if (p.detach) {
        subscribers_.erase(p.connection_id);
        p.reply_to->finish(1000, "you left the room");
    }
}

}  // namespace ts::app
