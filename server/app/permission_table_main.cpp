// Prints the README's "Who may do what" from the commands' policies (scripts/permissions
// puts it between the permission-matrix markers of README.md).
#include <cstdio>

#include "room/permission_table.hpp"
#include "room/room.hpp"

int main() {
    const ts::room::room room("permissions", ts::room::room_limits{}, ts::room::turn_defaults{});
    std::fputs(ts::room::permission_table(room.policies()).c_str(), stdout);
    return 0;
}
