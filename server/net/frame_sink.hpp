#pragma once
// What a room needs of a connection: somewhere to put encoded frames. Implemented by
// the WebSocket session; rooms never see Beast. One immutable frame may go to many sinks.
#include <cstdint>
#include <memory>
#include <string>

namespace ts::net {

using shared_frame = std::shared_ptr<const std::string>;

class frame_sink {
public:
    virtual ~frame_sink() = default;
    // Queues a frame for sending. Thread-safe, never blocks. If the connection's send
    // queue is over its bound, the connection is closed instead (the reader is too slow).
    virtual void send(shared_frame frame) = 0;
    // Sends what is queued, then closes the connection with this code and reason.
    virtual void finish(std::uint16_t code, std::string reason) = 0;
    // Drops the connection at once, whatever it was doing: for a server that is stopping,
    // when the peer did not take the close in time. Thread-safe.
    virtual void cut() {}
    // Whether the connection is on another node of a cluster, reached through that node: the
    // room's owner sends it only answers; that node's replica of the room sends it the room.
    virtual bool relayed() const { return false; }
};

}  // namespace ts::net
