#include "app/snapshot_schedule.hpp"

#include <algorithm>
#include <utility>

namespace ts::app {

bool snapshot_schedule::due(std::uint64_t last_seq, bool closed) const {
    const auto since = last_seq - taken_seq_;
    if (since == 0) return false;
    // A large state is written less often: storing it costs at most about a kilobyte per event.
    const auto every = std::max<std::uint64_t>(every_, bytes_ / 1024);
    return since >= every || closed;
}

void snapshot_schedule::taken(store::stored_snapshot snapshot) {
    taken_seq_ = snapshot.seq;
    bytes_ = snapshot.state.size();
    waiting_ = std::move(snapshot);
}

std::optional<store::stored_snapshot> snapshot_schedule::to_write(std::uint64_t durable_seq) {
    if (!waiting_ || writing_ || durable_seq < waiting_->seq) return std::nullopt;
    writing_ = true;
    auto out = std::move(waiting_);
    waiting_.reset();
    return out;
}

}  // namespace ts::app
