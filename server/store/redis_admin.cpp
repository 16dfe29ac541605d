#include "store/redis_admin.hpp"

#include <hiredis/hiredis.h>

#include <stdexcept>

#include "store/redis_command.hpp"
#include "store/redis_endpoint.hpp"
#include "store/redis_log_reader.hpp"

namespace ts::store {
struct redis_admin::connection {
    redisContext* context = nullptr;
    ~connection() {
        if (context) redisFree(context);
    }

    // The reply; throws when the connection fails or Redis answers with an error.
    reply_ptr run(const std::vector<std::string>& args) {
        auto reply = redis_command(context, args);
        if (!reply) throw std::runtime_error(std::string("Redis connection failed: ") + context->errstr);
        if (reply->type == REDIS_REPLY_ERROR)
            throw std::runtime_error(args[0] + " refused: " + std::string(reply->str, reply->len));
        return reply;
    }
};

redis_admin::redis_admin(const redis_options& options) : c_(std::make_unique<connection>()) {
    std::string why;
    c_->context = connect_to_primary(options, options.connect_timeout_ms, &why);
    if (!c_->context) throw std::runtime_error("cannot reach Redis: " + why);
}

redis_admin::~redis_admin() = default;

std::vector<std::string> redis_admin::room_ids() { return read_room_ids(c_->context); }

std::vector<std::string> redis_admin::unregistered_room_ids() { return read_unregistered_room_ids(c_->context); }

std::vector<log_entry> redis_admin::load(const std::string& room_id) { return read_log(c_->context, room_id); }

void redis_admin::watch(const std::string& room_id) { c_->run({"WATCH", redis_event_log::log_key(room_id)}); }

bool redis_admin::replace_log(const std::string& room_id, const std::vector<log_entry>& entries,
                              const std::string& aside_key) {
    const auto key = redis_event_log::log_key(room_id);
    const auto sealed_key = redis_event_log::private_key(room_id);
    // Same hash tag: the renames stay in one slot.
    const auto building = key + ":repair";
    const auto building_sealed = sealed_key + ":repair";
    const auto texts_key = redis_event_log::texts_key(room_id);
    const auto building_texts = texts_key + ":repair";
    c_->run({"DEL", building, building_sealed, building_texts});
    for (const auto& e : entries) {
        const auto id = "0-" + std::to_string(e.seq);
        std::vector<std::string> args = {"XADD", building, id, "e", e.event};
        if (!e.hidden.empty()) args.insert(args.end(), {"p", e.hidden});
        c_->run(args);
        if (!e.sealed.empty()) c_->run({"XADD", building_sealed, id, "s", e.sealed});
        if (!e.text.empty()) c_->run({"HSET", building_texts, std::to_string(e.seq), e.text});
    }
    c_->run({"MULTI"});
    c_->run({"RENAME", key, aside_key});
    // The private record moves aside with the log (if it has one), and the kept part returns.
    c_->run({"EVAL",
             "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end "
             "if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('RENAME', KEYS[3], KEYS[1]) end return 1",
             "3", sealed_key, aside_key + ":private", building_sealed});
    c_->run({"EVAL",
             "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end "
             "if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('RENAME', KEYS[3], KEYS[1]) end return 1",
             "3", texts_key, aside_key + ":texts", building_texts});
    c_->run({"RENAME", building, key});
    c_->run({"SADD", redis_event_log::rooms_key, room_id});
    auto done = c_->run({"EXEC"});
    if (done->type == REDIS_REPLY_NIL) {
        c_->run({"DEL", building, building_sealed, building_texts});
        return false;
    }
    return true;
}

}  // namespace ts::store
