#include "room/pacing/read_check_part.hpp"
#include "room/state_archive.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> read_check_part::policies() const {
    using M = pb::ClientMessage;
    // The count says how many of the people taking part have read it: facilitators and
    // observers are not asked (the browser counts the same people).
    return {{M::kStartReadCheck, actors::moderators, phases::live, "only a moderator asks who has read a message"},
            {M::kConfirmRead, actors::participants, phases::live, "read checks ask the participants",
             "the people taking part, each once"}};
}

decision read_check_part::decide(const part_command& command) const {
    const auto& caller = command.caller;
    decision d;
    if (command.message.has_confirm_read()) {
        auto it = checks_.find(command.message.confirm_read().check_id());
        if (it == checks_.end()) return decision::refuse(pb::NOT_FOUND, "no such read check");
        // The count says how many of the people taking part have read it: facilitators and
        // observers are not asked (the browser counts the same people).
        if (it->second.readers.count(caller.member_id()))
            return decision::refuse(pb::CONFLICT, "you have already confirmed");
        logged_event confirmed;
        confirmed.event.mutable_read_confirmed()->set_check_id(it->first);
        confirmed.event.mutable_read_confirmed()->set_count(it->second.count + 1);
        confirmed.hidden.set_reader_member_id(caller.member_id());
        d.events.push_back(std::move(confirmed));
        return d;
    }
    auto seq = command.message.start_read_check().seq();
    if (!command.room.is_message(seq))
        return decision::refuse(pb::NOT_FOUND, "a read check is for a message in this room");
    logged_event started;
    auto* s = started.event.mutable_read_check_started();
    s->set_check_id(numbered_id('c', checks_.size() + 1));
    s->set_seq(seq);
    s->set_by_member_id(caller.member_id());
    d.events.push_back(std::move(started));
    return d;
}

void read_check_part::evolve(const pb::Event& event, const pb::EventPrivate& hidden) {
    if (event.has_read_check_started()) {
        checks_[event.read_check_started().check_id()].seq = event.read_check_started().seq();
        return;
    }
    auto& c = checks_[event.read_confirmed().check_id()];
    c.readers.insert(hidden.reader_member_id());
    c.count = event.read_confirmed().count();
}

void read_check_part::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& [id, c] : checks_) {
        auto* confirmed = snapshot.add_read_checks();
        confirmed->set_check_id(id);
        confirmed->set_count(c.count);
        auto* message = snapshot.add_read_check_messages();
        message->set_check_id(id);
        message->set_seq(c.seq);
    }
}

void read_check_part::save(state_out& out) const { out(checks_); }

void read_check_part::load(state_in& in) { in(checks_); }

}  // namespace ts::room
