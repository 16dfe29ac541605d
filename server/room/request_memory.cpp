#include "room/request_memory.hpp"

namespace ts::room {

std::optional<std::uint64_t> request_memory::find(const std::string& member_id, std::uint64_t request_id,
                                                  const std::string& digest) const {
    auto it = by_member_.find(member_id);
    if (it == by_member_.end()) return std::nullopt;
    for (const auto& s : it->second)
        if (s.request_id == request_id && s.digest == digest) return s.seq;
    return std::nullopt;
}

void request_memory::remember(const std::string& member_id, std::uint64_t request_id, std::string digest,
                              std::uint64_t seq, bool untraceable) {
    auto& seen_by = by_member_[member_id];
    seen_by.push_back(seen{request_id, std::move(digest), seq, untraceable});
    if (seen_by.size() > per_member_) seen_by.pop_front();
}

}  // namespace ts::room
