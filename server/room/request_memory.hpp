#pragma once
// The room's memory of recent requests, per person: a command sent again after a
// reconnect (same person, same request id, same content) is answered with the first
// acknowledgement instead of being applied twice. Folded from the log, so it survives a
// restart (except for anonymous posts, whose author the log must not link them to).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace ts::room {

class request_memory {
public:
    explicit request_memory(std::size_t per_member = 64) : per_member_(per_member) {}

    // The seq the first acknowledgement of this request carried, if it is remembered.
    std::optional<std::uint64_t> find(const std::string& member_id, std::uint64_t request_id,
                                      const std::string& digest) const;
    // Remembers a request that produced events up to seq; forgets that person's oldest
    // beyond per_member. An untraceable request (anonymous) is never written by save().
    void remember(const std::string& member_id, std::uint64_t request_id, std::string digest, std::uint64_t seq,
                  bool untraceable = false);

    // What the log says of the requests remembered (untraceable ones left out), for the
    // room's stored snapshot (state_archive.hpp).
    template <class Archive>
    void save(Archive& a) const {
        std::unordered_map<std::string, std::deque<seen>> recorded;
        for (const auto& [member_id, requests] : by_member_)
            for (const auto& r : requests)
                if (!r.untraceable) recorded[member_id].push_back(r);
        a(recorded);
    }
    template <class Archive>
    void load(Archive& a) {
        a(by_member_);
    }

private:
    struct seen {
        std::uint64_t request_id;
        std::string digest;
        std::uint64_t seq;
        bool untraceable = false;

        template <class Archive>
        void serialize(Archive& a) {
            a(request_id, digest, seq);
        }
    };
    std::size_t per_member_;
    std::unordered_map<std::string, std::deque<seen>> by_member_;
};

}  // namespace ts::room
