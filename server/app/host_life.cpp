#include "app/host_life.hpp"

#include <stdexcept>
#include <string>

namespace ts::app {

const char* name_of(host_state state) {
    switch (state) {
        case host_state::serving: return "serving";
        case host_state::read_only: return "read-only";
        case host_state::deleting: return "deleting";
        case host_state::erasing: return "erasing";
        case host_state::deleted: return "deleted";
        case host_state::retired: return "retired";
        case host_state::following: return "following";
    }
    return "unknown";
}

bool host_life::ending() const {
    return state_ == host_state::deleting || state_ == host_state::erasing || state_ == host_state::deleted;
}

bool host_life::legal(host_state from, host_state to) {
    using s = host_state;
    switch (from) {
        case s::serving: return to == s::read_only || to == s::retired || to == s::deleting;
        case s::read_only: return to == s::retired;
        case s::following: return to == s::retired;
        case s::deleting: return to == s::erasing || to == s::read_only;
        case s::erasing: return to == s::deleted || to == s::serving;
        case s::deleted:
        case s::retired: return false;
    }
    return false;
}

void host_life::move_to(host_state next) {
    if (!legal(state_, next))
        throw std::logic_error(std::string("a room host cannot go from ") + name_of(state_) + " to " + name_of(next));
    state_ = next;
}

}  // namespace ts::app
