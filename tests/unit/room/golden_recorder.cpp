// golden_recorder RAW... OUT_DIR: turns raw room logs (EVENT_HEX PRIVATE_HEX per line, as
// the integration tests dump them with TS_GOLDEN_DUMP) into golden files, recording the
// snapshot digest and next deadline the room code of today gives after every entry.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "unit/room/golden_log.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: golden_recorder RAW... OUT_DIR\n");
        return 64;
    }
    std::filesystem::path out_dir = argv[argc - 1];
    for (int i = 1; i < argc - 1; ++i) {
        std::filesystem::path raw = argv[i];
        std::ifstream in(raw);
        std::ofstream out(out_dir / raw.filename().replace_extension(".golden"));
        ts::room::room r("golden");
        for (std::string line; std::getline(in, line);) {
            std::istringstream fields(line);
            std::string e, p;
            fields >> e >> p;
            ts::room::logged_event logged;
            logged.event.ParseFromString(ts::test::from_hex(e));
            logged.hidden.ParseFromString(ts::test::from_hex(p));
            if (auto error = r.replay(logged)) {
                std::fprintf(stderr, "%s: %s\n", raw.c_str(), error->message.c_str());
                return 1;
            }
            auto deadline = r.next_deadline();
            out << e << ' ' << p << ' ' << ts::test::snapshot_digest(r) << ' '
                << (deadline ? std::to_string(*deadline) : "-") << '\n';
        }
    }
    return 0;
}
