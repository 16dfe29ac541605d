// The room's conversation: posting, recording what someone in the physical room said, and
// taking a message back out of the record (its author withdraws it, or a moderator removes it).
#include "room/room.hpp"

#include "room/fairness/equal_voice_part.hpp"
#include "room/pacing/pacing_part.hpp"
#include "room/room_checks.hpp"
#include "room/turns/room_mode_part.hpp"
#include "room/turns/turn_taking_part.hpp"

namespace ts::room {

using namespace checks;

outcome room::post_as(const pb::PostMessage& post, member_record& author, std::int64_t now_ms) {
    if (post.anonymous() && author.member.role() == pb::MODERATOR)
        return failed(pb::PERMISSION_DENIED, "moderators post under their own name");
    // Moderators may always post: they facilitate, and may need to say "let's take a break".
    if (mode_->mode() == pb::STRUCTURED && author.member.role() != pb::MODERATOR &&
        turns_->floor().holder_member_id() != author.member.member_id())
        return failed(pb::PERMISSION_DENIED,
                      "the room is in structured mode: only the person who has the floor can post; raise your hand");
    if (post.anonymous()) {
        // A point without a name is refused where everyone could tell whose it is.
        if (mode_->mode() == pb::STRUCTURED)
            return failed(pb::CONFLICT,
                          "in structured mode only the person with the floor can post, so a point "
                          "without your name would not stay anonymous; post it with your name, or tell "
                          "the facilitators privately");
        if (online_participants() < 3)
            return failed(pb::CONFLICT,
                          "with fewer than three participants here online, a point without your name "
                          "would not stay anonymous; post it with your name, or tell the facilitators "
                          "privately");
    }
    if (auto e = pacing_->sender_wait(author.member, author.last_post_ms, now_ms)) return failed(*e);
    pb::Event event;
    auto* posted = event.mutable_message_posted();
    if (auto e = clean_text(post.text(), text_kind::prose, pacing_->message_limit(), "the message", true,
                            *posted->mutable_text())) {
        return failed(std::move(*e));
    }
    pacing_->stamp(*posted, now_ms);
    pb::EventPrivate hidden;
    if (post.anonymous()) {
        posted->set_anonymous(true);
        // The author goes nowhere a client can read; into the private record only if the
        // room chose to keep it.
        if (equal_voice_->settings().audit_anonymous())
            hidden.set_anonymous_author_member_id(author.member.member_id());
    } else {
        posted->set_member_id(author.member.member_id());
    }
    outcome out;
    out.untraceable = post.anonymous();
    // Slow mode counts anonymous posts too, which the log cannot tie to their author: this
    // one is known only while the server runs (a restart forgets it, and the wait with it).
    author.last_post_ms = now_ms;
    commit(out, std::move(event), std::move(hidden), now_ms);
    return out;
}

outcome room::remove_message(const pb::ClientMessage& message, const member_record& by, std::int64_t now_ms) {
    const bool withdraw = message.has_withdraw_message();
    const auto seq = withdraw ? message.withdraw_message().seq() : message.redact_message().seq();
    const auto* posted = find_message(seq);
    if (!posted) return failed(pb::NOT_FOUND, "no message has that number");
    if (posted->removed_by) return failed(pb::CONFLICT, "that message has been removed already");
    const auto& me = by.member.member_id();
    pb::Event event;
    auto* r = event.mutable_message_redacted();
    if (withdraw) {
        // Its author, or whoever noted it for someone in the room. An anonymous point has no
        // author on record: a moderator removes it.
        if (posted->author != number_of(me) && posted->noted_by != number_of(me))
            return failed(pb::PERMISSION_DENIED, "only its author can withdraw a message; a moderator can remove it");
        r->set_withdrawn(true);
    } else {
        if (auto e = clean_text(message.redact_message().reason(), text_kind::label, limits_.max_note_chars,
                                "the reason", false, *r->mutable_reason())) {
            return failed(std::move(*e));
        }
    }
    r->set_seq(seq);
    r->set_by_member_id(me);
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

outcome room::record_contribution(const pb::RecordContribution& record, const member_record& by, std::int64_t now_ms) {
    const auto* speaker = find_member(record.member_id());
    if (!speaker || !speaker->member.in_room())
        return failed(pb::NOT_FOUND, "contributions are recorded for people in the room without a device");
    pb::Event event;
    auto* posted = event.mutable_message_posted();
    if (auto e = clean_text(record.text(), text_kind::prose, limits_.max_message_chars, "the contribution", true,
                            *posted->mutable_text()))
        return failed(std::move(*e));
    posted->set_member_id(speaker->member.member_id());
    posted->set_noted_by_member_id(by.member.member_id());
    outcome out;
    commit(out, std::move(event), {}, now_ms);
    return out;
}

}  // namespace ts::room
