#include "meeting_member.hpp"

#include <algorithm>
#include <atomic>

#include "server_messages.hpp"

namespace ts::load {

namespace pb = talkingstick::v1;

namespace {

// Human rates, per person per second (before options.pace). A lively meeting: everyone posts
// about twice a minute, raises or lowers a hand every 45 s, reacts every 20 s, and leaves and
// comes back, or loses the connection, about once in ten minutes each.
constexpr double post_rate = 1.0 / 30, hand_rate = 1.0 / 45, react_rate = 1.0 / 20;
constexpr double leave_rate = 1.0 / 600, reconnect_rate = 1.0 / 600;
constexpr double moderator_grant_rate = 1.0 / 12, moderator_post_rate = 1.0 / 60;

}  // namespace

meeting_member::meeting_member(boost::asio::io_context& io, const load_options& options, const ws_target& target,
                               load_stats& stats, const created_room& room, bool moderator, unsigned seed,
                               std::function<void()> on_ready)
    : io_(io),
      options_(options),
      target_(target),
      stats_(stats),
      room_(room),
      moderator_(moderator),
      rng_(seed),
      on_ready_(std::move(on_ready)),
      timer_(io) {}

void meeting_member::start() { connect(); }

void meeting_member::go() { schedule(); }

void meeting_member::stop() {
    stopping_ = true;
    timer_.cancel();
}

void meeting_member::failed(const std::string& what) {
    if (stopping_) return;
    if (++stats_.errors < 5) std::fprintf(stderr, "load: %s\n", what.c_str());
}

void meeting_member::connect() {
    if (stopping_) return;
    // Whatever the previous connection still reports (its close after a goodbye, say) is old news.
    auto generation = ++generation_;
    ws_handlers handlers;
    handlers.on_open = [this, generation] {
        if (generation == generation_) join();
    };
    handlers.on_message = [this, generation](std::string_view bytes) {
        if (generation == generation_) on_message(bytes);
    };
    handlers.on_error = [this, generation](const char* where, const std::string& why) {
        if (generation == generation_) failed(std::string(where) + ": " + why);
    };
    ws_ = open_ws(io_, target_, std::move(handlers));
}

void meeting_member::join() {
    if (stopping_) return;
    pb::ClientMessage m;
    m.set_request_id(next_id_++);
    auto* join = m.mutable_join();
    join->set_room_id(room_.room_id);
    // Names must tell people apart (the room refuses one that looks like a present person's).
    static std::atomic<int> people{0};
    if (name_.empty()) name_ = (moderator_ ? "chair " : "person ") + std::to_string(++people);
    join->set_display_name(name_);
    if (moderator_)
        join->set_moderator_key(room_.moderator_key);
    else
        join->set_join_code(room_.join_code);
    join->set_resume_token(resume_token_);
    join->set_last_seq(last_seq_);
    ws_->send(m.SerializeAsString());
    if (stats_.measuring) ++stats_.actions["join"];
}

void meeting_member::after(double seconds, void (meeting_member::*then)()) {
    if (stopping_) return;
    timer_.expires_after(std::chrono::microseconds(static_cast<std::int64_t>(seconds * 1e6)));
    timer_.async_wait([this, then](boost::system::error_code ec) {
        if (!ec && !stopping_) (this->*then)();
    });
}

void meeting_member::schedule() {
    double rate = moderator_ ? moderator_grant_rate + moderator_post_rate
                             : post_rate + hand_rate + react_rate + leave_rate + reconnect_rate;
    after(std::exponential_distribution<double>(rate * options_.pace)(rng_), &meeting_member::act);
}

void meeting_member::act() {
    if (!joined_) return;  // a welcome will schedule again
    pb::ClientMessage m;
    m.set_request_id(next_id_++);
    std::uniform_real_distribution<double> pick(0, 1);
    if (moderator_) {
        if (pick(rng_) < moderator_grant_rate / (moderator_grant_rate + moderator_post_rate) && queue_size_ > 0) {
            m.mutable_grant_floor();
            send(m, "grant floor");
        } else {
            m.mutable_post()->set_text(stamped_text(now_ns()));
            send(m, "post");
        }
        return schedule();
    }
    double total = post_rate + hand_rate + react_rate + leave_rate + reconnect_rate;
    double x = pick(rng_) * total;
    if ((x -= post_rate) < 0) {
        m.mutable_post()->set_text(stamped_text(now_ns()));
        send(m, "post");
    } else if ((x -= hand_rate) < 0) {
        if (hand_up_) {
            m.mutable_lower_hand()->set_kind(pb::NEW_POINT);
            send(m, "lower hand");
        } else {
            m.mutable_raise_hand()->set_kind(pb::NEW_POINT);
            send(m, "raise hand");
        }
    } else if ((x -= react_rate) < 0) {
        m.mutable_react()->set_kind(static_cast<pb::ReactionKind>(1 + rng_() % 4));
        send(m, "react");
    } else if ((x -= leave_rate) < 0) {
        // Saying goodbye ends the connection (the server closes it); coming back is a new one.
        m.mutable_leave();
        send(m, "leave");
        ++generation_;
        return away(std::uniform_real_distribution<double>(1, 5)(rng_));
    } else {
        if (stats_.measuring) ++stats_.actions["drop connection"];
        ws_->close();
        return away(std::uniform_real_distribution<double>(0.2, 2)(rng_));
    }
    schedule();
}

void meeting_member::away(double seconds) {
    joined_ = false;
    pending_.clear();
    after(seconds, &meeting_member::connect);
}

void meeting_member::send(pb::ClientMessage& m, const char* action) {
    pending_[m.request_id()] = now_ns();
    ws_->send(m.SerializeAsString());
    if (stats_.measuring) ++stats_.actions[action];
}

void meeting_member::on_message(std::string_view bytes) {
    auto now = now_ns();
    if (!for_each_message(bytes, [&](const pb::ServerMessage& m) { on_server_message(m, now); }))
        failed("undecodable message from the server");
}

void meeting_member::on_server_message(const pb::ServerMessage& m, std::int64_t now) {
    if (m.has_welcome()) {
        const auto& w = m.welcome();
        member_id_ = w.member_id();
        if (!w.resume_token().empty()) resume_token_ = w.resume_token();
        last_seq_ = w.room().seq();
        joined_ = true;
        if (!ready_) {
            ready_ = true;
            on_ready_();
        } else {
            schedule();
        }
        return;
    }
    if (auto it = pending_.find(m.has_ack()     ? m.ack().request_id()
                                : m.has_error() ? m.error().request_id()
                                                : 0);
        it != pending_.end()) {
        if (stats_.measuring) stats_.ack.add(it->second, now);
        pending_.erase(it);
    }
    if (m.has_ack()) {
        if (stats_.measuring) ++stats_.acks;
    } else if (m.has_error()) {
        if (!stats_.measuring) return;
        // A hand granted or lowered a moment before this person's command is a real
        // meeting's race too; anything else is a fault.
        if (m.error().code() == pb::CONFLICT || m.error().code() == pb::NOT_FOUND)
            ++stats_.conflicts;
        else
            failed("error " + m.error().message());
    } else if (m.has_event()) {
        const auto& e = m.event();
        last_seq_ = std::max<std::uint64_t>(last_seq_, e.seq());
        if (e.has_queue_changed()) {
            const auto& q = e.queue_changed();
            queue_size_ = q.queue_size();
            hand_up_ = std::any_of(q.queue().begin(), q.queue().end(),
                                   [&](const pb::QueueEntry& entry) { return entry.member_id() == member_id_; });
        }
        if (!stats_.measuring) return;
        ++stats_.deliveries;
        if (e.has_message_posted())
            if (auto stamp = stamp_of(e.message_posted().text())) stats_.delivery.add(stamp, now);
    }
}

}  // namespace ts::load
