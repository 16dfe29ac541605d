// talkingstick-load: one process driving many WebSocket clients, for benchmarks.
//
//   protocol  the real Talking Stick protocol: creates rooms over REST, joins members, and
//             has some of them post, closed loop (--window unacknowledged posts each) or
//             open loop (--rate posts per second in all, on a fixed schedule). Every member
//             counts the messages it receives and the time from send to receipt (the send
//             time travels inside the message).
//   raw       the same traffic against a plain broadcast server (a peer): opaque binary
//             frames carrying the send time; closed loop, a sender sends its next frame when
//             its previous one came back.
//   idle      joins N members across rooms and keeps them connected, idle, until stopped.
//   meeting   rooms of one moderator and members-1 people acting at human rates (see
//             meeting_member.cpp), with reconnects, leaves and returns.
//
// It prints one JSON object of results on stdout. Single-threaded on purpose: the server
// under test gets the other core.
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "fanout_member.hpp"
#include "meeting_member.hpp"

using namespace ts::load;
namespace asio = boost::asio;

namespace {

// Open loop: posts go out on a fixed schedule whatever the server does, so a slow server
// shows as latency rather than as a lower rate. Each post carries the time it was due, so
// time lost in the generator counts against the result, never for it.
class post_schedule {
public:
    post_schedule(asio::io_context& io, double rate, std::vector<fanout_member*> senders)
        : timer_(io), interval_ns_(1e9 / rate), senders_(std::move(senders)) {}

    void start() {
        next_ = static_cast<double>(now_ns());
        tick();
    }
    void stop() {
        stopped_ = true;
        timer_.cancel();
    }

private:
    void tick() {
        auto now = static_cast<double>(now_ns());
        while (next_ <= now && !senders_.empty()) {
            senders_[turn_++ % senders_.size()]->post(static_cast<std::int64_t>(next_));
            next_ += interval_ns_;
        }
        if (stopped_) return;
        timer_.expires_after(std::chrono::nanoseconds(static_cast<std::int64_t>(next_ - now)));
        timer_.async_wait([this](boost::system::error_code ec) {
            if (!ec) tick();
        });
    }

    asio::steady_timer timer_;
    double interval_ns_;
    double next_ = 0;
    std::size_t turn_ = 0;
    bool stopped_ = false;
    std::vector<fanout_member*> senders_;
};

// User plus system CPU seconds of a process so far (0 if it cannot be read).
double process_cpu_seconds(int pid) {
    if (pid <= 0) return 0;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    // Fields after the command name (which may hold spaces) start after the last ')'.
    auto close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; rest >> field && i <= 15; ++i)
        if (i == 14 || i == 15) ticks += std::stod(field);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The comma-separated items of a list ("8081,8082" -> {"8081", "8082"}).
std::vector<std::string> items(const std::string& list) {
    std::vector<std::string> out;
    std::istringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

// Each process's CPU seconds so far.
std::vector<double> cpu_of(const std::vector<std::string>& pids) {
    std::vector<double> out;
    for (const auto& pid : pids) out.push_back(process_cpu_seconds(std::stoi(pid)));
    return out;
}

std::string actions_json(const load_stats& s) {
    std::string out = "{";
    for (const auto& [name, count] : s.actions) out += "\"" + name + "\":" + std::to_string(count) + ",";
    if (out.size() > 1) out.pop_back();
    return out + "}";
}

}  // namespace

int main(int argc, char** argv) {
    load_options o;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--help") return std::fputs(load_usage, stdout) < 0;
    try {
        if (!parse_options(argc, argv, o)) return 64;
    } catch (const std::exception&) {
        std::fprintf(stderr, "load: a number was expected\n");
        return 64;
    }
    asio::io_context io(1);
    load_stats s;
    s.delivery = latency_samples(static_cast<std::uint32_t>(o.sample_every));
    // Members of each room connect to the ports in turn (several nodes of a cluster).
    std::vector<ws_target> targets;
    for (const auto& port : items(o.port))
        targets.push_back(ws_target{asio::ip::tcp::resolver(io).resolve(o.host, port), o.host + ":" + port, o.path,
                                    o.mode == "raw" ? "" : "talkingstick.v1"});
    if (targets.empty()) return 64;
    const auto room_port = o.room_port.empty() ? items(o.port).front() : o.room_port;
    const auto cpu_pids = items(o.cpu_pid);

    std::vector<created_room> rooms;
    for (int r = 0; r < o.rooms; ++r)
        rooms.push_back(o.mode == "raw" ? created_room{}
                                        : create_room(o.host, room_port, "load test " + std::to_string(r)));

    std::vector<std::unique_ptr<fanout_member>> fanout;
    std::vector<std::unique_ptr<meeting_member>> meeting;
    std::unique_ptr<post_schedule> schedule;
    int total = o.rooms * o.members, ready = 0, finished = 0;
    auto start_time = std::chrono::steady_clock::now();
    std::vector<double> cpu_start;
    double own_cpu_start = 0;
    asio::steady_timer timer(io);
    auto finish = [&] {
        for (auto& m : fanout) m->stop();
        for (auto& m : meeting) m->stop();
        if (schedule) schedule->stop();
        io.stop();
    };
    auto on_ready = [&] {
        if (++ready != total) return;
        std::fprintf(stderr, "load: %d clients ready\n", total);
        if (o.mode == "idle") {
            std::printf("{\"mode\":\"idle\",\"clients\":%d}\n", total);
            std::fflush(stdout);
            return;  // until SIGTERM
        }
        for (auto& m : fanout) m->go();
        for (auto& m : meeting) m->go();
        if (schedule) schedule->start();
        timer.expires_after(std::chrono::milliseconds(static_cast<long>(o.warmup * 1000)));
        timer.async_wait([&](boost::system::error_code) {
            s.measuring = true;
            start_time = std::chrono::steady_clock::now();
            cpu_start = cpu_of(cpu_pids);
            own_cpu_start = process_cpu_seconds(static_cast<int>(getpid()));
            if (o.posts > 0) return;  // until every sender has had its posts acknowledged
            timer.expires_after(std::chrono::milliseconds(static_cast<long>(o.seconds * 1000)));
            timer.async_wait([&](boost::system::error_code ec) {
                if (!ec) finish();
            });
        });
    };

    std::vector<fanout_member*> senders;
    auto on_finished = [&] {
        if (++finished == static_cast<int>(senders.size())) finish();
    };
    unsigned seed = o.seed;
    for (const auto& room : rooms) {
        for (int m = 0; m < o.members; ++m) {
            if (o.mode == "meeting") {
                meeting.push_back(std::make_unique<meeting_member>(
                    io, o, targets[static_cast<std::size_t>(m) % targets.size()], s, room, m == 0, seed++, on_ready));
                meeting.back()->start();
                continue;
            }
            bool sender = o.mode != "idle" && (o.senders < 0 || m < o.senders);
            fanout.push_back(std::make_unique<fanout_member>(
                io, o, targets[static_cast<std::size_t>(m) % targets.size()], s, room, sender, on_ready, on_finished));
            fanout.back()->start();
            if (sender) senders.push_back(fanout.back().get());
        }
    }
    if (o.rate > 0 && !senders.empty()) schedule = std::make_unique<post_schedule>(io, o.rate, senders);

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) { finish(); });
    io.run();
    if (o.mode == "idle") return 0;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    // The server's CPU: all its nodes together, and each node's.
    double server_cpu = 0;
    std::string each = "[";
    const auto cpu_end = cpu_of(cpu_pids);
    for (std::size_t i = 0; i < cpu_end.size(); ++i) {
        const auto used = cpu_end[i] - (i < cpu_start.size() ? cpu_start[i] : 0);
        server_cpu += used;
        each += (i ? "," : "") + std::to_string(used);
    }
    each += "]";
    // The generator's own CPU: on a small machine it competes with the server for the cores.
    double own_cpu = process_cpu_seconds(static_cast<int>(getpid())) - own_cpu_start;
    std::printf(
        "{\"mode\":\"%s\",\"rooms\":%d,\"members\":%d,\"rate\":%.0f,\"seconds\":%.2f,\"deliveries\":%llu,"
        "\"deliveries_per_s\":%.0f,\"acks_per_s\":%.0f,\"server_cpu_s\":%.3f,\"server_cpu_s_each\":%s,"
        "\"generator_cpu_s\":%.3f,\"errors\":%llu,"
        "\"conflicts\":%llu,%s,%s,"
        "\"actions\":%s}\n",
        o.mode.c_str(), o.rooms, o.members, o.rate, elapsed, static_cast<unsigned long long>(s.deliveries),
        s.deliveries / elapsed, s.acks / elapsed, server_cpu, each.c_str(), own_cpu,
        static_cast<unsigned long long>(s.errors), static_cast<unsigned long long>(s.conflicts),
        s.delivery.json("").c_str(), s.ack.json("ack").c_str(), actions_json(s).c_str());
    return s.deliveries > 0 ? 0 : 1;
}
