#include "app/room_host.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>

#include "base/log.hpp"
#include "base/metrics.hpp"
#include "app/random_token.hpp"
#include "app/stored_event.hpp"
#include "net/net_limits.hpp"
#include "net/server_frames.hpp"
#include "room/text_limits.hpp"
#include "room/room_checks.hpp"
#include "room/reports/participation_reports.hpp"
#include "room/series/series_part.hpp"
#include "room/reports/moderator_view.hpp"

namespace ts::app {

namespace reports = ts::room::reports;
namespace asio = boost::asio;

room_host::room_host(asio::io_context& io, room::room state, store::event_log& log, const room::clock& clock,
                     save_limits limits, asio::any_io_executor store_reads, hooks hooks,
                     std::optional<pb::RoomStatus> read_only, room_holding holding)
    : strand_(asio::make_strand(io)),
      id_(state.id()),
      room_(std::move(state)),
      log_(log),
      clock_(clock),
      hooks_(std::move(hooks)),
      holding_(holding),
      store_reads_(std::move(store_reads)),
      life_(read_only         ? host_state::read_only
            : holding.replica ? host_state::following
                              : host_state::serving),
      status_(read_only.value_or(pb::RoomStatus{})),
      pipeline_(room_.last_seq(), limits),
      snapshots_(room_.last_seq(), room_.limits().snapshot_every_events),
      timer_(strand_),
      report_timer_(strand_),
      save_notice_timer_(strand_),
      followed_seq_(room_.last_seq()) {
    closed_ = room_.phase() == pb::CLOSED;
}

namespace {

constexpr auto report_delay = std::chrono::milliseconds(300);
constexpr auto report_refresh = std::chrono::milliseconds(5000);

}  // namespace

void room_host::refuse(const std::shared_ptr<net::frame_sink>& sink, const pb::ClientMessage& message,
                       pb::ErrorCode code, const std::string& text, std::uint32_t retry_after_ms) {
    metrics::figures().commands.add(static_cast<std::size_t>(message.command_case()), static_cast<std::size_t>(code));
    sink->send(net::error_frame(message.request_id(), code, text, retry_after_ms));
}

void room_host::accepted(const pb::ClientMessage& message) {
    metrics::figures().commands.add(static_cast<std::size_t>(message.command_case()), 0);
}

void room_host::submit(pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink, std::uint64_t connection_id,
                       std::optional<room::verified_join> grant) {
    asio::post(strand_, [self = shared_from_this(), message = std::move(message), sink = std::move(sink), connection_id,
                         grant = std::move(grant)]() mutable {
        // Unloaded meanwhile: the room is loaded again (its owner no longer lists this host).
        if (self->life_.is(host_state::retired))
            return self->resubmit_(std::move(message), std::move(sink), connection_id);
        self->last_activity_ = std::chrono::steady_clock::now();
        self->handle(message, sink, connection_id, std::move(grant));
    });
}

pb::ServerMessage room_host::welcome_message(std::uint64_t request_id, const room::welcome_info& info) const {
    pb::ServerMessage reply;
    auto* welcome = reply.mutable_welcome();
    welcome->set_request_id(request_id);
    welcome->set_member_id(info.member_id);
    welcome->set_role(info.role);
    welcome->set_resume_token(info.resume_token);
    *welcome->mutable_my_needs() = info.needs;
    welcome->set_my_support_note(info.support_note);
    *welcome->mutable_my_readiness() = info.readiness;
    *welcome->mutable_my_follow_up() = info.follow_up;
    *welcome->mutable_my_carry_over() = info.carry_over;
    welcome->set_my_updates_seen(info.updates_seen);
    *welcome->mutable_my_outcome() = info.outcome;
    *welcome->mutable_limits() = room::text_limits(room_.limits());
    *welcome->mutable_room() = info.snapshot;
    const bool read_only = life_.is(host_state::read_only);
    if (read_only) *welcome->mutable_status() = status_;
    for (const auto* event : room_.events_after(info.after_seq)) {
        // A read-only room shows only what is saved (its state may run ahead until the
        // saved record has been reloaded).
        if (read_only && event->seq() > status_.readable_up_to_seq()) break;
        *welcome->add_history() = room_.may_see(*event, info.member_id) ? *event : redacted(*event);
    }
    return reply;
}

void room_host::handle(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                       std::uint64_t connection_id, std::optional<room::verified_join> grant) {
    if (life_.ending()) {
        refuse(sink, message, pb::NOT_FOUND, "this room is being deleted");
        return;
    }
    if (message.has_get_history()) {
        answer_history(message, sink, connection_id);
        return;
    }
    if (life_.is(host_state::following)) {
        relay_to_owner(message, sink, connection_id);
        return;
    }
    if (life_.is(host_state::read_only)) {
        handle_read_only(message, sink, connection_id);
        return;
    }
    if (message.has_delete_room()) {
        start_deletion(message, sink, connection_id);
        return;
    }
    if (auto refusal = pipeline_.refusal(message.has_join(), room_.last_seq(), log_.has_capacity(),
                                         std::chrono::steady_clock::now())) {
        refuse(sink, message, refusal->code, refusal->message, refusal->retry_after_ms);
        return;
    }
    if (signal_voice(message, sink, connection_id)) return;
    if (message.has_get_participation()) {
        if (auto refusal = room_.refusal_of_request(connection_id, message)) {
            refuse(sink, message, refusal->code, refusal->message);
            return;
        }
        const auto* member = room_.member_of(connection_id);
        pb::ServerMessage report;
        *report.mutable_participation() = reports::participation_report(room_, member->member_id(), clock_.now_ms());
        sink->send(net::encode_frame(report));
        accepted(message);
        pb::ServerMessage ack;
        ack.mutable_ack()->set_request_id(message.request_id());
        sink->send(net::encode_frame(ack));
        return;
    }
    room::command_context context{connection_id};
    if (message.has_join() && message.join().resume_token().empty()) context.fresh_token = random_token();
    context.join_grant = std::move(grant);
    auto out = room_.apply(message, context, clock_.now_ms());
    if (!out.ok()) {
        refuse(sink, message, out.error->code, out.error->message, out.error->retry_after_ms);
        return;
    }
    accepted(message);
    pending p;
    p.reply_to = sink;
    p.connection_id = connection_id;
    p.request_id = message.request_id();
    p.detach = out.detach;
    // A removed person hears nothing more, and is told why once the removal is durable.
    for (auto id : out.closed_connections) {
        if (auto removed = fan_out_.unsubscribe(id)) p.to_close.push_back(std::move(removed));
        if (auto relayed = relayed_members_.extract(id)) p.to_close.push_back(std::move(relayed.mapped()));
    }
    pb::ServerMessage reply;
    if (out.welcome) {
        reply = welcome_message(message.request_id(), *out.welcome);
        p.subscribe = true;
    } else {
        // A repeat is answered exactly as the first time, once that is durable.
        reply.mutable_ack()->set_request_id(message.request_id());
        reply.mutable_ack()->set_seq(out.repeat_of_seq    ? *out.repeat_of_seq
                                     : out.events.empty() ? 0
                                                          : out.events.back().event.seq());
    }
    p.reply = net::encode_frame(reply);
    enqueue(out, std::move(p));
    schedule();
}

void room_host::handle_read_only(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                                 std::uint64_t connection_id) {
    if (!message.has_join()) {
        refuse(sink, message, pb::READ_ONLY,
               "this room is read-only because part of its record is damaged; nothing was "
               "changed");
        return;
    }
    if (fan_out_.subscribed(connection_id)) {
        refuse(sink, message, pb::CONFLICT, "this connection has already joined");
        return;
    }
    auto out = room_.view(message.join(), clock_.now_ms());
    if (!out.ok()) {
        refuse(sink, message, out.error->code, out.error->message);
        return;
    }
    accepted(message);
    sink->send(net::encode_frame(welcome_message(message.request_id(), *out.welcome)));
    fan_out_.subscribe(connection_id, sink, out.welcome->member_id);
}

void room_host::disconnected(std::uint64_t connection_id) {
    asio::post(strand_, [self = shared_from_this(), connection_id] {
        if (self->life_.is(host_state::retired)) return;  // nobody was connected
        self->last_activity_ = std::chrono::steady_clock::now();
        self->fan_out_.unsubscribe(connection_id);
        self->relayed_members_.erase(connection_id);
        if (self->life_.is(host_state::following)) {
            if (self->locals_.erase(connection_id)) self->hooks_.forward(self->id_, connection_id, std::nullopt);
            return;
        }
        if (self->voice_plan_ && self->voice_plan_->on) self->hooks_.on_voice_gone(self->id_, connection_id);
        // Nothing is recorded any more: read-only, or being deleted (nothing may land after
        // the record is erased).
        if (!self->life_.records()) return;
        auto out = self->room_.disconnect(connection_id, self->clock_.now_ms());
        if (!out.events.empty()) self->enqueue(out, pending{});
        self->schedule();
    });
}

void room_host::create(std::string title, std::string purpose, std::string moderator_key, std::string join_code,
                       pb::RoomPhase phase, std::function<void(std::optional<room::room_error>)> done, bool series) {
    asio::post(strand_, [self = shared_from_this(), title = std::move(title), purpose = std::move(purpose),
                         moderator_key = std::move(moderator_key), join_code = std::move(join_code), phase,
                         done = std::move(done), series]() mutable {
        auto out = self->room_.create(title, purpose, moderator_key, join_code, self->clock_.now_ms(), phase, series);
        if (!out.ok()) {
            done(out.error);
            return;
        }
        pending p;
        p.on_durable = [done = std::move(done)](bool durable) {
            if (durable)
                done(std::nullopt);
            else
                done(room::room_error{pb::STORE_UNAVAILABLE, "the room could not be saved", 1000});
        };
        self->enqueue(out, std::move(p));
    });
}

void room_host::end_presence() {
    asio::post(strand_, [self = shared_from_this()] {
        if (!self->life_.records()) return;
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
    if (hooks_.on_deadline) hooks_.on_deadline(id_, next);
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
    if (!life_.records()) return;
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
        // Waiting and speaking times grow by themselves: refresh while either is happening.
        if (self->fan_out_.send_reports(self->room_, self->clock_.now_ms())) self->arm_reports(report_refresh);
    });
}

void room_host::stop_timers() {
    timer_.cancel();
    report_timer_.cancel();
    save_notice_timer_.cancel();
}

void room_host::role_of(std::string credential, std::function<void(std::optional<pb::Role>, bool)> done) {
    asio::post(strand_, [self = shared_from_this(), credential = std::move(credential), done = std::move(done)] {
        done(self->room_.role_of(credential), self->room_.minutes_shared());
    });
}

void room_host::follow_up_summary(std::function<void(pb::FollowUpSummary)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        done(reports::follow_up_summary(self->room_, self->clock_.now_ms()));
    });
}

void room_host::events_page(std::uint64_t after_seq, std::size_t max, page_fn done) {
    asio::post(strand_, [self = shared_from_this(), after_seq, max, done = std::move(done)]() mutable {
        const auto first_recent = self->room_.first_recent_seq();
        if (after_seq + 1 >= first_recent || after_seq >= self->pipeline_.durable_seq() || max == 0)
            return done(page_read{self->room_.events_page(after_seq, self->pipeline_.durable_seq(), max), false,
                                  std::nullopt, std::nullopt});
        // Older than the room holds: read them from the store, then go on from memory.
        const auto to_seq = std::min(first_recent - 1, self->pipeline_.durable_seq());
        asio::post(self->store_reads_, [self, after_seq, to_seq, max, done = std::move(done)]() mutable {
            page_read read;
            try {
                auto entries = self->log_.load_range(self->id_, after_seq + 1, to_seq, max);
                // Every entry asked for is durable, so each must be there and read back.
                const auto last = std::min<std::uint64_t>(to_seq, after_seq + max);
                auto checked = read_entries(entries, after_seq + 1, last);
                for (auto& logged : checked.events) read.events.push_back(std::move(logged.event));
                read.damage = std::move(checked.damage);
                if (read.damage) read.last_damage = last_damage(entries, after_seq + 1, last);
            } catch (const std::exception& e) {
                log::warn("room " + self->id_ + ": events after " + std::to_string(after_seq) +
                          " could not be read from the store: " + e.what());
                read.unavailable = true;
            }
            asio::post(self->strand_, [self, read = std::move(read), to_seq, max, done = std::move(done)]() mutable {
                for (auto& e : read.events) self->room_.mark_removed(e);
                if (read.damage) self->found_damage(*read.damage);
                if (read.last_damage) self->found_damage(*read.last_damage);
                if (!read.unavailable && !read.damage && read.events.size() < max && !read.events.empty() &&
                    read.events.back().seq() == to_seq)
                    for (auto& e :
                         self->room_.events_page(to_seq, self->pipeline_.durable_seq(), max - read.events.size()))
                        read.events.push_back(std::move(e));
                done(std::move(read));
            });
        });
    });
}

void room_host::found_damage(const record_damage& damage) {
    if (known_damage_.count(damage.from_seq)) return;
    known_damage_.insert(damage.from_seq);
    log::error("INTEGRITY: room " + id_ + ": entries " + std::to_string(damage.from_seq) + " to " +
               std::to_string(damage.to_seq) + " of its stored record cannot be read (" + damage.problem +
               "). See talkingstick --verify.");
    if (hooks_.on_read_damage) hooks_.on_read_damage(id_, damage);
}

void room_host::answer_history(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                               std::uint64_t connection_id) {
    const auto* joined = fan_out_.member_of(connection_id);
    if (!joined) {
        refuse(sink, message, pb::UNAUTHENTICATED, "join the room first");
        return;
    }
    // What may be shown: what is saved (in a read-only room, what reads back).
    auto newest = pipeline_.durable_seq();
    if (life_.is(host_state::read_only)) newest = std::min(newest, status_.readable_up_to_seq());
    const auto range = history_range(message.get_history(), newest, room_.limits().history_page_events);
    accepted(message);
    events_page(
        range.after_seq, range.count,
        [self = shared_from_this(), sink, request_id = message.request_id(), member_id = *joined](page_read page) {
            const auto retry = static_cast<std::uint32_t>(self->pipeline_.limits().retry_after.count());
            sink->send(history_reply(std::move(page), request_id, retry,
                                     [&](const pb::Event& e) { return self->room_.may_see(e, member_id); }));
        });
}

void room_host::retire_if_idle(std::chrono::steady_clock::duration idle_for, resubmit_fn resubmit,
                               std::function<void(std::optional<std::int64_t>)> on_retired) {
    asio::post(strand_, [self = shared_from_this(), idle_for, resubmit = std::move(resubmit),
                         on_retired = std::move(on_retired)]() mutable {
        // (People connected through other nodes keep an owner busy; answers on their way keep a replica busy.)
        const bool idle = host_life::legal(self->life_.state(), host_state::retired) && self->fan_out_.empty() &&
                          self->relayed_members_.empty() && self->locals_.empty() && self->pipeline_.empty() &&
                          self->snapshots_.idle() && self->pipeline_.durable_seq() == self->room_.last_seq() &&
                          !self->room_.next_deadline() &&
                          std::chrono::steady_clock::now() - self->last_activity_ >= idle_for;
        if (!idle) return;
        self->life_.move_to(host_state::retired);
        self->resubmit_ = std::move(resubmit);
        self->stop_timers();
        self->drop_voice();
        on_retired(self->room_.expires_at_ms());
    });
}

void room_host::take_snapshot_if_due() {
    if (!life_.records() || !snapshots_.due(room_.last_seq(), room_.phase() == pb::CLOSED)) return;
    snapshots_.taken(store::stored_snapshot{room_.last_seq(), room_.save_state()});
    store_snapshot_when_durable();
}

void room_host::store_snapshot_when_durable() {
    if (life_.ending()) return;
    auto snapshot = snapshots_.to_write(pipeline_.durable_seq());
    if (!snapshot) return;
    asio::post(store_reads_, [self = shared_from_this(), snapshot = std::move(*snapshot)] {
        self->log_.save_snapshot(self->id_, snapshot);
        asio::post(self->strand_, [self] {
            self->snapshots_.written();
            self->store_snapshot_when_durable();
            self->erase_when_durable();
        });
    });
}

void room_host::info(std::function<void(pb::RoomInfo)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        pb::RoomInfo info;
        info.set_room_id(self->room_.id());
        info.set_title(self->room_.title());
        info.set_purpose(self->room_.purpose());
        info.set_when(self->room_.when());
        info.set_place(self->room_.place());
        info.set_present(static_cast<std::uint32_t>(self->room_.present_count()));
        info.set_last_seq(self->pipeline_.durable_seq());
        info.set_read_only(self->life_.is(host_state::read_only));
        info.set_phase(self->room_.phase());
        *info.mutable_limits() = room::text_limits(self->room_.limits());
        info.set_series(self->room_.part<room::series_part>().is_series());
        done(std::move(info));
    });
}

namespace {

// What the plenary's tables must hear of.
bool about_tables(const room::outcome& out) {
    return std::any_of(out.events.begin(), out.events.end(), [](const room::logged_event& e) {
        switch (e.event.kind_case()) {
            case pb::Event::kGroupsOpened:
            case pb::Event::kTableMoved:
            case pb::Event::kGroupsExtended:
            case pb::Event::kTablesBroadcast:
            case pb::Event::kGroupsClosed: return true;
            default: return false;
        }
    });
}

}  // namespace

void room_host::enqueue(room::outcome& out, pending p) {
    if (hooks_.on_groups && about_tables(out)) {
        p.on_durable = [self = shared_from_this(), then = std::move(p.on_durable)](bool durable) {
            if (then) then(durable);
            if (durable) self->hooks_.on_groups(self);
        };
    }
    if (hooks_.on_series) {
        if (auto series = series_news(out)) {
            p.on_durable = [self = shared_from_this(), then = std::move(p.on_durable), id = *series](bool durable) {
                if (then) then(durable);
                if (durable) self->hooks_.on_series(id);
            };
        }
    }
    p.seq = room_.last_seq();
    closed_ = room_.phase() == pb::CLOSED;
    const auto now = std::chrono::steady_clock::now();
    if (out.events.empty()) {
        // Nothing to write, but the answer must not overtake earlier, undelivered events.
        pipeline_.hold(std::move(p), now);
        on_durable(pipeline_.durable_seq(), {});
        arm_save_notice();
        return;
    }
    std::vector<store::log_entry> entries;
    entries.reserve(out.events.size());
    for (auto& logged : out.events) {
        p.broadcast.push_back(event_frames::of(logged.event));
        entries.push_back(to_stored(logged));
    }
    pipeline_.hold(std::move(p), now);
    auto seq = room_.last_seq();
    log_.append(
        room_.id(), holding_.epoch, std::move(entries), [self = shared_from_this(), seq](store::write_outcome outcome) {
            asio::post(self->strand_, [self, seq, outcome = std::move(outcome)] { self->on_durable(seq, outcome); });
        });
    arm_save_notice();
    take_snapshot_if_due();
}

void room_host::on_durable(std::uint64_t seq, const store::write_outcome& outcome) {
    if (outcome.result == store::write_result::fenced) {
        let_go_now("another node has taken the room over (" + outcome.problem + ")");
        return;
    }
    if (outcome.result == store::write_result::damaged) {
        become_damaged(outcome.problem);
        return;
    }
    if (outcome.result == store::write_result::not_saved) {
        // Only at shutdown: these events were never shown or acknowledged to anyone.
        log::warn("room " + room_.id() + ": events up to " + std::to_string(seq) + " were not saved");
        for (auto& p : pipeline_.not_saved_up_to(seq))
            if (p.on_durable) p.on_durable(false);
        return;
    }
    for (auto& p : pipeline_.durable_up_to(seq)) deliver(p);
    store_snapshot_when_durable();
    erase_when_durable();
}

void room_host::start_deletion(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                               std::uint64_t connection_id) {
    if (auto refusal = room_.refusal_of_request(connection_id, message)) {
        refuse(sink, message, refusal->code, refusal->message);
        return;
    }
    accepted(message);
    life_.move_to(host_state::deleting);
    deleter_ = sink;
    delete_request_id_ = message.request_id();
    erase_when_durable();
}

void room_host::erase_when_durable() {
    // Erased only once everything the room wrote is in the record: nothing lands after it.
    if (!life_.is(host_state::deleting) || snapshots_.writing() || pipeline_.durable_seq() < room_.last_seq()) return;
    life_.move_to(host_state::erasing);
    hooks_.on_erase(shared_from_this());
}

void room_host::expire_if_due(std::int64_t now_ms) {
    asio::post(strand_, [self = shared_from_this(), now_ms] {
        auto due = self->room_.expires_at_ms();
        if (!self->life_.records() || !due || now_ms < *due) return;
        self->life_.move_to(host_state::deleting);
        self->deleter_.reset();  // nobody asked: the record's time was up
        self->erase_when_durable();
    });
}

void room_host::erased(bool ok) {
    asio::post(strand_, [self = shared_from_this(), ok] {
        if (!ok) {
            self->life_.move_to(host_state::serving);
            if (self->deleter_)
                self->deleter_->send(
                    net::error_frame(self->delete_request_id_, pb::STORE_UNAVAILABLE,
                                     "the record could not be deleted now; nothing was deleted, try again"));
            return;
        }
        self->life_.move_to(host_state::deleted);
        pb::ServerMessage ack;
        ack.mutable_ack()->set_request_id(self->delete_request_id_);
        if (self->deleter_) self->deleter_->send(net::encode_frame(ack));
        self->fan_out_.finish_all(net::close_room_deleted, "this room and its record have been deleted");
        self->stop_timers();
    });
}

void room_host::arm_save_notice() {
    if (save_notice_armed_) return;
    auto due = pipeline_.next_notice();
    if (!due) return;
    save_notice_armed_ = true;
    save_notice_timer_.expires_at(*due);
    save_notice_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        self->save_notice_armed_ = false;
        if (ec) return;
        self->tell_delayed();
        self->arm_save_notice();
    });
}

void room_host::tell_delayed() {
    auto notices = pipeline_.notices_due(std::chrono::steady_clock::now());
    if (!notices.empty())
        log::warn("room " + id_ + ": saving is delayed; " + std::to_string(room_.last_seq() - pipeline_.durable_seq()) +
                  " events wait for the store");
    for (const auto& notice : notices) {
        pb::ServerMessage message;
        auto* delayed = message.mutable_save_delayed();
        for (auto id : notice.request_ids) delayed->add_request_ids(id);
        delayed->set_waiting_ms(notice.waiting_ms);
        notice.to->send(net::encode_frame(message));
    }
}

void room_host::become_damaged(const std::string& problem) {
    if (!host_life::legal(life_.state(), host_state::read_only)) return;
    const auto saved = pipeline_.durable_seq();
    log::error("room " + id_ + ": read-only from now on; saved up to " + std::to_string(saved) + ": " + problem);
    if (life_.is(host_state::deleting) && deleter_)
        deleter_->send(net::error_frame(delete_request_id_, pb::READ_ONLY,
                                        "not deleted: this room's record is damaged and the room is now read-only"));
    life_.move_to(host_state::read_only);
    pb::RoomStatus status;
    status.set_read_only(true);
    status.set_readable_up_to_seq(saved);
    status.set_damaged_from_seq(saved + 1);
    status.set_reason(
        "Its stored record no longer matches what the server holds. You can read everything saved so "
        "far, but nothing new can be added. The server's operator has been told.");
    status_ = status;
    // Nothing that waited was saved: each sender hears so, and nothing of it is shown.
    for (auto& p : pipeline_.drop_all()) {
        if (p.on_durable) p.on_durable(false);
        if (p.reply_to)
            p.reply_to->send(net::error_frame(p.request_id, pb::READ_ONLY,
                                              "not saved: this room's record is damaged and the room is now "
                                              "read-only"));
    }
    timer_.cancel();
    save_notice_timer_.cancel();
    pb::ServerMessage notice;
    *notice.mutable_room_status() = status;
    fan_out_.send_all(net::encode_frame(notice));
    if (hooks_.on_damage) hooks_.on_damage(shared_from_this(), status, problem);
}

void room_host::adopt_read_only(room::room state, pb::RoomStatus status) {
    asio::post(strand_, [self = shared_from_this(), state = std::move(state), status = std::move(status)]() mutable {
        self->room_ = std::move(state);
        self->table_ = nullptr;
        self->closed_ = self->room_.phase() == pb::CLOSED;
        self->pipeline_.restart_at(self->room_.last_seq());
        self->status_ = std::move(status);
    });
}

void room_host::deliver(pending& p) {
    fan_out_.broadcast(p.broadcast, room_);
    if (!p.broadcast.empty()) {
        report_soon();
        report_table_status();
        report_voice();
    }
    if (p.on_durable) p.on_durable(true);
    for (const auto& sink : p.to_close) {
        if (p.moved_table)
            sink->finish(net::close_moved_table, "you were moved to another table");
        else
            sink->finish(net::close_removed, "the facilitators removed you from this room");
    }
    if (!p.reply_to) return;
    p.reply_to->send(p.reply);
    // The connection may have closed while its join was being saved. One on another node
    // hears the room from that node's replica.
    if (p.subscribe && room_.member_of(p.connection_id)) {
        if (p.reply_to->relayed())
            relayed_members_[p.connection_id] = p.reply_to;
        else
            fan_out_.subscribe(p.connection_id, p.reply_to, room_.member_of(p.connection_id)->member_id());
        if (room_.member_of(p.connection_id)->role() == pb::MODERATOR) send_table_statuses(p.reply_to);
        if (voice_status_) p.reply_to->send(net::encode_frame(voice_status_message()));
    }
    if (p.detach) {
        fan_out_.unsubscribe(p.connection_id);
        relayed_members_.erase(p.connection_id);
        p.reply_to->finish(net::close_normal, "you left the room");
    }
}

void room_host::relay_to_owner(const pb::ClientMessage& message, const std::shared_ptr<net::frame_sink>& sink,
                               std::uint64_t connection_id) {
    locals_[connection_id] = sink;
    accepted(message);
    hooks_.forward(id_, connection_id, message);
}

void room_host::follow(std::vector<room::logged_event> events) {
    asio::post(strand_, [self = shared_from_this(), events = std::move(events)]() mutable {
        if (!self->life_.is(host_state::following)) return;
        std::vector<event_frames> frames;
        for (auto& logged : events) {
            if (logged.event.seq() <= self->room_.last_seq()) continue;
            if (auto error = self->room_.replay(logged)) {
                // A gap or an event this copy cannot fold: load the room afresh.
                return self->let_go_now("its copy could not follow the owner's log: " + error->message);
            }
            frames.push_back(event_frames::of(logged.event));
        }
        if (frames.empty()) return;
        self->closed_ = self->room_.phase() == pb::CLOSED;
        self->pipeline_.restart_at(self->room_.last_seq());
        self->followed_seq_ = self->room_.last_seq();
        self->last_activity_ = std::chrono::steady_clock::now();
        self->fan_out_.broadcast(frames, self->room_);
        self->report_soon();
        self->deliver_relayed();
    });
}

void room_host::relayed(std::uint64_t connection_id, std::string frame) {
    asio::post(strand_, [self = shared_from_this(), connection_id, frame = std::move(frame)]() mutable {
        if (!self->life_.is(host_state::following) || !self->locals_.count(connection_id)) return;
        // The answer speaks of the room as of its events: an acknowledgement's, or the one a
        // Welcome shows; it waits until this copy has them.
        pb::ServerMessage message;
        relayed_answer answer{connection_id, 0, nullptr, {}, 0, {}};
        if (message.ParseFromString(frame)) {
            if (message.has_ack()) answer.after_seq = message.ack().seq();
            if (message.has_welcome()) {
                answer.after_seq = message.welcome().room().seq();
                answer.welcome_member = message.welcome().member_id();
            }
        }
        answer.frame = std::make_shared<const std::string>(std::move(frame));
        self->answers_.push_back(std::move(answer));
        self->deliver_relayed();
    });
}

void room_host::relayed_finish(std::uint64_t connection_id, std::uint16_t code, std::string reason) {
    asio::post(strand_, [self = shared_from_this(), connection_id, code, reason = std::move(reason)]() mutable {
        if (!self->life_.is(host_state::following) || !self->locals_.count(connection_id)) return;
        self->answers_.push_back({connection_id, 0, nullptr, {}, code, std::move(reason)});
        self->deliver_relayed();
    });
}

void room_host::deliver_relayed() {
    while (!answers_.empty() && answers_.front().after_seq <= room_.last_seq()) {
        auto answer = std::move(answers_.front());
        answers_.pop_front();
        auto local = locals_.find(answer.connection_id);
        if (local == locals_.end()) continue;  // gone meanwhile
        const auto sink = local->second;
        if (!answer.frame) {
            fan_out_.unsubscribe(answer.connection_id);
            locals_.erase(local);
            sink->finish(answer.close_code, answer.close_reason);
            continue;
        }
        sink->send(answer.frame);
        if (answer.welcome_member.empty() || fan_out_.subscribed(answer.connection_id)) continue;
        // Joined: what happened since the Welcome was written, then everything from here on.
        const auto& member_id = answer.welcome_member;
        for (const auto* event : room_.events_after(answer.after_seq))
            sink->send(net::encode_frame([&] {
                pb::ServerMessage m;
                *m.mutable_event() = room_.may_see(*event, member_id) ? *event : redacted(*event);
                return m;
            }()));
        fan_out_.subscribe(answer.connection_id, sink, member_id);
    }
}

void room_host::let_go(std::string why) {
    asio::post(strand_, [self = shared_from_this(), why = std::move(why)] { self->let_go_now(why); });
}

void room_host::let_go_now(const std::string& why) {
    if (life_.is(host_state::retired)) return;
    log::info("room " + id_ + ": let go by this node: " + why);
    // Nothing waiting was written: nobody is answered, and every client sends its unanswered
    // commands again once it has reconnected (the room's request memory answers a repeat).
    pipeline_.drop_all();
    answers_.clear();
    const std::string reason = "the room moved to another server; reconnecting";
    fan_out_.finish_all(net::close_restarting, reason);
    for (auto& [id, sink] : locals_) sink->finish(net::close_restarting, reason);
    locals_.clear();
    for (auto& [id, sink] : relayed_members_) sink->finish(net::close_restarting, reason);
    relayed_members_.clear();
    stop_timers();
    drop_voice();
    if (host_life::legal(life_.state(), host_state::retired)) {
        life_.move_to(host_state::retired);
        // A command still reaching this host is told to try again (by then the room is loaded
        // afresh). Nothing of the host is captured: the host holds this function.
        resubmit_ = [](pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink, std::uint64_t) {
            refuse(sink, message, pb::STORE_UNAVAILABLE, "the room is moving to another server; try again", 500);
        };
    }
    if (hooks_.on_let_go) hooks_.on_let_go(shared_from_this());
}

}  // namespace ts::app
