#include "store/redis_link.hpp"

#include <stdexcept>

#include "store/redis_endpoint.hpp"

namespace ts::store {

redis_link::~redis_link() {
    ts::lock_guard lock(mutex_);
    if (context_) redisFree(context_);
}

reply_ptr redis_link::run(const std::vector<std::string>& args) {
    ts::lock_guard lock(mutex_);
    return run_locked(args);
}

reply_ptr redis_link::run_locked(const std::vector<std::string>& args) {
    if (!context_) {
        std::string why;
        context_ = connect_to_primary(options_, options_.connect_timeout_ms, &why);
        if (!context_) throw std::runtime_error("cannot reach Redis: " + why);
    }
    auto reply = redis_command(context_, args);
    if (!reply) {
        std::string why = context_->errstr;
        redisFree(context_);
        context_ = nullptr;
        throw std::runtime_error("Redis connection failed: " + why);
    }
    if (reply->type == REDIS_REPLY_ERROR) {
        std::string words(reply->str, reply->len);
        // A primary demoted by a failover, or left without replicas by one: the next call asks
        // where the primary is now.
        if (words.rfind("READONLY", 0) == 0 || words.rfind("NOREPLICAS", 0) == 0) {
            redisFree(context_);
            context_ = nullptr;
        }
        throw store_refused(words);
    }
    return reply;
}

reply_ptr redis_link::run_script(std::string_view source, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args) {
    ts::lock_guard lock(mutex_);
    auto& sha = scripts_[std::string(source)];
    std::vector<std::string> call{"EVALSHA", sha, std::to_string(keys.size())};
    call.insert(call.end(), keys.begin(), keys.end());
    call.insert(call.end(), args.begin(), args.end());
    if (!sha.empty()) {
        try {
            return run_locked(call);
        } catch (const store_refused& refused) {
            // Redis forgot its scripts (a restart, a failover, SCRIPT FLUSH): load it again.
            if (std::string_view(refused.what()).substr(0, 8) != "NOSCRIPT") throw;
        }
    }
    auto loaded = run_locked({"SCRIPT", "LOAD", std::string(source)});
    sha.assign(loaded->str, loaded->len);
    call[1] = sha;
    return run_locked(call);
}

}  // namespace ts::store
