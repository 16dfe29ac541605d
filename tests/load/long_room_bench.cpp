// talkingstick-room-bench: a long room, for the bounded-memory figures of scripts/bench.
//   write --port P --room ID --key K --events N
//       writes a room of N events (one person posting) into the Redis on port P exactly as the
//       server writes it, with the server's snapshots (every 1,000 events, or less often for a
//       large state); prints what it wrote as JSON.
//   page --server-port S --room ID --key K --pages N --page-size M
//       joins the room as its moderator and pages back through N pages of M events with
//       GetHistory, one after another; prints how long that took as JSON.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <string>

#include "app/stored_event.hpp"
#include "ws_client.hpp"
#include "room/room.hpp"
#include "store/redis_event_log.hpp"

namespace {

namespace pb = talkingstick::v1;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

int write_room(std::map<std::string, std::string>& o) {
    const auto events = std::stoull(o["--events"]);
    ts::store::redis_options options;
    options.port = std::stoi(o["--port"]);
    ts::store::redis_event_log log(options);
    if (!log.wait_until_reachable()) return 1;
    ts::room::room r(o["--room"]);
    std::int64_t now = 1'800'000'000'000;
    std::vector<ts::store::log_entry> batch;
    std::size_t snapshots = 0, snapshot_bytes = 0;
    std::uint64_t snapshot_seq = 0;
    bool ok = true;
    auto flush = [&] {
        std::promise<ts::store::write_outcome> written;
        log.append(r.id(), 0, std::move(batch), [&written](ts::store::write_outcome w) { written.set_value(w); });
        ok = ok && written.get_future().get().result == ts::store::write_result::durable;
        batch.clear();
    };
    auto keep = [&](const ts::room::outcome& out) {
        if (!out.ok()) {
            std::fprintf(stderr, "room-bench: %s\n", out.error->message.c_str());
            std::exit(1);
        }
        for (const auto& e : out.events) batch.push_back(ts::app::to_stored(e));
        if (batch.size() >= 5000) flush();
        // As the server does (room_host::take_snapshot_if_due), once the events are durable.
        const auto since = r.last_seq() - snapshot_seq;
        if (since >= std::max<std::uint64_t>(r.limits().snapshot_every_events, snapshot_bytes / 1024)) {
            flush();
            auto state = r.save_state();
            snapshot_bytes = state.size();
            snapshot_seq = r.last_seq();
            log.save_snapshot(r.id(), {snapshot_seq, std::move(state)});
            ++snapshots;
        }
    };
    const auto start = clock_type::now();
    keep(r.create("A very long meeting", "", o["--key"], "join-code-of-a-long-meeting", now));
    pb::ClientMessage join;
    join.mutable_join()->set_display_name("Ada");
    join.mutable_join()->set_join_code("join-code-of-a-long-meeting");
    keep(r.apply(join, {1, "token-of-ada-in-a-long-meeting"}, now));
    while (r.last_seq() < events) {
        pb::ClientMessage post;
        post.mutable_post()->set_text("Point " + std::to_string(r.last_seq()) +
                                      ": what we heard from people who use the service.");
        keep(r.apply(post, {1, ""}, now += 1000));
    }
    flush();
    std::printf("{\"events\":%llu,\"write_s\":%.1f,\"snapshots\":%zu,\"snapshot_bytes\":%zu,\"snapshot_seq\":%llu}\n",
                static_cast<unsigned long long>(r.last_seq()), seconds_since(start), snapshots, snapshot_bytes,
                static_cast<unsigned long long>(snapshot_seq));
    return ok ? 0 : 1;
}

int page_history(std::map<std::string, std::string>& o) {
    const int pages = std::stoi(o["--pages"]);
    const auto page_size = static_cast<std::uint32_t>(std::stoul(o["--page-size"]));
    boost::asio::io_context io;
    ts::load::ws_target target{boost::asio::ip::tcp::resolver(io).resolve("127.0.0.1", o["--server-port"]),
                               "127.0.0.1:" + o["--server-port"], "/ws", "talkingstick.v1"};
    std::shared_ptr<ts::load::ws_client> ws;
    int done = 0;
    std::uint64_t before = 0, events = 0;
    clock_type::time_point start;
    std::string failure;
    auto ask = [&] {
        pb::ClientMessage m;
        m.set_request_id(100 + static_cast<std::uint64_t>(done));
        m.mutable_get_history()->set_before_seq(before);
        m.mutable_get_history()->set_max(page_size);
        ws->send(m.SerializeAsString());
    };
    ts::load::ws_handlers handlers;
    handlers.on_open = [&] {
        pb::ClientMessage m;
        m.set_request_id(1);
        m.mutable_join()->set_room_id(o["--room"]);
        m.mutable_join()->set_display_name("Reader");
        m.mutable_join()->set_moderator_key(o["--key"]);
        ws->send(m.SerializeAsString());
    };
    handlers.on_message = [&](std::string_view bytes) {
        pb::ServerMessage m;
        if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return;
        if (m.has_error()) {
            failure = m.error().message();
            ws->close();
            return;
        }
        if (m.has_welcome()) {
            before = m.welcome().history_size() ? m.welcome().history(0).seq() : m.welcome().room().seq() + 1;
            start = clock_type::now();
            return ask();
        }
        if (!m.has_history_page()) return;
        const auto& page = m.history_page().events();
        events += static_cast<std::uint64_t>(page.size());
        if (!page.empty()) before = page.begin()->seq();
        if (++done < pages && !page.empty()) return ask();
        ws->close();
    };
    handlers.on_error = [&](const char* where, const std::string& why) { failure = std::string(where) + ": " + why; };
    ws = ts::load::open_ws(io, target, handlers);
    io.run();
    if (!failure.empty() && done < pages) {
        std::fprintf(stderr, "room-bench: %s\n", failure.c_str());
        return 1;
    }
    const double s = seconds_since(start);
    std::printf("{\"pages\":%d,\"events\":%llu,\"page_ms\":%.3f,\"total_ms\":%.1f}\n", done,
                static_cast<unsigned long long>(events), s * 1000 / std::max(1, done), s * 1000);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 64;
    std::map<std::string, std::string> o;
    for (int i = 2; i + 1 < argc; i += 2) o[argv[i]] = argv[i + 1];
    const std::string what = argv[1];
    if (what == "write") return write_room(o);
    if (what == "page") return page_history(o);
    std::fprintf(stderr, "room-bench: write or page\n");
    return 64;
}
