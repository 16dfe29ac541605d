#pragma once
// Unguessable identifiers from the kernel's random source.
#include <cstddef>
#include <string>

namespace ts::app {

// bytes random bytes as unpadded base64url (16 bytes -> 22 characters, 128 bits).
std::string random_token(std::size_t bytes = 16);

// A short id of length characters from an alphabet without look-alikes (0/o, 1/l),
// for room ids that people may read aloud or type.
std::string random_room_id(std::size_t length = 10);

}  // namespace ts::app
