#pragma once
// Real processes for integration tests: a throwaway redis-server and the talkingstick
// binary, each on a free loopback port, stopped when the object goes away.
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace ts::test {

// The server binary the tests run (TS_SERVER_BINARY, or this build's).
const char* server_binary();

// Runs a shell command; returns what it printed (stdout), less its last line end. status, if
// given, gets pclose's status.
std::string run_command(const std::string& command, int* status = nullptr);

// A file's whole text ("" if it cannot be read).
std::string read_file(const std::string& path);

// A TCP port on loopback that nothing listens on just now, below the kernel's ephemeral range
// (where an outgoing connection could take it before the server binds it) and in this gtest
// shard's own slice of that space, so shards run side by side never pick the same port.
int free_port();

// A child process whose stdout we read line by line.
class child_process {
public:
    child_process(const std::vector<std::string>& argv);
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    // Reads stdout until a line contains needle; returns that line ("" on EOF).
    // passed: if set, gets every line read on the way (the matching one included).
    std::string wait_for_line(const std::string& needle, std::string* passed = nullptr);
    // Everything the process printed until it closed its stdout.
    std::string read_all();
    // SIGTERM (or sig), then waits for exit; returns the exit status (or -1).
    int stop(int sig = 15);
    pid_t pid() const { return pid_; }
    // The process was waited for elsewhere: stop() has nothing left to do.
    void forget() { pid_ = -1; }

private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::string buffered_;
};

class redis_process {
public:
    // Starts redis-server with AOF on in a fresh temporary folder; fsync_always makes every
    // acknowledged write survive even kill -9 (appendfsync always).
    // extra: more redis-server flags (--replicaof HOST PORT, --min-replicas-to-write N, …).
    explicit redis_process(bool fsync_always = false, std::vector<std::string> extra = {});
    ~redis_process();
    int port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    // An outage: stop() ends the server (it writes its AOF first); kill() ends it at once
    // (SIGKILL); start() brings it back on the same port with the same data.
    void stop();
    void kill();
    // more: flags for this start and the ones after (--replicaof HOST PORT: back as a replica).
    void start(std::vector<std::string> more = {});

    // Runs one command on a fresh connection; returns the reply as text (an integer as its
    // digits, an error as "ERR…", an array as its elements joined by newlines).
    std::string command(const std::vector<std::string>& args) const;
    // What it has logged (for a failing test to show).
    std::string log() const;

private:
    int port_;
    bool fsync_always_;
    std::vector<std::string> extra_;
    std::string dir_;
    std::unique_ptr<child_process> process_;
};

// Runs one command on a fresh connection to the Redis (or Sentinel) at port; the reply as
// redis_process::command() gives it.
std::string redis_text(int port, const std::vector<std::string>& args);

// A Sentinel watching the primary at primary_port under master_name, with a quorum of two,
// quick to act (down after 1 s): for failover tests.
class sentinel_process {
public:
    explicit sentinel_process(int primary_port, const std::string& master_name = "talkingstick");
    ~sentinel_process();
    int port() const { return port_; }
    std::string command(const std::vector<std::string>& args) const { return redis_text(port_, args); }

private:
    int port_;
    std::string dir_;
    std::unique_ptr<child_process> process_;
};

// Janus with the voice configuration scripts/lib/janus-config writes, its WebSocket API on a
// free loopback port; its log in a file of its own.
class janus_process {
public:
    janus_process();
    ~janus_process();
    int port() const { return port_; }
    std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
    // The file the server reads the voice secret from (--voice-secret-file).
    std::string secret_file() const { return dir_ + "/secret"; }
    // An outage: kill() ends Janus at once (SIGKILL), and every room it had is gone with it;
    // start() brings it back on the same port, empty.
    void kill();
    void start();
    std::string log() const;

private:
    int port_;
    std::string dir_;
    std::unique_ptr<child_process> process_;
};

// A coturn relay on loopback, configured by scripts/lib/turn-config (use-auth-secret).
class turn_process {
public:
    turn_process();
    ~turn_process();
    int port() const { return port_; }
    std::string url() const { return "turn:127.0.0.1:" + std::to_string(port_) + "?transport=udp"; }
    // The file the server reads coturn's secret from (--turn-secret-file).
    std::string secret_file() const { return dir_ + "/secret"; }
    // Whether coturn gives a relay to these credentials: coturn's own client allocates one and
    // sends a message through it.
    bool allocates(const std::string& username, const std::string& credential) const;

private:
    int port_;
    std::string dir_;
    std::unique_ptr<child_process> process_;
};

class server_process {
public:
    // Starts the server with --port 0 and extra flags; waits until it listens.
    // wrapper: a command the server runs under (its arguments follow), e.g. a shell that lowers
    // a limit first.
    explicit server_process(std::vector<std::string> flags, std::vector<std::string> wrapper = {});
    ~server_process();
    int port() const { return port_; }
    int stop() { return process_.stop(); }
    // Everything it printed (stdout), from the start, once it has stopped.
    std::string read_output() { return started_output_ + process_.read_all(); }
    pid_t pid() const { return process_.pid(); }
    // Sends it a signal (SIGHUP: reload the TLS certificate).
    void signal(int sig);
    // Reads its output until a line contains needle (false: it ended first). Its log comes in
    // its output only when started logged (ServerTest::start_server).
    bool wait_for_output(const std::string& needle) { return !process_.wait_for_line(needle).empty(); }

private:
    child_process process_;
    std::string started_output_;  // the lines up to "listening"
    int port_ = 0;
};

// Runs the server binary with these arguments to the end; returns its exit status and
// what it printed on stdout.
struct tool_run {
    int status = -1;
    std::string output;
};
tool_run run_server_tool(const std::vector<std::string>& args);

}  // namespace ts::test
