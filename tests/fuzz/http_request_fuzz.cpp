// Fuzz target: the bytes arrive on a real TCP connection to a real HTTP session (the
// parser, the routes, static files, the REST API, the WebSocket upgrade and what follows
// it), with rooms kept in memory. What must hold for any input: the server neither crashes
// nor hangs; once the client has sent everything and shut its side, the server answers and
// closes within seconds.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include <google/protobuf/stubs/logging.h>

#include "app/room_directory.hpp"
#include "app/system_clock.hpp"
#include "base/log.hpp"
#include "net/http_session.hpp"
#include "net/server_context.hpp"
#include "net/static_files.hpp"
#include "store/memory_event_log.hpp"

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "http_request_fuzz: %s\n", what);
    std::abort();
}

std::string client_files() {
    auto dir = std::filesystem::temp_directory_path() / "talkingstick-fuzz-static";
    std::filesystem::create_directories(dir / "assets");
    std::ofstream(dir / "index.html") << "<!doctype html><title>Talking Stick</title>";
    std::ofstream(dir / "assets" / "app.js") << "console.log('hello');";
    return dir.string();
}

// One server for the whole run, as in production: sessions come and go, rooms stay.
struct server {
    asio::io_context io;
    ts::store::memory_event_log store;
    ts::app::system_clock clock;
    ts::app::room_directory rooms{io, store, clock, {}, 10'000};
    ts::net::static_files files{client_files()};
    ts::net::server_context context{rooms, files, limits()};
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::address_v4::loopback(), 0)};

    static ts::net::net_limits limits() {
        ts::net::net_limits l;
        l.room_creations_per_hour = 1e9;  // every input may create rooms
        l.room_creation_burst = 1e9;
        // A peer that stops in the middle of the closing handshake is let go after this (the
        // deadline below holds for any input only if it is well under 10 s).
        l.close_timeout_seconds = 2;
        return l;
    }
};

server& the_server() {
    static auto* s = [] {
        ts::log::set_level(ts::log::level::error);
        google::protobuf::SetLogHandler(nullptr);  // undecodable strings: expected, and many
        return new server;
    }();
    return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& s = the_server();
    s.io.restart();  // the last input left it out of work, which stops it
    // libFuzzer's -timeout alarm interrupts blocking calls now and then: those are tried again.
    boost::system::error_code ec;
    tcp::socket client(s.io);
    do client.connect(s.acceptor.local_endpoint(), ec);
    while (ec == asio::error::interrupted);
    if (ec) fail("could not connect to the server");
    tcp::socket accepted(s.io);
    do s.acceptor.accept(accepted, ec);
    while (ec == asio::error::interrupted);
    if (ec) fail("could not accept the connection");
    ts::net::run_http_session(std::move(accepted), s.context, {});

    // Everything is sent before the server runs: inputs are far below a socket's buffer.
    asio::write(client, asio::buffer(data, size), ec);
    client.shutdown(tcp::socket::shutdown_send, ec);

    bool closed = false;
    auto answer = std::make_shared<std::array<char, 65536>>();
    std::function<void(boost::system::error_code, std::size_t)> read_more;
    read_more = [&](boost::system::error_code read_ec, std::size_t) {
        if (read_ec) {
            closed = true;
            return;
        }
        client.async_read_some(asio::buffer(*answer), read_more);
    };
    client.async_read_some(asio::buffer(*answer), read_more);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!closed) {
        if (std::chrono::steady_clock::now() > deadline) fail("the server did not answer and close within 10 s");
        s.io.run_one_for(std::chrono::milliseconds(100));
    }
    s.io.poll();
    return 0;
}
