#include "transcript/json_export.hpp"

#include <google/protobuf/util/json_util.h>

#include "base/json_string.hpp"

namespace ts::transcript {

std::string json_export::begin() const { return "{\"roomId\": " + json_string(room_id_) + ", \"events\": [\n"; }

void json_export::damaged(std::uint64_t from_seq, std::uint64_t to_seq, const std::string& words) {
    damaged_ += std::string(damaged_.empty() ? "" : ",\n") + "{\"fromSeq\": " + std::to_string(from_seq) +
                ", \"toSeq\": " + std::to_string(to_seq) + ", \"problem\": " + json_string(words) + "}";
}

std::string json_export::end() const {
    return damaged_.empty() ? "\n]}\n" : "\n], \"damaged\": [\n" + damaged_ + "\n]}\n";
}

std::string json_export::add(const talkingstick::v1::Event& event) {
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(event, &json).ok()) return "";
    std::string out = first_ ? json : ",\n" + json;
    first_ = false;
    return out;
}

}  // namespace ts::transcript
