#pragma once
// Counts open connections per remote address and refuses those over the limit.
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "base/thread_annotations.hpp"

namespace ts::net {

class connection_limiter {
public:
    // Holds one connection's place; gives it back when destroyed.
    class slot {
    public:
        slot() = default;
        slot(connection_limiter* owner, std::string address) : owner_(owner), address_(std::move(address)) {}
        slot(slot&& other) noexcept
            : owner_(std::exchange(other.owner_, nullptr)), address_(std::move(other.address_)) {}
        slot& operator=(slot&& other) noexcept {
            if (this != &other) {
                release();
                owner_ = std::exchange(other.owner_, nullptr);
                address_ = std::move(other.address_);
            }
            return *this;
        }
        ~slot() { release(); }
        explicit operator bool() const { return owner_ != nullptr; }

    private:
        void release() {
            if (owner_) owner_->release(address_);
            owner_ = nullptr;
        }
        connection_limiter* owner_ = nullptr;
        std::string address_;
    };

    explicit connection_limiter(std::size_t per_address) : per_address_(per_address) {}

    // A held slot, or an empty one if address already has per_address connections.
    slot acquire(const std::string& address) {
        ts::lock_guard lock(mutex_);
        auto& n = counts_[address];
        if (n >= per_address_) return slot{};
        ++n;
        return slot{this, address};
    }

    std::size_t open(const std::string& address) const {
        ts::lock_guard lock(mutex_);
        auto it = counts_.find(address);
        return it == counts_.end() ? 0 : it->second;
    }

private:
    void release(const std::string& address) {
        ts::lock_guard lock(mutex_);
        auto it = counts_.find(address);
        if (it != counts_.end() && --it->second == 0) counts_.erase(it);
    }

    std::size_t per_address_;
    mutable ts::mutex mutex_;
    std::unordered_map<std::string, std::size_t> counts_ TS_GUARDED_BY(mutex_);
};

}  // namespace ts::net
