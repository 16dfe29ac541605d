#include "room/decisions/decision_part.hpp"
#include "room/state_archive.hpp"

#include <algorithm>
#include <set>

#include "room/decisions/instant_runoff.hpp"
#include "room/pacing/pacing_rules.hpp"
#include "room/room_checks.hpp"

namespace ts::room {

using namespace checks;

namespace {

bool is_poll(pb::QuestionKind kind) {
    return kind == pb::SINGLE_CHOICE || kind == pb::MULTIPLE_CHOICE || kind == pb::RANKED_CHOICE;
}

// Whether a member may answer: participants (online or in the room), and observers when the
// question lets them. Facilitators run the decision; the room's screen is not a person.
bool may_answer(const pb::Member& m, const pb::QuestionSettings& settings) {
    if (m.room_screen()) return false;
    return m.role() == pb::PARTICIPANT || (m.role() == pb::OBSERVER && settings.observers_may_answer());
}

// A ballot checked against its question: the fields its kind uses, and nothing else.
std::optional<room_error> check_ballot(const pb::QuestionOpened& q, const pb::Ballot& given, std::size_t max_reason,
                                       pb::Ballot& out) {
    auto bad = [](std::string why) { return room_error{pb::BAD_REQUEST, std::move(why), 0}; };
    const auto options = static_cast<std::uint32_t>(q.options_size());
    if (is_poll(q.kind())) {
        if (given.scale() || given.response() || !given.reason().empty()) return bad("a poll is answered with choices");
        std::set<std::uint32_t> seen;
        for (auto c : given.choices()) {
            if (c >= options) return bad("no such option");
            if (!seen.insert(c).second) return bad("an option is chosen once");
        }
        const auto n = static_cast<std::uint32_t>(given.choices_size());
        if (n == 0) return bad("choose an option");
        if (q.kind() == pb::SINGLE_CHOICE && n != 1) return bad("choose one option");
        const auto most = q.settings().most_choices();
        if (q.kind() == pb::MULTIPLE_CHOICE && most > 0 && n > most)
            return bad("choose at most " + std::to_string(most) + " options");
        *out.mutable_choices() = given.choices();
        return std::nullopt;
    }
    if (given.choices_size() > 0) return bad("this question has no options to choose");
    if (q.kind() == pb::CONSENSUS) {
        if (given.scale()) return bad("a consensus check is answered with a response");
        if (!pb::ConsensusResponse_IsValid(given.response()) || given.response() == pb::CONSENSUS_RESPONSE_UNSPECIFIED)
            return bad("respond agree, agree with concerns, stand aside or block");
        const bool needs_reason =
            given.response() == pb::CONSENSUS_AGREE_WITH_CONCERNS || given.response() == pb::CONSENSUS_BLOCK;
        if (auto e = clean_text(given.reason(), text_kind::prose, max_reason,
                                needs_reason ? "the reason (needed for concerns and blocks)" : "the reason",
                                needs_reason, *out.mutable_reason()))
            return e;
        out.set_response(given.response());
        return std::nullopt;
    }
    if (given.response() || !given.reason().empty()) return bad("this question is answered with a number");
    const std::uint32_t low = q.kind() == pb::FIST_TO_FIVE ? 0 : 1;
    if (given.scale() < low || given.scale() > 5) return bad("answer from " + std::to_string(low) + " to 5");
    out.set_scale(given.scale());
    return std::nullopt;
}

// How many buckets a question's counts have: per option, per consensus response (index 0
// unused), or per value 0-5.
std::size_t buckets(const pb::QuestionOpened& q) {
    return is_poll(q.kind()) ? static_cast<std::size_t>(q.options_size()) : q.kind() == pb::CONSENSUS ? 5 : 6;
}

// The counts of these ballots (ranked: first choices).
std::vector<std::uint32_t> tally(const pb::QuestionOpened& q, const std::vector<const pb::Ballot*>& ballots) {
    std::vector<std::uint32_t> counts(buckets(q), 0);
    for (const auto* b : ballots) {
        if (q.kind() == pb::RANKED_CHOICE)
            ++counts[b->choices(0)];
        else if (is_poll(q.kind()))
            for (auto c : b->choices()) ++counts[c];
        else if (q.kind() == pb::CONSENSUS)
            ++counts[static_cast<std::size_t>(b->response())];
        else
            ++counts[b->scale()];
    }
    return counts;
}

void hide_results(pb::EarlierVersion& e) {
    e.clear_counts();
    e.clear_reasons();
}

bool same_ballot(const pb::Ballot& a, const pb::Ballot& b) { return a.SerializeAsString() == b.SerializeAsString(); }

// People in the physical room now whom the question lets answer.
std::uint32_t in_room_answerers(const room_view& room, const pb::QuestionSettings& settings) {
    std::uint32_t n = 0;
    room.for_each_member([&](const pb::Member& m) { n += m.in_room() && m.present() && may_answer(m, settings); });
    return n;
}

}  // namespace

std::vector<const pb::Ballot*> decision_part::question::ballots() const {
    std::vector<const pb::Ballot*> out;
    for (const auto& a : answers) out.push_back(&a.ballot());
    for (const auto& [slot, b] : by_slot) out.push_back(&b);
    for (const auto& b : room_ballots) out.push_back(&b);
    return out;
}

std::vector<pb::GivenReason> decision_part::question::reasons() const {
    std::vector<pb::GivenReason> out;
    if (opened.kind() != pb::CONSENSUS) return out;
    auto add = [&](const std::string& member_id, const pb::Ballot& b) {
        if (b.reason().empty()) return;
        auto& r = out.emplace_back();
        r.set_member_id(member_id);
        r.set_response(b.response());
        r.set_reason(b.reason());
    };
    for (const auto& a : answers) add(a.member_id(), a.ballot());
    if (anonymous()) {
        for (const auto* b : ballots()) add("", *b);
        std::sort(out.begin(), out.end(), [](const pb::GivenReason& x, const pb::GivenReason& y) {
            return x.response() != y.response() ? x.response() < y.response() : x.reason() < y.reason();
        });
    }
    return out;
}

pb::EarlierVersion decision_part::question::as_earlier(bool with_results) const {
    pb::EarlierVersion e;
    e.set_version(version);
    e.set_text(text);
    e.set_answered(answered());
    if (!with_results) return e;
    const auto counts = tally(opened, ballots());
    *e.mutable_counts() = {counts.begin(), counts.end()};
    const auto given = reasons();
    *e.mutable_reasons() = {given.begin(), given.end()};
    return e;
}

std::uint32_t decision_part::question::answered() const {
    return static_cast<std::uint32_t>(answers.size() + by_slot.size() + room_ballots.size());
}

decision decision_part::decide(const part_command& command) const {
    switch (command.message.command_case()) {
        case pb::ClientMessage::kOpenQuestion: return open(command);
        case pb::ClientMessage::kAnswerQuestion: return answer(command);
        case pb::ClientMessage::kAmendQuestion: return amend(command);
        default: return close(command);
    }
}

std::vector<command_policy> decision_part::policies() const {
    using M = pb::ClientMessage;
    // Participants shape the space before the meeting (a consensus check on the pace), and a
    // room may decide things ahead of it. Who answers which question is the question's own
    // rule (may_answer): observers where it asks them, facilitators for people in the room.
    return {
        {M::kOpenQuestion, actors::moderators, phases::until_closed, "only a moderator puts a question to the room"},
        {M::kAnswerQuestion, actors::people, phases::until_closed, "the room's screen does not answer",
         "the people taking part, and observers where the question asks them; moderators and note-takers enter "
         "ballots for people in the room (for_member_id, room_ballots)"},
        {M::kAmendQuestion, actors::moderators, phases::until_closed, "only a moderator amends a proposal"},
        {M::kCloseQuestion, actors::moderators, phases::until_closed, "only a moderator closes a question"}};
}

const decision_part::question* decision_part::find(const std::string& question_id) const {
    auto it = std::find_if(open_.begin(), open_.end(),
                           [&](const question& q) { return q.opened.question_id() == question_id; });
    return it == open_.end() ? nullptr : &*it;
}

decision decision_part::open(const part_command& command) const {
    const auto& given = command.message.open_question();
    if (!pb::QuestionKind_IsValid(given.kind()) || given.kind() == pb::QUESTION_KIND_UNSPECIFIED)
        return decision::refuse(pb::BAD_REQUEST, "unknown kind of question");
    const auto& settings = given.settings();
    if (settings.closes_at_ms() != 0 && settings.closes_at_ms() <= command.now_ms)
        return decision::refuse(pb::BAD_REQUEST, "the closing time has passed");
    if (open_.size() >= limits_.max_open_questions)
        return decision::refuse(pb::CONFLICT, "close a question before opening another: " +
                                                  std::to_string(limits_.max_open_questions) + " are open");
    logged_event opened;
    auto* q = opened.event.mutable_question_opened();
    q->set_question_id(numbered_id('q', opened_ + 1));
    q->set_kind(given.kind());
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_message_chars,
                            given.kind() == pb::CONSENSUS ? "the proposal" : "the question", true, *q->mutable_text()))
        return decision::refuse(std::move(*e));
    if (is_poll(given.kind())) {
        if (given.options_size() < 2 || static_cast<std::size_t>(given.options_size()) > limits_.max_options)
            return decision::refuse(pb::BAD_REQUEST,
                                    "a poll has from 2 to " + std::to_string(limits_.max_options) + " options");
        std::set<std::string> seen;
        for (const auto& o : given.options()) {
            if (auto e =
                    clean_text(o, text_kind::label, limits_.max_option_chars, "an option", true, *q->add_options()))
                return decision::refuse(std::move(*e));
            if (!seen.insert(q->options(q->options_size() - 1)).second)
                return decision::refuse(pb::BAD_REQUEST, "two options say the same");
        }
        if (settings.most_choices() > static_cast<std::uint32_t>(given.options_size()))
            return decision::refuse(pb::BAD_REQUEST, "most choices is more than there are options");
    } else if (given.options_size() > 0) {
        return decision::refuse(pb::BAD_REQUEST, "only polls have options");
    }
    if (given.has_pacing()) {
        if (given.kind() != pb::CONSENSUS)
            return decision::refuse(pb::BAD_REQUEST, "a change of pace is put to a consensus check");
        // Checked now, so that adopting it later cannot fail half-way.
        if (auto e = pacing_rules::check(given.pacing(), limits_)) return decision::refuse(std::move(*e));
        *q->mutable_pacing() = given.pacing();
    }
    if (given.has_voice()) {
        if (given.kind() != pb::CONSENSUS)
            return decision::refuse(pb::BAD_REQUEST, "a change of voice is put to a consensus check");
        if (given.has_pacing())
            return decision::refuse(pb::BAD_REQUEST, "a consensus check proposes one change: of pace or of voice");
        if (!pb::VoiceMode_IsValid(given.voice().mode()))
            return decision::refuse(pb::BAD_REQUEST, "unknown voice mode");
        *q->mutable_voice() = given.voice();
    }
    *q->mutable_settings() = settings;
    if (given.kind() != pb::MULTIPLE_CHOICE) q->mutable_settings()->clear_most_choices();
    q->mutable_settings()->set_audited(settings.anonymous() && command.room.audits_anonymous());
    q->set_agenda_item_id(agenda_item_id_);
    q->set_by_member_id(command.caller.member_id());
    return decision::of(std::move(opened));
}

decision decision_part::answer(const part_command& command) const {
    const auto& given = command.message.answer_question();
    const auto* q = find(given.question_id());
    if (!q) return decision::refuse(pb::NOT_FOUND, "no open question has that id");
    if (q->anonymous()) return answer_anonymously(command, *q);
    if (given.room_ballots_size() > 0)
        return decision::refuse(pb::BAD_REQUEST,
                                "the room's ballots are for anonymous questions: answer for each person");
    const pb::Member* who = &command.caller;
    std::string recorded_by;
    if (!given.for_member_id().empty()) {
        // Someone in the physical room answers through the person entering it.
        if (command.caller.role() != pb::MODERATOR && !command.caller.note_taker())
            return decision::refuse(pb::PERMISSION_DENIED,
                                    "a moderator or note-taker enters answers for people in the room");
        who = command.room.member(given.for_member_id());
        if (!who || !who->in_room() || !who->present())
            return decision::refuse(pb::NOT_FOUND, "nobody in the room has that id");
        recorded_by = command.caller.member_id();
    }
    if (!may_answer(*who, q->opened.settings()))
        return decision::refuse(pb::PERMISSION_DENIED, who->role() == pb::OBSERVER
                                                           ? "observers do not answer this question"
                                                           : "facilitators do not answer the room's questions");
    logged_event answered;
    auto* a = answered.event.mutable_question_answered();
    pb::Ballot ballot;
    if (auto e = check_ballot(q->opened, given.ballot(), limits_.max_survey_answer_chars, ballot))
        return decision::refuse(std::move(*e));
    auto before = std::find_if(q->answers.begin(), q->answers.end(),
                               [&](const pb::QuestionAnswered& x) { return x.member_id() == who->member_id(); });
    a->set_question_id(q->opened.question_id());
    a->set_member_id(who->member_id());
    a->set_version(q->version);
    a->set_recorded_by(recorded_by);
    a->set_changed(before != q->answers.end() && !same_ballot(before->ballot(), ballot));
    a->set_answered(q->answered() + (before == q->answers.end() ? 1 : 0));
    if (q->live()) {
        // The counts as they will stand, so that no reader counts them again.
        std::vector<const pb::Ballot*> ballots{&ballot};
        for (const auto& x : q->answers)
            if (x.member_id() != who->member_id()) ballots.push_back(&x.ballot());
        auto counts = tally(q->opened, ballots);
        *a->mutable_tally() = {counts.begin(), counts.end()};
    }
    // Hidden results: the ballot waits in the record's private part until the close.
    *(q->live() ? a->mutable_ballot() : answered.hidden.mutable_ballot()) = std::move(ballot);
    return decision::of(std::move(answered));
}

decision decision_part::answer_anonymously(const part_command& command, const question& q) const {
    const auto& given = command.message.answer_question();
    if (!given.for_member_id().empty())
        return decision::refuse(
            pb::BAD_REQUEST,
            "an anonymous question's answers from the room are entered together, as the room's ballots");
    logged_event answered;
    auto* a = answered.event.mutable_question_answered();
    a->set_question_id(q.opened.question_id());
    a->set_version(q.version);
    // The ballots as they will stand: what this answer replaces is left out, then it is added.
    std::vector<const pb::Ballot*> ballots;
    std::vector<pb::Ballot> checked;
    if (given.room_ballots_size() > 0) {
        // Handed in by the people in the room, entered together: nobody's answer is told apart.
        if (command.caller.role() != pb::MODERATOR && !command.caller.note_taker())
            return decision::refuse(pb::PERMISSION_DENIED, "a moderator or note-taker enters the room's ballots");
        if (given.has_ballot())
            return decision::refuse(pb::BAD_REQUEST, "enter the room's ballots, or an answer of your own");
        const auto most = in_room_answerers(command.room, q.opened.settings());
        if (static_cast<std::uint32_t>(given.room_ballots_size()) > most)
            return decision::refuse(
                pb::BAD_REQUEST, "more ballots than people in the room who may answer (" + std::to_string(most) + ")");
        for (const auto& b : given.room_ballots()) {
            if (auto e = check_ballot(q.opened, b, limits_.max_survey_answer_chars, checked.emplace_back()))
                return decision::refuse(std::move(*e));
        }
        for (const auto& [slot, b] : q.by_slot) ballots.push_back(&b);
        a->set_recorded_by(command.caller.member_id());
        a->set_changed(!q.room_ballots.empty());
        a->set_room_ballots(static_cast<std::uint32_t>(checked.size()));
        *answered.hidden.mutable_room_ballots() = {checked.begin(), checked.end()};
    } else {
        if (!may_answer(command.caller, q.opened.settings()))
            return decision::refuse(pb::PERMISSION_DENIED, command.caller.role() == pb::OBSERVER
                                                               ? "observers do not answer this question"
                                                               : "facilitators do not answer the room's questions");
        const auto slot = command.room.ballot_slot(command.caller.member_id(), q.opened.question_id());
        if (slot.empty()) return decision::refuse(pb::INTERNAL, "no ballot could be prepared");
        if (auto e = check_ballot(q.opened, given.ballot(), limits_.max_survey_answer_chars, checked.emplace_back()))
            return decision::refuse(std::move(*e));
        auto before = q.by_slot.find(slot);
        for (const auto& [other, b] : q.by_slot)
            if (other != slot) ballots.push_back(&b);
        for (const auto& b : q.room_ballots) ballots.push_back(&b);
        a->set_changed(before != q.by_slot.end() && !same_ballot(before->second, checked.front()));
        a->set_room_ballots(static_cast<std::uint32_t>(q.room_ballots.size()));
        *answered.hidden.mutable_ballot() = checked.front();
        answered.hidden.set_ballot_slot(slot);
        if (q.opened.settings().audited()) answered.hidden.set_ballot_member_id(command.caller.member_id());
    }
    for (const auto& b : checked) ballots.push_back(&b);
    a->set_answered(static_cast<std::uint32_t>(ballots.size()));
    if (q.live()) {
        auto counts = tally(q.opened, ballots);
        *a->mutable_tally() = {counts.begin(), counts.end()};
    }
    auto d = decision::of(std::move(answered));
    d.untraceable = true;
    return d;
}

decision decision_part::amend(const part_command& command) const {
    const auto& given = command.message.amend_question();
    const auto* q = find(given.question_id());
    if (!q) return decision::refuse(pb::NOT_FOUND, "no open question has that id");
    if (q->opened.kind() != pb::CONSENSUS)
        return decision::refuse(pb::CONFLICT, "only a consensus proposal is amended");
    logged_event amended;
    auto* a = amended.event.mutable_question_amended();
    if (auto e = clean_text(given.text(), text_kind::prose, limits_.max_message_chars, "the proposal", true,
                            *a->mutable_text()))
        return decision::refuse(std::move(*e));
    if (a->text() == q->text) return decision::refuse(pb::BAD_REQUEST, "the amended proposal is the same");
    a->set_question_id(q->opened.question_id());
    a->set_version(q->version + 1);
    a->set_by_member_id(command.caller.member_id());
    *a->mutable_earlier() = q->as_earlier(q->live());
    return decision::of(std::move(amended));
}

decision decision_part::close(const part_command& command) const {
    const auto& given = command.message.close_question();
    const auto* q = find(given.question_id());
    if (!q) return decision::refuse(pb::NOT_FOUND, "no open question has that id");
    std::string outcome;
    if (auto e =
            clean_text(given.outcome(), text_kind::prose, limits_.max_outcome_chars, "the outcome", false, outcome))
        return decision::refuse(std::move(*e));
    const auto result = given.result();
    if (!pb::ConsensusResult_IsValid(result))
        return decision::refuse(pb::BAD_REQUEST, "the result is agreed or not agreed");
    if (result != pb::CONSENSUS_RESULT_UNSPECIFIED && q->opened.kind() != pb::CONSENSUS)
        return decision::refuse(pb::BAD_REQUEST, "only a consensus check is agreed or not agreed");
    // A blocked proposal is never recorded as agreed (nor adopted).
    const bool blocked = blocks(*q) > 0;
    if (blocked && (result == pb::CONSENSUS_AGREED || given.adopt()))
        return decision::refuse(pb::CONFLICT,
                                "someone blocks this proposal: it cannot be recorded as agreed. Amend it "
                                "and check again, or record it as not agreed");
    if (!given.adopt())
        return decision::of(record(*q, command.room, command.caller.member_id(), outcome, false, result));
    if (!q->opened.has_pacing() && !q->opened.has_voice())
        return decision::refuse(pb::BAD_REQUEST, "only a proposed change of pace or voice is adopted");
    if (result == pb::CONSENSUS_NOT_AGREED)
        return decision::refuse(pb::BAD_REQUEST, "a change not agreed is not adopted");
    auto d = decision::of(record(*q, command.room, command.caller.member_id(), outcome, true, pb::CONSENSUS_AGREED));
    pb::ClientMessage adopt;
    if (q->opened.has_pacing())
        *adopt.mutable_set_pacing()->mutable_settings() = q->opened.pacing();
    else
        *adopt.mutable_set_voice()->mutable_settings() = q->opened.voice();
    d.then = std::move(adopt);
    return d;
}

std::size_t decision_part::blocks(const question& q) {
    const auto ballots = q.ballots();
    return static_cast<std::size_t>(std::count_if(
        ballots.begin(), ballots.end(), [](const pb::Ballot* b) { return b->response() == pb::CONSENSUS_BLOCK; }));
}

namespace {

// A consensus check's result when the moderator did not say it: agreed only if someone
// answered and nobody blocks.
pb::ConsensusResult worked_out(std::size_t blocks, std::uint32_t answered) {
    return blocks == 0 && answered > 0 ? pb::CONSENSUS_AGREED : pb::CONSENSUS_NOT_AGREED;
}

// What happened, in words, for a record whose moderator wrote no outcome.
std::string result_words(pb::ConsensusResult result, const std::vector<std::uint32_t>& counts, std::uint32_t answered) {
    auto some = [](std::uint32_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    const auto concerns = counts[pb::CONSENSUS_AGREE_WITH_CONCERNS], aside = counts[pb::CONSENSUS_STAND_ASIDE],
               blocked = counts[pb::CONSENSUS_BLOCK];
    if (result == pb::CONSENSUS_AGREED) {
        std::string also;
        if (concerns) also += some(concerns, "with concerns", "with concerns");
        if (aside) also += (also.empty() ? "" : ", ") + some(aside, "standing aside", "standing aside");
        return also.empty() ? "Agreed" : "Agreed (" + also + ")";
    }
    if (blocked) return "Not agreed: " + some(blocked, "block", "blocks");
    return answered == 0 ? "Not agreed: nobody answered" : "Not agreed";
}

}  // namespace

logged_event decision_part::record(const question& q, const room_view& room, const std::string& by,
                                   const std::string& outcome, bool adopted, pb::ConsensusResult result) const {
    logged_event recorded;
    auto* d = recorded.event.mutable_decision_recorded();
    const auto& opened = q.opened;
    d->set_question_id(opened.question_id());
    d->set_kind(opened.kind());
    d->set_text(q.text);
    d->set_version(q.version);
    *d->mutable_options() = opened.options();
    *d->mutable_settings() = opened.settings();
    const auto ballots = q.ballots();
    const auto counts = tally(opened, ballots);
    *d->mutable_counts() = {counts.begin(), counts.end()};
    if (opened.kind() == pb::RANKED_CHOICE) {
        std::vector<std::vector<std::uint32_t>> ranked;
        for (const auto* b : ballots) ranked.emplace_back(b->choices().begin(), b->choices().end());
        auto result = instant_runoff(static_cast<std::uint32_t>(opened.options_size()), ranked);
        for (const auto& r : result.rounds) {
            auto* round = d->add_rounds();
            *round->mutable_votes() = {r.votes.begin(), r.votes.end()};
            round->set_exhausted(r.exhausted);
            *round->mutable_eliminated() = {r.eliminated.begin(), r.eliminated.end()};
        }
        if (result.winner) d->set_winner(*result.winner + 1);
        *d->mutable_tied() = {result.tied.begin(), result.tied.end()};
    }
    const auto reasons = q.reasons();
    *d->mutable_reasons() = {reasons.begin(), reasons.end()};
    for (const auto& a : q.answers) *d->add_answers() = a;
    // Who could answer: everyone here now whom the question lets answer.
    std::uint32_t eligible = 0;
    room.for_each_member([&](const pb::Member& m) { eligible += m.present() && may_answer(m, opened.settings()); });
    d->set_eligible(eligible);
    d->set_answered(q.answered());
    d->set_changes(q.changes);
    d->set_agenda_item_id(opened.agenda_item_id());
    d->set_closed_by_member_id(by);
    d->set_outcome(outcome);
    if (opened.kind() == pb::CONSENSUS) {
        if (result == pb::CONSENSUS_RESULT_UNSPECIFIED) result = worked_out(blocks(q), q.answered());
        d->set_result(result);
        if (outcome.empty()) d->set_outcome(result_words(result, counts, q.answered()));
    }
    if (opened.has_pacing()) *d->mutable_pacing() = opened.pacing();
    if (opened.has_voice()) *d->mutable_voice() = opened.voice();
    d->set_adopted(adopted);
    *d->mutable_earlier() = {q.earlier.begin(), q.earlier.end()};
    return recorded;
}

decision decision_part::react(const pb::Event& event, const room_view& room, std::int64_t) const {
    std::vector<logged_event> out;
    if (event.room_phase_changed().phase() != pb::CLOSED) return decision::of(std::move(out));
    for (const auto& q : open_)
        out.push_back(record(q, room, event.room_phase_changed().by_member_id(), "Closed with the meeting."));
    return decision::of(std::move(out));
}

decision decision_part::tick(const room_view& room, std::int64_t now_ms) const {
    std::vector<logged_event> out;
    for (const auto& q : open_)
        if (auto at = q.opened.settings().closes_at_ms(); at != 0 && at <= now_ms)
            out.push_back(record(q, room, "", ""));
    return decision::of(std::move(out));
}

std::optional<std::int64_t> decision_part::next_deadline(const room_view&) const {
    std::optional<std::int64_t> next;
    for (const auto& q : open_)
        if (auto at = q.opened.settings().closes_at_ms(); at != 0 && (!next || at < *next)) next = at;
    return next;
}

void decision_part::evolve(const pb::Event& event, const pb::EventPrivate& hidden) {
    switch (event.kind_case()) {
        case pb::Event::kAgendaItemStarted: agenda_item_id_ = event.agenda_item_started().item_id(); return;
        case pb::Event::kAgendaItemEnded: agenda_item_id_.clear(); return;
        case pb::Event::kQuestionOpened: {
            ++opened_;
            question q;
            q.opened = event.question_opened();
            q.text = q.opened.text();
            open_.push_back(std::move(q));
            return;
        }
        // Pace proposals recorded before they became consensus checks: history only.
        case pb::Event::kProposalStarted:
        case pb::Event::kProposalAnswered:
        case pb::Event::kProposalClosed: return;
        case pb::Event::kDecisionRecorded: {
            const auto& id = event.decision_recorded().question_id();
            std::erase_if(open_, [&](const question& q) { return q.opened.question_id() == id; });
            decisions_.push_back(event.decision_recorded());
            return;
        }
        default: break;
    }
    const auto& id = event.has_question_answered() ? event.question_answered().question_id()
                                                   : event.question_amended().question_id();
    auto it = std::find_if(open_.begin(), open_.end(), [&](const question& q) { return q.opened.question_id() == id; });
    if (it == open_.end()) return;
    if (event.has_question_amended()) {
        // A new version: earlier responses stay in the record, as answers to the earlier one.
        it->earlier.push_back(it->as_earlier(true));
        it->version = event.question_amended().version();
        it->text = event.question_amended().text();
        it->answers.clear();
        it->by_slot.clear();
        it->room_ballots.clear();
        return;
    }
    const auto& answered = event.question_answered();
    if (answered.changed()) ++it->changes;
    if (it->anonymous()) {
        if (!answered.recorded_by().empty())
            it->room_ballots.assign(hidden.room_ballots().begin(), hidden.room_ballots().end());
        else
            it->by_slot[hidden.ballot_slot()] = hidden.ballot();
        return;
    }
    auto kept = answered;
    if (!it->live()) *kept.mutable_ballot() = hidden.ballot();
    auto same = std::find_if(it->answers.begin(), it->answers.end(),
                             [&](const pb::QuestionAnswered& a) { return a.member_id() == answered.member_id(); });
    if (same != it->answers.end())
        *same = std::move(kept);
    else
        it->answers.push_back(std::move(kept));
}

void decision_part::add_to(pb::RoomSnapshot& snapshot) const {
    for (const auto& q : open_) {
        auto* s = snapshot.add_questions();
        *s->mutable_question() = q.opened;
        s->set_version(q.version);
        s->set_text(q.text);
        for (const auto& a : q.answers) {
            auto* shown = s->add_answers();
            *shown = a;
            if (!q.live()) shown->clear_ballot();
        }
        s->set_answered(q.answered());
        s->set_room_ballots(static_cast<std::uint32_t>(q.room_ballots.size()));
        if (q.live()) {
            auto counts = tally(q.opened, q.ballots());
            *s->mutable_tally() = {counts.begin(), counts.end()};
        }
        for (const auto& e : q.earlier) {
            auto* shown = s->add_earlier();
            *shown = e;
            if (!q.live()) hide_results(*shown);
        }
    }
    for (const auto& d : decisions_) *snapshot.add_decisions() = d;
}

void decision_part::save(state_out& out) const { out(open_, decisions_, opened_, agenda_item_id_); }

void decision_part::load(state_in& in) { in(open_, decisions_, opened_, agenda_item_id_); }

}  // namespace ts::room
