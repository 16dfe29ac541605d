#include "room/threads/thread_part.hpp"
#include "room/state_archive.hpp"

#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

std::vector<command_policy> thread_part::policies() const {
    using M = pb::ClientMessage;
    const char* for_participants = "conversations with the facilitators are for participants";
    return {{M::kSendThreadMessage, actors::speakers, phases::always, for_participants,
             "a participant in their own conversation with the facilitators; facilitators in anyone's"},
            {M::kMarkThreadRead, actors::speakers, phases::always, for_participants, "as send_thread_message"},
            {M::kRaiseThreadPoint, actors::moderators, phases::live, "a facilitator raises a point for a participant"}};
}

std::string thread_part::thread_of(const part_command& command, const std::string& named,
                                   std::optional<room_error>& error) const {
    const auto& caller = command.caller;
    if (caller.role() == pb::PARTICIPANT) {
        if (!named.empty() && named != caller.member_id())
            error = room_error{pb::PERMISSION_DENIED,
                               "you can only write in your own conversation with the facilitators", 0};
        return caller.member_id();
    }
    const auto* who = command.room.member(named);
    if (!who || who->role() != pb::PARTICIPANT) {
        error = room_error{pb::NOT_FOUND, "no participant of this room has that id", 0};
        return {};
    }
    return named;
}

decision thread_part::decide(const part_command& command) const {
    switch (command.message.command_case()) {
        case pb::ClientMessage::kSendThreadMessage: return send(command);
        case pb::ClientMessage::kMarkThreadRead: return mark_read(command);
        default: return raise(command);
    }
}

decision thread_part::send(const part_command& command) const {
    const auto& given = command.message.send_thread_message();
    std::optional<room_error> error;
    const auto id = thread_of(command, given.member_id(), error);
    if (error) return decision::refuse(std::move(*error));
    const bool mine = command.caller.member_id() == id;
    if (!pb::ThreadNote_IsValid(given.note())) return decision::refuse(pb::BAD_REQUEST, "unknown kind of note");
    if (!mine && (given.note() != pb::THREAD_NOTE_NONE || given.ask_to_raise() || given.anonymously()))
        return decision::refuse(pb::BAD_REQUEST,
                                "only the participant asks for a one-to-one, for help, or to raise a point");
    if (given.anonymously() && !given.ask_to_raise())
        return decision::refuse(pb::BAD_REQUEST, "anonymously applies to a point to raise");
    if (auto it = threads_.find(id); it != threads_.end() && it->second.messages.size() >= limits_.max_thread_messages)
        return decision::refuse(pb::CONFLICT, "this conversation is full; start again in a new room");
    logged_event sent;
    auto* s = sent.event.mutable_thread_message_sent();
    s->set_member_id(id);
    s->set_from_member_id(command.caller.member_id());
    // A request or a call for help may come without words: the note says it.
    const bool words_needed = given.note() == pb::THREAD_NOTE_NONE;
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_message_chars, "the message", words_needed,
                            *s->mutable_text()))
        return decision::refuse(std::move(*e));
    s->set_note(given.note());
    s->set_ask_to_raise(given.ask_to_raise());
    s->set_anonymously(given.anonymously());
    sent.event.add_private_to(id);
    return decision::of(std::move(sent));
}

decision thread_part::mark_read(const part_command& command) const {
    const auto& given = command.message.mark_thread_read();
    std::optional<room_error> error;
    const auto id = thread_of(command, given.member_id(), error);
    if (error) return decision::refuse(std::move(*error));
    auto it = threads_.find(id);
    if (it == threads_.end() || it->second.messages.empty())
        return decision::refuse(pb::NOT_FOUND, "this conversation has no messages yet");
    const auto last = it->second.messages.back().seq;
    if (given.up_to_seq() == 0 || given.up_to_seq() > last)
        return decision::refuse(pb::BAD_REQUEST, "up_to_seq must be a message of this conversation");
    auto read = it->second.read_up_to.find(command.caller.member_id());
    if (read != it->second.read_up_to.end() && read->second >= given.up_to_seq()) return {};  // already read
    logged_event marked;
    auto* r = marked.event.mutable_thread_read();
    r->set_member_id(id);
    r->set_reader_id(command.caller.member_id());
    r->set_up_to_seq(given.up_to_seq());
    // Only the reader's own screen needs it.
    marked.event.add_private_to(command.caller.member_id());
    marked.event.set_only_listed(true);
    return decision::of(std::move(marked));
}

decision thread_part::raise(const part_command& command) const {
    const auto& given = command.message.raise_thread_point();
    auto it = threads_.find(given.member_id());
    const message* found = nullptr;
    if (it != threads_.end())
        for (const auto& m : it->second.messages)
            if (m.seq == given.seq()) found = &m;
    if (!found) return decision::refuse(pb::NOT_FOUND, "no such message in that conversation");
    if (!found->sent.ask_to_raise() || found->sent.from_member_id() != given.member_id())
        return decision::refuse(pb::CONFLICT, "the participant did not ask for this to be raised");
    if (found->raised) return decision::refuse(pb::CONFLICT, "this point has been raised in the room already");
    std::string by = "A participant";
    if (!found->sent.anonymously())
        if (const auto* who = command.room.member(given.member_id())) by = who->display_name();
    logged_event raised;
    auto* r = raised.event.mutable_thread_point_raised();
    r->set_member_id(given.member_id());
    r->set_seq(given.seq());
    r->set_by_member_id(command.caller.member_id());
    raised.event.add_private_to(given.member_id());
    auto d = decision::of(std::move(raised));
    pb::ClientMessage post;
    post.mutable_post()->set_text(by + " asked me to raise this: " + found->sent.text());
    d.then = std::move(post);
    d.then_first = true;  // marked raised only once it is posted
    return d;
}

void thread_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    if (event.has_thread_point_raised()) {
        const auto& r = event.thread_point_raised();
        for (auto& m : threads_[r.member_id()].messages)
            if (m.seq == r.seq()) m.raised = true;
        return;
    }
    if (event.has_thread_read()) {
        const auto& r = event.thread_read();
        threads_[r.member_id()].read_up_to[r.reader_id()] = r.up_to_seq();
        return;
    }
    const auto& sent = event.thread_message_sent();
    auto& t = threads_[sent.member_id()];
    t.messages.push_back(message{event.seq(), sent});
    // Writing also means having read everything before.
    t.read_up_to[sent.from_member_id()] = event.seq();
    if (sent.from_member_id() != sent.member_id())
        t.replied_seq = event.seq();
    else if (sent.note() == pb::ASKS_ONE_TO_ONE)
        t.asked_seq = event.seq();
}

std::uint64_t thread_part::asked_seq(const std::string& member_id) const {
    auto it = threads_.find(member_id);
    return it == threads_.end() ? 0 : it->second.asked_seq;
}

std::uint64_t thread_part::replied_seq(const std::string& member_id) const {
    auto it = threads_.find(member_id);
    return it == threads_.end() ? 0 : it->second.replied_seq;
}

void thread_part::save(state_out& out) const { out(threads_); }

void thread_part::load(state_in& in) { in(threads_); }

}  // namespace ts::room
