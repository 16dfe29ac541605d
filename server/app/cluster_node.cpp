#include "app/cluster_node.hpp"

#include <unistd.h>

#include <chrono>
#include <set>

#include "base/log.hpp"
#include "app/random_token.hpp"
#include "app/relay_sink.hpp"
#include "app/room_directory.hpp"
#include "app/stored_event.hpp"
#include "net/server_frames.hpp"

namespace ts::app {

namespace pb = talkingstick::v1;

namespace {

// Connections of other nodes are numbered apart from this node's own (which count up from 1).
constexpr std::uint64_t remote_ids_from = std::uint64_t{1} << 62;

std::string default_node_id() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0 || !host[0]) std::snprintf(host, sizeof host, "node");
    return std::string(host) + "-" + random_room_id(6);
}

}  // namespace

cluster_node::cluster_node(const store::redis_options& redis, cluster_options options, store::event_log& log)
    : options_(std::move(options)),
      log_(log),
      link_(redis),
      leases_(link_, options_.node_id.empty() ? (options_.node_id = default_node_id()) : options_.node_id,
              options_.lease_ms) {
    store::node_mailbox::handlers handlers;
    handlers.on_message = [this](store::node_message m) { on_message(std::move(m)); };
    handlers.on_log = [this](const std::string& room_id, std::uint64_t last_seq) { on_log(room_id, last_seq); };
    mailbox_ = std::make_shared<store::node_mailbox>(redis, options_.node_id, options_.lease_ms, std::move(handlers));
}

cluster_node::~cluster_node() {
    {
        ts::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (watcher_.joinable()) watcher_.join();
    directory_ = nullptr;
    // Relay sinks may still hold the mailbox: it stops now, and only queues from then on.
    mailbox_->stop();
}

void cluster_node::serve(room_directory& directory) {
    directory_ = &directory;
    log::info("cluster: this is node " + options_.node_id);
    watcher_ = std::thread([this] { watch(); });
}

void cluster_node::stop() {
    {
        ts::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (watcher_.joinable()) watcher_.join();
    // Nothing reaches the rooms from here on.
    mailbox_->stop();
    auto* directory = directory_.exchange(nullptr);
    if (!directory) return;
    for (const auto& host : directory->hosts()) {
        if (host->replica() || host->epoch() == 0) continue;
        try {
            leases_.release(host->id(), host->epoch());
        } catch (const std::exception& e) {
            log::warn("cluster: room " + host->id() + ": its lease could not be given up (" + e.what() +
                      "); it lapses by itself");
        }
    }
}

std::optional<std::uint64_t> cluster_node::acquire(const std::string& room_id) { return leases_.acquire(room_id); }

std::optional<store::room_owner> cluster_node::owner(const std::string& room_id) { return leases_.owner(room_id); }

void cluster_node::following(const std::string& room_id, std::uint64_t after_seq, store::room_owner owner,
                             const void* host) {
    {
        ts::lock_guard lock(mutex_);
        owners_[room_id] = followed_room{std::move(owner), host};
    }
    mailbox_->follow(room_id, after_seq);
}

void cluster_node::dropped(const std::string& room_id, std::uint64_t epoch, const void* host) {
    if (epoch == 0) {
        ts::lock_guard lock(mutex_);
        auto it = owners_.find(room_id);
        // (The room may have been loaded again, as another replica, before this came.)
        if (it == owners_.end() || it->second.host != host) return;
        owners_.erase(it);
        mailbox_->unfollow(room_id);
        return;
    }
    try {
        leases_.release(room_id, epoch);
    } catch (const std::exception& e) {
        log::warn("cluster: room " + room_id + ": its lease could not be given up (" + e.what() + ")");
    }
}

void cluster_node::forward(const std::string& room_id, std::uint64_t connection_id,
                           std::optional<pb::ClientMessage> message) {
    std::string owner;
    {
        ts::lock_guard lock(mutex_);
        auto it = owners_.find(room_id);
        if (it == owners_.end()) return;
        owner = it->second.owner.node;
    }
    mailbox_->send(owner, {message ? "command" : "gone", room_id, options_.node_id, connection_id,
                           message ? message->SerializeAsString() : std::string(), 0});
}

void cluster_node::on_message(store::node_message m) {
    auto* directory = directory_.load();
    if (!directory) return;
    if (m.kind == "reply" || m.kind == "finish") {
        auto host = directory->loaded(m.room_id);
        if (!host || !host->replica()) return;
        if (m.kind == "reply")
            host->relayed(m.connection_id, std::move(m.payload));
        else
            host->relayed_finish(m.connection_id, m.code, std::move(m.payload));
        return;
    }
    const auto key = std::make_pair(m.from_node, m.connection_id);
    if (m.kind == "gone") {
        std::optional<remote_connection> gone;
        {
            ts::lock_guard lock(mutex_);
            if (auto it = remotes_.find(key); it != remotes_.end()) {
                gone = it->second;
                remotes_.erase(it);
            }
        }
        if (gone) directory->disconnected(gone->room_id, gone->local_id);
        return;
    }
    if (m.kind != "command") return;
    pb::ClientMessage message;
    if (!message.ParseFromString(m.payload)) return;  // the sending node checked it: never from a client as is
    std::uint64_t local_id = 0;
    {
        ts::lock_guard lock(mutex_);
        auto [it, added] = remotes_.try_emplace(key, remote_connection{m.room_id, 0});
        if (added) it->second.local_id = remote_ids_from + next_remote_id_++;
        local_id = it->second.local_id;
    }
    auto sink = std::make_shared<relay_sink>(mailbox_, m.from_node, m.room_id, m.connection_id);
    const auto request_id = message.request_id();
    if (!directory->submit(m.room_id, std::move(message), sink, local_id))
        sink->send(net::error_frame(request_id, pb::NOT_FOUND, "no such room"));
}

void cluster_node::on_log(const std::string& room_id, std::uint64_t last_seq) {
    auto* directory = directory_.load();
    if (!directory) return;
    auto host = directory->loaded(room_id);
    if (!host || !host->replica()) return;
    const auto from = host->followed_seq() + 1;
    if (last_seq < from) return;
    auto entries = log_.load_range(room_id, from, last_seq, static_cast<std::size_t>(last_seq - from + 1));
    auto read = read_entries(entries, from, last_seq);
    if (read.damage) {
        host->let_go("its record cannot be read from " + std::to_string(read.damage->from_seq));
        return;
    }
    host->follow(std::move(read.events));
}

void cluster_node::watch() {
    const auto every = std::chrono::milliseconds(std::max(1, options_.lease_ms / 3));
    while (true) {
        {
            ts::unique_lock lock(mutex_);
            if (wake_.wait_for(lock.native(), every, [&]() TS_REQUIRES(mutex_) { return stopping_; })) return;
        }
        try {
            check_rooms();
            check_nodes();
            check_deadlines();
        } catch (const std::exception& e) {
            log::warn(std::string("cluster: cannot check leases now (Redis?): ") + e.what());
        }
    }
}

void cluster_node::check_rooms() {
    auto* directory = directory_.load();
    if (!directory) return;
    std::vector<std::pair<std::string, std::uint64_t>> owned;
    std::map<std::string, std::shared_ptr<room_host>> by_id;
    std::vector<std::shared_ptr<room_host>> replicas;
    for (auto& host : directory->hosts()) {
        if (host->replica())
            replicas.push_back(host);
        else if (host->epoch() > 0)
            owned.emplace_back(host->id(), host->epoch());
        by_id[host->id()] = host;
    }
    for (const auto& lost : leases_.renew(owned))
        by_id[lost]->let_go("this node's lease on it lapsed and another node may own it now");
    for (const auto& host : replicas) {
        auto now = leases_.owner(host->id());
        std::optional<store::room_owner> known;
        {
            ts::lock_guard lock(mutex_);
            if (auto it = owners_.find(host->id()); it != owners_.end() && it->second.host == host.get())
                known = it->second.owner;
        }
        if (!now || !known || now->node != known->node || now->epoch != known->epoch)
            host->let_go(now ? "it has a new owner, node " + now->node : "its owner is gone");
    }
}

void cluster_node::deadline(const std::string& room_id, std::optional<std::int64_t> next) {
    ts::lock_guard lock(mutex_);
    deadlines_[room_id] = next;
}

void cluster_node::check_deadlines() {
    std::map<std::string, std::optional<std::int64_t>> changed;
    {
        ts::lock_guard lock(mutex_);
        changed.swap(deadlines_);
    }
    for (const auto& [room_id, next] : changed) {
        if (next)
            link_.run({"ZADD", deadlines_key, std::to_string(*next), room_id});
        else
            link_.run({"ZREM", deadlines_key, room_id});
    }
    auto* directory = directory_.load();
    if (!directory) return;
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    auto due = link_.run({"ZRANGEBYSCORE", deadlines_key, "-inf", std::to_string(now), "LIMIT", "0", "100"});
    for (std::size_t i = 0; due->type == REDIS_REPLY_ARRAY && i < due->elements; ++i) {
        const std::string room_id(due->element[i]->str, due->element[i]->len);
        if (directory->loaded(room_id) || leases_.owner(room_id)) continue;  // its owner sees to it
        // Nobody owns a room whose clock is due: this node takes it, and its clock runs.
        if (link_.run({"EXISTS", store::redis_event_log::log_key(room_id)})->integer != 1) {  // deleted since
            link_.run({"ZREM", deadlines_key, room_id});
            continue;
        }
        log::info("cluster: room " + room_id + " has a clock due and no owner; taking it");
        directory->wake(room_id);
    }
}

void cluster_node::check_nodes() {
    auto* directory = directory_.load();
    if (!directory) return;
    std::set<std::string> nodes;
    {
        ts::lock_guard lock(mutex_);
        for (const auto& [key, remote] : remotes_) nodes.insert(key.first);
    }
    for (const auto& node : nodes) {
        if (mailbox_->alive(node)) continue;
        log::info("cluster: node " + node + " is gone; the people connected through it have left");
        std::vector<remote_connection> gone;
        {
            ts::lock_guard lock(mutex_);
            for (auto it = remotes_.lower_bound({node, 0}); it != remotes_.end() && it->first.first == node;) {
                gone.push_back(it->second);
                it = remotes_.erase(it);
            }
        }
        for (const auto& remote : gone) directory->disconnected(remote.room_id, remote.local_id);
    }
}

}  // namespace ts::app
