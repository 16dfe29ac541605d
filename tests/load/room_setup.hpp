#pragma once
// Creates rooms over the REST API, as a person starting a meeting would.
#include <string>

namespace ts::load {

struct created_room {
    std::string room_id;
    std::string join_code;
    std::string moderator_key;
};

// Blocking; throws std::runtime_error when the server does not create the room.
created_room create_room(const std::string& host, const std::string& port, const std::string& title);

}  // namespace ts::load
