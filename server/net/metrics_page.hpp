#pragma once
// GET /metrics: the server's figures in Prometheus's text format. Counts only: no room id,
// title, name or text is ever a label.
#include <string>

#include "net/server_context.hpp"

namespace ts::net {

std::string metrics_page(server_context& context);

}  // namespace ts::net
