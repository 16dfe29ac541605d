#include "integration/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace ts::test {

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
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

std::string child_process::wait_for_line(const std::string& needle) {
    while (true) {
        auto nl = buffered_.find('\n');
        while (nl != std::string::npos) {
            std::string line = buffered_.substr(0, nl);
            buffered_.erase(0, nl + 1);
            if (line.find(needle) != std::string::npos) return line;
            nl = buffered_.find('\n');
        }
        char buf[4096];
        ssize_t n = ::read(out_fd_, buf, sizeof buf);
        if (n <= 0) return "";
        buffered_.append(buf, static_cast<std::size_t>(n));
    }
}

int child_process::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

std::string make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ts-redis-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

}  // namespace

redis_process::redis_process() : port_(free_port()), dir_(make_temp_dir()) { start(); }

void redis_process::start() {
    process_ = std::make_unique<child_process>(std::vector<std::string>{
        "redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1", "--dir", dir_, "--appendonly", "yes",
        "--appendfsync", "everysec", "--save", "", "--daemonize", "no"});
    if (process_->wait_for_line("Ready to accept connections").empty())
        throw std::runtime_error("redis-server did not start");
}

void redis_process::stop() { process_.reset(); }

redis_process::~redis_process() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

server_process::server_process(std::vector<std::string> flags)
    : process_([&] {
          std::vector<std::string> argv = {TS_SERVER_BINARY, "--port", "0", "--threads", "2", "--log-level", "warn"};
          argv.insert(argv.end(), flags.begin(), flags.end());
          return argv;
      }()) {
    auto line = process_.wait_for_line("listening http://");
    if (line.empty()) throw std::runtime_error("the server did not start");
    port_ = std::stoi(line.substr(line.rfind(':') + 1));
}

server_process::~server_process() { process_.stop(); }

}  // namespace ts::test
