#include "store/redis_link.hpp"

#include <stdexcept>

namespace ts::store {

namespace {

timeval to_timeval(int ms) { return timeval{ms / 1000, (ms % 1000) * 1000}; }

}  // namespace

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
        context_ =
            redisConnectWithTimeout(options_.host.c_str(), options_.port, to_timeval(options_.connect_timeout_ms));
        if (!context_ || context_->err) {
            if (context_) redisFree(context_);
            context_ = nullptr;
            throw std::runtime_error("cannot reach Redis at " + options_.host + ":" + std::to_string(options_.port));
        }
        redisSetTimeout(context_, to_timeval(options_.io_timeout_ms));
    }
    auto reply = redis_command(context_, args);
    if (!reply) {
        std::string why = context_->errstr;
        redisFree(context_);
        context_ = nullptr;
        throw std::runtime_error("Redis connection failed: " + why);
    }
    if (reply->type == REDIS_REPLY_ERROR) throw store_refused(std::string(reply->str, reply->len));
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
