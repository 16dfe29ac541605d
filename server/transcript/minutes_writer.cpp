#include "transcript/minutes_writer.hpp"

#include <cstdio>
#include <ctime>
#include <string_view>

#include "base/gini.hpp"
#include "transcript/message_catalogue.hpp"

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
std::string duration(const message_catalogue& words, std::int64_t ms) {
    const auto total = (ms < 0 ? 0 : ms) / 1000;
    const auto m = total / 60, s = total % 60;
    if (m == 0) return words.text("seconds", {{"s", s}});
    if (s == 0) return words.text("minutes", {{"m", m}});
    return words.text("minutes_seconds", {{"m", m}, {"s", std::string(s < 10 ? "0" : "") + std::to_string(s)}});
}

const char* kind_key(pb::QuestionKind kind) {
    switch (kind) {
        case pb::SINGLE_CHOICE: return "kind_single";
        case pb::MULTIPLE_CHOICE: return "kind_multiple";
        case pb::RANKED_CHOICE: return "kind_ranked";
        case pb::CONSENSUS: return "kind_consensus";
        case pb::FIST_TO_FIVE: return "kind_fist";
        case pb::TEMPERATURE: return "kind_temperature";
        default: return "kind_question";
    }
}

std::string response_name(const message_catalogue& words, int response) {
    switch (response) {
        case pb::CONSENSUS_AGREE: return words.text("agree");
        case pb::CONSENSUS_AGREE_WITH_CONCERNS: return words.text("agree_with_concerns");
        case pb::CONSENSUS_STAND_ASIDE: return words.text("stand_aside");
        case pb::CONSENSUS_BLOCK: return words.text("block");
        default: return "";
    }
}

// "Transport 3, Meals 1": the answers that anyone gave, by their label.
std::string counts_text(const message_catalogue& words, const pb::DecisionRecorded& d) {
    std::vector<std::string> out;
    for (int i = 0; i < d.counts_size(); ++i) {
        if (d.counts(i) == 0) continue;
        std::string label = d.kind() == pb::CONSENSUS ? response_name(words, i)
                            : d.options_size() > 0    ? (i < d.options_size() ? d.options(i) : "?")
                                                      : std::to_string(i);
        out.push_back(words.text("count", {{"label", label}, {"n", static_cast<std::int64_t>(d.counts(i))}}));
    }
    return out.empty() ? words.text("no_answers") : words.list(out, message_catalogue::list_kind::units);
}

bool consensus_agreed(const pb::DecisionRecorded& d) {
    // A record from before results were kept: not agreed if anyone blocked or nobody answered.
    return d.result() == pb::CONSENSUS_AGREED ||
           (d.result() == pb::CONSENSUS_RESULT_UNSPECIFIED && d.answered() > 0 &&
            (d.counts_size() <= pb::CONSENSUS_BLOCK || d.counts(pb::CONSENSUS_BLOCK) == 0));
}

// What was decided, in a few words: agreed or not, the choice, the moderator's words.
std::string outcome_text(const message_catalogue& words, const pb::DecisionRecorded& d) {
    std::string out;
    if (d.kind() == pb::CONSENSUS)
        out = words.text(consensus_agreed(d) ? "agreed" : "not_agreed");
    else if (d.kind() == pb::RANKED_CHOICE && d.winner() > 0 && static_cast<int>(d.winner()) <= d.options_size())
        out = words.text("chosen", {{"option", d.options(static_cast<int>(d.winner()) - 1)}});
    else if (d.kind() == pb::RANKED_CHOICE && d.tied_size() > 0)
        out = words.text("tie");
    if (d.has_pacing())
        out += std::string(out.empty() ? "" : "; ") + words.text(d.adopted() ? "pace_adopted" : "pace_not_adopted");
    if (d.has_voice())
        out += std::string(out.empty() ? "" : "; ") + words.text(d.adopted() ? "voice_adopted" : "voice_not_adopted");
    // The moderator's words, without a closing full stop (the outcome is followed by more),
    // and in place of "Agreed" when they begin with it ("Agreed, with a named person").
    std::string given = d.outcome();
    while (!given.empty() && (given.back() == '.' || given.back() == ' ')) given.pop_back();
    if (!given.empty()) {
        if (!out.empty() && given.compare(0, out.size(), out) == 0)
            out = given;
        else
            out += (out.empty() ? "" : " — ") + given;
    }
    return out.empty() ? words.text("recorded_only") : out;
}

// The items with sep between them: "Ada, Bo".
std::string joined(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
    return out;
}

const char* status_key(pb::ActionStatus status) {
    switch (status) {
        case pb::ACTION_UNDER_WAY: return "under_way";
        case pb::ACTION_DONE: return "done";
        case pb::ACTION_DROPPED: return "dropped";
        default: return "open";
    }
}

std::int64_t number(std::size_t n) { return static_cast<std::int64_t>(n); }

}  // namespace

minutes_writer::minutes_writer(const minutes_summary& summary, minutes_options options)
    : summary_(summary),
      options_(options),
      words_(options_.language ? *options_.language : message_catalogue::english()) {}

std::string minutes_writer::who(const std::string& member_id) const {
    const auto* p = summary_.find(member_id);
    if (!p) return words_.text("someone");
    const auto* alias = summary_.pseudonym(member_id);
    if (!options_.pseudonyms || !alias) return p->name;
    return words_.text("pseudonym", {{"role", message_choice{alias->role == pb::MODERATOR  ? "facilitator"
                                                             : alias->role == pb::OBSERVER ? "observer"
                                                                                           : "participant"}},
                                     {"n", number(alias->number)}});
}

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
    std::string out = words_.text("decision", {{"outcome", outcome_text(words_, d)}, {"text", sentence(d.text())}});
    if (d.version() > 1) out += " " + words_.text("version", {{"n", static_cast<std::int64_t>(d.version())}});
    out += " " + words_.text("decision_answers", {{"kind", words_.text(kind_key(d.kind()))},
                                                  {"anonymous", choice(d.settings().anonymous())},
                                                  {"answered", static_cast<std::int64_t>(d.answered())},
                                                  {"eligible", static_cast<std::int64_t>(d.eligible())},
                                                  {"counts", counts_text(words_, d)}});
    if (d.kind() == pb::RANKED_CHOICE && d.winner() > 0)
        out += " " + words_.text("runoff", {{"rounds", static_cast<std::int64_t>(d.rounds_size())}});
    const auto why = reasons(d);
    if (!why.empty()) out += " " + why;
    out += " " + (d.closed_by_member_id().empty() ? words_.text("closed_at_time")
                                                  : words_.text("closed_by", {{"who", who(d.closed_by_member_id())}}));
    return out;
}

std::string minutes_writer::reasons(const pb::DecisionRecorded& d) const {
    std::string out;
    for (const auto& r : d.reasons()) {
        const auto response = response_name(words_, r.response());
        out += std::string(out.empty() ? "" : " ") +
               (r.member_id().empty()
                    ? words_.text("reason", {{"response", response}, {"reason", sentence(r.reason())}})
                    : words_.text(
                          "reason_by",
                          {{"response", response}, {"who", who(r.member_id())}, {"reason", sentence(r.reason())}}));
    }
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
        rows.push_back({d.text(), outcome_text(words_, d),
                        words_.text("answers_cell", {{"counts", counts_text(words_, d)},
                                                     {"answered", static_cast<std::int64_t>(d.answered())},
                                                     {"eligible", static_cast<std::int64_t>(d.eligible())}}),
                        reasons(d)});
    };
    for (const auto& item : summary_.items())
        for (const auto& d : item.decisions) add(d);
    for (const auto& d : summary_.general_decisions()) add(d);
    if (rows.empty()) return {};
    return heading(2, words_.text("what_was_decided")) + table({words_.text("col_question"), words_.text("col_outcome"),
                                                                words_.text("col_answers"), words_.text("col_reasons")},
                                                               rows);
}

std::string minutes_writer::owner(const pb::Action& a) const {
    return a.owner_member_id().empty() ? a.owner_name() : who(a.owner_member_id());
}

std::string minutes_writer::status(const pb::Action& a) const {
    const auto name = words_.text(status_key(a.status()));
    if (a.note().empty()) return name;
    return words_.text(a.status() == pb::ACTION_DROPPED ? "status_because" : "status_note",
                       {{"status", name}, {"note", a.note()}});
}

std::string minutes_writer::actions_table() const {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : summary_.actions()) {
        std::string from;
        if (!a.from_question_id().empty()) {
            from = words_.text("from_decision", {{"text", summary_.decision_text(a.from_question_id())}});
        } else if (!a.from_agenda_item_id().empty()) {
            if (const auto* item = summary_.item(a.from_agenda_item_id()))
                from = words_.text("from_item", {{"title", item->title}});
        } else if (a.from_seq() != 0) {
            const auto at = summary_.message_at_ms(a.from_seq());
            from = at ? words_.text("from_said_at", {{"time", clock(at)}}) : words_.text("from_said");
        }
        rows.push_back(
            {a.text(), owner(a), a.due_date().empty() ? "" : words_.date_words(a.due_date()), status(a), from});
    }
    if (rows.empty()) return {};
    return heading(2, words_.text("actions")) +
           table({words_.text("col_action"), words_.text("col_owner"), words_.text("col_by"), words_.text("col_status"),
                  words_.text("col_from")},
                 rows);
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
        out += "<!doctype html>\n<html lang=\"" + words_.code() + "\"" +
               (words_.right_to_left() ? " dir=\"rtl\"" : "") + ">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
               escape(words_.text("title", {{"title", s.title()}})) +
               "</title>\n<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
               "line-height:1.5}table{border-collapse:collapse}th,td{border:1px solid #777;padding:.25rem .5rem;"
               "text-align:start}@media print{body{margin:0}}</style>\n</head>\n<body>\n<main>\n";
    out += heading(1, words_.text("title", {{"title", s.title()}}));
    if (!s.purpose().empty()) out += paragraph(s.purpose());
    std::vector<std::string> facts;
    // When the room's record runs, and apart from it the time the organiser planned (which may
    // differ: a room is often opened days before, for preparation).
    if (s.first_ms())
        facts.push_back(words_.text(
            "recorded",
            {{"date", words_.full_date(s.first_ms())}, {"from", clock(s.first_ms())}, {"to", clock(s.last_ms())}}));
    if (!s.when().empty()) facts.push_back(words_.text("planned_for", {{"when", s.when()}}));
    if (!s.place().empty()) facts.push_back(words_.text("where", {{"place", s.place()}}));
    out += list(facts);
    out += decisions_table();
    out += actions_table();

    out += heading(2, words_.text("who_took_part"));
    std::vector<std::string> people;
    std::size_t in_room = 0;
    const auto took_part = s.took_part();
    for (const auto& p : took_part) {
        if (p.in_room) ++in_room;
        people.push_back(words_.text("person", {{"name", who(p.member_id)},
                                                {"role", message_choice{p.role == pb::MODERATOR  ? "facilitator"
                                                                        : p.role == pb::OBSERVER ? "observer"
                                                                                                 : "participant"}},
                                                {"in_room", choice(p.in_room)}}));
    }
    out += paragraph(words_.text("people_count", {{"n", number(took_part.size())}, {"in_room", number(in_room)}}));
    out += list(people);
    if (!s.general_decisions().empty()) out += heading(2, words_.text("decisions")) + decisions(s.general_decisions());
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
            std::string out = close_lines() +
                              heading(2, words_.text("item_heading",
                                                     {{"n", number(n + 1)}, {"title", item.title_in(words_.code())}}));
            out += paragraph(
                words_.text("item_timing", {{"time", at},
                                            {"minutes", static_cast<std::int64_t>(item.minutes)},
                                            {"took", choice(item.used_ms >= 0)},
                                            {"duration", item.used_ms >= 0 ? duration(words_, item.used_ms) : ""}}));
            if (!item.decisions.empty()) out += heading(3, words_.text("decisions")) + decisions(item.decisions);
            return out + heading(3, words_.text("what_was_said"));
        }
        case pb::Event::kFloorChanged: {
            // A turn is written where it began, so that what was said in it follows it.
            const auto& f = event.floor_changed();
            if (f.change() != pb::FLOOR_CHANGE_GRANTED) return "";
            const auto* ended = summary_.turn_end(f.member_id(), turns_begun_[f.member_id()]++);
            const auto began = clock(f.floor().started_at_ms() ? f.floor().started_at_ms() : event.at_ms());
            if (!ended) return line(words_.text("turn_open", {{"time", began}, {"who", who(f.member_id())}}));
            return line(words_.text("turn", {{"time", began},
                                             {"who", who(f.member_id())},
                                             {"until", clock(ended->at_ms)},
                                             {"duration", duration(words_, ended->duration_ms)},
                                             {"ran_out", choice(ended->ran_out)}}));
        }
        case pb::Event::kMessagePosted: {
            const auto& m = event.message_posted();
            std::string by = m.anonymous() ? words_.text("without_a_name") : who(m.member_id());
            if (!m.noted_by_member_id().empty())
                by = words_.text("noted_by", {{"who", by}, {"by", who(m.noted_by_member_id())}});
            if (!m.removed_by_member_id().empty())
                return line(
                    words_.text(m.withdrawn() ? "message_withdrawn" : "message_removed", {{"time", at}, {"by", by}}));
            return line(words_.text("message", {{"time", at}, {"by", by}, {"text", m.text()}}));
        }
        case pb::Event::kDecisionRecorded:
            return line(words_.text("decision_recorded", {{"time", at}, {"text", event.decision_recorded().text()}}));
        case pb::Event::kGroupsOpened: {
            const auto& g = event.groups_opened();
            std::vector<std::string> tables;
            for (const auto& t : g.tables()) {
                std::vector<std::string> names;
                for (const auto& id : t.member_ids()) names.push_back(who(id));
                tables.push_back(words_.text(
                    "table_people",
                    {{"name", t.name()},
                     {"names", names.empty() ? words_.text("nobody_yet")
                                             : words_.list(names, message_catalogue::list_kind::and_list)}}));
            }
            return line(words_.text("groups_opened", {{"time", at},
                                                      {"n", static_cast<std::int64_t>(g.tables_size())},
                                                      {"duration", duration(words_, g.ends_at_ms() - g.opened_at_ms())},
                                                      {"tables", joined(tables, "; ")}}) +
                        (g.task().empty() ? "" : " " + words_.text("the_task", {{"task", sentence(g.task())}})));
        }
        case pb::Event::kTableReportSet: {
            const auto& r = event.table_report_set();
            return line(
                words_.text("table_report", {{"time", at}, {"agreed", choice(r.agreed())}, {"text", r.text()}}));
        }
        case pb::Event::kGroupsClosed:
            return line(
                words_.text(event.groups_closed().time_up() ? "groups_time_up" : "groups_closed", {{"time", at}}));
        case pb::Event::kTableReported: {
            const auto& r = event.table_reported();
            std::string out = close_lines() + heading(3, words_.text("report_from", {{"name", r.name()}}));
            out += paragraph(r.report().empty() ? words_.text("no_report")
                                                : words_.text("report", {{"report", sentence(r.report())},
                                                                         {"agreed", choice(r.agreed())}}));
            if (!r.decisions().empty()) out += decisions({r.decisions().begin(), r.decisions().end()});
            char balance[16];
            std::snprintf(balance, sizeof balance, "%.2f", r.figures().floor_gini());
            return out +
                   paragraph(words_.text("table_balance", {{"gini", std::string(balance)}, {"room", r.room_id()}}));
        }
        case pb::Event::kActionRecorded: {
            const auto& a = event.action_recorded().action();
            return line(words_.text("action_recorded", {{"time", at},
                                                        {"changed", choice(event.action_recorded().changed())},
                                                        {"text", a.text()},
                                                        {"owner", owner(a)},
                                                        {"has_date", choice(!a.due_date().empty())},
                                                        {"date", words_.date_words(a.due_date())}}));
        }
        case pb::Event::kActionStatusChanged: {
            const auto& c = event.action_status_changed();
            const auto* a = summary_.action(c.action_id());
            if (!a) return "";
            pb::Action then = *a;
            then.set_status(c.status());
            then.set_note(c.note());
            return line(words_.text(
                "action_status",
                {{"time", at}, {"text", a->text()}, {"status", status(then)}, {"who", who(c.by_member_id())}}));
        }
        case pb::Event::kPauseChanged:
            return line(words_.text(event.pause_changed().paused() ? "paused" : "went_on", {{"time", at}}));
        case pb::Event::kRoomPhaseChanged:
            if (event.room_phase_changed().phase() == pb::CLOSED)
                return line(words_.text("meeting_closed", {{"time", at}}));
            if (event.room_phase_changed().phase() == pb::LIVE)
                return line(words_.text("meeting_started", {{"time", at}}));
            return "";
        default: return "";
    }
}

std::string minutes_writer::damaged(std::uint64_t from_seq, std::uint64_t to_seq, const std::string& problem) {
    // The events' numbers as they are (identifiers, not amounts: no grouping).
    const auto words = words_.text("damage", {{"single", choice(from_seq == to_seq)},
                                              {"from", std::to_string(from_seq)},
                                              {"to", std::to_string(to_seq)},
                                              {"problem", problem}});
    damage_.push_back(words);
    return close_lines() + paragraph(words_.text("missing_here", {{"words", words}}));
}

std::string minutes_writer::end() {
    std::string out = close_lines();
    if (!damage_.empty())
        out += heading(2, words_.text("incomplete")) + paragraph(words_.text("incomplete_text")) + list(damage_);
    out += heading(2, words_.text("how_much_heard"));
    const auto people = summary_.took_part();
    const bool tables = !summary_.table_reports().empty();
    // Time actually spoken beside the time with the floor, where the room had voice.
    const bool voice = summary_.has_voice();
    auto row = [&](const minutes_person& p) {
        std::vector<std::string> cells{who(p.member_id), std::to_string(p.turns), duration(words_, p.floor_ms)};
        if (voice) cells.push_back(duration(words_, p.voiced_ms));
        cells.push_back(std::to_string(p.messages));
        if (tables)
            cells.push_back(words_.text("table_turns", {{"turns", static_cast<std::int64_t>(p.table_turns)},
                                                        {"duration", duration(words_, p.table_floor_ms)}}));
        return cells;
    };
    if (options_.format != minutes_format::text) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& p : people) rows.push_back(row(p));
        std::vector<std::string> head{words_.text("col_person"), words_.text("col_turns"),
                                      words_.text("col_floor_time")};
        if (voice) head.push_back(words_.text("col_spoken"));
        head.push_back(words_.text("col_messages"));
        if (tables) head.push_back(words_.text("col_at_tables"));
        out += table(head, rows) + balance() + follow_up();
        return options_.format == minutes_format::html ? out + "</main>\n</body>\n</html>\n" : out;
    }
    std::vector<std::string> lines;
    for (const auto& p : people) {
        auto cells = row(p);
        lines.push_back(words_.text("heard_line", {{"name", cells[0]},
                                                   {"turns", static_cast<std::int64_t>(p.turns)},
                                                   {"floor", cells[2]},
                                                   {"voice", choice(voice)},
                                                   {"spoken", voice ? cells[3] : ""},
                                                   {"messages", static_cast<std::int64_t>(p.messages)},
                                                   {"tables", choice(tables)},
                                                   {"at_tables", tables ? cells.back() : ""}}));
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
    std::vector<std::string> lines{words_.text("balance_whole", {{"gini", two(ts::gini(whole))}}),
                                   words_.text("balance_plenary", {{"gini", two(ts::gini(plenary))}})};
    for (const auto& r : reports)
        lines.push_back(words_.text("balance_table", {{"name", r.name()},
                                                      {"round", static_cast<std::int64_t>(r.round())},
                                                      {"gini", two(r.figures().floor_gini())}}));
    return paragraph(words_.text("balance_intro")) + list(lines);
}

std::string minutes_writer::follow_up() const {
    const auto& survey = options_.follow_up;
    if (survey.answered() == 0) return {};
    std::string out = heading(2, words_.text("follow_up"));
    out += paragraph(words_.text("follow_up_answered", {{"n", static_cast<std::int64_t>(survey.answered())}}));
    // As the survey put it to people.
    const std::string labels[] = {words_.text("heard_1"), "2", "3", "4", words_.text("heard_5")};
    std::vector<std::string> heard;
    for (int i = 0; i < survey.felt_heard_size() && i < 5; ++i)
        heard.push_back(
            words_.text("heard_count", {{"label", labels[i]}, {"n", static_cast<std::int64_t>(survey.felt_heard(i))}}));
    out += paragraph(words_.text("did_you_feel_heard")) + list(heard);
    if (survey.changes_size() > 0) {
        std::vector<std::string> changes;
        for (const auto& c : survey.changes()) changes.push_back(c);
        out += paragraph(words_.text("would_change")) + list(changes);
    }
    return out;
}

}  // namespace ts::transcript
