#pragma once
// Writes Prometheus's text exposition format (version 0.0.4): each family's HELP and TYPE
// lines, then its samples, label values escaped.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/metrics.hpp"

namespace ts::metrics {

class prometheus_text {
public:
    using labels = std::vector<std::pair<std::string_view, std::string>>;

    // Starts a family: type is "counter", "gauge" or "histogram".
    void family(std::string_view name, std::string_view type, std::string_view help);
    // One sample of the family begun last (for a histogram, use histogram() instead).
    void sample(std::string_view name, const labels& with, double value);
    void sample(std::string_view name, double value) { sample(name, {}, value); }
    // A whole histogram family: its buckets, +Inf, sum and count.
    void histogram(std::string_view name, std::string_view help, const histogram::snapshot& h);

    const std::string& text() const { return out_; }
    static constexpr const char* content_type = "text/plain; version=0.0.4; charset=utf-8";

private:
    std::string out_;
};

}  // namespace ts::metrics
