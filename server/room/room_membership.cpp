// A moderator's say over who is in the room: the list of people in the physical room (who
// take part without a device), removing someone (and banning them, so that their resume
// token no longer lets them back), lifting a ban, and replacing the join code so that an old
// participant link lets nobody new in.
#include <algorithm>

#include "room/room.hpp"
#include "room/person_name.hpp"
#include "room/room_checks.hpp"
#include "room/sha256.hpp"

namespace ts::room {

using namespace checks;

namespace {

// A join code is a capability: long enough not to be guessed, and safe in a URL fragment.
bool well_formed_join_code(const std::string& code) {
    if (code.size() < 16 || code.size() > 128) return false;
    return std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

}  // namespace

outcome room::add_in_room(const pb::AddInRoomParticipant& add, std::int64_t now_ms) {
    if (members_.size() >= limits_.max_members) return failed(pb::CONFLICT, "the room is full");
    pb::Event event;
    auto* member = event.mutable_member_joined()->mutable_member();
    std::optional<room_error> e;
    if ((e = check_person_name(add.display_name(), limits_.max_display_name_chars, *this,
                               *member->mutable_display_name())) ||
        (e = clean_text(add.pronouns(), text_kind::label, limits_.max_pronouns_chars, "the pronouns", false,
                        *member->mutable_pronouns())))
        return failed(std::move(*e));
    member->set_member_id(next_member_id());
    member->set_role(pb::PARTICIPANT);
    member->set_present(true);
    member->set_in_room(true);
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

// Turn-taking answers the MemberLeft: their turn ends and their hands go down.
outcome room::remove_in_room(const pb::RemoveInRoomParticipant& remove, const member_record& by, std::int64_t now_ms) {
    const auto* target = find_member(remove.member_id());
    if (!target || !target->member.in_room() || !target->member.present())
        return failed(pb::NOT_FOUND, "no such person in the room");
    pb::Event event;
    auto* left = event.mutable_member_left();
    left->set_member_id(target->member.member_id());
    left->set_reason(pb::LEFT);
    left->set_by_member_id(by.member.member_id());
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

outcome room::remove_member(const pb::RemoveMember& remove, const member_record& by, std::int64_t now_ms) {
    auto* target = find_member(remove.member_id());
    if (!target) return failed(pb::NOT_FOUND, "no such member");
    if (target == &by) return failed(pb::CONFLICT, "you cannot remove yourself; leave the room instead");
    if (target->member.role() == pb::MODERATOR)
        return failed(pb::PERMISSION_DENIED, "a moderator cannot be removed; make them a participant first");
    if (target->member.in_room())
        return failed(pb::CONFLICT, "they are in the physical room: take them off the list of people in the room");
    if (target->member.banned()) return failed(pb::CONFLICT, "they are already banned");
    if (!remove.ban() && !target->member.present()) return failed(pb::CONFLICT, "they are not here");

    outcome out;
    const auto index = static_cast<std::size_t>(target - members_.data());
    const auto by_id = by.member.member_id();
    if (target->member.present()) {
        pb::Event event;
        event.mutable_member_left()->set_member_id(target->member.member_id());
        event.mutable_member_left()->set_reason(pb::REMOVED);
        event.mutable_member_left()->set_by_member_id(by_id);
        commit(out, std::move(event), {}, now_ms);
    }
    if (remove.ban()) {
        pb::Event event;
        auto* banned = event.mutable_member_ban_changed();
        banned->set_member_id(remove.member_id());
        banned->set_banned(true);
        banned->set_by_member_id(by_id);
        commit(out, std::move(event), {}, now_ms);
    }
    // Their connections close once the events that remove them are committed.
    out.closed_connections = presence_.detach_all(index);
    return out;
}

outcome room::lift_ban(const pb::LiftBan& lift, const member_record& by, std::int64_t now_ms) {
    const auto* target = find_member(lift.member_id());
    if (!target) return failed(pb::NOT_FOUND, "no such member");
    if (!target->member.banned()) return failed(pb::CONFLICT, "they are not banned");
    pb::Event event;
    auto* lifted = event.mutable_member_ban_changed();
    lifted->set_member_id(lift.member_id());
    lifted->set_banned(false);
    lifted->set_by_member_id(by.member.member_id());
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

outcome room::rotate_join_code(const pb::RotateJoinCode& rotate, const member_record& by, std::int64_t now_ms) {
    if (!well_formed_join_code(rotate.join_code()))
        return failed(pb::BAD_REQUEST, "a join code is 16 to 128 letters, digits, '-' or '_'");
    pb::Event event;
    event.mutable_join_code_rotated()->set_by_member_id(by.member.member_id());
    pb::EventPrivate hidden;
    hidden.set_join_code_hash(sha256_bytes(rotate.join_code()));
    outcome out;
    commit(out, std::move(event), std::move(hidden), now_ms);
    return out;
}

}  // namespace ts::room
