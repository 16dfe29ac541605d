// The Prometheus text format as written for /metrics, and the figures behind it.
#include "base/prometheus_text.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "base/metrics.hpp"

namespace ts::metrics {
namespace {

TEST(PrometheusText, FamiliesSamplesAndEscapedLabels) {
    prometheus_text out;
    out.family("ts_things_total", "counter", "Things, counted.\nTwo lines.");
    out.sample("ts_things_total", {{"kind", "a \"quoted\" back\\slash\nline"}, {"outcome", "ok"}}, 3);
    out.sample("ts_things_total", 0.25);
    EXPECT_EQ(out.text(),
              "# HELP ts_things_total Things, counted.\\nTwo lines.\n"
              "# TYPE ts_things_total counter\n"
              "ts_things_total{kind=\"a \\\"quoted\\\" back\\\\slash\\nline\",outcome=\"ok\"} 3\n"
              "ts_things_total 0.25\n");
}

TEST(PrometheusText, AHistogramHasCumulativeBucketsInfSumAndCount) {
    histogram h({0.1, 1});
    for (double v : {0.05, 0.1, 0.5, 3.0}) h.observe(v);
    prometheus_text out;
    out.histogram("ts_wait_seconds", "Waits.", h.read());
    EXPECT_EQ(out.text(),
              "# HELP ts_wait_seconds Waits.\n# TYPE ts_wait_seconds histogram\n"
              "ts_wait_seconds_bucket{le=\"0.1\"} 2\n"
              "ts_wait_seconds_bucket{le=\"1\"} 3\n"
              "ts_wait_seconds_bucket{le=\"+Inf\"} 4\n"
              "ts_wait_seconds_sum 3.65\n"
              "ts_wait_seconds_count 4\n");
}

TEST(Metrics, CountersAndTheHighWaterHoldUnderManyThreads) {
    counter c;
    high_water most;
    counter_table<4, 2> table;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10000; ++i) {
                c.add();
                most.note(static_cast<std::uint64_t>(t * 10000 + i));
                table.add(static_cast<std::size_t>(t), 1);
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(c.value(), 40000u);
    EXPECT_EQ(most.value(), 39999u);
    EXPECT_EQ(table.value(2, 1), 10000u);
    // Out of range goes to the last row and column, never out of bounds.
    table.add(99, 99);
    EXPECT_EQ(table.value(3, 1), 10001u);
}

}  // namespace
}  // namespace ts::metrics
