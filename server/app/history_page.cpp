#include "app/history_page.hpp"

#include <algorithm>

namespace ts::app {

namespace pb = talkingstick::v1;

page_range history_range(const pb::GetHistory& ask, std::uint64_t newest, std::size_t cap) {
    const auto before = ask.before_seq() == 0 ? newest + 1 : std::min(ask.before_seq(), newest + 1);
    const std::size_t max = ask.max() == 0 ? cap : std::min<std::size_t>(ask.max(), cap);
    const auto from = before > max ? before - max : 1;
    return {from - 1, before > from ? static_cast<std::size_t>(before - from) : 0};
}

net::shared_frame history_reply(page_read page, std::uint64_t request_id, std::uint32_t retry_after_ms,
                                const std::function<bool(const pb::Event&)>& may_see) {
    if (page.unavailable)
        return net::error_frame(request_id, pb::STORE_UNAVAILABLE,
                                "earlier history cannot be read from the record just now; try again", retry_after_ms);
    pb::ServerMessage reply;
    if (page.damage) {
        const auto& damage = page.last_damage ? *page.last_damage : *page.damage;
        auto* error = reply.mutable_error();
        error->set_request_id(request_id);
        error->set_code(pb::DAMAGED);
        error->set_message(damage_words(damage));
        error->set_damaged_from_seq(damage.from_seq);
        error->set_damaged_to_seq(damage.to_seq);
        return net::encode_frame(reply);
    }
    auto* history = reply.mutable_history_page();
    history->set_request_id(request_id);
    for (auto& e : page.events) *history->add_events() = may_see(e) ? std::move(e) : redacted(e);
    return net::encode_frame(reply);
}

}  // namespace ts::app
