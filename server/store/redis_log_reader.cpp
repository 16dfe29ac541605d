#include "store/redis_log_reader.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <memory>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "store/event_log.hpp"
#include "store/redis_command.hpp"
#include "store/redis_event_log.hpp"

namespace ts::store {
namespace {

std::string text(const redisReply* r) { return std::string(r->str, r->len); }

std::uint64_t seq_of(std::string_view id) {
    if (!id.starts_with("0-")) return 0;
    std::uint64_t seq = 0;
    auto [end, ec] = std::from_chars(id.data() + 2, id.data() + id.size(), seq);
    return ec == std::errc{} && end == id.data() + id.size() ? seq : 0;
}

// A log entry from a stream entry's id and fields (e: the event, p: its private part).
log_entry entry_of(const std::string& id, const redisReply* fields) {
    log_entry entry;
    entry.seq = seq_of(id);
    for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        std::string_view name(fields->element[f]->str, fields->element[f]->len);
        if (name == "e")
            entry.event = text(fields->element[f + 1]);
        else if (name == "p")
            entry.hidden = text(fields->element[f + 1]);
    }
    return entry;
}

// A private record entry's event (field s), if it has one.
void take_sealed(const redisReply* fields, log_entry& into) {
    for (size_t f = 0; f + 1 < fields->elements; f += 2)
        if (std::string_view(fields->element[f]->str, fields->element[f]->len) == "s")
            into.sealed = text(fields->element[f + 1]);
}

}  // namespace

std::vector<std::string> read_room_ids(redisContext* c) {
    auto reply = redis_command(c, {"SMEMBERS", redis_event_log::rooms_key});
    if (!reply || reply->type != REDIS_REPLY_ARRAY) throw std::runtime_error("cannot list rooms in Redis");
    std::vector<std::string> ids;
    for (size_t i = 0; i < reply->elements; ++i) ids.push_back(text(reply->element[i]));
    return ids;
}

std::vector<std::string> read_unregistered_room_ids(redisContext* c) {
    auto registered = read_room_ids(c);
    std::set<std::string> known(registered.begin(), registered.end());
    std::vector<std::string> out;
    for (auto& id : scan_log_room_ids(c))
        if (!known.count(id)) out.push_back(std::move(id));
    return out;
}

std::vector<std::string> scan_log_room_ids(redisContext* c) {
    std::vector<std::string> out;
    std::string cursor = "0";
    do {
        auto reply = redis_command(c, {"SCAN", cursor, "MATCH", "ts:{*}:log", "COUNT", "1000"});
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2)
            throw std::runtime_error("cannot scan Redis for logs");
        cursor = text(reply->element[0]);
        const auto* keys = reply->element[1];
        for (size_t i = 0; i < keys->elements; ++i) {
            auto key = text(keys->element[i]);
            out.push_back(key.substr(4, key.size() - 4 - 5));  // ts:{ ... }:log
        }
    } while (cursor != "0");
    return out;
}

namespace {

// Reads a whole stream in pages, handing each entry's id and fields to take().
template <typename Take>
void read_stream(redisContext* c, const std::string& key, const std::string& room_id, Take take) {
    std::string from = "-";
    while (true) {
        auto reply = redis_command(c, {"XRANGE", key, from, "+", "COUNT", "5000"});
        if (!reply || reply->type != REDIS_REPLY_ARRAY)
            throw std::runtime_error("cannot read the log of room " + room_id +
                                     (reply && reply->type == REDIS_REPLY_ERROR ? ": " + text(reply.get()) : ""));
        if (reply->elements == 0) break;
        for (size_t i = 0; i < reply->elements; ++i) {
            const redisReply* item = reply->element[i];
            if (item->type != REDIS_REPLY_ARRAY || item->elements != 2)
                throw store_refused("a stream entry of the wrong shape");
            std::string id = text(item->element[0]);
            take(id, item->element[1]);
            from = "(" + id;
        }
    }
}

}  // namespace

std::vector<log_entry> read_log(redisContext* c, const std::string& room_id) {
    std::vector<log_entry> out;
    read_stream(c, redis_event_log::log_key(room_id), room_id,
                [&](const std::string& id, const redisReply* fields) { out.push_back(entry_of(id, fields)); });
    // Private events, by the number of their sealed entry (replay checks that each sealed
    // entry found its event).
    std::unordered_map<std::uint64_t, std::size_t> index;
    for (std::size_t i = 0; i < out.size(); ++i) index.emplace(out[i].seq, i);
    read_stream(c, redis_event_log::private_key(room_id), room_id,
                [&](const std::string& id, const redisReply* fields) {
                    if (auto it = index.find(seq_of(id)); it != index.end()) take_sealed(fields, out[it->second]);
                });
    // Messages' texts, kept apart by number.
    reply_ptr texts = redis_command(c, {"HGETALL", redis_event_log::texts_key(room_id)});
    if (texts && texts->type == REDIS_REPLY_ARRAY)
        for (size_t f = 0; f + 1 < texts->elements; f += 2) {
            std::uint64_t seq = 0;
            const std::string_view field(texts->element[f]->str, texts->element[f]->len);
            std::from_chars(field.data(), field.data() + field.size(), seq);
            auto it = index.find(seq);
            if (it != index.end()) out[it->second].text = text(texts->element[f + 1]);
        }
    return out;
}

std::vector<log_entry> read_range(redisContext* c, const std::string& room_id, std::uint64_t from_seq,
                                  std::uint64_t to_seq, std::size_t max) {
    std::vector<log_entry> out;
    if (from_seq > to_seq || max == 0) return out;
    const auto from = "0-" + std::to_string(from_seq), to = "0-" + std::to_string(to_seq);
    auto fail = [&room_id](const redisReply* r) -> std::runtime_error {
        if (r)
            return store_refused("Redis refused to read the record of room " + room_id + ": " +
                                 (r->type == REDIS_REPLY_ERROR ? text(r) : "an answer of the wrong shape"));
        return std::runtime_error("cannot read the log of room " + room_id);
    };
    auto entries =
        redis_command(c, {"XRANGE", redis_event_log::log_key(room_id), from, to, "COUNT", std::to_string(max)});
    if (!entries || entries->type != REDIS_REPLY_ARRAY) throw fail(entries.get());
    for (size_t i = 0; i < entries->elements; ++i) {
        const redisReply* item = entries->element[i];
        if (item->type != REDIS_REPLY_ARRAY || item->elements != 2)
            throw store_refused("a stream entry of the wrong shape");
        out.push_back(entry_of(text(item->element[0]), item->element[1]));
    }
    if (out.empty()) return out;
    std::unordered_map<std::uint64_t, std::size_t> index;
    for (std::size_t i = 0; i < out.size(); ++i) index.emplace(out[i].seq, i);
    const auto last = "0-" + std::to_string(out.back().seq);
    auto sealed = redis_command(c, {"XRANGE", redis_event_log::private_key(room_id), from, last});
    if (!sealed || sealed->type != REDIS_REPLY_ARRAY) throw fail(sealed.get());
    for (size_t i = 0; i < sealed->elements; ++i) {
        const redisReply* item = sealed->element[i];
        if (item->type != REDIS_REPLY_ARRAY || item->elements != 2)
            throw store_refused("a stream entry of the wrong shape");
        if (auto it = index.find(seq_of(text(item->element[0]))); it != index.end())
            take_sealed(item->element[1], out[it->second]);
    }
    std::vector<std::string> get{"HMGET", redis_event_log::texts_key(room_id)};
    for (const auto& e : out) get.push_back(std::to_string(e.seq));
    auto texts = redis_command(c, get);
    if (!texts || texts->type != REDIS_REPLY_ARRAY || texts->elements != out.size()) throw fail(texts.get());
    for (size_t i = 0; i < out.size(); ++i)
        if (texts->element[i]->type == REDIS_REPLY_STRING) out[i].text = text(texts->element[i]);
    return out;
}

}  // namespace ts::store
