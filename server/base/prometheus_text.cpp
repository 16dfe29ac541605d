#include "base/prometheus_text.hpp"

#include <cmath>
#include <cstdio>

namespace ts::metrics {
namespace {

// Whole numbers as integers, others with enough digits; the spelling Prometheus reads.
std::string number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (std::isnan(v)) return "NaN";
    char buffer[32];
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
    else
        std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

// Backslash and line feed escaped, and in a label value (quoted) the double quote too.
void append_escaped(std::string& out, std::string_view value, bool quoted) {
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quoted)
            out += "\\\"";
        else
            out += c;
    }
}

}  // namespace

void prometheus_text::family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    append_escaped(out_, help, false);
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
}

void prometheus_text::sample(std::string_view name, const labels& with, double value) {
    out_ += name;
    if (!with.empty()) {
        out_ += '{';
        bool first = true;
        for (const auto& [label, v] : with) {
            if (!first) out_ += ',';
            first = false;
            out_ += label;
            out_ += "=\"";
            append_escaped(out_, v, true);
            out_ += '"';
        }
        out_ += '}';
    }
    out_ += ' ';
    out_ += number(value);
    out_ += '\n';
}

void prometheus_text::histogram(std::string_view name, std::string_view help, const histogram::snapshot& h) {
    family(name, "histogram", help);
    const std::string bucket = std::string(name) + "_bucket";
    for (std::size_t i = 0; i < h.bounds.size(); ++i)
        sample(bucket, {{"le", number(h.bounds[i])}}, static_cast<double>(h.cumulative[i]));
    sample(bucket, {{"le", "+Inf"}}, static_cast<double>(h.count));
    sample(std::string(name) + "_sum", h.sum);
    sample(std::string(name) + "_count", static_cast<double>(h.count));
}

}  // namespace ts::metrics
