#include "app/log_replay.hpp"

#include "app/stored_event.hpp"

namespace ts::app {

namespace {

// Folds one stored entry; what is wrong with it, if anything.
std::string replay_entry(room::room& state, const store::log_entry& entry) {
    room::logged_event logged;
    if (auto unreadable = from_stored(entry, logged)) return *unreadable;
    if (auto error = state.replay(logged)) return error->message;
    return {};
}

constexpr std::size_t load_page = 5000;

}  // namespace

loaded_room load_room(store::event_log& log, const std::string& room_id, const room::room_limits& limits) {
    std::optional<room::room> restored;
    std::uint64_t snapshot_seq = 0;
    std::size_t snapshot_bytes = 0;
    if (auto snapshot = log.load_snapshot(room_id)) {
        restored = room::room::restore(room_id, snapshot->state, limits);
        if (restored && restored->last_seq() == snapshot->seq) {
            snapshot_seq = snapshot->seq;
            snapshot_bytes = snapshot->state.size();
        } else {
            restored.reset();
        }
    }
    loaded_room out{replayed_log{restored ? std::move(*restored) : room::room(room_id, limits), 0, std::nullopt},
                    snapshot_seq, snapshot_bytes};
    auto& state = out.replayed.state;
    for (auto from = state.last_seq() + 1;;) {
        std::vector<store::log_entry> page;
        try {
            page = log.load_range(room_id, from, UINT64_MAX, load_page);
        } catch (const store::store_refused& e) {
            // The log cannot be read past here: what is known so far is served read-only.
            const auto good = state.last_seq();
            out.replayed.damage = log_damage{good, good + 1, good, 0, e.what()};
            return out;
        }
        for (std::size_t i = 0; i < page.size(); ++i) {
            if (auto problem = replay_entry(state, page[i]); !problem.empty()) {
                // How much is stored past the damage, for the operator.
                std::size_t after = page.size() - i;
                auto last = page.back().seq;
                for (auto more = log.load_range(room_id, last + 1, UINT64_MAX, load_page); !more.empty();
                     more = log.load_range(room_id, last + 1, UINT64_MAX, load_page)) {
                    after += more.size();
                    last = more.back().seq;
                }
                const auto good = state.last_seq();
                out.replayed.damage = log_damage{good, good + 1, last, after, problem};
                return out;
            }
            ++out.replayed.events;
        }
        if (page.size() < load_page) break;
        from = page.back().seq + 1;
    }
    // The recent events, back to memory: those before the snapshot that the tail did not bring.
    const auto wanted = std::min<std::uint64_t>(limits.recent_events, state.last_seq());
    const auto held = state.last_seq() + 1 - state.first_recent_seq();
    if (held < wanted) {
        const auto first = state.first_recent_seq();
        auto older = log.load_range(room_id, first - (wanted - held), first - 1, wanted - held);
        for (auto it = older.rbegin(); it != older.rend(); ++it) {
            room::logged_event logged;
            if (from_stored(*it, logged)) break;
            state.remember_recent(logged.event);
        }
    }
    return out;
}

replayed_log replay_log(const std::string& room_id, const std::vector<store::log_entry>& entries,
                        const room::room_limits& limits) {
    replayed_log out{room::room(room_id, limits), 0, std::nullopt};
    for (const auto& entry : entries) {
        if (auto problem = replay_entry(out.state, entry); !problem.empty()) {
            const auto good = out.state.last_seq();
            out.damage = log_damage{good, good + 1, entries.back().seq, entries.size() - out.events, problem};
            break;
        }
        ++out.events;
    }
    return out;
}

talkingstick::v1::RoomStatus damaged_status(const log_damage& damage) {
    talkingstick::v1::RoomStatus status;
    status.set_read_only(true);
    status.set_readable_up_to_seq(damage.readable_up_to);
    status.set_damaged_from_seq(damage.bad_seq);
    status.set_reason(
        "Part of its record is damaged. You can read everything up to that point, but nothing new can "
        "be added. The server's operator has been told; a moderator can agree with them to repair it "
        "and carry on.");
    return status;
}

}  // namespace ts::app
