#pragma once
// A room host's life as one state, with the moves it may make written down once:
//
//   serving ──damage──────────▶ read_only ──idle──▶ retired
//   serving ──idle, let go────▶ retired
//   following ──idle, let go──▶ retired
//   serving ──delete, expiry──▶ deleting ──all durable──▶ erasing ──erased──▶ deleted
//                                  │                         │
//                                  └──damage──▶ read_only    └──not erased──▶ serving
//
// Serving decides commands and runs the room's clocks; read-only shows what is saved and
// accepts nothing; deleting waits for what was written to be durable, so that nothing lands
// after the erasure; retired has handed its commands back to the directory. Following is a
// cluster replica's: it folds the owner's log and sends commands on to the owner.
#include <cstdint>

namespace ts::app {

enum class host_state : std::uint8_t { serving, read_only, deleting, erasing, deleted, retired, following };

const char* name_of(host_state state);

class host_life {
public:
    explicit host_life(host_state initial = host_state::serving) : state_(initial) {}

    host_state state() const { return state_; }
    bool is(host_state state) const { return state_ == state; }
    // Whether the room still records what happens (commands, presence, its clocks).
    bool records() const { return state_ == host_state::serving; }
    // A moderator or the record's time has ended the room: deleting, erasing or deleted.
    bool ending() const;

    static bool legal(host_state from, host_state to);
    // Moves on; throws std::logic_error for a move the diagram above does not have.
    void move_to(host_state next);

private:
    host_state state_;
};

}  // namespace ts::app
