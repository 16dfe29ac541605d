// GET /metrics, scraped during a meeting: the figures move as the meeting does, they never
// carry a title, a name or a text, and a token keeps them to the scraper that has it.
#include <google/protobuf/struct.pb.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

using samples = std::map<std::string, double>;  // "name{labels}" -> value

samples scrape(int port, const std::map<std::string, std::string>& headers = {}) {
    auto reply = http_request(port, "GET", "/metrics", "", headers);
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    samples out;
    std::istringstream lines(reply.body);
    static const std::regex sample(R"(^([a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})?) (\S+)$)");
    static const std::regex comment(R"(^# (HELP|TYPE) [a-z_]+ .+$)");
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, m, sample))
            out[m[1]] = std::stod(m[4]);
        else
            EXPECT_TRUE(std::regex_match(line, comment)) << "not in the text format: " << line;
    }
    return out;
}

double at(const samples& s, const std::string& key) {
    auto it = s.find(key);
    return it == s.end() ? 0 : it->second;
}

using MetricsTest = ServerTest;

TEST_F(MetricsTest, TheFiguresMoveAsTheMeetingDoesAndNameNoOne) {
    const auto before = scrape(server->port());
    auto room = create_room("Ward 7 budget, confidential");
    auto ada = client();
    auto bo = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada Lovelace", room.join_code(), room.moderator_key()).has_welcome());
    ASSERT_TRUE(bo->join(room.room_id(), "Bo Diddley", room.join_code()).has_welcome());
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(bo->post("the minibus point " + std::to_string(i)).has_ack());
    pb::ClientMessage clear;
    clear.mutable_clear_queue();
    auto refused = bo->request(clear);
    ASSERT_TRUE(refused.has_error());
    ASSERT_EQ(refused.error().code(), pb::PERMISSION_DENIED);
    ada->wait_for_seq(bo->events().back().seq());

    const auto body = http_request(server->port(), "GET", "/metrics").body;
    for (const char* secret : {"Ward 7", "Ada", "Bo Diddley", "minibus", room.room_id().c_str()})
        EXPECT_EQ(body.find(secret), std::string::npos) << secret << " appears in /metrics";
    const auto after = scrape(server->port());
    auto moved = [&](const std::string& key) { return at(after, key) - at(before, key); };
    EXPECT_EQ(moved(R"(ts_commands_total{command="join",outcome="ok"})"), 2);
    EXPECT_EQ(moved(R"(ts_commands_total{command="post",outcome="ok"})"), 3);
    EXPECT_EQ(moved(R"(ts_commands_total{command="clear_queue",outcome="PERMISSION_DENIED"})"), 1);
    EXPECT_EQ(at(after, "ts_websocket_connections"), 2);
    EXPECT_EQ(at(after, "ts_members_present"), 2);
    EXPECT_EQ(at(after, "ts_rooms_in_use"), 1);
    EXPECT_EQ(at(after, "ts_rooms_loaded"), 1);
    // The room's creation, two joins and three messages, all acknowledged: all durable.
    EXPECT_GE(moved("ts_events_written_total"), 6);
    EXPECT_EQ(at(after, "ts_store_connected"), 1);
    EXPECT_GE(moved("ts_redis_batch_events_count"), 1);
    EXPECT_GE(moved("ts_redis_batch_events_sum"), 6);
    EXPECT_GE(moved("ts_redis_round_trip_seconds_count"), 1);
    EXPECT_EQ(at(after, R"(ts_redis_round_trip_seconds_bucket{le="+Inf"})"),
              at(after, "ts_redis_round_trip_seconds_count"));
    // Everyone's welcome, acknowledgements and the messages to both.
    EXPECT_GE(moved("ts_deliveries_total"), 8);
    EXPECT_GE(moved("ts_frames_delivered_total"), moved("ts_deliveries_total"));
    EXPECT_GT(moved("ts_bytes_sent_total"), 0);
    EXPECT_GT(at(after, "ts_send_queue_bytes_high_water"), 0);
    EXPECT_EQ(moved(R"(ts_http_responses_total{code="201"})"), 1);
    EXPECT_GE(moved(R"(ts_http_responses_total{code="200"})"), 1) << "the scrape before";
    EXPECT_GT(at(after, "process_resident_memory_bytes"), 1e6);
    EXPECT_GE(at(after, "process_open_fds"), 4);

    // People leaving are counted out.
    bo->close();
    ada->close();
    for (int i = 0; i < 500 && at(scrape(server->port()), "ts_members_present") > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto gone = scrape(server->port());
    EXPECT_EQ(at(gone, "ts_members_present"), 0);
    EXPECT_EQ(at(gone, "ts_rooms_in_use"), 0);
}

TEST_F(MetricsTest, WithATokenOnlyAScraperThatSendsItIsAnswered) {
    char path[] = "/tmp/ts-metrics-token-XXXXXX";
    int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ::close(fd);
    std::ofstream(path) << "s3cret-scrape-token\n";
    start_server({"--metrics-token-file", path});
    std::remove(path);

    auto without = http_request(server->port(), "GET", "/metrics");
    EXPECT_EQ(without.status, 401);
    EXPECT_EQ(without.headers["www-authenticate"], "Bearer");
    EXPECT_EQ(
        http_request(server->port(), "GET", "/metrics", "", {{"Authorization", "Bearer s3cret-scrape-toke"}}).status,
        401);
    auto scraped = scrape(server->port(), {{"Authorization", "Bearer s3cret-scrape-token"}});
    EXPECT_EQ(at(scraped, "ts_store_connected"), 1);
}

// docs/grafana-dashboard.json asks only for figures /metrics has.
TEST_F(MetricsTest, TheDashboardQueriesOnlyMetricsTheServerWrites) {
    google::protobuf::Struct dashboard;
    ASSERT_TRUE(
        google::protobuf::util::JsonStringToMessage(read_file(TS_DOCS_DIR "/grafana-dashboard.json"), &dashboard).ok());
    const auto page = http_request(server->port(), "GET", "/metrics").body;
    std::set<std::string> families;
    static const std::regex type_line(R"(# TYPE (\S+) )");
    for (std::sregex_iterator it(page.begin(), page.end(), type_line), end; it != end; ++it) families.insert((*it)[1]);
    static const std::regex name(R"(\b((ts|process)_[a-z_]+))");
    int queried = 0;
    for (const auto& panel : dashboard.fields().at("panels").list_value().values())
        for (const auto& target : panel.struct_value().fields().at("targets").list_value().values()) {
            const auto expr = target.struct_value().fields().at("expr").string_value();
            for (std::sregex_iterator it(expr.begin(), expr.end(), name), end; it != end; ++it) {
                auto metric = (*it)[1].str();
                for (const char* suffix : {"_bucket", "_sum", "_count"})
                    if (metric.ends_with(suffix) && !families.contains(metric))
                        metric.resize(metric.size() - std::string(suffix).size());
                EXPECT_TRUE(families.contains(metric)) << metric << " in " << expr;
                ++queried;
            }
        }
    EXPECT_GE(queried, 20);
}

TEST_F(MetricsTest, JsonLogsAreOneObjectPerLineAndHoldNoWordsNamesOrKeys) {
    start_server({"--log-format", "json"}, true);
    auto room = create_room("Ward 7 budget, confidential");
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada Lovelace", room.join_code(), room.moderator_key()).has_welcome());
    ASSERT_TRUE(ada->post("the minibus point").has_ack());
    ada->close();
    ASSERT_EQ(server->stop(), 0);
    const auto output = server->read_output();

    std::istringstream lines(output);
    int objects = 0;
    bool listening = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("listening http")) continue;  // the port line for scripts, on stdout
        google::protobuf::Struct object;
        ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &object).ok()) << "not JSON: " << line;
        const auto& f = object.fields();
        EXPECT_TRUE(f.contains("time") && f.contains("level") && f.contains("event")) << line;
        EXPECT_TRUE(f.at("time").string_value().ends_with("Z")) << line;
        if (f.at("event").string_value() == "listening") {
            listening = true;
            EXPECT_EQ(f.at("fields").struct_value().fields().at("url").string_value(),
                      "http://127.0.0.1:" + std::to_string(server->port()));
        }
        ++objects;
    }
    EXPECT_GE(objects, 3);
    EXPECT_TRUE(listening) << output;
    for (const auto& secret :
         {std::string("Ward 7"), std::string("Ada"), std::string("minibus"), room.moderator_key(), room.join_code()})
        EXPECT_EQ(output.find(secret), std::string::npos) << secret << " is in the log";
}

}  // namespace
}  // namespace ts::test
