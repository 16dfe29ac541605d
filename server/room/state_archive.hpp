#pragma once
// A room's state as bytes, for the snapshot the server stores beside the log so that a
// restart replays only the events after it. cereal (a maintained, header-only library)
// writes the standard containers; a protobuf message is written as its own bytes.
// Include this only where a part's save() and load() are defined.
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/common.hpp>
#include <cereal/types/deque.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/set.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>
#include <google/protobuf/message_lite.h>
#include <algorithm>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "room/room_part.hpp"

namespace cereal {

template <class Archive, class Message,
          std::enable_if_t<std::is_base_of_v<google::protobuf::MessageLite, Message>, int> = 0>
void CEREAL_SAVE_FUNCTION_NAME(Archive& archive, const Message& message) {
    archive(message.SerializeAsString());
}

template <class Archive, class Message,
          std::enable_if_t<std::is_base_of_v<google::protobuf::MessageLite, Message>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(Archive& archive, Message& message) {
    std::string bytes;
    archive(bytes);
    if (!message.ParseFromString(bytes)) throw Exception("a stored message does not parse");
}

// An unordered map is written in the order of its keys, so that the same state always gives
// the same bytes (a restored room can be compared with a replayed one byte for byte).
template <class Archive, class Key, class Value>
void CEREAL_SAVE_FUNCTION_NAME(Archive& archive, const std::unordered_map<Key, Value>& map) {
    std::vector<std::pair<Key, Value>> sorted(map.begin(), map.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    archive(sorted);
}

template <class Archive, class Key, class Value>
void CEREAL_LOAD_FUNCTION_NAME(Archive& archive, std::unordered_map<Key, Value>& map) {
    std::vector<std::pair<Key, Value>> sorted;
    archive(sorted);
    map.clear();
    for (auto& [key, value] : sorted) map.emplace(std::move(key), std::move(value));
}

}  // namespace cereal
