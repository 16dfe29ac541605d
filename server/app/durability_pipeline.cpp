#include "app/durability_pipeline.hpp"

#include <algorithm>
#include <unordered_map>

namespace ts::app {

namespace pb = talkingstick::v1;

void durability_pipeline::hold(pending p, steady_time now) {
    if (p.since == steady_time{}) p.since = now;
    waiting_.push_back(std::move(p));
}

std::vector<pending> durability_pipeline::take_up_to(std::uint64_t seq) {
    std::vector<pending> taken;
    while (!waiting_.empty() && waiting_.front().seq <= seq) {
        taken.push_back(std::move(waiting_.front()));
        waiting_.pop_front();
    }
    return taken;
}

std::vector<pending> durability_pipeline::durable_up_to(std::uint64_t seq) {
    durable_seq_ = std::max(durable_seq_, seq);
    return take_up_to(durable_seq_);
}

std::vector<pending> durability_pipeline::not_saved_up_to(std::uint64_t seq) { return take_up_to(seq); }

std::vector<pending> durability_pipeline::drop_all() {
    std::vector<pending> dropped(std::make_move_iterator(waiting_.begin()), std::make_move_iterator(waiting_.end()));
    waiting_.clear();
    return dropped;
}

void durability_pipeline::restart_at(std::uint64_t durable_seq) {
    waiting_.clear();
    durable_seq_ = durable_seq;
}

std::optional<room::room_error> durability_pipeline::refusal(bool joining, std::uint64_t last_seq,
                                                             bool store_has_capacity, steady_time now) const {
    const auto retry = static_cast<std::uint32_t>(limits_.retry_after.count());
    if (!store_has_capacity)
        return room::room_error{pb::STORE_UNAVAILABLE,
                                "the transcript store is not keeping up; nothing was changed, try again", retry};
    if (waiting_.empty()) return std::nullopt;
    const auto waited = now - waiting_.front().since;
    // Someone joining a room that cannot save is told so at once, rather than kept waiting.
    if (joining && waited >= limits_.notice_after)
        return room::room_error{pb::STORE_UNAVAILABLE,
                                "the room is temporarily read-only because saving is paused; nothing was changed. "
                                "You can join as soon as saving works again",
                                retry};
    if (waited >= limits_.refuse_after || last_seq - durable_seq_ >= limits_.max_unsaved_events)
        return room::room_error{pb::STORE_UNAVAILABLE,
                                "saving is paused, so nothing new can be accepted for now; nothing was changed. "
                                "Try again in a few seconds",
                                retry};
    return std::nullopt;
}

std::vector<save_notice> durability_pipeline::notices_due(steady_time now) {
    std::vector<save_notice> notices;
    std::unordered_map<net::frame_sink*, std::size_t> by_sink;
    for (auto& p : waiting_) {
        if (p.told_delayed || !p.reply_to || now - p.since < limits_.notice_after) continue;
        p.told_delayed = true;
        auto [at, added] = by_sink.emplace(p.reply_to.get(), notices.size());
        if (added) notices.push_back(save_notice{p.reply_to, {}, 0});
        auto& notice = notices[at->second];
        notice.request_ids.push_back(p.request_id);
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - p.since).count();
        notice.waiting_ms = std::max(notice.waiting_ms, static_cast<std::uint32_t>(waited));
    }
    return notices;
}

std::optional<steady_time> durability_pipeline::next_notice() const {
    auto it =
        std::find_if(waiting_.begin(), waiting_.end(), [](const pending& p) { return !p.told_delayed && p.reply_to; });
    if (it == waiting_.end()) return std::nullopt;
    return it->since + limits_.notice_after;
}

}  // namespace ts::app
