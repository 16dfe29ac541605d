#pragma once
// Limits a room enforces on what people send. Defaults live here and nowhere else;
// the server's configuration can override each one.
#include <cstddef>
#include <cstdint>

namespace ts::room {

struct room_limits {
    std::size_t max_display_name_chars = 64;  // code points, after trimming
    std::size_t max_pronouns_chars = 32;
    std::size_t max_support_note_chars = 500;
    std::size_t max_title_chars = 120;
    std::size_t max_purpose_chars = 1000;
    std::size_t max_when_place_chars = 200;  // when and where the meeting is
    std::size_t max_message_chars = 2000;
    std::size_t max_present = 500;      // people here at once (moderators always get in)
    std::size_t max_members = 2000;     // people ever admitted, present or not, banned or not
    std::size_t max_topic_chars = 120;  // a raised hand's one-line topic
    std::size_t max_note_chars = 200;   // a moderator's reason for removing a hand
    std::size_t max_queue_entries = 500;
    std::uint32_t max_turn_seconds = 3600;
    std::size_t max_briefing_chars = 20000;      // the room's briefing, in Markdown
    std::size_t max_survey_answer_chars = 1000;  // one written answer to a survey question
    std::size_t max_survey_question_chars = 300;
    std::size_t max_thread_messages = 2000;  // in one participant's thread with the facilitators
    std::size_t suggest_after_people = 2;    // this many stating a need suggests a setting for it
    std::size_t max_open_questions = 10;     // questions put to the room at once
    std::size_t max_options = 20;            // in one poll
    std::size_t max_option_chars = 200;
    std::size_t max_outcome_chars = 1000;  // a decision's outcome, in words
    std::size_t max_agenda_items = 50;     // items on one agenda, done ones included
    std::size_t max_agenda_description_chars = 1000;
    std::uint32_t max_agenda_minutes = 600;      // one item's time box, extensions included
    std::size_t max_tables = 50;                 // small groups a plenary opens at once
    std::uint32_t max_group_minutes = 240;       // the groups' time box, extensions included
    std::size_t max_table_report_chars = 4000;   // a table's report to the plenary
    std::size_t max_group_rounds = 50;           // times a meeting splits into tables
    std::size_t max_actions = 200;               // actions one meeting records
    std::size_t max_action_chars = 500;          // what an action says is to be done
    std::size_t max_action_owner_chars = 120;    // an owner named in words (an organisation, a role)
    std::size_t max_action_note_chars = 1000;    // a progress note, or why an action was dropped
    std::size_t max_meetings = 50;               // meetings one series plans
    std::size_t max_updates = 500;               // "you said, we did" updates one series publishes
    std::size_t max_update_chars = 2000;         // one update
    std::uint32_t agenda_warning_seconds = 120;  // an item's warning comes this long before its end
    std::size_t transcript_page_events = 500;    // events an export reads from a room at a time
    // The recent events a room keeps in memory (for joining and resuming); older ones are read
    // from the record on demand. Whichever bound is reached first.
    std::size_t recent_events = 1000;
    std::size_t recent_bytes = 1 << 20;
    std::size_t history_page_events = 200;       // at most, in one answer to GetHistory
    std::uint64_t snapshot_every_events = 1000;  // the server stores the room's state this often
    std::uint32_t retention_days = 365;          // a closed room's record is kept this long, unless set
    std::uint32_t unused_room_days = 7;          // a room nobody ever joined is deleted this long after its creation
    std::uint32_t max_retention_days = 3650;
};

// Turn settings a new room starts with.
struct turn_defaults {
    std::uint32_t turn_seconds = 120;
    std::uint32_t warning_seconds = 30;
    std::uint32_t disconnect_grace_seconds = 120;
};

}  // namespace ts::room
