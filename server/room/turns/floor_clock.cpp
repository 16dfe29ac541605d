#include "room/turns/floor_clock.hpp"

namespace ts::room::floor_clock {

bool held(const pb::FloorState& floor) { return !floor.holder_member_id().empty(); }

pb::FloorState grant(const std::string& member_id, pb::HandKind kind, const std::string& topic, std::uint32_t seconds,
                     std::int64_t now_ms) {
    pb::FloorState floor;
    floor.set_holder_member_id(member_id);
    floor.set_kind(kind);
    floor.set_topic(topic);
    floor.set_started_at_ms(now_ms);
    floor.set_granted_seconds(seconds);
    floor.set_deadline_ms(now_ms + std::int64_t{seconds} * 1000);
    return floor;
}

std::int64_t remaining_ms(const pb::FloorState& floor, std::int64_t now_ms) {
    return floor.paused() ? floor.remaining_ms() : floor.deadline_ms() - now_ms;
}

std::int64_t spoken_ms(const pb::FloorState& floor, std::int64_t now_ms) {
    std::int64_t paused = floor.paused_total_ms() + (floor.paused() ? now_ms - floor.paused_at_ms() : 0);
    std::int64_t spoken = now_ms - floor.started_at_ms() - paused;
    return spoken < 0 ? 0 : spoken;
}

void pause(pb::FloorState& floor, std::int64_t now_ms) {
    floor.set_remaining_ms(floor.deadline_ms() - now_ms);
    floor.set_paused(true);
    floor.set_paused_at_ms(now_ms);
}

void resume(pb::FloorState& floor, std::int64_t now_ms) {
    floor.set_deadline_ms(now_ms + floor.remaining_ms());
    floor.set_paused_total_ms(floor.paused_total_ms() + (now_ms - floor.paused_at_ms()));
    floor.set_paused(false);
    floor.set_remaining_ms(0);
    floor.set_paused_at_ms(0);
}

void add_time(pb::FloorState& floor, std::uint32_t seconds, std::uint32_t warning_seconds, std::int64_t now_ms) {
    std::int64_t extra = std::int64_t{seconds} * 1000;
    if (floor.paused())
        floor.set_remaining_ms(floor.remaining_ms() + extra);
    else
        floor.set_deadline_ms(floor.deadline_ms() + extra);
    floor.set_granted_seconds(floor.granted_seconds() + seconds);
    std::int64_t left = remaining_ms(floor, now_ms);
    if (left > 0) floor.set_time_up(false);
    if (left > std::int64_t{warning_seconds} * 1000) floor.set_warned(false);
}

std::optional<std::int64_t> warning_at(const pb::FloorState& floor, std::uint32_t warning_seconds) {
    if (!held(floor) || floor.paused() || floor.warned() || floor.time_up() || warning_seconds == 0 ||
        floor.granted_seconds() <= warning_seconds)
        return std::nullopt;
    return floor.deadline_ms() - std::int64_t{warning_seconds} * 1000;
}

std::optional<std::int64_t> time_up_at(const pb::FloorState& floor) {
    if (!held(floor) || floor.paused() || floor.time_up()) return std::nullopt;
    return floor.deadline_ms();
}

}  // namespace ts::room::floor_clock
