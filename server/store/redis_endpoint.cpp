#include "store/redis_endpoint.hpp"

#include "store/redis_command.hpp"

namespace ts::store {

namespace {

timeval to_timeval(int ms) { return timeval{ms / 1000, (ms % 1000) * 1000}; }

redisContext* connect(const std::string& host, int port, const redis_options& options, int timeout_ms,
                      std::string* why) {
    redisContext* c = redisConnectWithTimeout(host.c_str(), port, to_timeval(timeout_ms));
    if (!c || c->err) {
        if (why) *why = host + ":" + std::to_string(port) + ": " + (c ? c->errstr : "cannot connect");
        if (c) redisFree(c);
        return nullptr;
    }
    redisSetTimeout(c, to_timeval(options.io_timeout_ms));
    return c;
}

// Whether the server says it is a primary now (ROLE's first word).
bool is_primary(redisContext* c) {
    reply_ptr role = redis_command(c, {"ROLE"});
    return role && role->type == REDIS_REPLY_ARRAY && role->elements > 0 && role->element[0]->str &&
           std::string(role->element[0]->str, role->element[0]->len) == "master";
}

}  // namespace

redisContext* connect_to_primary(const redis_options& options, int timeout_ms, std::string* why) {
    if (options.sentinels.empty()) return connect(options.host, options.port, options, timeout_ms, why);
    std::string reasons;
    for (const auto& [host, port] : options.sentinels) {
        std::string failed;
        redisContext* sentinel = connect(host, port, options, timeout_ms, &failed);
        if (!sentinel) {
            reasons += (reasons.empty() ? "" : "; ") + failed;
            continue;
        }
        reply_ptr where = redis_command(sentinel, {"SENTINEL", "get-master-addr-by-name", options.master_name});
        redisFree(sentinel);
        if (!where || where->type != REDIS_REPLY_ARRAY || where->elements != 2) {
            reasons += (reasons.empty() ? "" : "; ") + host + ":" + std::to_string(port) + " does not know " +
                       options.master_name;
            continue;
        }
        const std::string primary_host(where->element[0]->str, where->element[0]->len);
        const int primary_port = std::atoi(std::string(where->element[1]->str, where->element[1]->len).c_str());
        redisContext* c = connect(primary_host, primary_port, options, timeout_ms, &failed);
        if (c && is_primary(c)) return c;
        if (c) {
            redisFree(c);
            failed = primary_host + ":" + std::to_string(primary_port) + " is not a primary (yet)";
        }
        reasons += (reasons.empty() ? "" : "; ") + failed;
    }
    if (why) *why = "no Sentinel gave a primary for " + options.master_name + " (" + reasons + ")";
    return nullptr;
}

std::string describe(const redis_options& options) {
    if (options.sentinels.empty()) return options.host + ":" + std::to_string(options.port);
    std::string list;
    for (const auto& [host, port] : options.sentinels)
        list += (list.empty() ? "" : ",") + host + ":" + std::to_string(port);
    return "primary " + options.master_name + " via Sentinel " + list;
}

}  // namespace ts::store
