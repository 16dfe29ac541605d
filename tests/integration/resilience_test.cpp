// What happens when things go wrong around the server: Redis goes away, a reader cannot
// keep up. Nothing accepted is lost; nothing unbounded is kept.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <thread>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using ResilienceTest = ServerTest;

// The server with its log (stderr) where the test can read it, after a shell's set-up
// ("ulimit -n 40 && "): read_output() has both once it has stopped.
std::unique_ptr<server_process> logged_server(const redis_process& redis, std::vector<std::string> flags,
                                              const std::string& setup = "") {
    flags.insert(flags.begin(), {"--redis", redis.url(), "--static-dir", "/nonexistent", "--log-level", "info"});
    return std::make_unique<server_process>(flags,
                                            std::vector<std::string>{"sh", "-c", setup + "exec \"$0\" \"$@\" 2>&1"});
}

TEST_F(ResilienceTest, AMessageSentDuringARedisOutageIsKeptAndShownOnlyOnceSaved) {
    auto room = create_room();
    auto ada = client();
    auto bo = client();
    ada->join(room.room_id(), "Ada", room.join_code());
    bo->join(room.room_id(), "Bo", room.join_code());
    ASSERT_TRUE(ada->post("before the outage").has_ack());

    redis.stop();
    wait_for_health(server->port(), {"\"connected\":false"});
    pb::ClientMessage during;
    during.set_request_id(77);
    during.mutable_post()->set_text("during the outage");
    ada->send(during);
    // The server holds it (accepted, pending) but nobody has seen it yet.
    wait_for_health(server->port(), {"\"pending\":1"});

    redis.start();
    auto ack = ada->receive_until([](const pb::ServerMessage& m) { return m.has_ack() && m.ack().request_id() == 77; });
    auto& seen = bo->wait_for_seq(ack.ack().seq());
    EXPECT_EQ(seen.message_posted().text(), "during the outage");
    auto log = read_log(room.room_id());
    ASSERT_EQ(log.size(), ack.ack().seq());
    EXPECT_EQ(log.back().event.message_posted().text(), "during the outage");
    wait_for_health(server->port(), {"\"connected\":true", "\"pending\":0"});
}

class SlowReaderTest : public ServerTest {
protected:
    void SetUp() override { start_server({"--send-queue-bytes", "65536", "--commands-per-second", "100000"}); }
};

TEST_F(SlowReaderTest, AReaderThatFallsBehindIsGoneFromTheRoomAtOnceAndClosedWithAClearReason) {
    auto room = create_room();
    // Its receive buffer is fixed (no autotuning) but not tiny: a window smaller than
    // loopback's segment size (64 KiB) lets the kernel send only one segment per persist
    // probe, and the drain below would then take minutes.
    ws_client slow(server->port(), 256 * 1024);
    const auto slow_id = slow.join(room.room_id(), "Slow", room.join_code()).welcome().member_id();
    ASSERT_FALSE(slow_id.empty());
    auto fast = client();
    ASSERT_TRUE(fast->join(room.room_id(), "Fast", room.join_code()).has_welcome());

    // The slow client reads nothing while 12 MB of messages go out: more than its queue
    // (64 KiB) and every socket buffer on the way together (at most 4 MB sending, 512 KiB
    // receiving) can hold.
    const std::string text(1900, 'x');
    // Batches of 20 (38 KB) stay inside the fast reader's own 64 KiB queue.
    const int batches = 300, per_batch = 20;
    for (int b = 0; b < batches; ++b) {
        for (int i = 0; i < per_batch; ++i) {
            pb::ClientMessage m;
            m.set_request_id(static_cast<std::uint64_t>(b * per_batch + i + 100));
            m.mutable_post()->set_text(text);
            fast->send(m);
        }
        auto last = static_cast<std::uint64_t>(b * per_batch + per_batch - 1 + 100);
        fast->receive_until([last](const pb::ServerMessage& m) { return m.has_ack() && m.ack().request_id() == last; });
    }
    // Gone from the room at once, while its socket still holds what it never read.
    auto gone = [&] {
        for (const auto& e : fast->events())
            if (e.member_left().member_id() == slow_id) return true;
        return false;
    };
    if (!gone())
        fast->receive_until([&](const pb::ServerMessage& m) {
            return m.has_event() && m.event().member_left().member_id() == slow_id;
        });
    EXPECT_TRUE(gone());
    EXPECT_EQ(slow.wait_closed(), 4008) << slow.close_reason();
    EXPECT_NE(slow.close_reason().find("reconnect"), std::string::npos);
    // The fast reader was never disturbed and the server is fine.
    EXPECT_EQ(fast->close_code(), 0);
    EXPECT_TRUE(fast->post("still going").has_ack());
    expect_alive();
}

// Out of descriptors, the server keeps serving whom it has, tries again after a growing
// pause instead of spinning, and says so once in a while rather than on every try.
TEST_F(ResilienceTest, OutOfDescriptorsTheServerBacksOffAndKeepsServing) {
    server.reset();
    server = logged_server(redis, {}, "ulimit -n 40 && ");
    namespace asio = boost::asio;
    asio::io_context io;
    const asio::ip::tcp::endpoint at(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server->port()));
    asio::ip::tcp::socket first(io);
    first.connect(at);
    std::vector<std::unique_ptr<asio::ip::tcp::socket>> crowd;
    for (int i = 0; i < 60; ++i) {
        crowd.push_back(std::make_unique<asio::ip::tcp::socket>(io));
        crowd.back()->connect(at);  // the kernel queues what the server cannot accept
    }
    // A while out of descriptors (there is nothing to await: the point is what it does meanwhile).
    std::this_thread::sleep_for(std::chrono::seconds(2));
    // A connection it had is still served.
    const std::string get = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    asio::write(first, asio::buffer(get));
    std::string reply;
    boost::system::error_code ec;
    asio::read(first, asio::dynamic_buffer(reply), ec);
    EXPECT_NE(reply.find("200 OK"), std::string::npos) << reply;
    const auto failures_at = reply.find("\"accept_failures\":");
    ASSERT_NE(failures_at, std::string::npos) << reply;
    const auto failures = std::stoull(reply.substr(failures_at + 18));
    EXPECT_GT(failures, 0u);
    EXPECT_LT(failures, 100u) << "a pause between tries, not a spin";
    crowd.clear();
    first.close();
    expect_alive();
    server->stop();
    const auto output = server->read_output();
    std::size_t lines = 0;
    for (auto at_line = output.find("accept failed"); at_line != std::string::npos;
         at_line = output.find("accept failed", at_line + 1))
        ++lines;
    EXPECT_GE(lines, 1u);
    EXPECT_LE(lines, 2u) << "one line now and then, with a count";
    EXPECT_NE(output.find("open files: up to 40"), std::string::npos) << output;
}

// Refusals are counted, and logged once in a while with a count, not once each.
TEST_F(ResilienceTest, RefusedConnectionsAreCountedNotLoggedOneByOne) {
    server.reset();
    server = logged_server(redis, {"--max-connections-per-address", "1"});
    namespace asio = boost::asio;
    asio::io_context io;
    const asio::ip::tcp::endpoint at(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server->port()));
    auto held = std::make_unique<asio::ip::tcp::socket>(io);
    held->connect(at);
    for (int i = 0; i < 30; ++i) {
        asio::ip::tcp::socket refused(io);
        boost::system::error_code ec;
        // Closed by the server at once: the reset may already meet the connect.
        refused.connect(at, ec);
        if (!ec) {
            char byte;
            refused.read_some(asio::buffer(&byte, 1), ec);
        }
        EXPECT_TRUE(ec) << "refused connection " << i << " was served";
    }
    held.reset();
    // Health answers once the held connection is gone (a poll refused before that counts too).
    std::string health;
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
         health.find("\"refused_connections\":") == std::string::npos && std::chrono::steady_clock::now() < deadline;) {
        try {
            health = http_request(server->port(), "GET", "/healthz").body;
        } catch (const std::exception&) {  // refused: the held connection is still closing
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    const auto at_count = health.find("\"refused_connections\":");
    ASSERT_NE(at_count, std::string::npos) << health;
    EXPECT_GE(std::stoull(health.substr(at_count + 22)), 30u) << health;
    server->stop();
    const auto output = server->read_output();
    std::size_t lines = 0;
    for (auto p = output.find("refused a connection"); p != std::string::npos;
         p = output.find("refused a connection", p + 1))
        ++lines;
    EXPECT_GE(lines, 1u);
    EXPECT_LE(lines, 2u) << output;
}

// A connection that stops answering (its pings go unanswered) is closed after the idle
// time-out, and its person shown as gone.
TEST_F(ResilienceTest, AConnectionThatStopsAnsweringIsClosedAfterTheIdleTimeOut) {
    restart_server({"--idle-timeout-seconds", "2"});
    auto room = create_room();
    auto watcher = client();
    ASSERT_TRUE(watcher->join(room.room_id(), "Watcher", room.join_code()).has_welcome());
    auto silent = client();
    const auto silent_id = silent->join(room.room_id(), "Silent", room.join_code()).welcome().member_id();
    // The silent client never reads again, so it never answers a ping. The watcher keeps
    // reading (and answering its own pings) until the silent one is gone.
    auto left = watcher->receive_until(
        [&](const pb::ServerMessage& m) { return m.has_event() && m.event().member_left().member_id() == silent_id; },
        15000);
    EXPECT_TRUE(left.has_event());
    EXPECT_EQ(watcher->close_code(), 0) << "a reader that answers stays";
}

}  // namespace
}  // namespace ts::test
