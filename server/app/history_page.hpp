#pragma once
// A page of a room's earlier events (GetHistory), without the strand or the store: which
// entries a request asks for, and the reply to what reading them gave.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "app/stored_event.hpp"
#include "net/server_frames.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::app {

// What reading entries of the record gave.
struct page_read {
    std::vector<talkingstick::v1::Event> events;
    bool unavailable = false;                  // the store could not be read now: try again later
    std::optional<record_damage> damage;       // the events stop before these entries, which cannot be read
    std::optional<record_damage> last_damage;  // with damage: the damage nearest the end of the range
};

// The entries a page is read from: count of them after after_seq.
struct page_range {
    std::uint64_t after_seq = 0;
    std::size_t count = 0;
};

// The page a GetHistory asks for: the latest ask.max() events (at most cap; cap when 0)
// before ask.before_seq() (0: the newest), among those that may be shown, 1..newest.
page_range history_range(const talkingstick::v1::GetHistory& ask, std::uint64_t newest, std::size_t cap);

// The answer to a page read: STORE_UNAVAILABLE with a retry time (ms); DAMAGED naming the damage
// nearest the reader (history is read backwards), so that they can still read either side;
// or the events, each as the reader could see it live (redacted where may_see says no).
net::shared_frame history_reply(page_read page, std::uint64_t request_id, std::uint32_t retry_after_ms,
                                const std::function<bool(const talkingstick::v1::Event&)>& may_see);

}  // namespace ts::app
