#include "transcript/minutes_writer.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "base/gini.hpp"

namespace ts::transcript {

namespace {

std::tm utc(std::int64_t at_ms) {
    std::time_t t = static_cast<std::time_t>(at_ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

std::string formatted(std::int64_t at_ms, const char* format) {
    auto tm = utc(at_ms);
    char out[64];
    return std::string(out, std::strftime(out, sizeof out, format, &tm));
}

std::string clock(std::int64_t at_ms) { return formatted(at_ms, "%H:%M"); }

// "2 min 05 s", "45 s".
std::string duration(std::int64_t ms) {
    const auto total = (ms < 0 ? 0 : ms) / 1000;
    const auto m = total / 60, s = total % 60;
    if (m == 0) return std::to_string(s) + " s";
    return std::to_string(m) + " min" + (s ? " " + std::string(s < 10 ? "0" : "") + std::to_string(s) + " s" : "");
}

const char* kind_name(pb::QuestionKind kind) {
    switch (kind) {
        case pb::SINGLE_CHOICE: return "Poll, one choice";
        case pb::MULTIPLE_CHOICE: return "Poll, several choices";
        case pb::RANKED_CHOICE: return "Poll, ranked choices";
        case pb::CONSENSUS: return "Consensus check";
        case pb::FIST_TO_FIVE: return "Fist to five";
        case pb::TEMPERATURE: return "Temperature check";
        default: return "Question";
    }
}

const char* response_name(int response) {
    switch (response) {
        case pb::CONSENSUS_AGREE: return "agree";
        case pb::CONSENSUS_AGREE_WITH_CONCERNS: return "agree with concerns";
        case pb::CONSENSUS_STAND_ASIDE: return "stand aside";
        case pb::CONSENSUS_BLOCK: return "block";
        default: return "";
    }
}

// "Transport 3, Meals 1": the answers that anyone gave, by their label.
std::string counts_text(const pb::DecisionRecorded& d) {
    std::string out;
    for (int i = 0; i < d.counts_size(); ++i) {
        if (d.counts(i) == 0) continue;
        std::string label = d.kind() == pb::CONSENSUS ? response_name(i)
                            : d.options_size() > 0    ? (i < d.options_size() ? d.options(i) : "?")
                                                      : std::to_string(i);
        out += (out.empty() ? "" : ", ") + label + " " + std::to_string(d.counts(i));
    }
    return out.empty() ? "no answers" : out;
}

bool consensus_agreed(const pb::DecisionRecorded& d) {
    // A record from before results were kept: not agreed if anyone blocked or nobody answered.
    return d.result() == pb::CONSENSUS_AGREED ||
           (d.result() == pb::CONSENSUS_RESULT_UNSPECIFIED && d.answered() > 0 &&
            (d.counts_size() <= pb::CONSENSUS_BLOCK || d.counts(pb::CONSENSUS_BLOCK) == 0));
}

// What was decided, in a few words: agreed or not, the choice, the moderator's words.
std::string outcome_text(const pb::DecisionRecorded& d) {
    std::string out;
    if (d.kind() == pb::CONSENSUS)
        out = consensus_agreed(d) ? "Agreed" : "Not agreed";
    else if (d.kind() == pb::RANKED_CHOICE && d.winner() > 0 && static_cast<int>(d.winner()) <= d.options_size())
        out = "Chosen: " + d.options(static_cast<int>(d.winner()) - 1);
    else if (d.kind() == pb::RANKED_CHOICE && d.tied_size() > 0)
        out = "A tie: the room decides";
    if (d.has_pacing())
        out += std::string(out.empty() ? "" : "; ") +
               (d.adopted() ? "the change of pace was adopted" : "the change of pace was not adopted");
    // The moderator's words, without a closing full stop (the outcome is followed by more),
    // and in place of "Agreed" when they begin with it ("Agreed, with a named person").
    std::string words = d.outcome();
    while (!words.empty() && (words.back() == '.' || words.back() == ' ')) words.pop_back();
    if (!words.empty()) {
        if (!out.empty() && words.compare(0, out.size(), out) == 0)
            out = words;
        else
            out += (out.empty() ? "" : " — ") + words;
    }
    return out.empty() ? "Recorded" : out;
}

// The items with sep between them: "Ada, Bo".
std::string joined(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
    return out;
}

const char* status_name(pb::ActionStatus status) {
    switch (status) {
        case pb::ACTION_UNDER_WAY: return "Under way";
        case pb::ACTION_DONE: return "Done";
        case pb::ACTION_DROPPED: return "Dropped";
        default: return "Open";
    }
}

// "30 April 2027" for 2027-04-30 (the room checked the date when the action was recorded).
std::string date_words(const std::string& date) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    if (date.size() != 10) return date;
    const int month = std::atoi(date.substr(5, 2).c_str()), day = std::atoi(date.substr(8, 2).c_str());
    if (month < 1 || month > 12) return date;
    return std::to_string(day) + " " + months[month - 1] + " " + date.substr(0, 4);
}

}  // namespace

minutes_writer::minutes_writer(const minutes_summary& summary, minutes_options options)
    : summary_(summary), options_(options) {}

std::string minutes_writer::escape(const std::string& text) const {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (options_.format == minutes_format::html) {
            switch (c) {
                case '&': out += "&amp;"; continue;
                case '<': out += "&lt;"; continue;
                case '>': out += "&gt;"; continue;
                case '"': out += "&quot;"; continue;
                default: break;
            }
        } else if (options_.format == minutes_format::markdown) {
            // What people wrote stays text: nothing of it becomes Markdown (these are the
            // characters that can start markup inside a line).
            if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
            if (c == '\n') {
                out += "  \n";
                continue;
            }
        }
        out += c;
    }
    return out;
}

std::string minutes_writer::heading(int level, const std::string& text) const {
    switch (options_.format) {
        case minutes_format::html: {
            const auto h = std::to_string(level);
            return "<h" + h + ">" + escape(text) + "</h" + h + ">\n";
        }
        case minutes_format::markdown:
            return std::string(static_cast<std::size_t>(level), '#') + " " + escape(text) + "\n\n";
        default: {
            std::string out = text + "\n";
            if (level <= 2) out += std::string(text.size() < 80 ? text.size() : 80, level == 1 ? '=' : '-') + "\n";
            return out + "\n";
        }
    }
}

std::string minutes_writer::paragraph(const std::string& text) const {
    if (options_.format == minutes_format::html) return "<p>" + escape(text) + "</p>\n";
    return escape(text) + "\n\n";
}

std::string minutes_writer::list(const std::vector<std::string>& items) const {
    std::string out = options_.format == minutes_format::html ? "<ul>\n" : "";
    for (const auto& i : items) {
        if (options_.format == minutes_format::html)
            out += "<li>" + escape(i) + "</li>\n";
        else
            out += (options_.format == minutes_format::markdown ? "- " : "  * ") + escape(i) + "\n";
    }
    return out + (options_.format == minutes_format::html ? "</ul>\n" : "\n");
}

std::string minutes_writer::line(const std::string& text) {
    std::string out;
    if (!in_lines_) {
        if (options_.format == minutes_format::html) out += "<ul class=\"record\">\n";
        in_lines_ = true;
    }
    if (options_.format == minutes_format::html) return out + "<li>" + escape(text) + "</li>\n";
    return out + (options_.format == minutes_format::markdown ? "- " : "  ") + escape(text) + "\n";
}

std::string minutes_writer::close_lines() {
    if (!in_lines_) return "";
    in_lines_ = false;
    return options_.format == minutes_format::html ? "</ul>\n" : "\n";
}

std::string minutes_writer::decision(const pb::DecisionRecorded& d) const {
    // What was decided comes first, then the question, then how the room answered.
    std::string out = outcome_text(d) + ": " + sentence(d.text());
    if (d.version() > 1) out += " (Version " + std::to_string(d.version()) + ".)";
    out += " " + std::string(kind_name(d.kind())) + (d.settings().anonymous() ? ", anonymous" : "") + "; " +
           std::to_string(d.answered()) + " of " + std::to_string(d.eligible()) + " answered: " + counts_text(d) + ".";
    if (d.kind() == pb::RANKED_CHOICE && d.winner() > 0)
        out += " Counted by instant-runoff in " + std::to_string(d.rounds_size()) +
               (d.rounds_size() == 1 ? " round." : " rounds.");
    const auto why = reasons(d);
    if (!why.empty()) out += " " + why;
    out += d.closed_by_member_id().empty() ? " Closed at its closing time."
                                           : " Closed by " + who(d.closed_by_member_id()) + ".";
    return out;
}

std::string minutes_writer::reasons(const pb::DecisionRecorded& d) const {
    std::string out;
    for (const auto& r : d.reasons())
        out += std::string(out.empty() ? "" : " ") + "Reason (" + response_name(r.response()) +
               (r.member_id().empty() ? "" : ", " + who(r.member_id())) + "): " + sentence(r.reason());
    return out;
}

std::string minutes_writer::table(const std::vector<std::string>& head,
                                  const std::vector<std::vector<std::string>>& rows) const {
    // A cell is one line whatever was typed into it.
    auto cell = [&](std::string text) {
        for (auto& c : text)
            if (c == '\n' || c == '\r') c = ' ';
        return escape(text);
    };
    std::string out;
    if (options_.format == minutes_format::html) {
        out += "<table>\n<thead><tr>";
        for (const auto& h : head) out += "<th scope=\"col\">" + cell(h) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& r : rows) {
            out += "<tr><th scope=\"row\">" + cell(r.at(0)) + "</th>";
            for (std::size_t i = 1; i < r.size(); ++i) out += "<td>" + cell(r[i]) + "</td>";
            out += "</tr>\n";
        }
        return out + "</tbody>\n</table>\n";
    }
    if (options_.format == minutes_format::markdown) {
        std::string rule = "|";
        out += "|";
        for (const auto& h : head) {
            out += " " + cell(h) + " |";
            rule += "---|";
        }
        out += "\n" + rule + "\n";
        for (const auto& r : rows) {
            out += "|";
            for (const auto& c : r) out += " " + cell(c) + " |";
            out += "\n";
        }
        return out + "\n";
    }
    std::vector<std::string> lines;
    for (const auto& r : rows) {
        std::string l;
        for (std::size_t i = 0; i < r.size() && i < head.size(); ++i)
            if (!r[i].empty()) l += std::string(l.empty() ? "" : " ") + head[i] + ": " + sentence(r[i]);
        lines.push_back(l);
    }
    return list(lines);
}

std::string minutes_writer::decisions_table() const {
    std::vector<std::vector<std::string>> rows;
    auto add = [&](const pb::DecisionRecorded& d) {
        rows.push_back({d.text(), outcome_text(d),
                        counts_text(d) + " (" + std::to_string(d.answered()) + " of " + std::to_string(d.eligible()) +
                            " answered)",
                        reasons(d)});
    };
    for (const auto& item : summary_.items())
        for (const auto& d : item.decisions) add(d);
    for (const auto& d : summary_.general_decisions()) add(d);
    if (rows.empty()) return {};
    return heading(2, "What was decided") + table({"Question", "Outcome", "Answers", "Reasons"}, rows);
}

std::string minutes_writer::owner(const pb::Action& a) const {
    return a.owner_member_id().empty() ? a.owner_name() : who(a.owner_member_id());
}

std::string minutes_writer::status(const pb::Action& a) {
    std::string out = status_name(a.status());
    if (!a.note().empty()) out += a.status() == pb::ACTION_DROPPED ? ", because: " + a.note() : ": " + a.note();
    return out;
}

std::string minutes_writer::actions_table() const {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : summary_.actions()) {
        std::string from;
        if (!a.from_question_id().empty()) {
            from = "The decision: " + summary_.decision_text(a.from_question_id());
        } else if (!a.from_agenda_item_id().empty()) {
            if (const auto* item = summary_.item(a.from_agenda_item_id())) from = "The item: " + item->title;
        } else if (a.from_seq() != 0) {
            const auto at = summary_.message_at_ms(a.from_seq());
            from = at ? "What was said at " + clock(at) : "What was said";
        }
        rows.push_back({a.text(), owner(a), a.due_date().empty() ? "" : date_words(a.due_date()), status(a), from});
    }
    if (rows.empty()) return {};
    return heading(2, "Actions") + table({"Action", "Owner", "By", "Status", "From"}, rows);
}

std::string minutes_writer::sentence(const std::string& text) {
    // A reason that ends its own sentence is not given a second full stop ("trust..").
    if (!text.empty() && std::string_view(".!?").find(text.back()) != std::string_view::npos) return text;
    return text + ".";
}

std::string minutes_writer::decisions(const std::vector<pb::DecisionRecorded>& all) const {
    std::vector<std::string> items;
    for (const auto& d : all) items.push_back(decision(d));
    return list(items);
}

std::string minutes_writer::begin() {
    std::string out;
    const auto& s = summary_;
    if (options_.format == minutes_format::html)
        out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(s.title()) +
               " — minutes</title>\n<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
               "line-height:1.5}table{border-collapse:collapse}th,td{border:1px solid #777;padding:.25rem .5rem;"
               "text-align:left}@media print{body{margin:0}}</style>\n</head>\n<body>\n<main>\n";
    out += heading(1, s.title() + " — minutes");
    if (!s.purpose().empty()) out += paragraph(s.purpose());
    std::vector<std::string> facts;
    // When the room's record runs, and apart from it the time the organiser planned (which may
    // differ: a room is often opened days before, for preparation).
    if (s.first_ms()) {
        auto date = formatted(s.first_ms(), "%A %d %B %Y");
        if (auto zero = date.find(" 0"); zero != std::string::npos) date.erase(zero + 1, 1);  // "5 May", not "05 May"
        facts.push_back("Recorded: " + date + ", " + clock(s.first_ms()) + " to " + clock(s.last_ms()) + " (UTC)");
    }
    if (!s.when().empty()) facts.push_back("Planned for: " + s.when());
    if (!s.place().empty()) facts.push_back("Where: " + s.place());
    out += list(facts);
    out += decisions_table();
    out += actions_table();

    out += heading(2, "Who took part");
    std::vector<std::string> people;
    std::size_t in_room = 0;
    const auto took_part = s.took_part();
    for (const auto& p : took_part) {
        if (p.in_room) ++in_room;
        people.push_back(who(p.member_id) +
                         (p.role == pb::MODERATOR  ? " (facilitator)"
                          : p.role == pb::OBSERVER ? " (observer)"
                                                   : "") +
                         (p.in_room ? " (in the room)" : ""));
    }
    out += paragraph(std::to_string(took_part.size()) + (took_part.size() == 1 ? " person" : " people") + ", " +
                     std::to_string(in_room) + " of them in the room without a device.");
    out += list(people);
    if (!s.general_decisions().empty()) out += heading(2, "Decisions") + decisions(s.general_decisions());
    return out;
}

std::string minutes_writer::add(const pb::Event& event) {
    if (event.private_to_size() > 0 || event.sealed()) return "";
    const auto at = clock(event.at_ms());
    switch (event.kind_case()) {
        case pb::Event::kAgendaItemStarted: {
            const auto& started = event.agenda_item_started();
            const auto& items = summary_.items();
            std::size_t n = 0;
            while (n < items.size() && items[n].item_id != started.item_id()) ++n;
            if (n == items.size()) return "";
            const auto& item = items[n];
            std::string out = close_lines() + heading(2, "Item " + std::to_string(n + 1) + ": " + item.title);
            std::string timing = "Started " + at;
            if (item.minutes) timing += "; time box " + std::to_string(item.minutes) + " min";
            if (item.used_ms >= 0) timing += "; took " + duration(item.used_ms);
            out += paragraph(timing + ".");
            if (!item.decisions.empty()) out += heading(3, "Decisions") + decisions(item.decisions);
            return out + heading(3, "What was said");
        }
        case pb::Event::kFloorChanged: {
            // A turn is written where it began, so that what was said in it follows it.
            const auto& f = event.floor_changed();
            if (f.change() != pb::FLOOR_CHANGE_GRANTED) return "";
            const auto* ended = summary_.turn_end(f.member_id(), turns_begun_[f.member_id()]++);
            const auto began = clock(f.floor().started_at_ms() ? f.floor().started_at_ms() : event.at_ms());
            if (!ended)
                return line(began + " " + who(f.member_id()) +
                            " had the floor (still speaking when these minutes were made)");
            return line(began + " " + who(f.member_id()) + " had the floor until " + clock(ended->at_ms) + " (" +
                        duration(ended->duration_ms) + (ended->ran_out ? ", until the time ran out)" : ")"));
        }
        case pb::Event::kMessagePosted: {
            const auto& m = event.message_posted();
            std::string by = m.anonymous() ? "(without a name)" : who(m.member_id());
            if (!m.noted_by_member_id().empty()) by += " (noted by " + who(m.noted_by_member_id()) + ")";
            if (!m.removed_by_member_id().empty())
                return line(at + " " + by + ": " +
                            (m.withdrawn() ? "(withdrawn by its author)" : "(removed by a moderator)"));
            return line(at + " " + by + ": " + m.text());
        }
        case pb::Event::kDecisionRecorded: return line(at + " Decision recorded: " + event.decision_recorded().text());
        case pb::Event::kGroupsOpened: {
            const auto& g = event.groups_opened();
            std::vector<std::string> tables;
            for (const auto& t : g.tables()) {
                std::vector<std::string> names;
                for (const auto& id : t.member_ids()) names.push_back(who(id));
                tables.push_back(t.name() + " (" + (names.empty() ? "nobody yet" : joined(names, ", ")) + ")");
            }
            return line(at + " The meeting split into " + std::to_string(g.tables_size()) + " tables for " +
                        duration(g.ends_at_ms() - g.opened_at_ms()) + ": " + joined(tables, "; ") + "." +
                        (g.task().empty() ? "" : " The task: " + sentence(g.task())));
        }
        case pb::Event::kTableReportSet: {
            const auto& r = event.table_report_set();
            return line(at + " The table's report" + (r.agreed() ? " (agreed)" : "") + ": " + r.text());
        }
        case pb::Event::kGroupsClosed:
            return line(at + (event.groups_closed().time_up() ? " The tables' time was up: everyone came back together."
                                                              : " The tables closed: everyone came back together."));
        case pb::Event::kTableReported: {
            const auto& r = event.table_reported();
            std::string out = close_lines() + heading(3, "Report from " + r.name());
            out += paragraph(r.report().empty() ? "No report was written."
                                                : sentence(r.report()) + (r.agreed() ? " (Agreed by the table.)"
                                                                                     : " (Not agreed by the table.)"));
            if (!r.decisions().empty()) out += decisions({r.decisions().begin(), r.decisions().end()});
            char balance[16];
            std::snprintf(balance, sizeof balance, "%.2f", r.figures().floor_gini());
            return out + paragraph("Balance of the floor at the table: " + std::string(balance) +
                                   " (0 is even). The table's own minutes: room " + r.room_id() + ".");
        }
        case pb::Event::kActionRecorded: {
            const auto& a = event.action_recorded().action();
            return line(at + (event.action_recorded().changed() ? " Action changed: " : " Action recorded: ") +
                        a.text() + " (" + owner(a) + (a.due_date().empty() ? "" : ", by " + date_words(a.due_date())) +
                        ")");
        }
        case pb::Event::kActionStatusChanged: {
            const auto& c = event.action_status_changed();
            const auto* a = summary_.action(c.action_id());
            if (!a) return "";
            pb::Action then = *a;
            then.set_status(c.status());
            then.set_note(c.note());
            return line(at + " Action: " + a->text() + " — " + status(then) + " (" + who(c.by_member_id()) + ")");
        }
        case pb::Event::kPauseChanged:
            return line(at + (event.pause_changed().paused() ? " The room paused." : " The room went on."));
        case pb::Event::kRoomPhaseChanged:
            if (event.room_phase_changed().phase() == pb::CLOSED) return line(at + " The meeting closed.");
            if (event.room_phase_changed().phase() == pb::LIVE) return line(at + " The meeting started.");
            return "";
        default: return "";
    }
}

std::string minutes_writer::damaged(const std::string& words) {
    damage_.push_back(words);
    return close_lines() + paragraph("Missing here: " + words);
}

std::string minutes_writer::end() {
    std::string out = close_lines();
    if (!damage_.empty())
        out += heading(2, "These minutes are incomplete") +
               paragraph(
                   "Part of the room's stored record could not be read, so what it held is not in these "
                   "minutes, and the figures below may count too little:") +
               list(damage_);
    out += heading(2, "How much each person was heard");
    const auto people = summary_.took_part();
    const bool tables = !summary_.table_reports().empty();
    auto row = [&](const minutes_person& p) {
        std::vector<std::string> cells{who(p.member_id), std::to_string(p.turns), duration(p.floor_ms),
                                       std::to_string(p.messages)};
        if (tables)
            cells.push_back(std::to_string(p.table_turns) + (p.table_turns == 1 ? " turn, " : " turns, ") +
                            duration(p.table_floor_ms));
        return cells;
    };
    if (options_.format != minutes_format::text) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& p : people) rows.push_back(row(p));
        std::vector<std::string> head{"Person", "Turns", "Time with the floor", "Messages"};
        if (tables) head.push_back("At the tables");
        out += table(head, rows) + balance() + follow_up();
        return options_.format == minutes_format::html ? out + "</main>\n</body>\n</html>\n" : out;
    }
    std::vector<std::string> lines;
    for (const auto& p : people) {
        auto cells = row(p);
        lines.push_back(cells[0] + ": " + cells[1] + (p.turns == 1 ? " turn, " : " turns, ") + cells[2] +
                        " with the floor, " + cells[3] + (p.messages == 1 ? " message" : " messages") +
                        (tables ? "; at the tables " + cells[4] : ""));
    }
    return out + list(lines) + balance() + follow_up();
}

std::string minutes_writer::balance() const {
    const auto& reports = summary_.table_reports();
    if (reports.empty()) return {};
    // Among the participants, as the room's own figures count them.
    std::vector<double> plenary, whole;
    for (const auto& p : summary_.took_part()) {
        if (p.role != pb::PARTICIPANT) continue;
        plenary.push_back(static_cast<double>(p.floor_ms));
        whole.push_back(static_cast<double>(p.floor_ms + p.table_floor_ms));
    }
    auto two = [](double g) {
        char text[16];
        std::snprintf(text, sizeof text, "%.2f", g);
        return std::string(text);
    };
    std::vector<std::string> lines{"The whole meeting, tables included: " + two(ts::gini(whole)),
                                   "The plenary alone: " + two(ts::gini(plenary))};
    for (const auto& r : reports)
        lines.push_back(r.name() + " (round " + std::to_string(r.round()) + "): " + two(r.figures().floor_gini()));
    return paragraph("Balance of the floor (0: everyone had the same time; towards 1: a few had most of it):") +
           list(lines);
}

std::string minutes_writer::follow_up() const {
    const auto& survey = options_.follow_up;
    if (survey.answered() == 0) return {};
    std::string out = heading(2, "Follow-up survey");
    out += paragraph(std::to_string(survey.answered()) + (survey.answered() == 1 ? " person" : " people") +
                     " answered after the meeting.");
    // As the survey put it to people.
    static const char* labels[] = {"1 — not at all", "2", "3", "4", "5 — fully"};
    std::vector<std::string> heard;
    for (int i = 0; i < survey.felt_heard_size() && i < 5; ++i)
        heard.push_back(std::string(labels[i]) + ": " + std::to_string(survey.felt_heard(i)));
    out += paragraph("Did you feel heard?") + list(heard);
    if (survey.changes_size() > 0) {
        std::vector<std::string> changes;
        for (const auto& c : survey.changes()) changes.push_back(c);
        out += paragraph("What people would change next time:") + list(changes);
    }
    return out;
}

}  // namespace ts::transcript
