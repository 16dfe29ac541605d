#include "app/log_maintenance.hpp"

#include <chrono>
#include <exception>

#include "app/log_replay.hpp"
#include "store/redis_admin.hpp"

namespace ts::app {
namespace {

namespace pb = talkingstick::v1;

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string describe(const log_damage& d) {
    return "readable up to " + std::to_string(d.readable_up_to) + "; entry " + std::to_string(d.bad_seq) + ": " +
           d.problem + "; " + std::to_string(d.entries_after) + " stored entr" + (d.entries_after == 1 ? "y" : "ies") +
           " from there (the last is " + std::to_string(d.last_stored_seq) + ")";
}

}  // namespace

int verify_logs(const config& cfg, std::FILE* out) {
    try {
        store::redis_admin redis(cfg.redis);
        std::size_t sound = 0, damaged = 0;
        auto ids = redis.room_ids();
        for (const auto& id : ids) {
            auto entries = redis.load(id);
            if (entries.empty()) {
                std::fprintf(out, "%s  EMPTY     registered, but nothing was ever written (never created)\n",
                             id.c_str());
                continue;
            }
            auto first = replay_log(id, entries, cfg.room);
            if (first.damage) {
                ++damaged;
                std::fprintf(out, "%s  DAMAGED   %s\n", id.c_str(), describe(*first.damage).c_str());
                continue;
            }
            // The same log must always rebuild the same room: replay it again and compare.
            auto second = replay_log(id, entries, cfg.room);
            if (first.state.snapshot().SerializeAsString() != second.state.snapshot().SerializeAsString()) {
                ++damaged;
                std::fprintf(out, "%s  DAMAGED   replaying the log twice gives different rooms\n", id.c_str());
                continue;
            }
            ++sound;
            std::fprintf(out, "%s  sound     %zu events\n", id.c_str(), first.events);
        }
        auto stray = redis.unregistered_room_ids();
        for (const auto& id : stray)
            std::fprintf(out,
                         "%s  UNREGISTERED  its log exists but the room is not in ts:rooms, so it is not restored\n",
                         id.c_str());
        std::fprintf(out, "%zu rooms: %zu sound, %zu damaged, %zu unregistered\n", ids.size(), sound, damaged,
                     stray.size());
        return damaged + stray.size() == 0 ? 0 : 3;
    } catch (const std::exception& e) {
        std::fprintf(out, "cannot verify: %s\n", e.what());
        return 1;
    }
}

int repair_log(const config& cfg, std::FILE* out) {
    const auto& task = cfg.maintenance;
    try {
        store::redis_admin redis(cfg.redis);
        redis.watch(task.room_id);
        auto entries = redis.load(task.room_id);
        if (entries.empty()) {
            std::fprintf(out, "room %s: no log in Redis\n", task.room_id.c_str());
            return 1;
        }
        auto replayed = replay_log(task.room_id, entries, cfg.room);
        if (!replayed.damage) {
            std::fprintf(out, "room %s: its log is sound (%zu events); nothing to repair\n", task.room_id.c_str(),
                         replayed.events);
            return 0;
        }
        const auto& d = *replayed.damage;
        if (!replayed.state.created()) {
            std::fprintf(out, "room %s: not even its first entry can be read; it cannot be continued\n",
                         task.room_id.c_str());
            return 1;
        }
        // A moderator's consent: their key, checked against the room's own record.
        pb::Join moderator;
        moderator.set_moderator_key(task.moderator_key);
        if (auto check = replayed.state.view(moderator, 0); !check.ok()) {
            std::fprintf(out, "room %s: %s; nothing was changed\n", task.room_id.c_str(), check.error->message.c_str());
            return 1;
        }
        auto now = wall_ms();
        const auto aside = store::redis_event_log::log_key(task.room_id) + ":damaged:" + std::to_string(now);
        room::logged_event repair;
        repair.event.set_seq(d.readable_up_to + 1);
        repair.event.set_at_ms(now);
        auto* repaired = repair.event.mutable_record_repaired();
        repaired->set_from_seq(d.bad_seq);
        repaired->set_to_seq(std::max(d.last_stored_seq, d.bad_seq));
        repaired->set_problem(d.problem);
        repaired->set_kept_in_key(aside);
        repaired->set_consent("moderator key");
        repaired->set_note(task.note);
        if (auto refused = replayed.state.replay(repair)) {
            std::fprintf(out, "room %s: the repair event was not accepted (%s); nothing was changed\n",
                         task.room_id.c_str(), refused->message.c_str());
            return 1;
        }
        std::vector<store::log_entry> kept(entries.begin(),
                                           entries.begin() + static_cast<std::ptrdiff_t>(replayed.events));
        kept.push_back({repair.event.seq(), repair.event.SerializeAsString(), {}, {}, {}, 0});
        if (!redis.replace_log(task.room_id, kept, aside)) {
            std::fprintf(out,
                         "room %s: its log changed while it was being repaired (is a server writing it?); "
                         "nothing was changed, try again\n",
                         task.room_id.c_str());
            return 1;
        }
        std::fprintf(out,
                     "room %s: repaired. Entries %llu to %llu could not be read; the room goes on from event %llu, "
                     "which records the repair. The damaged log is kept as %s.\n"
                     "Restart the server to serve the room again.\n",
                     task.room_id.c_str(), static_cast<unsigned long long>(repaired->from_seq()),
                     static_cast<unsigned long long>(repaired->to_seq()),
                     static_cast<unsigned long long>(repair.event.seq()), aside.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(out, "cannot repair: %s\n", e.what());
        return 1;
    }
}

}  // namespace ts::app
