#pragma once
// A connection's frames waiting to be written, oldest first, with their total size. Holds no
// memory while empty: most connections are idle most of the time, and std::deque keeps a
// 512-byte block even when it is empty.
#include <cstddef>
#include <vector>

#include "net/frame_sink.hpp"

namespace ts::net {

class frame_queue {
public:
    bool empty() const { return head_ == frames_.size(); }
    std::size_t size() const { return frames_.size() - head_; }
    std::size_t bytes() const { return bytes_; }
    // The i-th waiting frame (0: the oldest).
    const shared_frame& operator[](std::size_t i) const { return frames_[head_ + i]; }

    void push_back(shared_frame frame) {
        bytes_ += frame->size();
        frames_.push_back(std::move(frame));
    }

    void pop_front() {
        bytes_ -= frames_[head_]->size();
        frames_[head_++].reset();
        if (empty()) reset();
        // Reclaim the consumed front once it is most of the vector, so a long-busy
        // connection does not grow without bound.
        else if (head_ > 64 && head_ * 2 > frames_.size()) {
            frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(head_));
            head_ = 0;
        }
    }

    void pop_back() {
        bytes_ -= frames_.back()->size();
        frames_.pop_back();
        if (empty()) reset();
    }

    // Drops everything and gives the memory back.
    void clear() {
        std::vector<shared_frame>().swap(frames_);
        head_ = 0;
        bytes_ = 0;
    }

private:
    // Emptied: a small vector is kept for the next frame (a busy connection empties its
    // queue on every write and should not allocate each time); a large one is given back.
    void reset() {
        if (frames_.capacity() > kept_capacity) return clear();
        frames_.clear();
        head_ = 0;
        bytes_ = 0;
    }

    static constexpr std::size_t kept_capacity = 8;
    std::vector<shared_frame> frames_;
    std::size_t head_ = 0;  // frames_[0, head_) are already written
    std::size_t bytes_ = 0;
};

}  // namespace ts::net
