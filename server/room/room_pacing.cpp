// Accessible pacing: slow mode for senders, a reading pace for readers (the "up next"
// line), and pauses anyone can ask for. Part of class room (see room.hpp); read checks,
// the glossary and people's stated needs are parts of their own (room/pacing/).
//
// Release is an event of its own (MessageReleased), not a time computed by clients: the
// server alone decides what readers have been shown, holding and pausing are plain state
// changes, and a replay reproduces the schedule exactly. Acceptance is durable at once.
#include <algorithm>

#include "room/floor_clock.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/pacing/pacing_rules.hpp"
#include "room/room.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::size_t room::message_limit() const {
    auto room_limit = pacing_.max_message_chars();
    return room_limit > 0 && room_limit < limits_.max_message_chars ? room_limit : limits_.max_message_chars;
}

std::optional<room_error> room::check_sender_pace(const member_record& sender, std::int64_t now_ms) const {
    if (pacing_.slow_mode_seconds() == 0 || sender.member.role() == pb::MODERATOR || sender.last_post_ms == 0)
        return std::nullopt;
    auto next = sender.last_post_ms + std::int64_t{pacing_.slow_mode_seconds()} * 1000;
    if (now_ms >= next) return std::nullopt;
    room_error e = make_error(pb::RATE_LIMITED, "slow mode is on: please wait before your next message");
    e.retry_after_ms = static_cast<std::uint32_t>(next - now_ms);
    return e;
}

std::int64_t room::gap_after(std::uint32_t words) const {
    std::int64_t reading = pacing_.words_per_minute() ? std::int64_t{words} * 60000 / pacing_.words_per_minute() : 0;
    return std::max<std::int64_t>(std::int64_t{pacing_.min_gap_seconds()} * 1000, reading);
}

std::optional<std::int64_t> room::next_release_at() const {
    if (line_.empty() || line_held_ || paused_ || pacing_.words_per_minute() == 0) return std::nullopt;
    if (last_release_ms_ == 0) return 0;
    return last_release_ms_ + gap_after(last_release_words_);
}

std::int64_t room::expected_release(std::int64_t now_ms) const {
    // Everything ahead in the line, each after the one before has been read.
    std::int64_t at = last_release_ms_ == 0 ? now_ms : std::max(now_ms, last_release_ms_ + gap_after(last_release_words_));
    for (const auto& m : line_) at = std::max(now_ms, at) + gap_after(m.words);
    return at;
}

void room::release_due(outcome& out, std::int64_t now_ms) {
    auto due = next_release_at();
    if (!due || *due > now_ms) return;
    pb::Event event;
    event.mutable_message_released()->add_seqs(line_.front().seq);
    commit(out, std::move(event), {}, now_ms);
}

void room::release_all(outcome& out, std::int64_t now_ms) {
    if (line_.empty()) return;
    pb::Event event;
    for (const auto& m : line_) event.mutable_message_released()->add_seqs(m.seq);
    commit(out, std::move(event), {}, now_ms);
}

void room::start_pause(outcome& out, const std::string& by, std::int64_t now_ms) {
    pb::Event event;
    event.mutable_pause_changed()->set_paused(true);
    event.mutable_pause_changed()->set_by_member_id(by);
    commit(out, std::move(event), {}, now_ms);
    if (floor_paused_by_room_) {
        floor_clock::pause(floor_, now_ms);
        emit_floor(out, pb::FLOOR_CHANGE_PAUSED, floor_.holder_member_id(), by, now_ms);
    }
}

void room::end_pause(outcome& out, const std::string& by, std::int64_t now_ms) {
    bool resume_floor = floor_paused_by_room_ && floor_.paused();
    pb::Event event;
    event.mutable_pause_changed()->set_paused(false);
    event.mutable_pause_changed()->set_by_member_id(by);
    commit(out, std::move(event), {}, now_ms);
    if (resume_floor) {
        floor_clock::resume(floor_, now_ms);
        emit_floor(out, pb::FLOOR_CHANGE_RESUMED, floor_.holder_member_id(), by, now_ms);
    }
    release_due(out, now_ms);
}

std::optional<room_error> room::check_pacing(const pb::PacingSettings& s) const {
    return pacing_rules::check(s, limits_);
}

void room::apply_pacing(outcome& out, const pb::PacingSettings& settings, const std::string& by, std::int64_t now_ms) {
    pb::Event event;
    *event.mutable_pacing_changed()->mutable_settings() = settings;
    event.mutable_pacing_changed()->set_by_member_id(by);
    commit(out, std::move(event), {}, now_ms);
    if (settings.words_per_minute() == 0) release_all(out, now_ms);  // pace off: nothing waits
    else release_due(out, now_ms);
}

outcome room::pacing_command(const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms) {
    const auto& me = caller.member;
    const bool moderator = me.role() == pb::MODERATOR;
    outcome out;
    switch (message.command_case()) {
        case pb::ClientMessage::kRequestPause: {
            const auto& request = message.request_pause();
            if (request.reason() != pb::NEED_A_MOMENT && request.reason() != pb::PLEASE_SLOW_DOWN)
                return failed(pb::BAD_REQUEST, "say whether you need a moment or would like things slower");
            if (paused_) return failed(pb::CONFLICT, "the room is already paused");
            if (pause_requesters_.count(me.member_id()))
                return failed(pb::CONFLICT, "you have already asked; the moderator can see it");
            pb::Event event;
            auto* asked = event.mutable_pause_requested();
            if (!request.anonymous()) asked->set_member_id(me.member_id());
            asked->set_reason(request.reason());
            auto requests = static_cast<std::uint32_t>(pause_requesters_.size() + 1);
            asked->set_requests(requests);
            pb::EventPrivate hidden;
            hidden.set_pause_requester_member_id(me.member_id());
            commit(out, std::move(event), std::move(hidden), now_ms);
            if (pacing_.pause_threshold() > 0 && requests >= pacing_.pause_threshold()) start_pause(out, "", now_ms);
            return out;
        }
        default:
            break;
    }
    if (!moderator) return failed(pb::PERMISSION_DENIED, "only a moderator can do that");
    const auto& by = me.member_id();
    switch (message.command_case()) {
        case pb::ClientMessage::kSetPacing: {
            const auto& s = message.set_pacing().settings();
            if (auto e = check_pacing(s)) return failed(*e);
            apply_pacing(out, s, by, now_ms);
            return out;
        }
        case pb::ClientMessage::kHoldLine: {
            bool hold = message.hold_line().hold();
            if (hold == line_held_) return failed(pb::CONFLICT, hold ? "the line is already held" : "the line is not held");
            pb::Event event;
            event.mutable_line_held()->set_held(hold);
            event.mutable_line_held()->set_by_member_id(by);
            commit(out, std::move(event), {}, now_ms);
            release_due(out, now_ms);
            return out;
        }
        case pb::ClientMessage::kReleaseLine:
            if (line_.empty()) return failed(pb::CONFLICT, "nothing is waiting");
            release_all(out, now_ms);
            return out;
        case pb::ClientMessage::kSetPaused: {
            bool pause = message.set_paused().paused();
            if (pause == paused_) return failed(pb::CONFLICT, pause ? "the room is already paused" : "the room is not paused");
            if (pause) start_pause(out, by, now_ms);
            else end_pause(out, by, now_ms);
            return out;
        }
        default:
            return failed(pb::BAD_REQUEST, "unknown command");
    }
}

void room::fold_pacing(const pb::Event& event, const pb::EventPrivate& hidden) {
    switch (event.kind_case()) {
        case pb::Event::kMessagePosted: {
            const auto& m = event.message_posted();
            if (m.paced()) line_.push_back({event.seq(), participation::count_words(m.text())});
            if (auto* author = find_member(m.member_id())) author->last_post_ms = event.at_ms();
            break;
        }
        case pb::Event::kMessageReleased:
            for (auto seq : event.message_released().seqs()) {
                auto it = std::find_if(line_.begin(), line_.end(), [seq](const paced_message& m) { return m.seq == seq; });
                if (it == line_.end()) continue;
                last_release_words_ = it->words;
                line_.erase(it);
            }
            last_release_ms_ = event.at_ms();
            break;
        case pb::Event::kPacingChanged:
            pacing_ = event.pacing_changed().settings();
            break;
        case pb::Event::kLineHeld:
            line_held_ = event.line_held().held();
            break;
        case pb::Event::kPauseRequested:
            pause_requesters_.insert(hidden.pause_requester_member_id().empty() ? event.pause_requested().member_id()
                                                                               : hidden.pause_requester_member_id());
            break;
        case pb::Event::kPauseChanged:
            paused_ = event.pause_changed().paused();
            if (paused_) {
                pause_requesters_.clear();
                floor_paused_by_room_ = floor_clock::held(floor_) && !floor_.paused();
            } else {
                floor_paused_by_room_ = false;
            }
            break;
        default:
            break;
    }
}

pb::NeedsSummary room::needs_summary() const {
    std::vector<std::string> in_order;
    in_order.reserve(members_.size());
    for (const auto& record : members_) in_order.push_back(record.member.member_id());
    return needs_->summary(in_order);
}

}  // namespace ts::room
