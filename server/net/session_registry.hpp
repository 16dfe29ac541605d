#pragma once
// The open WebSocket connections, so that a server that is stopping can tell each one why
// (close code 1012: restarting, reconnect) instead of letting them drop.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/thread_annotations.hpp"
#include "net/frame_sink.hpp"

namespace ts::net {

class session_registry {
public:
    // A connection whose handshake completed; it removes itself as it ends. Any thread.
    void add(std::uint64_t connection_id, std::weak_ptr<frame_sink> sink);
    void remove(std::uint64_t connection_id);
    // Asks every open connection to close with code and reason after what is queued for it
    // (frame_sink::finish); returns how many were asked. Any thread.
    std::size_t finish_all(std::uint16_t code, const std::string& reason);
    // Drops every connection still open at once (frame_sink::cut); returns how many.
    std::size_t cut_all();
    std::size_t size() const;

private:
    std::vector<std::shared_ptr<frame_sink>> open_sessions() const;

    mutable ts::mutex mutex_;
    std::unordered_map<std::uint64_t, std::weak_ptr<frame_sink>> sessions_ TS_GUARDED_BY(mutex_);
};

}  // namespace ts::net
