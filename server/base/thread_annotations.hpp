#pragma once
// Which mutex guards what, said in the code and checked by clang's thread-safety analysis
// (scripts/test compiles the server with clang -Wthread-safety -Werror). Under GCC the
// annotations are empty and these types are std::mutex and its locks, nothing more.
//
//   ts::mutex mutex_;
//   int count_ TS_GUARDED_BY(mutex_);
//   void add() TS_EXCLUDES(mutex_) { ts::lock_guard lock(mutex_); ++count_; }
#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define TS_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define TS_THREAD_ANNOTATION(x)
#endif

#define TS_CAPABILITY(name) TS_THREAD_ANNOTATION(capability(name))
#define TS_SCOPED_CAPABILITY TS_THREAD_ANNOTATION(scoped_lockable)
#define TS_GUARDED_BY(m) TS_THREAD_ANNOTATION(guarded_by(m))
#define TS_PT_GUARDED_BY(m) TS_THREAD_ANNOTATION(pt_guarded_by(m))
#define TS_REQUIRES(...) TS_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define TS_REQUIRES_SHARED(...) TS_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define TS_ACQUIRE(...) TS_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define TS_ACQUIRE_SHARED(...) TS_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define TS_RELEASE(...) TS_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TS_RELEASE_SHARED(...) TS_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define TS_RELEASE_GENERIC(...) TS_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define TS_EXCLUDES(...) TS_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))

namespace ts {

// std::mutex, as a capability the analysis knows.
class TS_CAPABILITY("mutex") mutex {
public:
    void lock() TS_ACQUIRE() { native_.lock(); }
    void unlock() TS_RELEASE() { native_.unlock(); }
    // For a condition variable's wait, through unique_lock::native().
    std::mutex& native() { return native_; }

private:
    std::mutex native_;
};

// std::shared_mutex: many readers, or one writer.
class TS_CAPABILITY("mutex") shared_mutex {
public:
    void lock() TS_ACQUIRE() { native_.lock(); }
    void unlock() TS_RELEASE() { native_.unlock(); }
    void lock_shared() TS_ACQUIRE_SHARED() { native_.lock_shared(); }
    void unlock_shared() TS_RELEASE_SHARED() { native_.unlock_shared(); }

private:
    std::shared_mutex native_;
};

// Holds a mutex for its scope.
class TS_SCOPED_CAPABILITY lock_guard {
public:
    explicit lock_guard(mutex& m) TS_ACQUIRE(m) : m_(m) { m_.lock(); }
    ~lock_guard() TS_RELEASE() { m_.unlock(); }
    lock_guard(const lock_guard&) = delete;
    lock_guard& operator=(const lock_guard&) = delete;

private:
    mutex& m_;
};

// Holds a shared_mutex for its scope: alone (exclusive, and may let go early) or with other
// readers (shared).
class TS_SCOPED_CAPABILITY exclusive_lock {
public:
    explicit exclusive_lock(shared_mutex& m) TS_ACQUIRE(m) : m_(m) { m_.lock(); }
    ~exclusive_lock() TS_RELEASE() {
        if (held_) m_.unlock();
    }
    void unlock() TS_RELEASE() {
        m_.unlock();
        held_ = false;
    }
    exclusive_lock(const exclusive_lock&) = delete;
    exclusive_lock& operator=(const exclusive_lock&) = delete;

private:
    shared_mutex& m_;
    bool held_ = true;
};

class TS_SCOPED_CAPABILITY shared_lock {
public:
    explicit shared_lock(shared_mutex& m) TS_ACQUIRE_SHARED(m) : m_(m) { m_.lock_shared(); }
    ~shared_lock() TS_RELEASE_GENERIC() { m_.unlock_shared(); }
    shared_lock(const shared_lock&) = delete;
    shared_lock& operator=(const shared_lock&) = delete;

private:
    shared_mutex& m_;
};

// Holds a mutex for its scope, and may let go of it and take it again (around blocking
// work, or in a condition variable's wait through native()).
class TS_SCOPED_CAPABILITY unique_lock {
public:
    explicit unique_lock(mutex& m) TS_ACQUIRE(m) : native_(m.native()) {}
    ~unique_lock() TS_RELEASE() {}
    void lock() TS_ACQUIRE() { native_.lock(); }
    void unlock() TS_RELEASE() { native_.unlock(); }
    std::unique_lock<std::mutex>& native() { return native_; }

private:
    std::unique_lock<std::mutex> native_;
};

}  // namespace ts
