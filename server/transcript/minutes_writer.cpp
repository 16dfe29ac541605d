#include "transcript/minutes_writer.hpp"

#include <ctime>
#include <string_view>

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
                            : d.options_size() > 0 ? (i < d.options_size() ? d.options(i) : "?")
                                                   : std::to_string(i);
        out += (out.empty() ? "" : ", ") + label + " " + std::to_string(d.counts(i));
    }
    return out.empty() ? "no answers" : out;
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
        case minutes_format::markdown: return std::string(static_cast<std::size_t>(level), '#') + " " + escape(text) + "\n\n";
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
        if (options_.format == minutes_format::html) out += "<li>" + escape(i) + "</li>\n";
        else out += (options_.format == minutes_format::markdown ? "- " : "  * ") + escape(i) + "\n";
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
    // What was decided comes first: a consensus check agreed or not (a record from before
    // results were kept: not agreed if anyone blocked or nobody answered).
    std::string out;
    if (d.kind() == pb::CONSENSUS) {
        const bool agreed = d.result() == pb::CONSENSUS_AGREED ||
                            (d.result() == pb::CONSENSUS_RESULT_UNSPECIFIED && d.answered() > 0 &&
                             (d.counts_size() <= pb::CONSENSUS_BLOCK || d.counts(pb::CONSENSUS_BLOCK) == 0));
        out = agreed ? "Agreed: " : "Not agreed: ";
    }
    out += d.text();
    if (d.version() > 1) out += " (version " + std::to_string(d.version()) + ")";
    out += " — " + std::string(kind_name(d.kind())) + (d.settings().anonymous() ? ", anonymous" : "") + ": ";
    if (!d.outcome().empty()) out += "Outcome: " + d.outcome() + " ";
    out += "Answers: " + counts_text(d) + "; " + std::to_string(d.answered()) + " of " + std::to_string(d.eligible()) +
           " answered.";
    if (d.kind() == pb::RANKED_CHOICE && d.winner() > 0 && static_cast<int>(d.winner()) <= d.options_size())
        out += " Chosen by instant-runoff in " + std::to_string(d.rounds_size()) + (d.rounds_size() == 1 ? " round: " : " rounds: ") +
               d.options(static_cast<int>(d.winner()) - 1) + ".";
    if (d.kind() == pb::RANKED_CHOICE && d.tied_size() > 0) out += " A tie: the room decides.";
    if (d.has_pacing()) out += d.adopted() ? " The change of pace was adopted." : " The change of pace was not adopted.";
    for (const auto& r : d.reasons())
        out += " Reason (" + std::string(response_name(r.response())) +
               (r.member_id().empty() ? "" : ", " + who(r.member_id())) + "): " + sentence(r.reason());
    out += d.closed_by_member_id().empty() ? " Closed at its closing time." : " Closed by " + who(d.closed_by_member_id()) + ".";
    return out;
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
    if (s.first_ms()) {
        auto date = formatted(s.first_ms(), "%A %d %B %Y");
        if (auto zero = date.find(" 0"); zero != std::string::npos) date.erase(zero + 1, 1);  // "5 May", not "05 May"
        facts.push_back("Date: " + date);
        facts.push_back("Times (UTC): " + clock(s.first_ms()) + " to " + clock(s.last_ms()));
    }
    if (!s.when().empty()) facts.push_back("When: " + s.when());
    if (!s.place().empty()) facts.push_back("Where: " + s.place());
    out += list(facts);

    out += heading(2, "Who took part");
    std::vector<std::string> people;
    std::size_t in_room = 0;
    const auto took_part = s.took_part();
    for (const auto& p : took_part) {
        if (p.in_room) ++in_room;
        people.push_back(who(p.member_id) + (p.role == pb::MODERATOR ? " (facilitator)" : p.role == pb::OBSERVER ? " (observer)" : "") +
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
            const auto& f = event.floor_changed();
            if (f.change() != pb::FLOOR_CHANGE_ENDED) return "";
            const auto began = f.floor().started_at_ms() ? f.floor().started_at_ms() : event.at_ms() - f.turn_duration_ms();
            return line(clock(began) + "–" + at + " " + who(f.member_id()) + " had the floor (" + duration(f.turn_duration_ms()) +
                        (f.end_reason() == pb::TIME_RAN_OUT ? ", until the time ran out)" : ")"));
        }
        case pb::Event::kMessagePosted: {
            const auto& m = event.message_posted();
            std::string by = m.anonymous() ? "(without a name)" : who(m.member_id());
            if (!m.noted_by_member_id().empty()) by += " (noted by " + who(m.noted_by_member_id()) + ")";
            if (!m.removed_by_member_id().empty())
                return line(at + " " + by + ": " + (m.withdrawn() ? "(withdrawn by its author)" : "(removed by a moderator)"));
            return line(at + " " + by + ": " + m.text());
        }
        case pb::Event::kDecisionRecorded:
            return line(at + " Decision recorded: " + event.decision_recorded().text());
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
               paragraph("Part of the room's stored record could not be read, so what it held is not in these "
                         "minutes, and the figures below may count too little:") +
               list(damage_);
    out += heading(2, "How much each person was heard");
    const auto people = summary_.took_part();
    auto row = [&](const minutes_person& p) {
        return std::vector<std::string>{who(p.member_id), std::to_string(p.turns), duration(p.floor_ms), std::to_string(p.messages)};
    };
    const std::vector<std::string> head = {"Person", "Turns", "Time with the floor", "Messages"};
    if (options_.format == minutes_format::html) {
        out += "<table>\n<thead><tr>";
        for (const auto& h : head) out += "<th scope=\"col\">" + escape(h) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& p : people) {
            auto cells = row(p);
            out += "<tr><th scope=\"row\">" + escape(cells[0]) + "</th>";
            for (std::size_t i = 1; i < cells.size(); ++i) out += "<td>" + escape(cells[i]) + "</td>";
            out += "</tr>\n";
        }
        return out + "</tbody>\n</table>\n" + follow_up() + "</main>\n</body>\n</html>\n";
    }
    if (options_.format == minutes_format::markdown) {
        out += "| " + head[0] + " | " + head[1] + " | " + head[2] + " | " + head[3] + " |\n|---|---|---|---|\n";
        for (const auto& p : people) {
            auto cells = row(p);
            out += "| " + escape(cells[0]) + " | " + cells[1] + " | " + cells[2] + " | " + cells[3] + " |\n";
        }
        return out + follow_up();
    }
    std::vector<std::string> lines;
    for (const auto& p : people) {
        auto cells = row(p);
        lines.push_back(cells[0] + ": " + cells[1] + (p.turns == 1 ? " turn, " : " turns, ") + cells[2] + " with the floor, " +
                        cells[3] + (p.messages == 1 ? " message" : " messages"));
    }
    return out + list(lines) + follow_up();
}

std::string minutes_writer::follow_up() const {
    const auto& survey = options_.follow_up;
    if (survey.answered() == 0) return {};
    std::string out = (options_.format == minutes_format::markdown ? "\n" : "") + heading(2, "Follow-up survey");
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
