#include "net/session_registry.hpp"

namespace ts::net {

void session_registry::add(std::uint64_t connection_id, std::weak_ptr<frame_sink> sink) {
    ts::lock_guard lock(mutex_);
    sessions_[connection_id] = std::move(sink);
}

void session_registry::remove(std::uint64_t connection_id) {
    ts::lock_guard lock(mutex_);
    sessions_.erase(connection_id);
}

std::vector<std::shared_ptr<frame_sink>> session_registry::open_sessions() const {
    // Taken under the lock, told outside it: a session that ends meanwhile removes itself.
    std::vector<std::shared_ptr<frame_sink>> open;
    ts::lock_guard lock(mutex_);
    open.reserve(sessions_.size());
    for (const auto& [id, weak] : sessions_)
        if (auto sink = weak.lock()) open.push_back(std::move(sink));
    return open;
}

std::size_t session_registry::finish_all(std::uint16_t code, const std::string& reason) {
    const auto open = open_sessions();
    for (const auto& sink : open) sink->finish(code, reason);
    return open.size();
}

std::size_t session_registry::cut_all() {
    const auto open = open_sessions();
    for (const auto& sink : open) sink->cut();
    return open.size();
}

std::size_t session_registry::size() const {
    ts::lock_guard lock(mutex_);
    return sessions_.size();
}

}  // namespace ts::net
