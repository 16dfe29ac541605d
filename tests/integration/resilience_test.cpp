// What happens when things go wrong around the server: Redis goes away, a reader cannot
// keep up. Nothing accepted is lost; nothing unbounded is kept.
#include <chrono>
#include <thread>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using ResilienceTest = ServerTest;

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
    void SetUp() override {
        start_server({"--send-queue-bytes", "65536", "--commands-per-second", "100000"});
    }
};

TEST_F(SlowReaderTest, AReaderThatFallsBehindIsClosedWithAClearReason) {
    auto room = create_room();
    ws_client slow(server->port(), 4096);
    ASSERT_TRUE(slow.join(room.room_id(), "Slow", room.join_code()).has_welcome());
    auto fast = client();
    ASSERT_TRUE(fast->join(room.room_id(), "Fast", room.join_code()).has_welcome());

    // The slow client reads nothing while 12 MB of messages go out: more than its queue
    // (64 KiB) and every socket buffer on the way together can hold.
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
    EXPECT_EQ(slow.wait_closed(), 4008) << slow.close_reason();
    EXPECT_NE(slow.close_reason().find("reconnect"), std::string::npos);
    // The fast reader was never disturbed and the server is fine.
    EXPECT_EQ(fast->close_code(), 0);
    EXPECT_TRUE(fast->post("still going").has_ack());
    expect_alive();
}

}  // namespace
}  // namespace ts::test
