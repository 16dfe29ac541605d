#include "room/pacing/pacing_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>

#include "room/fairness/participation.hpp"
#include "room/pacing/pacing_rules.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;
using M = pb::ClientMessage;
using state = pacing_part::state;

namespace {

std::int64_t gap_after(const state& s, std::uint32_t words) {
    const auto wpm = s.settings.words_per_minute();
    std::int64_t reading = wpm ? std::int64_t{words} * 60000 / wpm : 0;
    return std::max<std::int64_t>(std::int64_t{s.settings.min_gap_seconds()} * 1000, reading);
}

std::optional<std::int64_t> next_release_at(const state& s) {
    if (s.line.empty() || s.line_held || s.paused || s.settings.words_per_minute() == 0) return std::nullopt;
    if (s.last_release_ms == 0) return 0;
    return s.last_release_ms + gap_after(s, s.last_release_words);
}

// A decision being made: the state with each decided event already folded in.
struct draft {
    state s;
    std::int64_t now_ms;
    std::vector<logged_event> events;

    void emit(pb::Event event, pb::EventPrivate hidden = {}) {
        event.set_at_ms(now_ms);
        pacing_part::fold(s, event, hidden);
        events.push_back(logged_event{std::move(event), std::move(hidden)});
    }
    // Releases the next paced message if it is due (one at a time: no faster than the pace).
    void release_due() {
        auto due = next_release_at(s);
        if (!due || *due > now_ms) return;
        pb::Event event;
        event.mutable_message_released()->add_seqs(s.line.front().seq);
        emit(std::move(event));
    }
    void release_all() {
        if (s.line.empty()) return;
        pb::Event event;
        for (const auto& m : s.line) event.mutable_message_released()->add_seqs(m.seq);
        emit(std::move(event));
    }
    // Pausing the room stops a running turn clock too: turn-taking answers PauseChanged.
    void set_paused(bool paused, const std::string& by) {
        pb::Event event;
        event.mutable_pause_changed()->set_paused(paused);
        event.mutable_pause_changed()->set_by_member_id(by);
        emit(std::move(event));
        if (!paused) release_due();
    }
    decision done() {
        decision d;
        d.events = std::move(events);
        return d;
    }
};

decision request_pause(draft& d, const pb::RequestPause& request, const pb::Member& me) {
    if (request.reason() != pb::NEED_A_MOMENT && request.reason() != pb::PLEASE_SLOW_DOWN)
        return decision::refuse(pb::BAD_REQUEST, "say whether you need a moment or would like things slower");
    if (d.s.paused) return decision::refuse(pb::CONFLICT, "the room is already paused");
    if (d.s.pause_requesters.count(me.member_id()))
        return decision::refuse(pb::CONFLICT, "you have already asked; the moderator can see it");
    pb::Event event;
    auto* asked = event.mutable_pause_requested();
    if (!request.anonymous()) asked->set_member_id(me.member_id());
    asked->set_reason(request.reason());
    auto requests = static_cast<std::uint32_t>(d.s.pause_requesters.size() + 1);
    asked->set_requests(requests);
    pb::EventPrivate hidden;
    hidden.set_pause_requester_member_id(me.member_id());
    d.emit(std::move(event), std::move(hidden));
    const auto threshold = d.s.settings.pause_threshold();
    if (threshold > 0 && requests >= threshold) d.set_paused(true, "");
    return d.done();
}

}  // namespace

std::vector<command_policy> pacing_part::policies() const {
    const char* refusal = "only a moderator sets the pace";
    return {
        {M::kSetPacing, actors::moderators, phases::until_closed, refusal},
        {M::kHoldLine, actors::moderators, phases::live, refusal},
        {M::kReleaseLine, actors::moderators, phases::live, refusal},
        {M::kRequestPause, actors::people, phases::live, "anyone in the room may ask for a pause", "may be anonymous"},
        {M::kSetPaused, actors::moderators, phases::live, "only a moderator pauses the meeting"}};
}

std::vector<pb::Event::KindCase> pacing_part::folds() const {
    return {pb::Event::kPacingChanged,  pb::Event::kMessageReleased, pb::Event::kLineHeld,
            pb::Event::kPauseRequested, pb::Event::kPauseChanged,    pb::Event::kMessagePosted};
}

decision pacing_part::decide(const part_command& command) const {
    draft d{state_, command.now_ms, {}};
    const auto& message = command.message;
    const auto& me = command.caller;
    if (message.has_request_pause()) return request_pause(d, message.request_pause(), me);
    const auto& by = me.member_id();
    switch (message.command_case()) {
        case M::kSetPacing: {
            const auto& settings = message.set_pacing().settings();
            if (auto e = pacing_rules::check(settings, limits_)) return decision::refuse(std::move(*e));
            pb::Event event;
            *event.mutable_pacing_changed()->mutable_settings() = settings;
            event.mutable_pacing_changed()->set_by_member_id(by);
            d.emit(std::move(event));
            if (settings.words_per_minute() == 0)
                d.release_all();  // pace off: nothing waits
            else
                d.release_due();
            return d.done();
        }
        case M::kHoldLine: {
            bool hold = message.hold_line().hold();
            if (hold == d.s.line_held)
                return decision::refuse(pb::CONFLICT, hold ? "the line is already held" : "the line is not held");
            pb::Event event;
            event.mutable_line_held()->set_held(hold);
            event.mutable_line_held()->set_by_member_id(by);
            d.emit(std::move(event));
            d.release_due();
            return d.done();
        }
        case M::kReleaseLine:
            if (d.s.line.empty()) return decision::refuse(pb::CONFLICT, "nothing is waiting");
            d.release_all();
            return d.done();
        default: {
            bool pause = message.set_paused().paused();
            if (pause == d.s.paused)
                return decision::refuse(pb::CONFLICT, pause ? "the room is already paused" : "the room is not paused");
            d.set_paused(pause, by);
            return d.done();
        }
    }
}

void pacing_part::fold(state& s, const pb::Event& event, const pb::EventPrivate& hidden) {
    switch (event.kind_case()) {
        case pb::Event::kMessagePosted: {
            const auto& m = event.message_posted();
            if (m.paced()) s.line.push_back({event.seq(), participation::count_words(m.text())});
            break;
        }
        case pb::Event::kMessageReleased:
            for (auto seq : event.message_released().seqs()) {
                auto it =
                    std::find_if(s.line.begin(), s.line.end(), [seq](const paced_message& m) { return m.seq == seq; });
                if (it == s.line.end()) continue;
                s.last_release_words = it->words;
                s.line.erase(it);
            }
            s.last_release_ms = event.at_ms();
            break;
        case pb::Event::kPacingChanged: s.settings = event.pacing_changed().settings(); break;
        case pb::Event::kLineHeld: s.line_held = event.line_held().held(); break;
        case pb::Event::kPauseRequested:
            s.pause_requesters.insert(hidden.pause_requester_member_id().empty() ? event.pause_requested().member_id()
                                                                                 : hidden.pause_requester_member_id());
            break;
        case pb::Event::kPauseChanged:
            s.paused = event.pause_changed().paused();
            if (s.paused) s.pause_requesters.clear();
            break;
        default: break;
    }
}

void pacing_part::evolve(const pb::Event& event, const pb::EventPrivate& hidden) { fold(state_, event, hidden); }

void pacing_part::add_to(pb::RoomSnapshot& snapshot) const {
    *snapshot.mutable_pacing() = state_.settings;
    for (const auto& m : state_.line) snapshot.add_unreleased(m.seq);
    snapshot.set_line_held(state_.line_held);
    snapshot.set_paused(state_.paused);
    snapshot.set_pause_requests(static_cast<std::uint32_t>(state_.pause_requesters.size()));
}

decision pacing_part::react(const pb::Event&, const room_view&, std::int64_t now_ms) const {
    draft d{state_, now_ms, {}};
    d.release_due();
    return decision::of(std::move(d.events));
}

decision pacing_part::tick(const room_view& room, std::int64_t now_ms) const {
    return react(pb::Event{}, room, now_ms);
}

std::optional<std::int64_t> pacing_part::next_deadline(const room_view&) const { return next_release_at(state_); }

std::size_t pacing_part::message_limit() const {
    auto room_limit = state_.settings.max_message_chars();
    return room_limit > 0 && room_limit < limits_.max_message_chars ? room_limit : limits_.max_message_chars;
}

std::optional<room_error> pacing_part::sender_wait(const pb::Member& sender, std::int64_t last_post_ms,
                                                   std::int64_t now_ms) const {
    const auto slow = state_.settings.slow_mode_seconds();
    if (slow == 0 || sender.role() == pb::MODERATOR || last_post_ms == 0) return std::nullopt;
    auto next = last_post_ms + std::int64_t{slow} * 1000;
    if (now_ms >= next) return std::nullopt;
    room_error e = make_error(pb::RATE_LIMITED, "slow mode is on: please wait before your next message");
    e.retry_after_ms = static_cast<std::uint32_t>(next - now_ms);
    return e;
}

void pacing_part::stamp(pb::MessagePosted& posted, std::int64_t now_ms) const {
    if (state_.settings.words_per_minute() == 0) return;
    // Everything ahead in the line, each after the one before has been read.
    const auto& s = state_;
    std::int64_t at =
        s.last_release_ms == 0 ? now_ms : std::max(now_ms, s.last_release_ms + gap_after(s, s.last_release_words));
    for (const auto& m : s.line) at = std::max(now_ms, at) + gap_after(s, m.words);
    posted.set_paced(true);
    posted.set_expected_release_ms(at);
}

void pacing_part::save(state_out& out) const { out(state_); }

void pacing_part::load(state_in& in) { in(state_); }

}  // namespace ts::room
