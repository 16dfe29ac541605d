#pragma once
// Real processes for integration tests: a throwaway redis-server and the talkingstick
// binary, each on a free loopback port, stopped when the object goes away.
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace ts::test {

// A child process whose stdout we read line by line.
class child_process {
public:
    child_process(const std::vector<std::string>& argv);
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    // Reads stdout until a line contains needle; returns that line ("" on EOF).
    std::string wait_for_line(const std::string& needle);
    // SIGTERM, then waits for exit; returns the exit status (or -1).
    int stop();
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::string buffered_;
};

class redis_process {
public:
    redis_process();  // starts redis-server with AOF on in a fresh temporary folder
    ~redis_process();
    int port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    // An outage: stop() ends the server (it writes its AOF first); start() brings it back
    // on the same port with the same data.
    void stop();
    void start();

private:
    int port_;
    std::string dir_;
    std::unique_ptr<child_process> process_;
};

class server_process {
public:
    // Starts the server with --port 0 and extra flags; waits until it listens.
    explicit server_process(std::vector<std::string> flags);
    ~server_process();
    int port() const { return port_; }
    int stop() { return process_.stop(); }

private:
    child_process process_;
    int port_ = 0;
};

// A port nobody listens on right now.
int free_port();

}  // namespace ts::test
