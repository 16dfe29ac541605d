#include "app/config.hpp"
#include "net/janus_link.hpp"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace ts::app {
namespace {

config_result parse(std::vector<const char*> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), "talkingstick");
    return parse_config(static_cast<int>(args.size()), args.data(), [&env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

TEST(Config, Defaults) {
    auto r = parse({});
    ASSERT_TRUE(r.value);
    EXPECT_EQ(r.value->port, 8080);
    EXPECT_EQ(r.value->bind, "127.0.0.1");
    EXPECT_EQ(r.value->store, "redis");
    EXPECT_EQ(r.value->redis.port, 6379);
    EXPECT_GE(r.value->threads, 1);
    EXPECT_EQ(r.value->net.max_frame_bytes, 64u * 1024);
}

TEST(Config, FlagsInBothForms) {
    auto r = parse({"--port", "9000", "--redis=redis://10.1.2.3:7000", "--threads", "3", "--store", "memory",
                    "--max-message-chars=500", "--commands-per-second", "5"});
    ASSERT_TRUE(r.value) << r.error;
    EXPECT_EQ(r.value->port, 9000);
    EXPECT_EQ(r.value->redis.host, "10.1.2.3");
    EXPECT_EQ(r.value->redis.port, 7000);
    EXPECT_EQ(r.value->threads, 3);
    EXPECT_EQ(r.value->store, "memory");
    EXPECT_EQ(r.value->room.max_message_chars, 500u);
    EXPECT_EQ(r.value->net.commands_per_second, 5);
    EXPECT_EQ(r.value->net.command_burst, 10);
}

TEST(Config, EnvironmentAndFlagPrecedence) {
    auto r = parse({"--port", "9001"}, {{"TS_PORT", "9002"}, {"TS_LOG_LEVEL", "debug"}, {"TS_STATIC_DIR", "/srv/ts"}});
    ASSERT_TRUE(r.value) << r.error;
    EXPECT_EQ(r.value->port, 9001);
    EXPECT_EQ(r.value->log_level, log::level::debug);
    EXPECT_EQ(r.value->static_dir, "/srv/ts");
}

TEST(Config, ErrorsNameTheProblem) {
    EXPECT_NE(parse({"--port", "70000"}).error.find("--port"), std::string::npos);
    EXPECT_NE(parse({"--port", "12ab"}).error.find("whole number"), std::string::npos);
    EXPECT_NE(parse({"--nope", "1"}).error.find("unknown flag --nope"), std::string::npos);
    EXPECT_NE(parse({"--port"}).error.find("needs a value"), std::string::npos);
    EXPECT_NE(parse({"--store", "disk"}).error.find("redis or memory"), std::string::npos);
    EXPECT_NE(parse({"--redis", "http://x"}).error.find("redis://"), std::string::npos);
    EXPECT_NE(parse({"--redis", "redis://:pw@host:1"}).error.find("only redis://HOST:PORT"), std::string::npos);
    EXPECT_NE(parse({}, {{"TS_THREADS", "0"}}).error.find("TS_THREADS"), std::string::npos);
    EXPECT_FALSE(parse({"stray"}).value);
    EXPECT_NE(parse({"--log-format", "xml"}).error.find("expected text or json"), std::string::npos);
    EXPECT_NE(parse({"--log-level", "loud"}).error.find("expected debug, info, warn or error"), std::string::npos);
    EXPECT_EQ(parse({"--log-format", "json"}).value->log_format, log::format::json);
    EXPECT_NE(parse({"--tls-cert", "c.pem"}).error.find("--tls-cert and --tls-key go together"), std::string::npos);
    EXPECT_NE(parse({"--tls-key", "k.pem"}).error.find("--tls-cert and --tls-key go together"), std::string::npos);
    EXPECT_EQ(parse({"--tls-cert", "c.pem", "--tls-key", "k.pem"}).value->tls_key, "k.pem");
}

TEST(Config, VoiceNeedsJanusAddressAndSecretTogether) {
    auto r = parse({"--janus", "ws://127.0.0.1:8188", "--voice-secret-file", "/etc/ts/voice"});
    ASSERT_TRUE(r.value) << r.error;
    EXPECT_EQ(r.value->janus_url, "ws://127.0.0.1:8188");
    EXPECT_EQ(r.value->voice_secret_file, "/etc/ts/voice");
    EXPECT_TRUE(parse({}).value->janus_url.empty());  // no voice unless asked for
    EXPECT_NE(parse({"--janus", "ws://127.0.0.1:8188"}).error.find("go together"), std::string::npos);
    EXPECT_NE(parse({"--voice-secret-file", "/etc/ts/voice"}).error.find("go together"), std::string::npos);
    for (const char* bad : {"http://127.0.0.1:8188", "ws://", "ws://host:0", "ws://host:99999", "ws://host:80a"})
        EXPECT_NE(parse({"--janus", bad, "--voice-secret-file", "f"}).error.find("ws://host:port"), std::string::npos)
            << bad;
}

// TURN relays for the browsers: one or more addresses with coturn's secret, and only with voice.
TEST(Config, TurnRelaysComeWithTheirSecretAndWithVoice) {
    const std::vector<const char*> voice = {"--janus", "ws://127.0.0.1:8188", "--voice-secret-file", "v"};
    auto with = [&](std::vector<const char*> more) {
        auto flags = voice;
        flags.insert(flags.end(), more.begin(), more.end());
        return parse(flags);
    };
    auto r = with({"--turn", "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
                   "--turn-secret-file", "/etc/ts/turn", "--turn-lifetime", "3600"});
    ASSERT_TRUE(r.value) << r.error;
    EXPECT_EQ(r.value->turn_urls,
              (std::vector<std::string>{"turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"}));
    EXPECT_EQ(r.value->turn_secret_file, "/etc/ts/turn");
    EXPECT_EQ(r.value->turn_lifetime_seconds, 3600u);
    EXPECT_EQ(with({}).value->turn_lifetime_seconds, 86400u);  // a day unless told
    EXPECT_NE(with({"--turn", "turn:a:3478"}).error.find("go together"), std::string::npos);
    EXPECT_NE(with({"--turn-secret-file", "t"}).error.find("go together"), std::string::npos);
    EXPECT_NE(parse({"--turn", "turn:a:3478", "--turn-secret-file", "t"}).error.find("give --janus too"),
              std::string::npos);
    for (const char* bad : {"http://a", "turn:", "turn:a,", "turn:a b"})
        EXPECT_NE(with({"--turn", bad, "--turn-secret-file", "t"}).error.find("turn:, turns: or stun:"),
                  std::string::npos)
            << bad;
    EXPECT_FALSE(with({"--turn", "turn:a", "--turn-secret-file", "t", "--turn-lifetime", "60"}).value);
}

TEST(JanusUrl, HostPortAndPath) {
    auto a = net::parse_janus_url("ws://janus.internal:8188/janus");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->host, "janus.internal");
    EXPECT_EQ(a->port, "8188");
    EXPECT_EQ(a->path, "/janus");
    auto b = net::parse_janus_url("ws://[::1]:8188");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->host, "::1");
    EXPECT_EQ(b->path, "/");
    EXPECT_EQ(net::parse_janus_url("ws://janus")->port, "80");
}

TEST(Config, ClusterAndSentinelFlags) {
    auto r = parse({"--cluster", "on", "--node-id", "n1", "--lease-ms", "3000", "--redis-sentinel",
                    "10.0.0.1:26379,10.0.0.2:26380", "--redis-master", "meetings", "--durability", "replicated"});
    ASSERT_TRUE(r.value) << r.error;
    EXPECT_TRUE(r.value->cluster);
    EXPECT_EQ(r.value->node_id, "n1");
    EXPECT_EQ(r.value->lease_ms, 3000);
    ASSERT_EQ(r.value->redis.sentinels.size(), 2u);
    EXPECT_EQ(r.value->redis.sentinels[1], (std::pair<std::string, int>{"10.0.0.2", 26380}));
    EXPECT_EQ(r.value->redis.master_name, "meetings");
    EXPECT_EQ(r.value->redis.durability, store::durability::replicated);
    EXPECT_EQ(parse({}).value->redis.durability, store::durability::automatic);
    EXPECT_FALSE(parse({}).value->cluster);

    EXPECT_NE(parse({"--redis-sentinel", "10.0.0.1"}).error.find("HOST:PORT"), std::string::npos);
    EXPECT_NE(parse({"--redis-sentinel", "a:1,b:x"}).error.find("the port of b:x"), std::string::npos);
    EXPECT_NE(parse({"--durability", "always"}).error.find("expected auto, primary or replicated"), std::string::npos);
    EXPECT_NE(parse({"--cluster", "yes"}).error.find("expected off or on"), std::string::npos);
    EXPECT_NE(parse({"--cluster", "on", "--store", "memory"}).error.find("--cluster on needs --store redis"),
              std::string::npos);
    EXPECT_NE(parse({"--lease-ms", "10"}).error.find("--lease-ms"), std::string::npos);
}

TEST(Config, HelpListsEveryFlagWithItsVariable) {
    EXPECT_TRUE(parse({"--help"}).help);
    auto text = help_text();
    for (const char* s : {"--port", "TS_PORT", "--redis", "TS_REDIS", "--threads", "--static-dir", "--log-level",
                          "--store", "--max-frame-bytes", "TS_MAX_FRAME_BYTES"})
        EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(Config, SavingLimitsAndMaintenanceTasks) {
    auto defaults = parse({});
    ASSERT_TRUE(defaults.value);
    EXPECT_EQ(defaults.value->saving.notice_after, std::chrono::milliseconds(2000));
    EXPECT_EQ(defaults.value->maintenance.what, maintenance::task::none);

    auto set = parse({"--save-notice-ms", "500", "--save-wait-limit-ms=3000"}, {{"TS_MAX_UNSAVED_PER_ROOM", "7"}});
    ASSERT_TRUE(set.value) << set.error;
    EXPECT_EQ(set.value->saving.notice_after, std::chrono::milliseconds(500));
    EXPECT_EQ(set.value->saving.refuse_after, std::chrono::milliseconds(3000));
    EXPECT_EQ(set.value->saving.max_unsaved_events, 7u);

    auto verify = parse({"--verify", "--redis", "redis://127.0.0.1:7000"});
    ASSERT_TRUE(verify.value);
    EXPECT_EQ(verify.value->maintenance.what, maintenance::task::verify);
    EXPECT_EQ(verify.value->redis.port, 7000);

    auto repair = parse({"--repair", "room1", "--moderator-key", "k", "--note", "agreed"});
    ASSERT_TRUE(repair.value) << repair.error;
    EXPECT_EQ(repair.value->maintenance.what, maintenance::task::repair);
    EXPECT_EQ(repair.value->maintenance.room_id, "room1");
    EXPECT_EQ(repair.value->maintenance.moderator_key, "k");
    EXPECT_EQ(repair.value->maintenance.note, "agreed");

    auto without_consent = parse({"--repair", "room1"});
    EXPECT_FALSE(without_consent.value);
    EXPECT_NE(without_consent.error.find("--moderator-key"), std::string::npos);
    // A maintenance task is never taken from the environment.
    auto from_env = parse({}, {{"TS_REPAIR", "room1"}, {"TS_VERIFY", "1"}});
    ASSERT_TRUE(from_env.value);
    EXPECT_EQ(from_env.value->maintenance.what, maintenance::task::none);
}

}  // namespace
}  // namespace ts::app
