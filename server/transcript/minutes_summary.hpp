#pragma once
// What the minutes say before the body, and beside each item: gathered in a first pass over
// a room's public events (the body is written in a second pass, so that neither needs the
// whole record in memory). The room's title and purpose, when it met, who took part, the
// agenda items, and the decisions, by item, with how much each person was heard; the actions
// as they stand at the end.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::transcript {

namespace pb = talkingstick::v1;

struct minutes_person {
    std::string member_id;
    std::string name;
    pb::Role role = pb::PARTICIPANT;
    bool in_room = false;
    std::uint32_t turns = 0;
    std::int64_t floor_ms = 0;
    std::uint32_t messages = 0;     // named ones, and those noted for them
    bool removed = false;           // the facilitators removed them (and they did not come back)
    std::uint32_t table_turns = 0;  // at small-group tables (their reports)
    std::int64_t table_floor_ms = 0;
    std::int64_t voiced_ms = 0;  // time actually spoken, where the room had voice
};

// How a turn ended, for the line that says it where it began.
struct minutes_turn_end {
    std::int64_t at_ms = 0;
    std::int64_t duration_ms = 0;
    bool ran_out = false;
};

// A person's place among the pseudonyms the minutes can show instead of names: the role they
// joined as, and their number within it in joining order ("Participant 3").
struct minutes_pseudonym {
    pb::Role role = pb::PARTICIPANT;
    std::size_t number = 0;
};

struct minutes_item {
    std::string item_id;
    std::string title;
    std::uint32_t minutes = 0;  // its time box, extensions included
    std::int64_t used_ms = -1;  // how long it took (-1: never ended)
    std::vector<pb::DecisionRecorded> decisions;
    std::map<std::string, std::string> titles;  // in other languages, by code, as last planned

    // Its title in this language, if the moderators gave one, else the room's.
    const std::string& title_in(const std::string& language) const;
};

class minutes_summary {
public:
    // Folds one public event (private and sealed ones are for the body, if at all).
    void add(const pb::Event& event);

    const std::string& title() const { return title_; }
    const std::string& purpose() const { return purpose_; }
    const std::string& when() const { return when_; }
    const std::string& place() const { return place_; }
    std::int64_t first_ms() const { return first_ms_; }
    std::int64_t last_ms() const { return last_ms_; }
    // People (not the room's screen), in the order they joined.
    const std::vector<minutes_person>& people() const { return people_; }
    // The people who took part: everyone but those the facilitators removed.
    std::vector<minutes_person> took_part() const;
    // Items in the order they were taken up (items never started are not in the minutes).
    const std::vector<minutes_item>& items() const { return items_; }
    // Decisions not tied to an agenda item.
    const std::vector<pb::DecisionRecorded>& general_decisions() const { return general_; }
    const minutes_item* item(const std::string& item_id) const;
    // The small-group tables' reports, in the order they came back.
    const std::vector<pb::TableReported>& table_reports() const { return reports_; }
    // Whether the record says how long people actually spoke (the room had voice).
    bool has_voice() const { return has_voice_; }
    // The actions as they stand at the end of the record, in the order they were recorded.
    const std::vector<pb::Action>& actions() const { return actions_; }
    const pb::Action* action(const std::string& action_id) const;
    // What a decision asked, by its question id (empty if unknown).
    std::string decision_text(const std::string& question_id) const;
    // When a message was posted (0 if the record has no such message).
    std::int64_t message_at_ms(std::uint64_t seq) const;
    // How a person's nth turn (0: their first) ended; null if it had not ended.
    const minutes_turn_end* turn_end(const std::string& member_id, std::size_t nth) const;

    // A person by id; null for an id the record does not know.
    const minutes_person* find(const std::string& member_id) const;
    // Their pseudonym's role and number; null for an id the record does not know.
    const minutes_pseudonym* pseudonym(const std::string& member_id) const;

private:
    minutes_person* person(const std::string& member_id);
    pb::Action* known_action(const std::string& action_id);

    std::string title_, purpose_, when_, place_;
    std::int64_t first_ms_ = 0, last_ms_ = 0;
    std::vector<minutes_person> people_;
    std::map<std::string, std::size_t> by_id_;
    std::map<std::string, minutes_pseudonym> pseudonyms_;
    std::vector<minutes_item> items_;
    bool has_voice_ = false;
    std::map<std::string, std::map<std::string, std::string>> planned_titles_;  // item id -> language -> title
    std::vector<pb::DecisionRecorded> general_;
    std::vector<pb::TableReported> reports_;
    std::vector<pb::Action> actions_;
    std::map<std::uint64_t, std::int64_t> message_at_ms_;             // by seq
    std::map<std::string, std::vector<minutes_turn_end>> turn_ends_;  // by person, in order
};

}  // namespace ts::transcript
