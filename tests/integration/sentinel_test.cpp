// Redis high availability: a primary, a replica and three Sentinels (Debian's redis-sentinel),
// two server nodes finding the primary through the Sentinels (--redis-sentinel) with
// replicated durability. The primary dies (SIGKILL) or is failed over by hand (the case of
// redis #6062) in the middle of a meeting: every acknowledged event is in the new primary's log.
#include <signal.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

// Each may become the primary: each refuses writes that no replica can take, and syncs a new
// replica at once.
const std::vector<std::string> replicated_redis = {"--min-replicas-to-write",    "1", "--min-replicas-max-lag", "10",
                                                   "--repl-diskless-sync-delay", "0"};

class SentinelTest : public ::testing::Test {
protected:
    void SetUp() override {
        primary = std::make_unique<redis_process>(false, replicated_redis);
        auto replica_flags = replicated_redis;
        replica_flags.insert(replica_flags.end(), {"--replicaof", "127.0.0.1", std::to_string(primary->port())});
        replica = std::make_unique<redis_process>(false, replica_flags);
        wait_until(
            [&] {
                return primary->command({"INFO", "replication"}).find("min_slaves_good_slaves:1") != std::string::npos;
            },
            "the replica never caught up");
        for (int i = 0; i < 3; ++i) sentinels.push_back(std::make_unique<sentinel_process>(primary->port()));
        // A failover needs the Sentinels to know the replica and each other.
        for (auto& s : sentinels)
            wait_until(
                [&] {
                    const auto others = s->command({"SENTINEL", "sentinels", "talkingstick"});
                    return !s->command({"SENTINEL", "replicas", "talkingstick"}).empty() &&
                           std::count(others.begin(), others.end(), '\n') > 0;
                },
                "the Sentinels never found each other");
        std::string list;
        for (auto& s : sentinels)
            list += (list.empty() ? "" : ",") + std::string("127.0.0.1:") + std::to_string(s->port());
        for (int i = 0; i < 2; ++i)
            nodes.push_back(std::make_unique<server_process>(
                test_server_flags({"--redis-sentinel", list, "--redis-master", "talkingstick"},
                                  {"--cluster", "on", "--node-id", "node-" + std::to_string(i), "--lease-ms", "20000",
                                   "--commands-per-second", "10000"})));
    }

    static void wait_until(const std::function<bool()>& done, const char* what) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (true) {
            try {
                if (done()) return;
            } catch (const std::exception&) {  // not answering yet
            }
            if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(what);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    // The port of the primary the Sentinels name now.
    int named_primary() {
        auto where = sentinels[0]->command({"SENTINEL", "get-master-addr-by-name", "talkingstick"});
        return std::stoi(where.substr(where.find('\n') + 1));
    }

    pb::CreateRoomResponse create_room_on(int node) { return create_room_at(nodes[node]->port(), "Failover meeting"); }

    // Two people, one on each node, post turn about until stop, each post sent until it is
    // acknowledged; returns the acknowledged texts by seq.
    std::map<std::uint64_t, std::string> talk(const pb::CreateRoomResponse& room, std::atomic<bool>& stop,
                                              std::atomic<int>& acknowledged) {
        std::map<std::uint64_t, std::string> acked;
        std::unique_ptr<ws_client> people[2] = {std::make_unique<ws_client>(nodes[0]->port()),
                                                std::make_unique<ws_client>(nodes[1]->port())};
        for (int i = 0; i < 2; ++i) {
            auto joined = people[i]->join(room.room_id(), i == 0 ? "Ada" : "Bo", room.join_code());
            EXPECT_TRUE(joined.has_welcome()) << joined.DebugString();
        }
        for (int i = 0; !stop || i < 4; ++i) {
            const auto text = "post " + std::to_string(i);
            // While a failover is under way a post waits, as long as it takes, as a browser's does.
            pb::ClientMessage post;
            post.set_request_id(900000000 + i);
            post.mutable_post()->set_text(text);
            people[i % 2]->send(post);
            auto answer = people[i % 2]->receive_until(
                [&](const pb::ServerMessage& m) {
                    return (m.has_ack() && m.ack().request_id() == post.request_id()) ||
                           (m.has_error() && m.error().request_id() == post.request_id());
                },
                60000);
            if (!answer.has_ack()) {
                ADD_FAILURE() << answer.DebugString();
                break;
            }
            acked[answer.ack().seq()] = text;
            ++acknowledged;
        }
        return acked;
    }

    // Every acknowledged post is in the log of the Redis at port, at its seq, and nothing is doubled.
    static void expect_all_in(int port, const std::string& room_id, const std::map<std::uint64_t, std::string>& acked) {
        std::unique_ptr<redisContext, decltype(&redisFree)> c(redisConnect("127.0.0.1", port), &redisFree);
        auto log = store::read_log(c.get(), room_id);
        std::map<std::string, int> copies;
        for (std::size_t i = 0; i < log.size(); ++i) {
            EXPECT_EQ(log[i].seq, i + 1);
            pb::Event e;
            ASSERT_TRUE(e.ParseFromString(log[i].event));
            if (e.has_message_posted()) ++copies[log[i].text.empty() ? e.message_posted().text() : log[i].text];
        }
        for (const auto& [seq, text] : acked) {
            ASSERT_LE(seq, log.size()) << text << " was acknowledged but is not in the new primary's log";
            pb::Event e;
            ASSERT_TRUE(e.ParseFromString(log[seq - 1].event));
            EXPECT_EQ(log[seq - 1].text.empty() ? e.message_posted().text() : log[seq - 1].text, text);
            EXPECT_EQ(copies[text], 1) << text;
        }
    }

    void TearDown() override {
        if (HasFailure())
            for (auto* r : {primary.get(), replica.get()})
                if (r) std::printf("--- redis at %d:\n%s\n", r->port(), r->log().c_str());
    }

    // A meeting under way (two people posting) through failover(): it carries on afterwards,
    // and every acknowledged event is in the new primary's log.
    void fail_over_mid_meeting(const std::function<void()>& failover) {
        auto room = create_room_on(0);
        std::atomic<bool> stop{false};
        std::atomic<int> acknowledged{0};
        auto talking = std::async(std::launch::async, [&] { return talk(room, stop, acknowledged); });
        wait_until([&] { return acknowledged > 20; }, "the meeting never got going");
        failover();
        const int before = acknowledged;
        wait_until([&] { return acknowledged > before + 20; }, "the meeting did not carry on after the failover");
        stop = true;
        expect_all_in(replica->port(), room.room_id(), talking.get());
    }

    std::unique_ptr<redis_process> primary, replica;
    std::vector<std::unique_ptr<sentinel_process>> sentinels;
    std::vector<std::unique_ptr<server_process>> nodes;
};

TEST_F(SentinelTest, KillingThePrimaryMidMeetingLosesNothingAcknowledged) {
    const auto old_port = primary->port();
    fail_over_mid_meeting([&] {
        primary->kill();
        wait_until([&] { return named_primary() == replica->port(); }, "Sentinel did not promote the replica");
        // The old machine comes back as the new primary's replica. Until a replica is back, with
        // replicated durability, new events wait: nothing is acknowledged that only one copy holds.
        primary->start({"--replicaof", "127.0.0.1", std::to_string(replica->port())});
    });
    EXPECT_NE(named_primary(), old_port);
}

TEST_F(SentinelTest, AManualFailoverMidMeetingLosesNothingAcknowledged) {
    fail_over_mid_meeting([&] {
        EXPECT_EQ(sentinels[1]->command({"SENTINEL", "FAILOVER", "talkingstick"}), "OK");
        wait_until([&] { return named_primary() == replica->port(); }, "Sentinel did not fail over");
    });
}

}  // namespace
}  // namespace ts::test
