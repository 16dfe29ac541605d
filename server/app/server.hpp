#pragma once
// Wires the parts together and runs them until SIGINT or SIGTERM.
#include "app/config.hpp"

namespace ts::app {

// Returns the process exit code: 0 after a clean stop, non-zero if start-up failed.
int run_server(const config& cfg);

}  // namespace ts::app
