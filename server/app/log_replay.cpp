#include "app/log_replay.hpp"

#include "app/stored_event.hpp"

namespace ts::app {

replayed_log replay_log(const std::string& room_id, const std::vector<store::log_entry>& entries,
                        const room::room_limits& limits) {
    replayed_log out{room::room(room_id, limits), 0, std::nullopt};
    for (const auto& entry : entries) {
        room::logged_event logged;
        std::string problem;
        if (auto unreadable = from_stored(entry, logged))
            problem = *unreadable;
        else if (auto error = out.state.replay(logged))
            problem = error->message;
        if (!problem.empty()) {
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
    status.set_reason("Part of its record is damaged. You can read everything up to that point, but nothing new can "
                      "be added. The server's operator has been told; a moderator can agree with them to repair it "
                      "and carry on.");
    return status;
}

}  // namespace ts::app
