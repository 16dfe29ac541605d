#pragma once
// The Gini coefficient of a set of values: how unevenly something (floor time) is shared.
// Header-only: the room's figures and the minutes both use it.
#include <algorithm>
#include <vector>

namespace ts {

// 0 when all values are equal (or all zero, or fewer than two), towards 1 when one holds
// everything.
inline double gini(std::vector<double> values) {
    if (values.size() < 2) return 0;
    double sum = 0;
    for (double v : values) sum += v;
    if (sum <= 0) return 0;
    std::sort(values.begin(), values.end());
    // G = (2 * sum_i i*x_i) / (n * sum) - (n + 1) / n, with i from 1, x sorted ascending.
    double weighted = 0;
    for (std::size_t i = 0; i < values.size(); ++i) weighted += static_cast<double>(i + 1) * values[i];
    const double n = static_cast<double>(values.size());
    const double g = 2 * weighted / (n * sum) - (n + 1) / n;
    return g < 0 ? 0 : g;
}

}  // namespace ts
