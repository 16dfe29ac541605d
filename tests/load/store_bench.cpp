// talkingstick-store-bench: how fast the server's Redis writer (store::redis_event_log) makes
// events durable, without the network in front of it. Appends posted-message events, each
// encoded as the server encodes them, to many rooms, keeping up to --in-flight waiting, and
// prints one JSON object: events made durable per second.
#include <chrono>
#include <atomic>
#include <cstdio>
#include <string>

#include "store/redis_event_log.hpp"
#include "talkingstick/v1/protocol.pb.h"

int main(int argc, char** argv) {
    int port = 6379, rooms = 100, events = 200000, in_flight = 20000;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        int v = std::stoi(argv[i + 1]);
        if (k == "--port")
            port = v;
        else if (k == "--rooms")
            rooms = v;
        else if (k == "--events")
            events = v;
        else if (k == "--in-flight")
            in_flight = v;
        else {
            std::fprintf(stderr, "store-bench: unknown option %s\n", k.c_str());
            return 64;
        }
    }
    ts::store::redis_options options;
    options.port = port;
    options.max_pending = static_cast<std::size_t>(in_flight) * 2;
    ts::store::redis_event_log log(options);
    if (!log.wait_until_reachable()) {
        std::fprintf(stderr, "store-bench: Redis is not answering on port %d\n", port);
        return 1;
    }
    // Events are encoded before the clock starts: in the server, rooms encode them on the
    // network threads, and this measures the writer.
    std::vector<std::pair<std::string, ts::store::log_entry>> work;
    std::vector<std::uint64_t> next_seq(static_cast<std::size_t>(rooms), 1);
    for (int i = 0; i < events; ++i) {
        auto room = static_cast<std::size_t>(i % rooms);
        talkingstick::v1::Event event;
        event.set_seq(next_seq[room]);
        event.set_at_ms(1764000000000 + i);
        event.mutable_message_posted()->set_member_id("m" + std::to_string(i % 12));
        event.mutable_message_posted()->set_text("a short message, as people write them " + std::to_string(i));
        work.push_back({"bench" + std::to_string(room), {next_seq[room]++, event.SerializeAsString(), {}, {}}});
    }
    std::atomic<int> waiting{0}, durable{0}, lost{0};
    auto start = std::chrono::steady_clock::now();
    for (auto& [room, entry] : work) {
        for (int now = waiting.load(); now >= in_flight; now = waiting.load()) waiting.wait(now);
        ++waiting;
        std::vector<ts::store::log_entry> entries;
        entries.push_back(std::move(entry));
        log.append(room, 0, std::move(entries), [&](ts::store::write_outcome outcome) {
            bool ok = outcome.result == ts::store::write_result::durable;
            ++(ok ? durable : lost);
            // Wake the appender only at half-empty and at the end: a wake-up per event would
            // cost more than the write being measured.
            if (auto now = --waiting; now == in_flight / 2 || now == 0) waiting.notify_one();
        });
    }
    for (int now = waiting.load(); now > 0; now = waiting.load()) waiting.wait(now);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"events\":%d,\"durable\":%d,\"lost\":%d,\"seconds\":%.3f,\"events_per_s\":%.0f}\n", events,
                durable.load(), lost.load(), seconds, durable.load() / seconds);
    return lost == 0 && durable == events ? 0 : 1;
}
