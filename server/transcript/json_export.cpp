#include "transcript/json_export.hpp"

#include <google/protobuf/util/json_util.h>

namespace ts::transcript {

std::string json_export::begin() const {
    std::string quoted = "\"";
    for (char c : room_id_) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return "{\"roomId\": " + quoted + "\", \"events\": [\n";
}

std::string json_export::add(const talkingstick::v1::Event& event) {
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(event, &json).ok()) return "";
    std::string out = first_ ? json : ",\n" + json;
    first_ = false;
    return out;
}

}  // namespace ts::transcript
