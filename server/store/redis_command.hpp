#pragma once
// One blocking Redis command on a hiredis context, and its reply, freed when it goes out
// of scope. Binary-safe: arguments go as they are.
#include <hiredis/hiredis.h>

#include <memory>
#include <string>
#include <vector>

namespace ts::store {

struct reply_deleter {
    void operator()(redisReply* r) const {
        if (r) freeReplyObject(r);
    }
};
using reply_ptr = std::unique_ptr<redisReply, reply_deleter>;

// The reply, or null when the connection failed (c->errstr says why).
inline reply_ptr redis_command(redisContext* c, const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
    }
    return reply_ptr(
        static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data())));
}

}  // namespace ts::store
