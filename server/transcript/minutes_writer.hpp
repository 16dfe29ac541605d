#pragma once
// Minutes a person would be glad to circulate, written piece by piece from a room's public
// events (after a minutes_summary has seen them all): the title, purpose, date and times,
// what was decided (a table of every decision), the actions that follow (owner, date,
// status), who took part (in-room people counted),
// then per agenda item its decisions first, then the turns (who, from when, how long, each
// where it began) and what was said (noted contributions included), and at the end how much
// each person was heard. Markdown, accessible printable HTML (no script),
// or plain text, in the language the options name. Times are UTC.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "transcript/message_catalogue.hpp"
#include "transcript/minutes_summary.hpp"

namespace ts::transcript {

enum class minutes_format { markdown, html, text };

struct minutes_options {
    minutes_format format = minutes_format::markdown;
    bool pseudonyms = false;  // "Participant 3" instead of names, for publishing
    // The follow-up survey's figures, shown after the participation figures when anyone
    // answered: how many, how heard they felt, and (anonymous surveys) what they would change.
    pb::FollowUpSummary follow_up{};
    // The language the minutes are written in (message_catalogue::find); null: English.
    const message_catalogue* language = nullptr;
};

class minutes_writer {
public:
    minutes_writer(const minutes_summary& summary, minutes_options options);

    // The head: title, purpose, times, who took part, decisions outside the agenda.
    std::string begin();
    // One event of the body, in order (what it adds to the minutes, often nothing).
    std::string add(const pb::Event& event);
    // Where the record could not be read (events from_seq to to_seq; problem: why, for the
    // operator), in its place in the body; end() lists every such place again under a heading
    // of its own.
    std::string damaged(std::uint64_t from_seq, std::uint64_t to_seq, const std::string& problem);
    // How much each person was heard, and the follow-up survey; closes the document.
    std::string end();

private:
    std::string heading(int level, const std::string& text) const;
    std::string paragraph(const std::string& text) const;
    std::string list(const std::vector<std::string>& items) const;
    std::string line(const std::string& text);  // one entry of a section's running list
    std::string close_lines();
    // A table with a header row (plain text: one line per row, "Head: cell." each).
    std::string table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) const;
    std::string decisions(const std::vector<pb::DecisionRecorded>& all) const;
    std::string decision(const pb::DecisionRecorded& d) const;
    // Every decision of the meeting, agenda items' and the rest, one row each: what was
    // asked, what was decided, the answers, the reasons given.
    std::string decisions_table() const;
    std::string reasons(const pb::DecisionRecorded& d) const;
    // Every action as it stands at the end: what, who owns it, by when, how it stands, and
    // where it came from.
    std::string actions_table() const;
    std::string owner(const pb::Action& a) const;
    // "Done", "Dropped, because: …", "Under way: the pilot starts in April".
    std::string status(const pb::Action& a) const;
    // text as a sentence: with a full stop, unless it ends with one of its own.
    static std::string sentence(const std::string& text);
    std::string follow_up() const;
    // With small groups: the balance of the floor over the whole meeting, in the plenary alone
    // and at each table.
    std::string balance() const;
    // A person's display name, or with pseudonyms "Participant 3"; an unknown id "someone".
    std::string who(const std::string& member_id) const;
    std::string escape(const std::string& text) const;

    const minutes_summary& summary_;
    minutes_options options_;
    const message_catalogue& words_;
    bool in_lines_ = false;                           // a section's list of turns and messages is open
    std::map<std::string, std::size_t> turns_begun_;  // by person: turns written so far
    std::vector<std::string> damage_;                 // what damaged() said, for the end
};

}  // namespace ts::transcript
