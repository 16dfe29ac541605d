#include "app/room_directory.hpp"

#include <boost/asio/post.hpp>
#include <mutex>

#include "base/log.hpp"
#include "base/metrics.hpp"
#include "app/cluster_node.hpp"
#include "app/log_replay.hpp"
#include "app/random_token.hpp"
#include "app/transcript_stream.hpp"
#include "net/server_frames.hpp"
#include "room/text_limits.hpp"

namespace ts::app {

room_directory::room_directory(boost::asio::io_context& io, store::event_log& log, const room::clock& clock,
                               room::room_limits limits, std::size_t max_rooms, save_limits saving)
    : io_(io), log_(log), clock_(clock), limits_(limits), max_rooms_(max_rooms), saving_(saving) {}

room_directory::~room_directory() {
    if (scrub_) scrub_->stop();
    store_reads_.join();
    upkeep_.join();
}

std::shared_ptr<room_host> room_directory::make_host(room::room state, std::optional<pb::RoomStatus> read_only,
                                                     room_holding holding) {
    room_host::hooks hooks;
    hooks.on_damage = [this](std::shared_ptr<room_host> host, const pb::RoomStatus& status, std::string problem) {
        reload_damaged(std::move(host), status, std::move(problem));
    };
    hooks.on_erase = [this](std::shared_ptr<room_host> host) {
        // On the host's strand: what goes with it is read now, and deleted once it is gone.
        auto with = host->rooms_deleted_with();
        erase(std::move(host), std::move(with));
    };
    hooks.on_read_damage = [this](const std::string& room_id, const record_damage& damage) {
        report_read_damage(room_id, damage);
    };
    hooks.on_let_go = [this](std::shared_ptr<room_host> host) { forget(host); };
    hooks.on_groups = [this](std::shared_ptr<room_host> host) { sync_groups(host); };
    hooks.on_series = [this](const std::string& series_id) { sync_series(series_id); };
    hooks.on_table_status = [this](const std::string& plenary_id, pb::TableStatus status) {
        // (In a cluster, a plenary held by another node does not hear it: README, limits.)
        if (auto plenary = find(plenary_id)) plenary->table_status(std::move(status));
    };
    if (voice_) {
        hooks.on_voice = [voice = voice_](std::shared_ptr<room_host> host, std::optional<voice_plan> plan) {
            if (!plan) return voice->forget(host->id());
            std::weak_ptr<room_host> weak = host;
            voice->plan(
                host->id(), std::move(*plan),
                [weak](pb::VoiceStatus status) {
                    if (auto h = weak.lock()) h->voice_status(std::move(status));
                },
                [weak](pb::VoiceSpoken spoken) {
                    if (auto h = weak.lock()) h->record_voice(std::move(spoken));
                });
        };
        hooks.on_voice_signal = [voice = voice_](const std::string& room_id, std::uint64_t connection_id,
                                                 std::string member_id, pb::ClientMessage message,
                                                 std::shared_ptr<net::frame_sink> sink) {
            voice->signal(room_id, connection_id, std::move(member_id), std::move(message), std::move(sink));
        };
        hooks.on_voice_gone = [voice = voice_](const std::string& room_id, std::uint64_t connection_id) {
            voice->gone(room_id, connection_id);
        };
        hooks.ice_servers = [voice = voice_](const std::string& room_id) { return voice->ice_servers(room_id); };
    }
    if (cluster_) {
        hooks.forward = [cluster = cluster_](const std::string& room_id, std::uint64_t connection_id,
                                             std::optional<pb::ClientMessage> message) {
            cluster->forward(room_id, connection_id, std::move(message));
        };
        hooks.on_deadline = [cluster = cluster_](const std::string& room_id, std::optional<std::int64_t> next) {
            cluster->deadline(room_id, next);
        };
    }
    return std::make_shared<room_host>(io_, std::move(state), log_, clock_, saving_, store_reads_.get_executor(),
                                       std::move(hooks), std::move(read_only), holding);
}

void room_directory::forget(const std::shared_ptr<room_host>& host) {
    {
        ts::exclusive_lock lock(mutex_);
        auto it = rooms_.find(host->id());
        if (it == rooms_.end() || it->second != host) return;
        rooms_.erase(it);
        // Loaded again by the next command for it.
        unloaded_[host->id()] = unloaded_room{std::nullopt, host->closed()};
    }
    // Blocking (a lease given up): off the network threads.
    if (cluster_)
        // (The host is held until then, so that no new host can take its address meanwhile.)
        boost::asio::post(upkeep_, [cluster = cluster_, host] {
            cluster->dropped(host->id(), host->replica() ? 0 : host->epoch(), host.get());
        });
}

void room_directory::wake(const std::string& room_id) {
    with_room(room_id, [](const std::shared_ptr<room_host>&) {});
}

std::vector<std::shared_ptr<room_host>> room_directory::hosts() const {
    ts::shared_lock lock(mutex_);
    std::vector<std::shared_ptr<room_host>> all;
    all.reserve(rooms_.size());
    for (const auto& [id, host] : rooms_) all.push_back(host);
    return all;
}

bool room_directory::absent(const std::string& room_id) const {
    ts::shared_lock lock(mutex_);
    return absent_.count(room_id) > 0;
}

std::shared_ptr<room_host> room_directory::load_host(const std::string& room_id, bool& absent) {
    absent = false;
    if (!cluster_) return host_of(room_id, load_room(log_, room_id, limits_));
    // Owned when nobody owns it (the lease first, so that nothing is written in between);
    // otherwise a replica of the owner's log, from the snapshot on.
    room_holding holding;
    std::optional<store::room_owner> owner;
    for (int attempt = 0; attempt < 2 && !owner; ++attempt) {
        if (auto epoch = cluster_->acquire(room_id)) {
            holding.epoch = *epoch;
            break;
        }
        owner = cluster_->owner(room_id);  // (gone meanwhile: try to take it again)
    }
    if (!holding.epoch && !owner) throw std::runtime_error("its owner could not be found");
    holding.replica = !holding.epoch;
    auto loaded = load_room(log_, room_id, limits_);
    if (!loaded.replayed.state.created() && !loaded.replayed.damage) {
        absent = true;
        if (holding.epoch) cluster_->dropped(room_id, holding.epoch, nullptr);
        return nullptr;
    }
    const auto after_seq = loaded.replayed.state.last_seq();
    auto host = host_of(room_id, std::move(loaded), holding);
    if (!host && holding.epoch) cluster_->dropped(room_id, holding.epoch, nullptr);
    if (host && holding.replica) cluster_->following(room_id, after_seq, *owner, host.get());
    if (host)
        log::info("room " + room_id +
                  (holding.replica ? ": followed here, owned by node " + owner->node
                                   : ": owned here at epoch " + std::to_string(holding.epoch)));
    return host;
}

bool room_directory::unreadable(const std::string& room_id) const {
    ts::lock_guard lock(damage_mutex_);
    auto it = damaged_.find(room_id);
    return it != damaged_.end() && !it->second.served;
}

void room_directory::forget_unreadable(const std::string& room_id) {
    ts::lock_guard lock(damage_mutex_);
    if (auto it = damaged_.find(room_id); it != damaged_.end() && !it->second.served) damaged_.erase(it);
}

void room_directory::report_read_damage(const std::string& room_id, const record_damage& damage) {
    ts::lock_guard lock(damage_mutex_);
    if (damaged_.count(room_id)) return;
    log::error("INTEGRITY: room " + room_id + ": " + damage_words(damage) + " See talkingstick --verify.");
    damaged_[room_id] =
        net::damaged_room{room_id, damage.from_seq - 1, damage.from_seq, damage.problem, true, damage.to_seq, false};
}

net::room_gateway::scrub_progress room_directory::scrubbed() const {
    if (!scrub_) return {};
    const auto read = scrub_->read_so_far();
    return {read.passes, read.entries};
}

void room_directory::start_scrub(std::size_t entries_per_second) {
    scrub_ = std::make_unique<record_scrub>(
        io_, store_reads_.get_executor(), log_,
        [this] {
            ts::shared_lock lock(mutex_);
            std::vector<std::string> ids;
            for (const auto& [id, host] : rooms_) ids.push_back(id);
            for (const auto& [id, unloaded] : unloaded_) ids.push_back(id);
            return ids;
        },
        [this](const std::string& room_id, const record_damage& damage) { report_read_damage(room_id, damage); });
    scrub_->start(entries_per_second);
}

void room_directory::report_damage(net::damaged_room damage) {
    ts::lock_guard lock(damage_mutex_);
    damaged_[damage.room_id] = std::move(damage);
}

std::vector<net::damaged_room> room_directory::damaged_rooms() const {
    ts::lock_guard lock(damage_mutex_);
    std::vector<net::damaged_room> out;
    for (const auto& [id, d] : damaged_) out.push_back(d);
    return out;
}

void room_directory::reload_damaged(std::shared_ptr<room_host> host, const pb::RoomStatus& status,
                                    std::string problem) {
    report_damage({host->id(), status.readable_up_to_seq(), status.damaged_from_seq(), problem, true});
    boost::asio::post(upkeep_, [this, host = std::move(host), problem = std::move(problem)] {
        const auto& id = host->id();
        try {
            auto replayed = replay_log(id, log_.load(id), limits_);
            auto good = replayed.state.last_seq();
            auto status = replayed.damage ? damaged_status(*replayed.damage) : pb::RoomStatus{};
            if (!replayed.damage) {
                // The record reads cleanly, but this server's copy of the room had gone
                // another way: serve what is stored, read-only, until a restart.
                status.set_read_only(true);
                status.set_readable_up_to_seq(good);
                status.set_damaged_from_seq(good + 1);
                status.set_reason(
                    "Its stored record no longer matches what the server held. You can read "
                    "everything saved, but nothing new can be added. The server's operator has been "
                    "told.");
            }
            report_damage({id, status.readable_up_to_seq(), status.damaged_from_seq(),
                           replayed.damage ? replayed.damage->problem : problem, true});
            if (replayed.state.created()) host->adopt_read_only(std::move(replayed.state), std::move(status));
        } catch (const std::exception& e) {
            // The host stays read-only with what it had; a restart reloads it.
            report_damage({id, 0, 0, problem + " (and it could not be reloaded: " + e.what() + ")", true});
        }
    });
}

void room_directory::erase(std::shared_ptr<room_host> host, std::vector<std::string> with) {
    boost::asio::post(upkeep_, [this, host = std::move(host), with = std::move(with)] {
        bool ok = false;
        try {
            ok = log_.erase(host->id());
        } catch (const std::exception& e) {
            log::error("room " + host->id() + ": its record could not be deleted: " + e.what());
        }
        if (ok) {
            ts::exclusive_lock rooms(mutex_);
            rooms_.erase(host->id());
            log::info("room " + host->id() + ": deleted, with its record, by a moderator");
        }
        host->erased(ok);
        // A series' meetings go with it (each is loaded first if it is not in memory).
        if (ok)
            for (const auto& id : with)
                with_room(id, [](std::shared_ptr<room_host> meeting) {
                    if (meeting) meeting->delete_with_series();
                });
    });
}

void room_directory::start_retention_sweeps(std::chrono::seconds interval) {
    retention_interval_ = interval;
    retention_timer_ = std::make_unique<boost::asio::steady_timer>(io_);
    sweep_retention();
}

void room_directory::sweep_retention() {
    retention_timer_->expires_after(retention_interval_);
    retention_timer_->async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        std::vector<std::shared_ptr<room_host>> hosts;
        std::vector<std::string> due_unloaded;
        const auto now = clock_.now_ms();
        {
            ts::shared_lock lock(mutex_);
            for (const auto& [id, host] : rooms_) hosts.push_back(host);
            for (const auto& [id, unloaded] : unloaded_)
                if (unloaded.expires_at_ms && *unloaded.expires_at_ms <= now) due_unloaded.push_back(id);
        }
        for (const auto& host : hosts) host->expire_if_due(now);
        // An unloaded room is loaded to be deleted, the same way as one in memory.
        for (const auto& id : due_unloaded)
            with_room(id, [now](std::shared_ptr<room_host> host) {
                if (host) host->expire_if_due(now);
            });
        sweep_retention();
    });
}

std::shared_ptr<room_host> room_directory::host_of(const std::string& id, loaded_room loaded, room_holding holding) {
    auto& replayed = loaded.replayed;
    std::optional<pb::RoomStatus> read_only;
    if (replayed.damage) {
        const auto& d = *replayed.damage;
        log::error("room " + id + ": its log is damaged at entry " + std::to_string(d.bad_seq) + " (" + d.problem +
                   "); readable up to " + std::to_string(d.readable_up_to) + ", " + std::to_string(d.entries_after) +
                   " entries after that. " +
                   (replayed.state.created() ? "Served read-only." : "Not served: nothing of it can be read.") +
                   " See talkingstick --verify and --repair.");
        report_damage({id, d.readable_up_to, d.bad_seq, d.problem, replayed.state.created()});
        if (!replayed.state.created()) return nullptr;
        read_only = damaged_status(d);
    } else if (!holding.replica &&
               replayed.events >= std::max<std::size_t>(limits_.snapshot_every_events, loaded.snapshot_bytes / 1024)) {
        // As far past its last snapshot as the room would write the next (room_host), or it had
        // none: the next load starts from here.
        log_.save_snapshot(id, {replayed.state.last_seq(), replayed.state.save_state()});
    }
    if (read_only && holding.replica) return nullptr;  // (its owner serves it read-only)
    auto host = make_host(std::move(replayed.state), std::move(read_only), holding);
    // The owner starts with nobody present: everyone reconnects to it. A replica shows the owner's.
    if (!holding.replica) host->end_presence();
    return host;
}

restore_report room_directory::restore() {
    restore_report report;
    if (cluster_) {
        // Each room is loaded by whichever node someone asks first, and owned by it.
        auto ids = log_.room_ids();
        ts::exclusive_lock lock(mutex_);
        for (auto& id : ids) unloaded_[std::move(id)] = unloaded_room{};
        return report;
    }
    for (const auto& id : log_.room_ids()) {
        // Each room on its own: one room's damage is never every room's outage. A room that
        // cannot be read now is listed, and tried again when someone asks for it.
        std::optional<loaded_room> read;
        try {
            read.emplace(load_room(log_, id, limits_));
        } catch (const std::exception& e) {
            log::error("room " + id + ": its record cannot be read (" + e.what() +
                       "); not served for now. See talkingstick --verify.");
            report_damage({id, 0, 1, std::string("its record cannot be read: ") + e.what(), false});
            ++report.unreadable_rooms;
            ts::exclusive_lock lock(mutex_);
            unloaded_[id] = unloaded_room{};
            continue;
        }
        auto& loaded = *read;
        if (!loaded.replayed.state.created() && !loaded.replayed.damage) {
            // Registered, but its first event never landed: the room was never created.
            log::warn("room " + id + ": registered, but its log is empty; not served");
            continue;
        }
        report.events += loaded.replayed.events;
        const bool damaged = loaded.replayed.damage.has_value();
        auto host = host_of(id, std::move(loaded));
        if (!host) {
            ++report.unreadable_rooms;
            ts::exclusive_lock lock(mutex_);
            unloaded_[id] = unloaded_room{};  // asked for, it is tried again (and said to be damaged)
            continue;
        }
        ++(damaged ? report.damaged_rooms : report.rooms);
        ts::exclusive_lock lock(mutex_);
        rooms_[id] = std::move(host);
    }
    // Once every room is in: a plenary's tables are found, not made again.
    for (const auto& host : hosts()) {
        sync_groups(host);
        sync_series(host);
    }
    return report;
}

bool room_directory::with_room(const std::string& room_id, std::function<void(std::shared_ptr<room_host>)> use) {
    // Nearly every command finds its room in memory: a shared lock, so that commands for
    // different rooms never queue behind each other here.
    if (auto host = find(room_id)) {
        use(std::move(host));
        return true;
    }
    {
        ts::exclusive_lock lock(mutex_);
        if (auto it = rooms_.find(room_id); it != rooms_.end()) {
            auto host = it->second;
            lock.unlock();
            use(std::move(host));
            return true;
        }
        // In a cluster, a room may have been created on another node since this one started.
        if (!unloaded_.count(room_id) && !(cluster_ && !absent_.count(room_id))) return false;
        auto& waiting = loading_[room_id];
        waiting.push_back(std::move(use));
        if (waiting.size() > 1) return true;  // already being loaded
    }
    boost::asio::post(store_reads_, [this, room_id] {
        std::shared_ptr<room_host> host;
        bool none = false;
        try {
            host = load_host(room_id, none);
            if (host) log::info("room " + room_id + ": loaded again");
            if (host) forget_unreadable(room_id);
        } catch (const std::exception& e) {
            log::warn("room " + room_id + ": could not be loaded now: " + e.what());
        }
        std::vector<std::function<void(std::shared_ptr<room_host>)>> waiting;
        {
            ts::exclusive_lock lock(mutex_);
            if (host) {
                rooms_[room_id] = host;
                unloaded_.erase(room_id);
            }
            if (none && cluster_) {
                if (absent_.size() >= 10000) absent_.clear();
                absent_.insert(room_id);
                unloaded_.erase(room_id);
            }
            waiting.swap(loading_[room_id]);
            loading_.erase(room_id);
        }
        // A plenary with groups under way, or reports still to come: its tables hear of it.
        if (host) sync_groups(host);
        for (auto& use : waiting) use(host);
    });
    return true;
}

void room_directory::start_unloading(std::chrono::seconds idle_for) {
    idle_for_ = idle_for;
    unload_timer_ = std::make_unique<boost::asio::steady_timer>(io_);
    unload_idle();
}

void room_directory::unload_idle() {
    unload_timer_->expires_after(std::clamp(idle_for_ / 4, std::chrono::seconds(1), std::chrono::seconds(60)));
    unload_timer_->async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        std::vector<std::shared_ptr<room_host>> hosts;
        {
            ts::shared_lock lock(mutex_);
            for (const auto& [id, host] : rooms_) hosts.push_back(host);
        }
        for (const auto& host : hosts) {
            const auto id = host->id();
            host->retire_if_idle(
                idle_for_,
                [this, id](pb::ClientMessage message, std::shared_ptr<net::frame_sink> sink,
                           std::uint64_t connection_id) {
                    const auto request_id = message.request_id();
                    if (!submit(id, std::move(message), sink, connection_id))
                        sink->send(net::error_frame(request_id, pb::NOT_FOUND, "no such room"));
                },
                [this, id, host](std::optional<std::int64_t> expires_at_ms) {
                    {
                        ts::exclusive_lock lock(mutex_);
                        auto it = rooms_.find(id);
                        if (it == rooms_.end() || it->second != host) return;
                        rooms_.erase(it);
                        unloaded_[id] = unloaded_room{expires_at_ms, host->closed()};
                        log::info("room " + id + ": unloaded from memory after being idle");
                    }
                    if (cluster_)
                        boost::asio::post(upkeep_, [cluster = cluster_, host] {
                            cluster->dropped(host->id(), host->replica() ? 0 : host->epoch(), host.get());
                        });
                });
        }
        unload_idle();
    });
}

std::size_t room_directory::live_rooms() const {
    std::size_t n = 0;
    for (const auto& [id, host] : rooms_) n += host->closed() ? 0 : 1;
    for (const auto& [id, unloaded] : unloaded_) n += unloaded.closed ? 0 : 1;
    return n;
}

net::room_gateway::room_counts room_directory::rooms_held() const {
    ts::shared_lock lock(mutex_);
    return {rooms_.size(), unloaded_.size()};
}

pb::TextLimits room_directory::text_limits() const { return room::text_limits(limits_); }

std::shared_ptr<room_host> room_directory::find(const std::string& room_id) const {
    ts::shared_lock lock(mutex_);
    auto it = rooms_.find(room_id);
    return it == rooms_.end() ? nullptr : it->second;
}

bool room_directory::submit(const std::string& room_id, pb::ClientMessage message,
                            std::shared_ptr<net::frame_sink> sink, std::uint64_t connection_id) {
    // A join token is checked here, once, before the room sees the join (coming back with a
    // resume token needs none).
    std::optional<room::verified_join> grant;
    if (message.has_join() && !message.join().join_token().empty() && message.join().resume_token().empty()) {
        auto checked = join_tokens_
                           ? join_tokens_->check(message.join().join_token(), room_id, clock_.now_ms())
                           : join_tokens::checked{std::nullopt, room::room_error{pb::UNAUTHENTICATED,
                                                                                 "this server does not take sign-in "
                                                                                 "tokens; use the room's link"}};
        if (checked.error) {
            metrics::figures().commands.add(pb::ClientMessage::kJoin, static_cast<std::size_t>(checked.error->code));
            sink->send(net::error_frame(message.request_id(), checked.error->code, checked.error->message));
            return true;
        }
        grant = std::move(checked.grant);
    }
    return with_room(room_id, [this, room_id, message = std::move(message), sink, connection_id,
                               grant = std::move(grant)](std::shared_ptr<room_host> host) mutable {
        if (host) return host->submit(std::move(message), std::move(sink), connection_id, std::move(grant));
        if (absent(room_id)) return sink->send(net::error_frame(message.request_id(), pb::NOT_FOUND, "no such room"));
        if (unreadable(room_id))
            return sink->send(net::error_frame(message.request_id(), pb::DAMAGED,
                                               "this room's stored record is damaged and cannot be read; the "
                                               "server's operator has been told"));
        sink->send(net::error_frame(message.request_id(), pb::STORE_UNAVAILABLE,
                                    "the room cannot be loaded from its record just now; try again", 2000));
    });
}

void room_directory::disconnected(const std::string& room_id, std::uint64_t connection_id) {
    if (auto host = find(room_id)) host->disconnected(connection_id);
}

void room_directory::create_room(const pb::CreateRoomRequest& request, std::function<void(net::create_result)> done) {
    if (!cluster_) return open_room(request, {}, std::move(done));
    // In a cluster the new room's lease comes first (blocking: off the network threads).
    boost::asio::post(store_reads_, [this, request, done = std::move(done)]() mutable {
        for (int attempt = 0; attempt < 5; ++attempt) {
            auto id = random_room_id();
            try {
                if (auto epoch = cluster_->acquire(id))
                    return open_room(request, room_holding{*epoch, false}, std::move(done), id);
            } catch (const std::exception& e) {
                log::warn(std::string("a room could not be created now: ") + e.what());
                break;
            }
        }
        done(net::create_result{std::nullopt, {pb::STORE_UNAVAILABLE, "the room could not be created now", 2000}});
    });
}

void room_directory::open_room(const pb::CreateRoomRequest& request, room_holding holding,
                               std::function<void(net::create_result)> done, std::string id) {
    std::shared_ptr<room_host> host;
    {
        ts::exclusive_lock lock(mutex_);
        // Closed meetings stay for their retention time, and do not take a live room's place.
        if (live_rooms() >= max_rooms_) {
            done(net::create_result{std::nullopt, {pb::CONFLICT, "this server has reached its limit of rooms", 0}});
            return;
        }
        while (id.empty() || rooms_.count(id) || unloaded_.count(id)) id = random_room_id();
        host = make_host(room::room(id, limits_), std::nullopt, holding);
        rooms_[id] = host;
    }
    auto key = random_token();
    auto code = random_token();
    host->create(
        request.title(), request.purpose(), key, code, request.phase(),
        [this, id, key, code, done = std::move(done)](std::optional<room::room_error> error) {
            if (error) {
                ts::exclusive_lock lock(mutex_);
                rooms_.erase(id);
                done(net::create_result{std::nullopt, *error});
                return;
            }
            log::info("room " + id + " created");
            pb::CreateRoomResponse created;
            created.set_room_id(id);
            created.set_moderator_key(key);
            created.set_join_code(code);
            created.set_moderator_path("/r/" + id + "#key=" + key);
            created.set_participant_path("/r/" + id + "#code=" + code);
            created.set_projector_path("/r/" + id + "/projector#code=" + code);
            done(net::create_result{std::move(created), {}});
        },
        request.series());
}

void room_directory::room_info(const std::string& room_id, std::function<void(std::optional<pb::RoomInfo>)> done) {
    auto shared = std::make_shared<std::function<void(std::optional<pb::RoomInfo>)>>(std::move(done));
    if (!with_room(room_id, [shared](std::shared_ptr<room_host> host) {
            if (!host) return (*shared)(std::nullopt);
            host->info([shared](pb::RoomInfo info) { (*shared)(std::move(info)); });
        }))
        (*shared)(std::nullopt);
}

void room_directory::open_transcript(const std::string& room_id, net::transcript_request request,
                                     std::function<void(net::transcript_result)> done) {
    auto refuse = [](const std::function<void(net::transcript_result)>& done, pb::ErrorCode code, std::string why) {
        net::transcript_result r;
        r.error = room::room_error{code, std::move(why), 0};
        done(std::move(r));
    };
    static const std::map<std::string, std::pair<transcript::minutes_format, const char*>> minutes = {
        {"md", {transcript::minutes_format::markdown, "text/markdown; charset=utf-8"}},
        {"html", {transcript::minutes_format::html, "text/html; charset=utf-8"}},
        {"txt", {transcript::minutes_format::text, "text/plain; charset=utf-8"}},
    };
    auto format = minutes.find(request.format);
    if (format == minutes.end() && request.format != "json")
        return refuse(done, pb::BAD_REQUEST, "format is md, html, txt or json");
    // nullopt: the JSON record (which has no language: lang is the minutes').
    std::optional<transcript::minutes_options> options;
    if (format != minutes.end()) {
        const auto* language = transcript::message_catalogue::find(request.language.empty() ? "en" : request.language);
        if (!language) {
            std::string known;
            for (const auto& code : transcript::message_catalogue::codes()) known += (known.empty() ? "" : ", ") + code;
            return refuse(done, pb::BAD_REQUEST, "lang is one of " + known);
        }
        options = transcript::minutes_options{format->second.first, request.pseudonyms, {}, language};
    }
    const std::string content_type = options ? format->second.second : "application/json";
    auto shared_done = std::make_shared<std::function<void(net::transcript_result)>>(std::move(done));
    const bool known = with_room(room_id, [=, page = limits_.transcript_page_events](std::shared_ptr<room_host> host) {
        if (!host)
            return refuse(*shared_done, pb::STORE_UNAVAILABLE, "the room cannot be loaded from its record just now");
        host->role_of(request.credential, [=](std::optional<pb::Role> role, bool shared) {
            net::transcript_result r;
            if (!role) return refuse(*shared_done, pb::UNAUTHENTICATED, "that key or token is not right for this room");
            // Everyone else: the minutes only, and only once a moderator shared them.
            const bool minutes_only = options && !request.include_private;
            if (*role != pb::MODERATOR && !(shared && minutes_only))
                return refuse(*shared_done, pb::PERMISSION_DENIED,
                              shared ? "only the minutes are shared, not the full record"
                                     : "only the facilitators can download this room's record");
            r.content_type = content_type;
            r.filename = (options ? "minutes-" : "record-") + host->id() + "." + request.format;
            if (!options) {
                r.stream = std::make_shared<transcript_stream>(host, options, request.include_private, page);
                return (*shared_done)(std::move(r));
            }
            host->follow_up_summary([=, r = std::move(r)](pb::FollowUpSummary survey) mutable {
                auto with_survey = options;
                with_survey->follow_up = std::move(survey);
                r.stream = std::make_shared<transcript_stream>(host, with_survey, request.include_private, page);
                (*shared_done)(std::move(r));
            });
        });
    });
    if (!known) refuse(*shared_done, pb::NOT_FOUND, "no such room");
}

}  // namespace ts::app
