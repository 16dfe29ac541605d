#include "app/stored_event.hpp"

namespace ts::app {

store::log_entry to_stored(const room::logged_event& logged) {
    store::log_entry entry{logged.event.seq(), {}, logged.hidden.SerializeAsString(), {}, {}, 0};
    if (logged.event.has_message_redacted()) entry.erases_text_of = logged.event.message_redacted().seq();
    if (logged.event.private_to_size() == 0) {
        if (logged.event.has_message_posted() && !logged.event.message_posted().text().empty()) {
            // The text is kept apart, where removing the message can delete it.
            room::pb::Event without = logged.event;
            entry.text = without.message_posted().text();
            without.mutable_message_posted()->clear_text();
            without.set_text_apart(true);
            entry.event = without.SerializeAsString();
            return entry;
        }
        entry.event = logged.event.SerializeAsString();
        return entry;
    }
    room::pb::Event number_only;
    number_only.set_seq(logged.event.seq());
    number_only.set_at_ms(logged.event.at_ms());
    number_only.set_sealed(true);
    entry.event = number_only.SerializeAsString();
    entry.sealed = logged.event.SerializeAsString();
    return entry;
}

std::optional<std::string> from_stored(const store::log_entry& entry, room::logged_event& out) {
    const auto where = "entry " + std::to_string(entry.seq);
    if (!out.event.ParseFromString(entry.event) || !out.hidden.ParseFromString(entry.hidden))
        return where + " does not decode";
    if (out.event.sealed()) {
        if (entry.sealed.empty()) return where + " is private, and the private record does not hold it";
        if (!out.event.ParseFromString(entry.sealed)) return where + " does not decode in the private record";
        if (out.event.sealed() || out.event.private_to_size() == 0)
            return where + " is not a private event in the private record";
    }
    if (out.event.text_apart()) {
        // Its text, unless the message was removed since (a later entry says so).
        out.event.set_text_apart(false);
        out.event.mutable_message_posted()->set_text(entry.text);
    }
    if (out.event.seq() != entry.seq) return where + " holds event " + std::to_string(out.event.seq());
    return std::nullopt;
}

}  // namespace ts::app
