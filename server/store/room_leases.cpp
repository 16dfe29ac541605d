#include "store/room_leases.hpp"

#include <string_view>

namespace ts::store {

namespace {

// KEYS[1] the room's owner, KEYS[2] its epoch; ARGV[1] the node, ARGV[2] the lease in ms.
// Atomic, so that two nodes trying at once never both get the room.
constexpr std::string_view acquire_script = R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. epoch, 'PX', ARGV[2])
return epoch
)lua";

// KEYS: the owners of the rooms held; ARGV[1] the lease in ms, then each room's holder
// ("NODE:EPOCH"). Returns, per room, 1 when renewed, 0 when the lease is no longer that holder's.
constexpr std::string_view renew_script = R"lua(
local kept = {}
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i + 1] then
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
    kept[i] = 1
  else
    kept[i] = 0
  end
end
return kept
)lua";

// KEYS[1] the room's owner; ARGV[1] the holder giving it up.
constexpr std::string_view release_script = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

std::string epoch_key(const std::string& room_id) { return redis_event_log::epoch_key(room_id); }

}  // namespace

room_leases::room_leases(redis_link& redis, std::string node_id, int lease_ms)
    : redis_(redis), node_id_(std::move(node_id)), lease_ms_(lease_ms) {}

std::optional<std::uint64_t> room_leases::acquire(const std::string& room_id) {
    auto reply = redis_.run_script(acquire_script, {owner_key(room_id), epoch_key(room_id)},
                                   {node_id_, std::to_string(lease_ms_)});
    if (reply->type != REDIS_REPLY_INTEGER) return std::nullopt;
    return static_cast<std::uint64_t>(reply->integer);
}

std::vector<std::string> room_leases::renew(const std::vector<std::pair<std::string, std::uint64_t>>& held) {
    std::vector<std::string> lost;
    // In slices, so that one call never holds Redis up for long.
    constexpr std::size_t slice = 500;
    for (std::size_t from = 0; from < held.size(); from += slice) {
        std::vector<std::string> keys, args{std::to_string(lease_ms_)};
        const auto to = std::min(held.size(), from + slice);
        for (auto i = from; i < to; ++i) {
            keys.push_back(owner_key(held[i].first));
            args.push_back(holder(held[i].second));
        }
        auto reply = redis_.run_script(renew_script, keys, args);
        for (auto i = from; i < to; ++i) {
            const auto* kept =
                reply->type == REDIS_REPLY_ARRAY && i - from < reply->elements ? reply->element[i - from] : nullptr;
            if (!kept || kept->type != REDIS_REPLY_INTEGER || kept->integer != 1) lost.push_back(held[i].first);
        }
    }
    return lost;
}

void room_leases::release(const std::string& room_id, std::uint64_t epoch) {
    redis_.run_script(release_script, {owner_key(room_id)}, {holder(epoch)});
}

std::optional<room_owner> room_leases::owner(const std::string& room_id) {
    auto reply = redis_.run({"GET", owner_key(room_id)});
    if (reply->type != REDIS_REPLY_STRING) return std::nullopt;
    const std::string value(reply->str, reply->len);
    const auto colon = value.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    room_owner found;
    found.node = value.substr(0, colon);
    try {
        found.epoch = std::stoull(value.substr(colon + 1));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return found;
}

}  // namespace ts::store
