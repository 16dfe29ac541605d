#include "room/room.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "room/core_policies.hpp"
#include "room/groups/groups_part.hpp"
#include "room/groups/table_part.hpp"
#include "room/meeting_parts.hpp"
#include "room/fairness/equal_voice_part.hpp"
#include "room/lifecycle/lifecycle_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/pacing/pacing_part.hpp"
#include "room/preparation/follow_up_part.hpp"
#include "room/preparation/readiness_part.hpp"
#include "room/turns/room_mode_part.hpp"
#include "room/turns/turn_settings_part.hpp"
#include "room/turns/turn_taking_part.hpp"
#include "room/voice/voice_part.hpp"
#include "room/languages.hpp"
#include "room/person_name.hpp"
#include "room/room_checks.hpp"
#include "room/series/series_link_part.hpp"
#include "room/series/series_part.hpp"
#include "room/sha256.hpp"

namespace ts::room {

using namespace checks;

namespace {

// Event kinds the room's core folds itself: membership and the conversation.
constexpr pb::Event::KindCase folded_by_core[] = {
    pb::Event::kRoomCreated,     pb::Event::kMemberJoined,     pb::Event::kMemberLeft,      pb::Event::kMessagePosted,
    pb::Event::kRoomUpdated,     pb::Event::kNoteTakerChanged, pb::Event::kRecordRepaired,  pb::Event::kRoleChanged,
    pb::Event::kMessageRedacted, pb::Event::kMemberBanChanged, pb::Event::kJoinCodeRotated, pb::Event::kSeriesLinked,
};

}  // namespace

room::room(std::string id, room_limits limits, turn_defaults turns, std::vector<std::unique_ptr<room_part>> more)
    : id_(std::move(id)), limits_(limits) {
    for (auto& part : meeting_parts(limits_, turns)) parts_.add(std::move(part));
    for (auto& part : more) parts_.add(std::move(part));
    // The few parts the core's own rules ask by name (posting: the room's mode, the floor, slow
    // mode and the pace; joining: a person's needs and answers; the phase for every command).
    lifecycle_ = &part<lifecycle_part>();
    turns_ = &part<turn_taking_part>();
    turn_settings_ = &part<turn_settings_part>();
    mode_ = &part<room_mode_part>();
    equal_voice_ = &part<equal_voice_part>();
    pacing_ = &part<pacing_part>();
    needs_ = &part<needs_part>();
    readiness_ = &part<readiness_part>();
    follow_up_ = &part<follow_up_part>();
    table_ = &part<table_part>();
    groups_ = &part<groups_part>();
    series_ = &part<series_part>();
    series_link_ = &part<series_link_part>();
    voice_ = &part<voice_part>();
    parts_.add_core(core_policies());
    parts_.check_covers(folded_by_core);
}

const speaking_queue& room::queue() const { return turns_->queue(); }
pb::RoomPhase room::phase() const { return lifecycle_->phase(); }
const pb::FloorState& room::floor() const { return turns_->floor(); }
pb::RoomMode room::mode() const { return mode_->mode(); }
const pb::TurnSettings& room::turn_settings() const { return turn_settings_->settings(); }
const pb::FairnessSettings& room::fairness() const { return equal_voice_->settings(); }
const participation& room::figures() const { return equal_voice_->figures(); }
const pb::PacingSettings& room::pacing() const { return pacing_->settings(); }
bool room::paused() const { return pacing_->paused(); }
std::size_t room::unreleased() const { return pacing_->unreleased(); }

const pb::Member* room::member(const std::string& member_id) const {
    const auto* record = find_member(member_id);
    return record ? &record->member : nullptr;
}

void room::for_each_member(const std::function<void(const pb::Member&)>& visit) const {
    for (const auto& record : members_) visit(record.member);
}

std::int64_t room::absent_since_ms(const std::string& member_id) const {
    const auto* record = find_member(member_id);
    return record && !record->member.present() ? record->absent_since_ms : 0;
}

bool room::audits_anonymous() const { return equal_voice_->settings().audit_anonymous(); }

std::string room::ballot_slot(const std::string& member_id, const std::string& question_id) const {
    auto it = by_member_id_.find(member_id);
    if (it == by_member_id_.end()) return {};
    const auto& secret = presence_.ballot_secret(it->second);
    return secret.empty() ? std::string{} : sha256_bytes(secret + "\n" + question_id);
}

namespace {

template <class Refs>
auto* find_by_seq(Refs& refs, std::uint64_t seq) {
    auto it = std::lower_bound(refs.begin(), refs.end(), seq, [](const auto& m, std::uint64_t s) { return m.seq < s; });
    return it != refs.end() && it->seq == seq ? &*it : nullptr;
}

}  // namespace

const room::message_ref* room::find_message(std::uint64_t seq) const { return find_by_seq(messages_, seq); }

std::uint32_t room::number_of(const std::string& member_id) const {
    auto it = by_member_id_.find(member_id);
    return it == by_member_id_.end() ? 0 : static_cast<std::uint32_t>(it->second + 1);
}

void room::mark_removed(pb::Event& event) const {
    const auto* ref = event.has_message_posted() ? find_message(event.seq()) : nullptr;
    if (!ref || !ref->removed_by) return;
    auto* m = event.mutable_message_posted();
    m->clear_text();
    m->set_withdrawn(ref->withdrawn);
    m->set_removed_by_member_id(members_[ref->removed_by - 1].member.member_id());
}

bool room::is_message(std::uint64_t seq) const { return find_message(seq) != nullptr; }

bool room::name_in_use(const std::string& name) const {
    const auto likeness = name_likeness(name);
    for (const auto& record : members_)
        if (record.member.present() && !record.member.room_screen() &&
            name_likeness(record.member.display_name()).alike(likeness))
            return true;
    return false;
}

outcome room::run_part(room_part& part, const pb::ClientMessage& message, member_record& caller, std::int64_t now_ms) {
    auto decided = part.decide(part_command{message, caller.member, now_ms, *this});
    if (decided.error) return failed(*decided.error);
    outcome out;
    out.untraceable = decided.untraceable;
    if (decided.then && decided.then_first) {
        auto first = run_follow_up(*decided.then, caller, now_ms);
        if (!first.ok()) return first;
        out.untraceable = out.untraceable || first.untraceable;
        out.events = std::move(first.events);
        for (auto& e : decided.events) commit(out, std::move(e.event), std::move(e.hidden), now_ms);
        return out;
    }
    for (auto& e : decided.events) commit(out, std::move(e.event), std::move(e.hidden), now_ms);
    if (decided.then) {
        // A follow-up command, after this part's events are folded (adopting a proposal,
        // posting a point raised for someone). The events above are committed whatever it
        // does: a refused follow-up adds nothing, and is an error only when the part decided
        // nothing else (never for events that are already part of the room).
        auto next = run_follow_up(*decided.then, caller, now_ms);
        if (!next.ok() && out.events.empty()) return next;
        out.untraceable = out.untraceable || next.untraceable;
        for (auto& e : next.events) out.events.push_back(std::move(e));
    }
    return out;
}

outcome room::run_follow_up(const pb::ClientMessage& then, member_record& caller, std::int64_t now_ms) {
    if (then.has_post()) return post_as(then.post(), caller, now_ms);
    if (auto* owner = parts_.owner(then.command_case())) return run_part(*owner, then, caller, now_ms);
    return outcome{};
}

outcome room::create(const std::string& title, const std::string& purpose, const std::string& moderator_key,
                     const std::string& join_code, std::int64_t now_ms, pb::RoomPhase phase, bool series) {
    if (created()) return failed(pb::CONFLICT, "the room already exists");
    pb::Event event;
    auto* created_event = event.mutable_room_created();
    if (auto e = clean_text(title, text_kind::label, limits_.max_title_chars, "the title", true,
                            *created_event->mutable_title())) {
        return failed(std::move(*e));
    }
    if (auto e = clean_text(purpose, text_kind::prose, limits_.max_purpose_chars, "the purpose", false,
                            *created_event->mutable_purpose())) {
        return failed(std::move(*e));
    }
    if (moderator_key.empty() || join_code.empty() || moderator_key == join_code)
        return failed(pb::INTERNAL, "the room's keys were not prepared");
    if (phase != pb::LIVE && phase != pb::PREPARING)
        return failed(pb::BAD_REQUEST, "a room starts either preparing or live");
    // A series holds no meeting of its own: it stays preparing, where its people talk with the
    // facilitators between its meetings.
    if (series) phase = pb::PREPARING;
    created_event->set_phase(phase);
    created_event->set_series(series);
    pb::EventPrivate hidden;
    hidden.set_moderator_key_hash(sha256_bytes(moderator_key));
    hidden.set_join_code_hash(sha256_bytes(join_code));
    outcome out;
    commit(out, std::move(event), std::move(hidden), now_ms);
    return out;
}

namespace {

// What identifies a command's content, whatever request id it was sent with.
std::string request_digest(const pb::ClientMessage& message) {
    pb::ClientMessage content = message;
    content.clear_request_id();
    return sha256_bytes(content.SerializeAsString()).substr(0, 8);
}

}  // namespace

outcome room::apply(const pb::ClientMessage& message, const command_context& context, std::int64_t now_ms) {
    if (!created()) return failed(pb::NOT_FOUND, "no such room");
    std::string member_id, digest;
    if (const auto* record = caller(context.connection_id);
        record && message.request_id() != 0 && !message.has_join()) {
        member_id = record->member.member_id();
        digest = request_digest(message);
        if (auto seq = requests_.find(member_id, message.request_id(), digest)) {
            outcome out;
            out.repeat_of_seq = seq;
            return out;
        }
    }
    auto out = dispatch(message, context, now_ms);
    if (!member_id.empty() && out.ok() && !out.events.empty()) {
        auto& last = out.events.back();
        requests_.remember(member_id, message.request_id(), digest, last.event.seq(), out.untraceable);
        // The log may not tie an anonymous point or answer to its author: that request is
        // remembered only while the server runs.
        if (!out.untraceable) {
            last.hidden.set_request_id(message.request_id());
            last.hidden.set_request_member_id(member_id);
            last.hidden.set_request_digest(digest);
        }
    }
    return out;
}

outcome room::dispatch(const pb::ClientMessage& message, const command_context& context, std::int64_t now_ms) {
    // Every command's policy first: in this phase, from this person (command_policy.hpp).
    const auto* policy = parts_.policy(message.command_case());
    if (!policy) return failed(pb::BAD_REQUEST, "unknown or missing command");
    if (message.has_join()) {
        if (auto refused = refusal_in_phase(*policy, phase())) return failed(*refused);
        return join(message.join(), context, now_ms);
    }
    auto* record = caller(context.connection_id);
    if (auto refused = refusal_by_policy(*policy, record ? &record->member : nullptr)) return failed(*refused);
    switch (message.command_case()) {
        case pb::ClientMessage::kPost: return post_as(message.post(), *record, now_ms);
        case pb::ClientMessage::kLeave: return leave(context, now_ms);
        case pb::ClientMessage::kUpdateRoom: return update_room(message.update_room(), *record, now_ms);
        case pb::ClientMessage::kWithdrawMessage:
        case pb::ClientMessage::kRedactMessage: return remove_message(message, *record, now_ms);
        case pb::ClientMessage::kRemoveMember: return remove_member(message.remove_member(), *record, now_ms);
        case pb::ClientMessage::kLiftBan: return lift_ban(message.lift_ban(), *record, now_ms);
        case pb::ClientMessage::kRotateJoinCode: return rotate_join_code(message.rotate_join_code(), *record, now_ms);
        case pb::ClientMessage::kAddInRoomParticipant: return add_in_room(message.add_in_room_participant(), now_ms);
        case pb::ClientMessage::kRemoveInRoomParticipant:
            return remove_in_room(message.remove_in_room_participant(), *record, now_ms);
        case pb::ClientMessage::kRecordContribution:
            return record_contribution(message.record_contribution(), *record, now_ms);
        default: break;
    }
    if (auto* owner = parts_.owner(message.command_case())) return run_part(*owner, message, *record, now_ms);
    return failed(pb::BAD_REQUEST, "the room's host answers this command, not the room");
}

outcome room::join(const pb::Join& join, const command_context& context, std::int64_t now_ms) {
    if (presence_.member_of(context.connection_id)) return failed(pb::CONFLICT, "this connection has already joined");
    if (join.last_seq() > last_seq_) return failed(pb::BAD_REQUEST, "last_seq is ahead of the room's record");

    const auto* grant = context.join_grant ? &*context.join_grant : nullptr;
    auto who = check_credential(join, grant, now_ms);
    if (who.error) return failed(*who.error);
    // While the groups run, a table takes the people seated there (and moderators).
    if (who.member_index && table_->linked() && !table_->link().closed()) {
        const auto& m = members_[*who.member_index].member;
        if (m.role() != pb::MODERATOR && !table_->seated(m.member_id()))
            return failed(pb::PERMISSION_DENIED, "you sit at another table now: the plenary shows you where");
    }
    outcome out;
    std::size_t index;
    std::string token;
    if (who.member_index) {
        index = *who.member_index;
        token = join.resume_token();
        if (!members_[index].member.present()) {
            pb::Event event;
            auto* joined = event.mutable_member_joined();
            *joined->mutable_member() = members_[index].member;
            joined->mutable_member()->set_present(true);
            joined->set_returning(true);
            commit(out, std::move(event), {}, now_ms);
        }
    } else {
        pb::Role role = who.role;
        // People here count, not people ever here: a room emptied of those who joined and went
        // takes new people again. Facilitators always get in, to run the meeting.
        if (role != pb::MODERATOR && present_count() >= limits_.max_present)
            return failed(pb::CONFLICT, "the room is full: " + std::to_string(present_count()) +
                                            " people are here, as many as it takes at once");
        if (members_.size() >= limits_.max_members)
            return failed(pb::CONFLICT, "the room has admitted as many people as it can over its life");
        if (context.fresh_token.empty()) return failed(pb::INTERNAL, "no credential was prepared");

        pb::Event event;
        auto* member = event.mutable_member_joined()->mutable_member();
        pb::EventPrivate hidden;
        std::optional<room_error> e;
        // A room's screen is named for the room, and there may be several: only people's names
        // must not pass for someone else's.
        // Signed in from the organisation's portal: the name (and pronouns) are the portal's.
        const auto& name = grant ? grant->display_name : join.display_name();
        const auto& pronouns = grant && !grant->pronouns.empty() ? grant->pronouns : join.pronouns();
        if ((e = join.as_room_screen() && !grant ? clean_text(name, text_kind::label, limits_.max_display_name_chars,
                                                              "the display name", true, *member->mutable_display_name())
                                                 : check_person_name(name, limits_.max_display_name_chars, *this,
                                                                     *member->mutable_display_name())) ||
            (e = clean_text(pronouns, text_kind::label, limits_.max_pronouns_chars, "the pronouns", false,
                            *member->mutable_pronouns())) ||
            (e = clean_text(join.support_note(), text_kind::prose, limits_.max_support_note_chars, "the support note",
                            false, *hidden.mutable_support_note()))) {
            out.error = std::move(e);
            return out;
        }
        member->set_member_id(next_member_id());
        member->set_role(role);
        member->set_present(true);
        member->set_room_screen(join.as_room_screen() && !join.join_code().empty() && !grant);
        hidden.set_resume_token_hash(sha256_bytes(context.fresh_token));
        if (grant) {
            hidden.set_join_token_id_hash(sha256_bytes(grant->token_id));
            hidden.set_join_token_expires_ms(grant->expires_ms);
        }
        commit(out, std::move(event), std::move(hidden), now_ms);
        index = members_.size() - 1;
        token = context.fresh_token;
    }

    auto& record = members_[index];
    presence_.attach(context.connection_id, index, sha256_bytes("ballot\n" + token));
    welcome_info welcome;
    welcome.member_id = record.member.member_id();
    welcome.role = record.member.role();
    welcome.resume_token = token;
    welcome.snapshot = snapshot(now_ms);
    welcome.after_seq = join.last_seq();
    welcome.needs = needs_->needs_of(record.member.member_id());
    welcome.support_note = record.support_note;
    welcome.readiness = readiness_->readiness_of(record.member.member_id());
    welcome.follow_up = follow_up_->follow_up_of(record.member.member_id());
    welcome.carry_over = series_->carry_over_of(record.member.member_id());
    welcome.updates_seen = series_->updates_seen(record.member.member_id());
    welcome.outcome = series_->outcome_of(record.member.member_id());
    out.welcome = std::move(welcome);
    return out;
}

room::credential room::check_credential(const pb::Join& join, const verified_join* grant, std::int64_t now_ms) const {
    credential who;
    if (!join.resume_token().empty()) {
        auto it = by_token_hash_.find(sha256_bytes(join.resume_token()));
        if (it == by_token_hash_.end())
            who.error = room_error{pb::UNAUTHENTICATED, "this resume token is not known here"};
        else if (members_[it->second].member.banned())
            who.error = room_error{pb::BANNED, "the facilitators removed you from this room"};
        else
            who.member_index = it->second;
    } else if (grant) {
        auto used = used_join_tokens_.find(sha256_bytes(grant->token_id));
        if (used != used_join_tokens_.end() && used->second >= now_ms)
            who.error = room_error{pb::CONFLICT,
                                   "this sign-in link has been used already: open the meeting again from where you "
                                   "found the link"};
        who.role = grant->role;
    } else if (!join.moderator_key().empty()) {
        if (sha256_bytes(join.moderator_key()) != moderator_key_hash_)
            who.error = room_error{pb::UNAUTHENTICATED, "the moderator key is not right for this room"};
        // A facilitator may look in quietly (a table, a room they do not run).
        who.role = join.as_observer() ? pb::OBSERVER : pb::MODERATOR;
    } else if (!join.join_code().empty()) {
        if (sha256_bytes(join.join_code()) != join_code_hash_)
            who.error = room_error{pb::UNAUTHENTICATED, "the join code is not right for this room"};
        who.role = join.as_observer() || join.as_room_screen() ? pb::OBSERVER : pb::PARTICIPANT;
    } else {
        who.error = room_error{pb::UNAUTHENTICATED, "a join code, moderator key or resume token is needed"};
    }
    return who;
}

outcome room::view(const pb::Join& join, std::int64_t now_ms) const {
    if (!created()) return failed(pb::NOT_FOUND, "no such room");
    if (join.last_seq() > last_seq_) return failed(pb::BAD_REQUEST, "last_seq is ahead of the room's record");
    auto who = check_credential(join, nullptr, now_ms);
    if (who.error) return failed(*who.error);
    welcome_info welcome;
    if (who.member_index) {
        const auto& record = members_[*who.member_index];
        welcome.member_id = record.member.member_id();
        welcome.role = record.member.role();
        welcome.needs = needs_->needs_of(record.member.member_id());
        welcome.support_note = record.support_note;
        welcome.readiness = readiness_->readiness_of(record.member.member_id());
        welcome.follow_up = follow_up_->follow_up_of(record.member.member_id());
        welcome.carry_over = series_->carry_over_of(record.member.member_id());
        welcome.updates_seen = series_->updates_seen(record.member.member_id());
        welcome.outcome = series_->outcome_of(record.member.member_id());
        welcome.outcome = series_->outcome_of(record.member.member_id());
    } else {
        welcome.role = who.role;
    }
    welcome.snapshot = snapshot(now_ms);
    // Nobody takes part in a read-only room: nobody is shown as present.
    for (auto& m : *welcome.snapshot.mutable_members()) m.set_present(m.in_room() && m.present());
    welcome.after_seq = join.last_seq();
    outcome out;
    out.welcome = std::move(welcome);
    return out;
}

outcome room::leave(const command_context& context, std::int64_t now_ms) {
    auto out = release_connection(context.connection_id, pb::LEFT, now_ms);
    out.detach = true;
    return out;
}

outcome room::update_room(const pb::UpdateRoom& update, const member_record& by, std::int64_t now_ms) {
    pb::Event event;
    auto* updated = event.mutable_room_updated();
    std::optional<room_error> e;
    if ((e = clean_text(update.title(), text_kind::label, limits_.max_title_chars, "the title", true,
                        *updated->mutable_title())) ||
        (e = clean_text(update.purpose(), text_kind::prose, limits_.max_purpose_chars, "the purpose", false,
                        *updated->mutable_purpose())) ||
        (e = clean_text(update.when(), text_kind::label, limits_.max_when_place_chars, "when the meeting is", false,
                        *updated->mutable_when())) ||
        (e = clean_text(update.place(), text_kind::label, limits_.max_when_place_chars, "where the meeting is", false,
                        *updated->mutable_place())) ||
        (e = check_language(update.language(), false))) {
        return failed(std::move(*e));
    }
    updated->set_language(update.language());
    updated->set_by_member_id(by.member.member_id());
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

outcome room::disconnect(std::uint64_t connection_id, std::int64_t now_ms) {
    return release_connection(connection_id, pb::DISCONNECTED, now_ms);
}

outcome room::release_connection(std::uint64_t connection_id, pb::LeaveReason reason, std::int64_t now_ms) {
    outcome out;
    auto released = presence_.detach(connection_id);
    if (!released || !released->last) return out;
    const auto& record = members_[released->member];
    if (!record.member.present()) return out;
    pb::Event event;
    event.mutable_member_left()->set_member_id(record.member.member_id());
    event.mutable_member_left()->set_reason(reason);
    commit(out, std::move(event), {}, now_ms);
    return out;
}

outcome room::end_presence(std::int64_t now_ms) {
    outcome out;
    for (std::size_t i = 0; i < members_.size(); ++i) {
        const auto& record = members_[i];
        // People in the physical room stay; they never depended on a connection.
        if (!record.member.present() || presence_.connected(i) || record.member.in_room()) continue;
        pb::Event event;
        event.mutable_member_left()->set_member_id(record.member.member_id());
        event.mutable_member_left()->set_reason(pb::SERVER_RESTART);
        commit(out, std::move(event), {}, now_ms);
    }
    return out;
}

std::optional<room_error> room::replay(const logged_event& entry) {
    const auto& event = entry.event;
    if (event.seq() != last_seq_ + 1)
        return make_error(pb::CONFLICT,
                          "event " + std::to_string(event.seq()) + " does not follow " + std::to_string(last_seq_));
    if (event.kind_case() == pb::Event::KIND_NOT_SET) return make_error(pb::BAD_REQUEST, "event without a kind");
    if (last_seq_ == 0 && event.kind_case() != pb::Event::kRoomCreated)
        return make_error(pb::BAD_REQUEST, "a room's log must start with its creation");
    if (event.kind_case() == pb::Event::kMemberJoined && !event.member_joined().returning()) {
        // The people a plenary or a series seats keep their ids there; everyone else's are the
        // room's own.
        const bool linked = table_->linked() || series_link_->linked();
        const bool seated = event.member_joined().seated() && linked;
        if (event.member_joined().seated() && !linked)
            return make_error(pb::BAD_REQUEST,
                              "someone seated in a room that is neither a table nor a meeting of a series");
        if (!seated && event.member_joined().member().member_id() != next_member_id())
            return make_error(pb::BAD_REQUEST, "member ids out of order in the log");
        if (seated && find_member(event.member_joined().member().member_id()))
            return make_error(pb::BAD_REQUEST, "someone seated twice");
    }
    if ((event.kind_case() == pb::Event::kMemberLeft ||
         (event.kind_case() == pb::Event::kMemberJoined && event.member_joined().returning())) &&
        !by_member_id_.count(event.kind_case() == pb::Event::kMemberLeft ? event.member_left().member_id()
                                                                         : event.member_joined().member().member_id()))
        return make_error(pb::BAD_REQUEST, "event names an unknown member");
    fold(event, entry.hidden);
    last_seq_ = event.seq();
    keep_recent(event);
    return std::nullopt;
}

void room::commit(outcome& out, pb::Event event, pb::EventPrivate hidden, std::int64_t now_ms) {
    event.set_seq(last_seq_ + 1);
    event.set_at_ms(now_ms);
    fold(event, hidden);
    last_seq_ = event.seq();
    keep_recent(event);
    const auto& reactors = parts_.reactors(event.kind_case());
    out.events.push_back(logged_event{std::move(event), std::move(hidden)});
    if (reactors.empty()) return;
    const pb::Event happened = recent_.back();
    for (auto* part : reactors) commit_answer(out, part->react(happened, *this, now_ms), now_ms);
}

void room::commit_answer(outcome& out, decision answer, std::int64_t now_ms) {
    for (auto& e : answer.events) commit(out, std::move(e.event), std::move(e.hidden), now_ms);
    if (!answer.then) return;
    // Carried out by the room itself: nobody's policy applies, and nobody is its author.
    member_record the_room;
    the_room.member.set_role(pb::MODERATOR);
    auto next = run_follow_up(*answer.then, the_room, now_ms);
    for (auto& e : next.events) out.events.push_back(std::move(e));
}

outcome room::tick(std::int64_t now_ms) {
    outcome out;
    for (const auto& part : parts_.parts()) commit_answer(out, part->tick(*this, now_ms), now_ms);
    return out;
}

void room::fold(const pb::Event& event, const pb::EventPrivate& hidden) {
    if (hidden.request_id() != 0)
        requests_.remember(hidden.request_member_id(), hidden.request_id(), hidden.request_digest(), event.seq());
    switch (event.kind_case()) {
        case pb::Event::kRoomCreated:
            title_ = event.room_created().title();
            purpose_ = event.room_created().purpose();
            created_at_ms_ = event.at_ms();
            moderator_key_hash_ = hidden.moderator_key_hash();
            join_code_hash_ = hidden.join_code_hash();
            break;
        case pb::Event::kMemberJoined: {
            // Tokens past their time can no longer be used: forgotten (by the event's time, so
            // that a replay keeps exactly the same).
            std::erase_if(used_join_tokens_, [&](const auto& used) { return used.second < event.at_ms(); });
            if (!hidden.join_token_id_hash().empty())
                used_join_tokens_[hidden.join_token_id_hash()] = hidden.join_token_expires_ms();
            const auto& member = event.member_joined().member();
            auto it = by_member_id_.find(member.member_id());
            if (it == by_member_id_.end()) {
                member_record record;
                record.member = member;
                record.token_hash = hidden.resume_token_hash();
                record.support_note = hidden.support_note();
                by_member_id_[member.member_id()] = members_.size();
                if (!record.token_hash.empty()) by_token_hash_[record.token_hash] = members_.size();
                members_.push_back(std::move(record));
            } else {
                members_[it->second].member.set_present(true);
            }
            break;
        }
        case pb::Event::kMemberLeft:
            if (auto* left = find_member(event.member_left().member_id())) {
                left->member.set_present(false);
                left->absent_since_ms = event.at_ms();
            }
            break;
        case pb::Event::kMessagePosted: {
            const auto& posted = event.message_posted();
            if (auto* author = find_member(posted.member_id()))
                author->last_post_ms = author->recorded_post_ms = event.at_ms();
            messages_.push_back(message_ref{event.seq(), number_of(posted.member_id()),
                                            number_of(posted.noted_by_member_id()), 0, false});
            break;
        }
        case pb::Event::kRoleChanged:
            if (auto* m = find_member(event.role_changed().member_id()))
                m->member.set_role(event.role_changed().role());
            break;
        case pb::Event::kMessageRedacted: {
            // The text leaves the room's memory too: no history, snapshot or export has it again.
            const auto& r = event.message_redacted();
            if (auto* ref = find_by_seq(messages_, r.seq())) {
                ref->removed_by = number_of(r.by_member_id());
                ref->withdrawn = r.withdrawn();
            }
            if (r.seq() < first_recent_seq() || r.seq() > last_seq_) break;
            auto& recent = recent_[r.seq() - first_recent_seq()];
            if (!recent.has_message_posted()) break;
            auto* m = recent.mutable_message_posted();
            m->clear_text();
            m->set_withdrawn(r.withdrawn());
            m->set_removed_by_member_id(r.by_member_id());
            break;
        }
        case pb::Event::kMemberBanChanged:
            if (auto* m = find_member(event.member_ban_changed().member_id()))
                m->member.set_banned(event.member_ban_changed().banned());
            break;
        case pb::Event::kJoinCodeRotated: join_code_hash_ = hidden.join_code_hash(); break;
        case pb::Event::kTableLinked:
        case pb::Event::kSeriesLinked:
            // A table answers to its plenary's moderator key, a series' meeting to the series'.
            if (!hidden.moderator_key_hash().empty()) moderator_key_hash_ = hidden.moderator_key_hash();
            break;
        case pb::Event::kNoteTakerChanged:
            if (auto* m = find_member(event.note_taker_changed().member_id()))
                m->member.set_note_taker(event.note_taker_changed().note_taker());
            break;
        case pb::Event::kRoomUpdated:
            title_ = event.room_updated().title();
            purpose_ = event.room_updated().purpose();
            when_ = event.room_updated().when();
            place_ = event.room_updated().place();
            language_ = event.room_updated().language();
            break;
        default:  // a mark in the record (RecordRepaired), or the parts' own
            break;
    }
    parts_.evolve(event, hidden);
}

std::string room::next_member_id() const {
    // At a table, the plenary's people keep their plenary ids (m…): people who come in here
    // by other means (a moderator visiting with the key) are numbered apart.
    return numbered_id(table_->linked() || series_link_->linked() ? 'v' : 'm', members_.size() + 1);
}

room::member_record* room::find_member(const std::string& member_id) {
    auto it = by_member_id_.find(member_id);
    return it == by_member_id_.end() ? nullptr : &members_[it->second];
}

const room::member_record* room::find_member(const std::string& member_id) const {
    auto it = by_member_id_.find(member_id);
    return it == by_member_id_.end() ? nullptr : &members_[it->second];
}

room::member_record* room::caller(std::uint64_t connection_id) {
    auto index = presence_.member_of(connection_id);
    return index ? &members_[*index] : nullptr;
}

std::size_t room::online_participants() const {
    std::size_t n = 0;
    for (const auto& record : members_) {
        const auto& m = record.member;
        n += m.present() && m.role() == pb::PARTICIPANT && !m.in_room() && !m.room_screen() ? 1 : 0;
    }
    return n;
}

std::size_t room::present_count() const {
    std::size_t n = 0;
    for (const auto& record : members_) n += record.member.present() && !record.member.room_screen() ? 1 : 0;
    return n;
}

pb::RoomSnapshot room::snapshot(std::int64_t now_ms) const {
    pb::RoomSnapshot snap;
    snap.set_server_time_ms(now_ms);
    parts_.add_to(snap);
    snap.set_room_id(id_);
    snap.set_title(title_);
    snap.set_purpose(purpose_);
    snap.set_when(when_);
    snap.set_place(place_);
    snap.set_language(language_);
    snap.set_seq(last_seq_);
    for (const auto& record : members_) *snap.add_members() = record.member;
    return snap;
}

std::vector<const pb::Event*> room::events_after(std::uint64_t after_seq) const {
    std::vector<const pb::Event*> out;
    for (const auto& event : recent_)
        if (event.seq() > after_seq) out.push_back(&event);
    return out;
}

void room::keep_recent(const pb::Event& event) {
    recent_.push_back(event);
    recent_bytes_ += event.ByteSizeLong();
    while (recent_.size() > 1 && (recent_.size() > limits_.recent_events || recent_bytes_ > limits_.recent_bytes)) {
        recent_bytes_ -= recent_.front().ByteSizeLong();
        recent_.pop_front();
    }
}

void room::remember_recent(const pb::Event& event) {
    if (event.seq() + 1 != first_recent_seq() || recent_.size() >= limits_.recent_events ||
        recent_bytes_ + event.ByteSizeLong() > limits_.recent_bytes)
        return;
    recent_bytes_ += event.ByteSizeLong();
    recent_.push_front(event);
    mark_removed(recent_.front());
}

std::vector<pb::Event> room::events_page(std::uint64_t after_seq, std::uint64_t up_to_seq, std::size_t max) const {
    std::vector<pb::Event> out;
    if (after_seq + 1 < first_recent_seq()) return out;
    for (const auto& event : recent_) {
        if (event.seq() <= after_seq) continue;
        if (event.seq() > up_to_seq || out.size() >= max) break;
        out.push_back(event);
    }
    return out;
}

std::optional<std::int64_t> room::expires_at_ms() const {
    // A room made and never used (a script's, or a mistake) does not stay for ever.
    if (members_.empty() && created())
        return created_at_ms_ + std::int64_t{limits_.unused_room_days} * 24 * 60 * 60 * 1000;
    return lifecycle_->expires_at_ms();
}
bool room::minutes_shared() const { return lifecycle_->minutes_shared(); }

std::optional<pb::Role> room::role_of(const std::string& credential) const {
    if (credential.empty()) return std::nullopt;
    const auto hash = sha256_bytes(credential);
    if (hash == moderator_key_hash_) return pb::MODERATOR;
    auto it = by_token_hash_.find(hash);
    if (it == by_token_hash_.end()) return std::nullopt;
    // A ban closes every way in: the HTTP downloads as well as joining.
    if (members_[it->second].member.banned()) return std::nullopt;
    return members_[it->second].member.role();
}

const pb::Member* room::member_of(std::uint64_t connection_id) const {
    auto index = presence_.member_of(connection_id);
    return index ? &members_[*index].member : nullptr;
}

std::optional<room_error> room::refusal_by_policy(const command_policy& policy, const pb::Member* caller) const {
    if (auto refused = refusal_in_phase(policy, phase())) return refused;
    if (!caller) return make_error(pb::UNAUTHENTICATED, "join the room first");
    return refusal_of_caller(policy, *caller);
}

std::optional<room_error> room::refusal_of_request(std::uint64_t connection_id,
                                                   const pb::ClientMessage& message) const {
    const auto* policy = parts_.policy(message.command_case());
    if (!policy) return make_error(pb::BAD_REQUEST, "unknown or missing command");
    const auto* member = member_of(connection_id);
    if (auto refused = refusal_by_policy(*policy, member)) return refused;
    if (message.has_delete_room()) {
        // Typed to confirm, exactly: the title as it is shown.
        std::string typed;
        if (clean_text(message.delete_room().title(), text_kind::label, limits_.max_title_chars, "the title", false,
                       typed) ||
            typed != title_)
            return make_error(pb::BAD_REQUEST, "type the room's title exactly, to confirm");
    }
    return std::nullopt;
}

bool room::may_see(const pb::Event& event, const std::string& member_id) const {
    if (event.private_to_size() == 0) return true;
    const auto* member = find_member(member_id);
    if (!event.only_listed() && member && member->member.role() == pb::MODERATOR) return true;
    for (const auto& id : event.private_to())
        if (id == member_id) return true;
    return false;
}

const std::string& room::support_note(const std::string& member_id) const {
    static const std::string none;
    const auto* record = find_member(member_id);
    return record ? record->support_note : none;
}

}  // namespace ts::room
