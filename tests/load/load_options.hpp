#pragma once
// The load generator's command line, with every default in one place.
#include <algorithm>
#include <cstdio>
#include <string>

namespace ts::load {

struct load_options {
    std::string mode = "protocol";  // protocol | raw | idle | meeting
    std::string host = "127.0.0.1";
    std::string port = "8080";  // or P1,P2,…: members spread over several nodes of a cluster
    std::string room_port;      // where rooms are created (default: the first port)
    std::string path = "/ws";
    int rooms = 1;
    int members = 10;
    int senders = -1;       // per room; -1: every member
    int window = 4;         // closed loop: unacknowledged posts per sender
    double rate = 0;        // open loop: posts per second across all senders (0: closed loop)
    double seconds = 5;     // measured
    double warmup = 1;      // run but not measured
    double pace = 1;        // meeting: multiplies every human rate
    unsigned seed = 1;      // meeting: the random schedule
    int sample_every = 16;  // keep every Nth delivery latency
    int posts = 0;          // closed loop: each sender stops after this many (0: runs for --seconds)
    std::string cpu_pid;    // processes whose CPU time over the measurement is reported (the server's nodes)
};

inline const char* load_usage =
    "talkingstick-load [--name value]...\n"
    "  --mode protocol|raw|idle|meeting  what to drive (default protocol)\n"
    "  --host H --port P --path /ws      the server (raw mode's path defaults to /); P1,P2,… spreads\n"
    "                                    each room's members over several cluster nodes, in turn\n"
    "  --room-port P                     create the rooms at this port (default: the first)\n"
    "  --rooms N --members N             rooms, and clients in each\n"
    "  --senders N                       posting members per room (default: all)\n"
    "  --window N                        closed loop: unacknowledged posts per sender (default 4)\n"
    "  --rate N                          open loop: posts per second in all, on a fixed schedule\n"
    "  --posts N                         closed loop: each sender stops after N acknowledged posts\n"
    "  --seconds S --warmup S            measured time, and time run before it (default 5, 1)\n"
    "  --pace X --seed N                 meeting: multiplies the human rates; the random schedule\n"
    "  --sample-every N                  keep every Nth delivery latency (default 16)\n"
    "  --cpu-pid PID[,PID…]              report these processes' CPU over the measured time\n"
    "Prints one JSON object of results.\n";

// Parses --name value pairs; returns false (after saying why) on anything unknown.
inline bool parse_options(int argc, char** argv, load_options& o) {
    for (int i = 1; i < argc; i += 2) {
        std::string k = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "load: %s needs a value\n", k.c_str());
            return false;
        }
        std::string v = argv[i + 1];
        if (k == "--mode")
            o.mode = v;
        else if (k == "--host")
            o.host = v;
        else if (k == "--port")
            o.port = v;
        else if (k == "--room-port")
            o.room_port = v;
        else if (k == "--path")
            o.path = v;
        else if (k == "--rooms")
            o.rooms = std::stoi(v);
        else if (k == "--members")
            o.members = std::stoi(v);
        else if (k == "--senders")
            o.senders = std::stoi(v);
        else if (k == "--window")
            o.window = std::stoi(v);
        else if (k == "--rate")
            o.rate = std::stod(v);
        else if (k == "--seconds")
            o.seconds = std::stod(v);
        else if (k == "--warmup")
            o.warmup = std::stod(v);
        else if (k == "--pace")
            o.pace = std::stod(v);
        else if (k == "--seed")
            o.seed = static_cast<unsigned>(std::stoul(v));
        else if (k == "--sample-every")
            o.sample_every = std::max(1, std::stoi(v));
        else if (k == "--posts")
            o.posts = std::stoi(v);
        else if (k == "--cpu-pid")
            o.cpu_pid = v;
        else {
            std::fprintf(stderr, "load: unknown option %s\n%s", k.c_str(), load_usage);
            return false;
        }
    }
    if (o.mode == "raw" && o.path == "/ws") o.path = "/";
    return o.mode == "protocol" || o.mode == "raw" || o.mode == "idle" || o.mode == "meeting";
}

}  // namespace ts::load
