// Fuzz target: bytes become ClientMessages from four connections, applied to a room with a
// moderator and two participants already in, with time passing and connections dropping.
// What must hold for any input (a failure aborts, so the fuzzer keeps the input):
//  - the room never crashes, and never throws;
//  - a refused command changes nothing (the room's whole state is the same bytes after);
//  - replaying the events it produced gives the same room, and so does restoring its
//    snapshot (nothing it did depends on what the log does not say).
// Steps (fuzz_input.hpp): op & 3 is the connection (1-4); op >> 2 & 3 is what happens:
// 0 or 1 apply the bytes as a ClientMessage, 2 let the first byte's minutes pass and tick,
// 3 drop the connection.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <google/protobuf/stubs/logging.h>

#include "fuzz/fuzz_input.hpp"
#include "room/room.hpp"

namespace {

namespace pb = talkingstick::v1;
using ts::room::room;

constexpr const char* moderator_key = "fuzz-moderator-key-0123";
constexpr const char* join_code = "fuzz-join-code-0123";

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "room_commands_fuzz: %s\n", what);
    std::abort();
}

struct meeting {
    room r{"fuzz"};
    std::vector<ts::room::logged_event> log;
    std::int64_t now_ms = 1'700'000'000'000;
    int tokens = 0;
    const bool verbose = std::getenv("TS_FUZZ_VERBOSE") != nullptr;

    void keep(const ts::room::outcome& out) { log.insert(log.end(), out.events.begin(), out.events.end()); }

    ts::room::outcome apply(std::uint64_t connection, const pb::ClientMessage& m) {
        const auto before = r.save_state();
        auto out = r.apply(m, {connection, "fuzz-token-" + std::to_string(++tokens)}, now_ms);
        if (!out.ok() && r.save_state() != before) fail("a refused command changed the room");
        if (verbose)  // TS_FUZZ_VERBOSE=1: what each command did, to see how deep a seed reaches
            std::fprintf(
                stderr, "%llu %s: %s\n", static_cast<unsigned long long>(connection),
                pb::ClientMessage::descriptor()->FindFieldByNumber(m.command_case())
                    ? pb::ClientMessage::descriptor()->FindFieldByNumber(m.command_case())->name().c_str()
                    : "-",
                out.ok() ? (std::to_string(out.events.size()) + " events").c_str() : out.error->message.c_str());
        keep(out);
        return out;
    }

    void join(std::uint64_t connection, const char* name, bool moderator) {
        pb::ClientMessage m;
        m.mutable_join()->set_display_name(name);
        if (moderator)
            m.mutable_join()->set_moderator_key(moderator_key);
        else
            m.mutable_join()->set_join_code(join_code);
        if (!apply(connection, m).ok()) fail("the set-up join was refused");
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Protobuf reports each undecodable string on stderr: millions of lines, all expected.
    static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
    (void)quiet;
    meeting m;
    m.keep(m.r.create("Fuzzed meeting", "", moderator_key, join_code, m.now_ms));
    m.join(1, "Facilitator", true);
    m.join(2, "Ada", false);
    m.join(3, "Bo", false);

    ts::fuzz::fuzz_input input(data, size);
    while (auto s = input.next()) {
        const std::uint64_t connection = (s->op & 3) + 1;
        switch ((s->op >> 2) & 3) {
            case 0:
            case 1: {
                pb::ClientMessage message;
                if (message.ParseFromArray(s->bytes.data(), static_cast<int>(s->bytes.size())))
                    m.apply(connection, message);
                break;
            }
            case 2:
                m.now_ms += 60'000LL * (s->bytes.empty() ? 1 : static_cast<std::uint8_t>(s->bytes[0]));
                m.keep(m.r.tick(m.now_ms));
                break;
            case 3: m.keep(m.r.disconnect(connection, m.now_ms)); break;
        }
    }

    room replayed("fuzz");
    for (const auto& entry : m.log)
        if (replayed.replay(entry)) fail("an event the room produced does not replay");
    const auto state = m.r.save_state();
    if (replayed.save_state() != state) fail("replaying the log gives another room");
    auto restored = room::restore("fuzz", state);
    if (!restored || restored->save_state() != state) fail("restoring the snapshot gives another room");
    return 0;
}
