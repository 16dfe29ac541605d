#include "room/pacing/needs_part.hpp"
#include "room/state_archive.hpp"

namespace ts::room {

std::vector<command_policy> needs_part::policies() const {
    return {{pb::ClientMessage::kSetNeeds, actors::people, phases::until_closed,
             "observers and participants say what they need"}};
}

decision needs_part::decide(const part_command& command) const {
    const auto& needs = command.message.set_needs().needs();
    logged_event updated;
    updated.event.mutable_needs_updated()->set_member_id(command.caller.member_id());
    *updated.event.mutable_needs_updated()->mutable_needs() = needs;
    updated.event.add_private_to(command.caller.member_id());
    // Moderators see the entry with a name only if the person agreed.
    updated.event.set_only_listed(!needs.share_with_moderators());
    return decision::of(std::move(updated));
}

void needs_part::evolve(const pb::Event& event, const pb::EventPrivate&) {
    stated_[event.needs_updated().member_id()] = event.needs_updated().needs();
}

pb::AccessNeeds needs_part::needs_of(const std::string& member_id) const {
    auto it = stated_.find(member_id);
    return it == stated_.end() ? pb::AccessNeeds{} : it->second;
}

pb::NeedsSummary needs_part::summary(const std::vector<std::string>& member_ids) const {
    pb::NeedsSummary s;
    for (const auto& id : member_ids) {
        auto it = stated_.find(id);
        if (it == stated_.end()) continue;
        const auto& n = it->second;
        bool any = n.slower_pace() || n.larger_text() || n.high_contrast() || n.reduced_motion() ||
                   n.plain_language() || n.captions() || n.extra_time() || n.check_in();
        if (!any) continue;
        s.set_people(s.people() + 1);
        s.set_slower_pace(s.slower_pace() + n.slower_pace());
        s.set_larger_text(s.larger_text() + n.larger_text());
        s.set_high_contrast(s.high_contrast() + n.high_contrast());
        s.set_reduced_motion(s.reduced_motion() + n.reduced_motion());
        s.set_plain_language(s.plain_language() + n.plain_language());
        s.set_captions(s.captions() + n.captions());
        s.set_extra_time(s.extra_time() + n.extra_time());
        s.set_check_in(s.check_in() + n.check_in());
        if (n.share_with_moderators()) {
            auto* shared = s.add_shared();
            shared->set_member_id(id);
            *shared->mutable_needs() = n;
        }
    }
    return s;
}

void needs_part::save(state_out& out) const { out(stated_); }

void needs_part::load(state_in& in) { in(stated_); }

}  // namespace ts::room
