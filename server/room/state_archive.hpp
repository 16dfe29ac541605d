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
#include <cstdint>
#include <deque>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "room/room_part.hpp"

namespace ts::room {

// The bytes that remain to be read of the state room::restore() is reading on this thread
// (0 when none is being read). No length read from a stored state may ask for more: damaged
// bytes can then make the reader fail, never allocate without bound.
std::size_t state_bytes_left();

// Refuses a stored count of elements, each at least element_bytes long, that the rest of
// the state could not hold.
inline void check_stored_count(std::uint64_t count, std::size_t element_bytes) {
    if (count > state_bytes_left() / element_bytes)
        throw cereal::Exception("a stored length is longer than what remains of the state");
}

}  // namespace ts::room

namespace cereal {

// Containers whose length is read before their elements: the length is checked against the
// bytes that remain before anything is allocated for it (cereal's own versions trust it).
inline void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& archive, std::string& text) {
    size_type size = 0;
    archive(make_size_tag(size));
    ts::room::check_stored_count(size, 1);
    text.resize(static_cast<std::size_t>(size));
    archive(binary_data(text.data(), text.size()));
}

template <class T, class A>
void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& archive, std::vector<T, A>& items) {
    static_assert(!std::is_same_v<T, bool>, "a stored vector<bool> has no bounded reader");
    size_type size = 0;
    archive(make_size_tag(size));
    if constexpr (std::is_arithmetic_v<T>) {
        ts::room::check_stored_count(size, sizeof(T));
        items.resize(static_cast<std::size_t>(size));
        archive(binary_data(items.data(), items.size() * sizeof(T)));
    } else {
        ts::room::check_stored_count(size, 1);
        items.resize(static_cast<std::size_t>(size));
        for (auto& item : items) archive(item);
    }
}

template <class T, class A>
void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& archive, std::deque<T, A>& items) {
    size_type size = 0;
    archive(make_size_tag(size));
    ts::room::check_stored_count(size, 1);
    items.resize(static_cast<std::size_t>(size));
    for (auto& item : items) archive(item);
}

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
