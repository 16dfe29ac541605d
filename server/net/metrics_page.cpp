#include "net/metrics_page.hpp"

#include <dirent.h>
#include <unistd.h>

#include <fstream>

#include "base/metrics.hpp"
#include "base/prometheus_text.hpp"
#include "talkingstick/v1/protocol.pb.h"

namespace ts::net {
namespace {

namespace pb = talkingstick::v1;

// Resident memory, from /proc/self/statm (its second figure, in pages).
double resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    long total = 0, resident = 0;
    if (!(statm >> total >> resident)) return 0;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

// Open descriptors: the entries of /proc/self/fd, less the one reading it.
double open_descriptors() {
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir) return 0;
    double n = 0;
    while (const dirent* entry = ::readdir(dir))
        if (entry->d_name[0] != '.') ++n;
    ::closedir(dir);
    return n - 1;
}

// A command's name as the protocol spells it (its ClientMessage field), or "unknown".
std::string command_name(std::size_t field_number) {
    const auto* field = pb::ClientMessage::descriptor()->FindFieldByNumber(static_cast<int>(field_number));
    return field ? field->name() : "unknown";
}

std::string outcome_name(std::size_t code) {
    if (code == 0) return "ok";
    return pb::ErrorCode_IsValid(static_cast<int>(code)) ? pb::ErrorCode_Name(static_cast<pb::ErrorCode>(code))
                                                         : "other";
}

}  // namespace

std::string metrics_page(server_context& context) {
    auto& figures = metrics::figures();
    metrics::prometheus_text out;
    auto one = [&](const char* name, const char* type, const char* help, double value) {
        out.family(name, type, help);
        out.sample(name, value);
    };
    one("ts_websocket_connections", "gauge", "Open WebSocket connections.",
        static_cast<double>(context.open_websockets.load()));
    one("ts_members_present", "gauge", "Connections joined to a room.",
        static_cast<double>(figures.members_present.value()));
    const auto held = context.gateway.rooms_held();
    one("ts_rooms_in_use", "gauge", "Rooms with someone connected.", static_cast<double>(figures.rooms_in_use.value()));
    one("ts_rooms_loaded", "gauge", "Rooms held in memory.", static_cast<double>(held.loaded));
    one("ts_rooms_unloaded", "gauge", "Rooms on record but unloaded from memory after being idle.",
        static_cast<double>(held.unloaded));

    out.family("ts_commands_total", "counter",
               "Commands rooms handled, by command and outcome (ok or the error code).");
    for (std::size_t kind = 0; kind < figures.commands.rows; ++kind)
        for (std::size_t code = 0; code < figures.commands.columns; ++code)
            if (auto n = figures.commands.value(kind, code))
                out.sample("ts_commands_total", {{"command", command_name(kind)}, {"outcome", outcome_name(code)}},
                           static_cast<double>(n));

    const auto store = context.gateway.store_status();
    one("ts_events_written_total", "counter", "Events the store has made durable.", static_cast<double>(store.written));
    one("ts_store_pending_events", "gauge", "Events waiting for the store (the Redis writer's queue).",
        static_cast<double>(store.pending));
    one("ts_store_connected", "gauge", "1 while the store can be reached.", store.connected ? 1 : 0);
    one("ts_store_refusing_rooms", "gauge", "Rooms whose writes the store refuses just now.",
        static_cast<double>(store.refusing_rooms));
    out.histogram("ts_redis_batch_events", "Events sent to Redis in one batch.", figures.redis_batch_events.read());
    out.histogram("ts_redis_round_trip_seconds", "Time from sending a batch to Redis to reading its last reply.",
                  figures.redis_round_trip_seconds.read());

    one("ts_deliveries_total", "counter", "WebSocket messages written to connections (a batch counts once).",
        static_cast<double>(figures.deliveries.value()));
    one("ts_frames_delivered_total", "counter", "Frames written to connections, inside batches or alone.",
        static_cast<double>(figures.frames_delivered.value()));
    one("ts_bytes_sent_total", "counter", "WebSocket payload bytes written.",
        static_cast<double>(figures.bytes_sent.value()));
    one("ts_slow_reader_disconnects_total", "counter", "Connections closed because their reader fell behind.",
        static_cast<double>(figures.slow_reader_disconnects.value()));
    one("ts_send_queue_bytes_high_water", "gauge", "The most bytes one connection has had waiting to be sent.",
        static_cast<double>(figures.send_queue_bytes.value()));

    out.family("ts_http_responses_total", "counter", "HTTP responses, by status code.");
    for (std::size_t code = 100; code < figures.http_responses.rows; ++code)
        if (auto n = figures.http_responses.value(code, 0))
            out.sample("ts_http_responses_total", {{"code", std::to_string(code)}}, static_cast<double>(n));
    one("ts_accept_failures_total", "counter", "Connections the server could not take (usually: out of descriptors).",
        static_cast<double>(context.accept_failures.load()));
    one("ts_refused_connections_total", "counter", "Connections refused for coming from an address with too many open.",
        static_cast<double>(context.refused_connections.load()));

    one("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", resident_bytes());
    one("process_open_fds", "gauge", "Open file descriptors.", open_descriptors());
    return out.text();
}

}  // namespace ts::net
