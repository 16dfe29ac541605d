#pragma once
// Decoding what the server sends: one ServerMessage, or a FrameBatch of them.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::load {

// Calls visit for each message in bytes (a batch is unpacked); returns false if any part
// did not decode.
template <typename Visit>
bool for_each_message(std::string_view bytes, Visit&& visit) {
    talkingstick::v1::ServerMessage m;
    if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return false;
    if (!m.has_batch()) {
        visit(m);
        return true;
    }
    bool ok = true;
    for (const auto& frame : m.batch().frames()) ok = for_each_message(frame, visit) && ok;
    return ok;
}

// The send time travels inside a posted text as "t<steady-clock ns>".
inline std::string stamped_text(std::int64_t sent_ns) { return "t" + std::to_string(sent_ns); }

// The send time in a text made by stamped_text; 0 if there is none.
inline std::int64_t stamp_of(const std::string& text) {
    if (text.size() < 2 || text[0] != 't') return 0;
    return std::strtoll(text.c_str() + 1, nullptr, 10);
}

}  // namespace ts::load
