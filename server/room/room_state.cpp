// The room's stored state (room::save_state, room::restore): the snapshot that spares a
// restart from replaying the whole log. It is a cache of the fold, never the record: bytes
// this build cannot read are refused, and the caller replays the log instead.
#include <sstream>

#include "room/room.hpp"
#include "room/state_archive.hpp"

namespace ts::room {
namespace {

// Written first. Change it whenever what any part saves changes shape: older snapshots are
// then refused (and the log replayed), never misread.
// 2: the time the room was created; 3: raised thread points; 4: used join tokens; 5: the
// room's language, the briefing's other versions, voice; 6: the time each person spoke, for the
// queue
constexpr std::uint32_t state_format = 6;
constexpr const char* state_magic = "talkingstick room state";

}  // namespace

std::string room::save_state() const {
    std::ostringstream bytes;
    {
        state_out out(bytes);
        out(std::string(state_magic), state_format, id_, last_seq_, created_at_ms_, title_, purpose_, when_, place_,
            language_, moderator_key_hash_, join_code_hash_, members_, messages_, requests_, used_join_tokens_);
        for (const auto& part : parts_.parts()) {
            out(std::string(part->name()));
            part->save(out);
        }
    }
    return std::move(bytes).str();
}

namespace {

// The bytes every state of this format starts with. Checked before anything is parsed: a
// length read from bytes that are not a state could ask for exabytes.
const std::string& state_prefix() {
    static const std::string prefix = [] {
        std::ostringstream bytes;
        {
            state_out out(bytes);
            out(std::string(state_magic), state_format);
        }
        return std::move(bytes).str();
    }();
    return prefix;
}

// The state being read on this thread, for state_bytes_left().
thread_local std::streambuf* reading_state = nullptr;

}  // namespace

std::size_t state_bytes_left() {
    if (!reading_state) return 0;
    const auto left = reading_state->in_avail();
    return left > 0 ? static_cast<std::size_t>(left) : 0;
}

std::optional<room> room::restore(std::string id, const std::string& state, room_limits limits, turn_defaults turns) {
    if (!state.starts_with(state_prefix())) return std::nullopt;
    room r(std::move(id), limits, turns);
    try {
        // Read in place: a long meeting's state is tens of megabytes, not worth a copy.
        struct view_buffer : std::streambuf {
            explicit view_buffer(const std::string& s) {
                auto* begin = const_cast<char*>(s.data());
                setg(begin, begin, begin + s.size());
            }
        } buffer(state);
        std::istream bytes(&buffer);
        struct reading_guard {
            explicit reading_guard(std::streambuf* b) { reading_state = b; }
            ~reading_guard() { reading_state = nullptr; }
        } reading(&buffer);
        state_in in(bytes);
        std::string magic, saved_id;
        std::uint32_t format = 0;
        in(magic, format);
        if (magic != state_magic || format != state_format) return std::nullopt;
        in(saved_id, r.last_seq_, r.created_at_ms_, r.title_, r.purpose_, r.when_, r.place_, r.language_,
           r.moderator_key_hash_, r.join_code_hash_, r.members_, r.messages_, r.requests_, r.used_join_tokens_);
        if (saved_id != r.id_) return std::nullopt;
        for (const auto& part : r.parts_.parts()) {
            std::string name;
            in(name);
            if (name != part->name()) return std::nullopt;
            part->load(in);
        }
    } catch (const std::exception&) {  // cereal::Exception, or a length it cannot hold
        return std::nullopt;
    }
    for (std::size_t i = 0; i < r.members_.size(); ++i) {
        r.by_member_id_[r.members_[i].member.member_id()] = i;
        if (!r.members_[i].token_hash.empty()) r.by_token_hash_[r.members_[i].token_hash] = i;
    }
    return r;
}

}  // namespace ts::room
