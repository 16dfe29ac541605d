#include <cstdio>
#include <cstdlib>

#include "app/config.hpp"
#include "app/log_maintenance.hpp"
#include "app/server.hpp"

int main(int argc, char** argv) {
    auto parsed = ts::app::parse_config(argc, argv, [](const char* name) { return std::getenv(name); });
    if (parsed.help) {
        std::fputs(ts::app::help_text().c_str(), stdout);
        return 0;
    }
    if (!parsed.value) {
        std::fprintf(stderr, "talkingstick: %s\n", parsed.error.c_str());
        return 64;  // EX_USAGE
    }
    using task = ts::app::maintenance::task;
    switch (parsed.value->maintenance.what) {
        case task::verify: return ts::app::verify_logs(*parsed.value, stdout);
        case task::repair: return ts::app::repair_log(*parsed.value, stdout);
        case task::none: break;
    }
    return ts::app::run_server(*parsed.value);
}
