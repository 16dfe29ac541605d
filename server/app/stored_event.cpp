#include "app/stored_event.hpp"

namespace ts::app {

room::pb::Event redacted(const room::pb::Event& event) {
    room::pb::Event out;
    out.set_seq(event.seq());
    out.set_at_ms(event.at_ms());
    return out;
}

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
    auto number_only = redacted(logged.event);
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

namespace {

record_damage missing(std::uint64_t from, std::uint64_t to) {
    return {from, to,
            from == to ? "entry " + std::to_string(from) + " is missing"
                       : "entries " + std::to_string(from) + " to " + std::to_string(to) + " are missing"};
}

}  // namespace

std::string damage_words(const record_damage& damage) {
    return (damage.from_seq == damage.to_seq
                ? "event " + std::to_string(damage.from_seq)
                : "events " + std::to_string(damage.from_seq) + " to " + std::to_string(damage.to_seq)) +
           " of this room's stored record cannot be read: the record is damaged there (" + damage.problem +
           "). The server's operator has been told.";
}

read_back read_entries(const std::vector<store::log_entry>& entries, std::uint64_t from_seq, std::uint64_t to_seq) {
    read_back out;
    auto expected = from_seq;
    for (const auto& entry : entries) {
        if (expected > to_seq) break;
        if (entry.seq != expected) {
            // Entries come in order of their ids: a later one means the ones between are missing.
            const auto last_missing = entry.seq > expected ? std::min(entry.seq - 1, to_seq) : expected;
            out.damage = missing(expected, last_missing);
            return out;
        }
        room::logged_event logged;
        if (auto problem = from_stored(entry, logged)) {
            out.damage = record_damage{expected, expected, *problem};
            return out;
        }
        out.events.push_back(std::move(logged));
        ++expected;
    }
    if (expected <= to_seq) out.damage = missing(expected, to_seq);  // the record ends too soon
    return out;
}

std::optional<record_damage> last_damage(const std::vector<store::log_entry>& entries, std::uint64_t from_seq,
                                         std::uint64_t to_seq) {
    std::optional<record_damage> last;
    auto rest = entries.begin();
    while (from_seq <= to_seq) {
        auto damage = read_entries(std::vector<store::log_entry>(rest, entries.end()), from_seq, to_seq).damage;
        if (!damage) break;
        from_seq = damage->to_seq + 1;
        while (rest != entries.end() && rest->seq < from_seq) ++rest;
        last = std::move(damage);
    }
    return last;
}

}  // namespace ts::app
