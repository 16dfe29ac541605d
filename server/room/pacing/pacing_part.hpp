#pragma once
// Accessible pacing: slow mode for senders, a reading pace for readers (the "up next"
// line), and pauses anyone can ask for. Read checks, the glossary and people's stated needs
// are parts of their own beside it.
//
// Release is an event of its own (MessageReleased), not a time computed by clients: the
// server alone decides what readers have been shown, holding and pausing are plain state
// changes, and a replay reproduces the schedule exactly. Acceptance is durable at once.
#include <cstdint>
#include <deque>
#include <set>
#include <string>

#include "room/room_limits.hpp"
#include "room/room_part.hpp"

namespace ts::room {

class pacing_part final : public room_part {
public:
    explicit pacing_part(room_limits limits) : limits_(limits) {}

    const char* name() const override { return "pacing"; }
    std::vector<command_policy> policies() const override;
    std::vector<pb::Event::KindCase> folds() const override;
    decision decide(const part_command& command) const override;
    void evolve(const pb::Event& event, const pb::EventPrivate& hidden) override;
    void add_to(pb::RoomSnapshot& snapshot) const override;
    void save(state_out& out) const override;
    void load(state_in& in) override;
    // A message posted may be released at once, if the line was waiting for one.
    std::vector<pb::Event::KindCase> reacts_to() const override { return {pb::Event::kMessagePosted}; }
    decision react(const pb::Event& event, const room_view& room, std::int64_t now_ms) const override;
    // The next message in the line, when it is due.
    decision tick(const room_view& room, std::int64_t now_ms) const override;
    std::optional<std::int64_t> next_deadline(const room_view& room) const override;

    // What the posting rules ask of pacing, by name:
    // the longest message the room accepts now (the room's own limit, or the server's);
    std::size_t message_limit() const;
    // why sender may not post yet under slow mode (nothing if they may), given when they last did;
    std::optional<room_error> sender_wait(const pb::Member& sender, std::int64_t last_post_ms,
                                          std::int64_t now_ms) const;
    // marks a new message as paced, with when readers should see it, if the room has a pace.
    void stamp(pb::MessagePosted& posted, std::int64_t now_ms) const;

    const pb::PacingSettings& settings() const { return state_.settings; }
    bool paused() const { return state_.paused; }
    std::size_t unreleased() const { return state_.line.size(); }
    // How many people are asking for a pause now.
    std::size_t pause_requests() const { return state_.pause_requesters.size(); }

    struct paced_message {
        std::uint64_t seq;
        std::uint32_t words;
        template <class Archive>
        void serialize(Archive& a) {
            a(seq, words);
        }
    };
    struct state {
        pb::PacingSettings settings;
        std::deque<paced_message> line;  // accepted, not yet released to readers
        std::int64_t last_release_ms = 0;
        std::uint32_t last_release_words = 0;
        bool line_held = false;
        bool paused = false;
        std::set<std::string> pause_requesters;  // since the last pause
        template <class Archive>
        void serialize(Archive& a) {
            a(settings, line, last_release_ms, last_release_words, line_held, paused, pause_requesters);
        }
    };
    // The one place state changes: live, on replay, and on a decision's draft.
    static void fold(state& s, const pb::Event& event, const pb::EventPrivate& hidden);

private:
    room_limits limits_;
    state state_;
};

}  // namespace ts::room
