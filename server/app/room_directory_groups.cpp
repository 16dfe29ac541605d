// Carrying a plenary's small groups to its tables' rooms and their reports back. Each table
// is a room of its own, with its own log: the plenary's events say what should be, and this
// brings the tables in line (room::link_table), any number of times, so that a restart or a
// lost step is mended by the next run.
#include <boost/asio/post.hpp>

#include <algorithm>

#include "app/cluster_node.hpp"
#include "app/random_token.hpp"
#include "app/room_directory.hpp"
#include "base/log.hpp"

namespace ts::app {

void room_directory::sync_groups(const std::shared_ptr<room_host>& plenary) {
    if (plenary->replica()) return;  // its owner does this
    plenary->groups_work([this, plenary](std::vector<room::table_link> links, std::vector<std::string> reports) {
        for (const auto& link : links) {
            const bool report = std::find(reports.begin(), reports.end(), link.room_id) != reports.end();
            table_room(link, [plenary, report, link](std::shared_ptr<room_host> table) {
                if (!table) return log::warn("table " + link.room_id + " cannot be reached now; tried again later");
                table->link_table(link, report, [plenary](std::optional<pb::TableReported> r) {
                    if (r) plenary->receive_table_report(std::move(*r));
                });
            });
        }
    });
}

void room_directory::table_room(const room::table_link& link, std::function<void(std::shared_ptr<room_host>)> use) {
    // Its own keys are never handed out: people come in with their plenary credential,
    // moderators with the plenary's key (TableLinked).
    linked_room(
        link.room_id, "table",
        [link](room_host& host, create_done done) {
            host.create_table(random_token(), random_token(), link, std::move(done));
        },
        std::move(use));
}

void room_directory::linked_room(const std::string& room_id, const std::string& what, create_fn create,
                                 std::function<void(std::shared_ptr<room_host>)> use) {
    auto make = [this, room_id, what, create](room_holding holding) -> std::shared_ptr<room_host> {
        std::shared_ptr<room_host> host;
        {
            ts::exclusive_lock lock(mutex_);
            if (auto it = rooms_.find(room_id); it != rooms_.end()) return it->second;
            if (unloaded_.count(room_id)) return nullptr;
            if (live_rooms() >= max_rooms_) {
                log::warn(what + " " + room_id + " not opened: this server has reached its limit of rooms");
                return nullptr;
            }
            host = make_host(room::room(room_id, limits_), std::nullopt, holding);
            rooms_[room_id] = host;
        }
        create(*host, [this, room_id, what](auto error) {
            if (!error) return log::info(what + " " + room_id + " opened");
            log::warn(what + " " + room_id + " could not be opened: " + error->message);
            ts::exclusive_lock lock(mutex_);
            rooms_.erase(room_id);
        });
        return host;
    };
    if (!cluster_) {
        if (auto host = make({})) return use(std::move(host));
        if (!with_room(room_id, use)) use(nullptr);
        return;
    }
    // In a cluster: the room is loaded if some node made it (owned here if nobody holds it);
    // made here, its lease taken first, if no node has it. (A room another node holds is not
    // reached from here: room_host::link_table, link_meeting.)
    auto make_here = [this, room_id, what, make, use]() {
        boost::asio::post(store_reads_, [this, room_id, what, make, use] {
            try {
                if (auto epoch = cluster_->acquire(room_id)) {
                    if (auto host = make(room_holding{*epoch, false})) return use(std::move(host));
                    cluster_->dropped(room_id, *epoch, nullptr);
                }
            } catch (const std::exception& e) {
                log::warn(what + " " + room_id + ": " + e.what());
            }
            use(nullptr);
        });
    };
    auto found = [this, room_id, use, make_here](std::shared_ptr<room_host> host) {
        if (host) return use(std::move(host));
        if (absent(room_id)) return make_here();
        use(nullptr);
    };
    if (!with_room(room_id, found)) make_here();
}

}  // namespace ts::app
