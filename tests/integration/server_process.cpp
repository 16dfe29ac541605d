#include "integration/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include <cstdlib>
#include <sstream>
#include <fstream>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <thread>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

#include "store/redis_command.hpp"

namespace ts::test {

// The server binary: this build's, unless TS_SERVER_BINARY names another (scripts/test runs
// these tests against the sanitized server).
const char* server_binary() {
    const char* chosen = std::getenv("TS_SERVER_BINARY");
    return chosen && *chosen ? chosen : TS_SERVER_BINARY;
}

std::string run_command(const std::string& command, int* status) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    const int ended = ::pclose(pipe);
    if (status) *status = ended;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

int env_int(const char* name, int fallback) {
    const char* text = std::getenv(name);
    return text && *text ? std::atoi(text) : fallback;
}

// The lowest port the kernel hands out to outgoing connections (32768 unless configured).
int ephemeral_low() {
    std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
    int low = 0;
    return in >> low && low > 12000 ? low : 32768;
}

bool can_bind(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

int free_port() {
    static std::mutex mutex;
    static int next = -1;
    const std::lock_guard lock(mutex);
    const int shards = std::max(1, env_int("GTEST_TOTAL_SHARDS", 1));
    const int shard = std::clamp(env_int("GTEST_SHARD_INDEX", 0), 0, shards - 1);
    const int span = (ephemeral_low() - 10000) / shards;
    const int first = 10000 + shard * span;
    // Ports are handed out in turn from a random start, so one run never hands one out twice
    // and runs one after another rarely start where the last one ended.
    if (next < 0) next = static_cast<int>(std::random_device{}() % static_cast<unsigned>(span));
    for (int tries = 0; tries < span; ++tries) {
        const int port = first + next;
        next = (next + 1) % span;
        if (can_bind(port)) return port;
    }
    throw std::runtime_error("no free port in this shard's range");
}

child_process::child_process(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    out_fd_ = pipe_fds[0];
}

child_process::~child_process() {
    stop();
    if (out_fd_ >= 0) ::close(out_fd_);
}

std::string child_process::wait_for_line(const std::string& needle, std::string* passed) {
    while (true) {
        auto nl = buffered_.find('\n');
        while (nl != std::string::npos) {
            std::string line = buffered_.substr(0, nl);
            buffered_.erase(0, nl + 1);
            if (passed) *passed += line + "\n";
            if (line.find(needle) != std::string::npos) return line;
            nl = buffered_.find('\n');
        }
        char buf[4096];
        ssize_t n = ::read(out_fd_, buf, sizeof buf);
        if (n <= 0) return "";
        buffered_.append(buf, static_cast<std::size_t>(n));
    }
}

std::string child_process::read_all() {
    std::string out = std::move(buffered_);
    buffered_.clear();
    char buf[4096];
    for (ssize_t n; (n = ::read(out_fd_, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

int child_process::stop(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

// Whether something on loopback accepts a TCP connection on port now.
bool port_accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

std::string make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ts-redis-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

}  // namespace

redis_process::redis_process(bool fsync_always, std::vector<std::string> extra)
    : port_(free_port()), fsync_always_(fsync_always), extra_(std::move(extra)), dir_(make_temp_dir()) {
    start();
}

namespace {

// Waits until the Redis (or Sentinel) at port answers PING (a Redis loading its data does not
// yet); throws after 20 s.
void wait_for_pong(int port, const char* what) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (true) {
        try {
            if (redis_text(port, {"PING"}) == "PONG") return;
        } catch (const std::exception&) {}
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(std::string(what) + " did not start");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

void redis_process::start(std::vector<std::string> more) {
    extra_.insert(extra_.end(), more.begin(), more.end());
    // Its log goes to a file in its folder (kept for a failing test to read), never to a pipe
    // that nobody reads once it has started.
    std::vector<std::string> argv{"redis-server",
                                  "--port",
                                  std::to_string(port_),
                                  "--bind",
                                  "127.0.0.1",
                                  "--dir",
                                  dir_,
                                  "--appendonly",
                                  "yes",
                                  "--appendfsync",
                                  fsync_always_ ? "always" : "everysec",
                                  "--save",
                                  "",
                                  "--daemonize",
                                  "no",
                                  "--enable-debug-command",
                                  "local",
                                  "--logfile",
                                  dir_ + "/redis.log"};
    argv.insert(argv.end(), extra_.begin(), extra_.end());
    process_ = std::make_unique<child_process>(argv);
    wait_for_pong(port_, "redis-server");
}

void redis_process::stop() { process_.reset(); }

void redis_process::kill() {
    process_->stop(SIGKILL);
    process_.reset();
}

std::string redis_process::command(const std::vector<std::string>& args) const { return redis_text(port_, args); }

std::string redis_process::log() const { return read_file(dir_ + "/redis.log"); }

janus_process::janus_process() : port_(free_port()), dir_(make_temp_dir()) {
    run_command(std::string("'") + TS_SCRIPTS_DIR + "/lib/janus-config' '" + dir_ + "' " + std::to_string(port_) +
                " '" + secret_file() + "'");
    start();
}

janus_process::~janus_process() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void janus_process::start() {
    process_ = std::make_unique<child_process>(
        std::vector<std::string>{"janus", "--config=" + dir_ + "/janus.jcfg", "--configs-folder=" + dir_,
                                 "--disable-colors", "--disable-stdout", "--log-file=" + dir_ + "/janus.log"});
    // Ready once its WebSocket port takes a connection.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!port_accepts(port_)) {
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("janus did not start: " + log());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void janus_process::kill() {
    process_->stop(SIGKILL);
    process_.reset();
}

std::string janus_process::log() const { return read_file(dir_ + "/janus.log"); }

turn_process::turn_process() : port_(free_port()), dir_(make_temp_dir()) {
    run_command(std::string("'") + TS_SCRIPTS_DIR + "/lib/turn-config' '" + dir_ + "' " + std::to_string(port_) + " '" +
                secret_file() + "'");
    process_ = std::make_unique<child_process>(std::vector<std::string>{"turnserver", "-c", dir_ + "/turnserver.conf"});
    // Ready once its log says its servers are up (UDP: nothing to connect to before).
    const std::string ready = "Total General servers";
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (read_file(dir_ + "/turnserver.log").find(ready) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("turnserver did not start: " + read_file(dir_ + "/turnserver.log"));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

turn_process::~turn_process() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

bool turn_process::allocates(const std::string& username, const std::string& credential) const {
    int status = -1;
    run_command("timeout 20 turnutils_uclient -y -X -n 1 -m 1 -p " + std::to_string(port_) + " -u '" + username +
                    "' -w '" + credential + "' 127.0.0.1 >/dev/null 2>&1",
                &status);
    return status == 0;
}

sentinel_process::sentinel_process(int primary_port, const std::string& master_name)
    : port_(free_port()), dir_(make_temp_dir()) {
    // Sentinel rewrites its configuration as it learns: it needs a file of its own. Its log goes
    // to a file too, so that nothing waits on a pipe nobody reads.
    std::ofstream(dir_ + "/sentinel.conf")
        << "port " << port_ << "\nbind 127.0.0.1\ndaemonize no\ndir " << dir_ << "\nlogfile " << dir_
        << "/sentinel.log\n"
        << "sentinel monitor " << master_name << " 127.0.0.1 " << primary_port
        << " 2\nsentinel down-after-milliseconds " << master_name << " 1000\nsentinel failover-timeout " << master_name
        << " 4000\nsentinel parallel-syncs " << master_name << " 1\n";
    process_ = std::make_unique<child_process>(std::vector<std::string>{"redis-sentinel", dir_ + "/sentinel.conf"});
    wait_for_pong(port_, "redis-sentinel");
}

sentinel_process::~sentinel_process() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string redis_text(int port, const std::vector<std::string>& args) {
    std::unique_ptr<redisContext, decltype(&redisFree)> c(redisConnect("127.0.0.1", port), &redisFree);
    if (!c || c->err) throw std::runtime_error("cannot reach the test Redis");
    auto reply = store::redis_command(c.get(), args);
    if (!reply) throw std::runtime_error("the test Redis did not answer");
    std::function<std::string(const redisReply*)> text = [&](const redisReply* r) -> std::string {
        switch (r->type) {
            case REDIS_REPLY_INTEGER: return std::to_string(r->integer);
            case REDIS_REPLY_NIL: return "";
            case REDIS_REPLY_ARRAY: {
                std::string out;
                for (size_t i = 0; i < r->elements; ++i) out += (i ? "\n" : "") + text(r->element[i]);
                return out;
            }
            default: return std::string(r->str, r->len);
        }
    };
    return text(reply.get());
}

tool_run run_server_tool(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {server_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    child_process tool(argv);
    tool_run run;
    run.output = tool.read_all();
    int status = 0;
    ::waitpid(tool.pid(), &status, 0);
    tool.forget();
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

redis_process::~redis_process() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

server_process::server_process(std::vector<std::string> flags, std::vector<std::string> wrapper)
    : process_([&] {
          std::vector<std::string> argv = wrapper;
          for (const char* a : {server_binary(), "--port", "0", "--threads", "2", "--log-level", "warn"})
              argv.push_back(a);
          argv.insert(argv.end(), flags.begin(), flags.end());
          return argv;
      }()) {
    auto line = process_.wait_for_line("listening http", &started_output_);
    if (line.empty()) throw std::runtime_error("the server did not start");
    port_ = std::stoi(line.substr(line.rfind(':') + 1));
}

server_process::~server_process() { process_.stop(); }

void server_process::signal(int sig) { ::kill(process_.pid(), sig); }

}  // namespace ts::test
