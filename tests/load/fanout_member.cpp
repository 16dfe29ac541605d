#include "fanout_member.hpp"

#include <atomic>

#include "server_messages.hpp"

namespace ts::load {

namespace pb = talkingstick::v1;

fanout_member::fanout_member(boost::asio::io_context& io, const load_options& options, const ws_target& target,
                             load_stats& stats, created_room room, bool sender, std::function<void()> on_ready,
                             std::function<void()> on_finished)
    : io_(io),
      options_(options),
      target_(target),
      stats_(stats),
      room_(std::move(room)),
      sender_(sender),
      on_ready_(std::move(on_ready)),
      on_finished_(std::move(on_finished)),
      retry_(io) {}

void fanout_member::start() {
    ws_handlers handlers;
    handlers.on_open = [this] {
        if (options_.mode == "raw") return on_ready_();
        join();
    };
    handlers.on_message = [this](std::string_view bytes) { on_message(bytes); };
    handlers.on_error = [this](const char* where, const std::string& why) { failed(std::string(where) + ": " + why); };
    ws_ = open_ws(io_, target_, std::move(handlers));
}

void fanout_member::join() {
    pb::ClientMessage m;
    m.set_request_id(next_id_++);
    m.mutable_join()->set_room_id(room_.room_id);
    // Names must tell people apart (the room refuses one that looks like a present person's).
    static std::atomic<int> numbered{0};
    if (name_.empty()) name_ = "load " + std::to_string(++numbered);
    m.mutable_join()->set_display_name(name_);
    m.mutable_join()->set_join_code(room_.join_code);
    ws_->send(m.SerializeAsString());
}

void fanout_member::failed(const std::string& what) {
    if (stopping_) return;
    if (++stats_.errors < 5) std::fprintf(stderr, "load: %s\n", what.c_str());
}

void fanout_member::go() {
    if (!sender_ || options_.rate > 0) return;
    for (int i = 0; i < options_.window; ++i) send_one();
}

void fanout_member::send_one() {
    if (options_.posts > 0 && posted_ >= options_.posts) return;
    ++posted_;
    post(now_ns());
}

void fanout_member::post(std::int64_t stamp) {
    if (stopping_) return;
    auto text = stamped_text(stamp);
    if (options_.mode == "raw") {
        if (options_.rate <= 0) mine_.insert(stamp);
        ws_->send(std::move(text));
        return;
    }
    pb::ClientMessage m;
    m.set_request_id(next_id_++);
    m.mutable_post()->set_text(std::move(text));
    sent_at_[m.request_id()] = stamp;
    ws_->send(m.SerializeAsString());
}

void fanout_member::on_message(std::string_view bytes) {
    auto now = now_ns();
    if (options_.mode == "raw") {
        auto stamp = stamp_of(std::string(bytes));
        if (stats_.measuring) ++stats_.deliveries, stats_.delivery.add(stamp, now);
        if (sender_ && mine_.erase(stamp)) send_one();
        return;
    }
    bool ok = for_each_message(bytes, [&](const pb::ServerMessage& m) {
        if (m.has_welcome()) {
            joined_ = true;
            on_ready_();
        } else if (!joined_ && m.has_error() && m.error().retry_after_ms() > 0) {
            // A join the server holds back for now (a thousand arriving at once can outrun
            // saving): asked again when it says, as a browser does.
            retry_.expires_after(std::chrono::milliseconds(m.error().retry_after_ms()));
            retry_.async_wait([this](const boost::system::error_code& ec) {
                if (!ec && !stopping_) join();
            });
        } else if (m.has_event() && m.event().has_message_posted()) {
            auto stamp = stamp_of(m.event().message_posted().text());
            if (stats_.measuring && stamp) ++stats_.deliveries, stats_.delivery.add(stamp, now);
        } else if (m.has_ack()) {
            if (auto sent = sent_at_.extract(m.ack().request_id()); sent && stats_.measuring)
                stats_.ack.add(sent.mapped(), now);
            if (stats_.measuring) ++stats_.acks;
            if (options_.posts > 0 && ++acknowledged_ == options_.posts) on_finished_();
            if (options_.rate <= 0) send_one();
        } else if (m.has_error()) {
            sent_at_.erase(m.error().request_id());
            failed("error " + m.error().message());
            // Closed loop: a refused post frees its place in the window, and is tried again.
            if (options_.rate <= 0) {
                --posted_;
                send_one();
            }
        }
    });
    if (!ok) failed("undecodable message from the server");
}

}  // namespace ts::load
