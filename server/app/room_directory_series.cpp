// Carrying a series to its meetings' rooms and their news back. Each meeting is a room of its
// own, with its own log: the series' events say what should be, and this brings the meetings
// in line (room::link_meeting), in order, because what carries over to a meeting comes from
// the one before it (its people's needs and answers as they stand there, its actions). It runs
// any number of times, so that a restart or a lost step is mended by the next run.
#include <memory>

#include "app/random_token.hpp"
#include "app/room_directory.hpp"
#include "base/log.hpp"

namespace ts::app {

void room_directory::sync_series(const std::string& series_id) {
    if (auto series = find(series_id)) return sync_series(series);
    with_room(series_id, [this](std::shared_ptr<room_host> series) {
        if (series) sync_series(series);
    });
}

void room_directory::sync_series(const std::shared_ptr<room_host>& series) {
    if (series->replica()) return;  // its owner does this
    series->series_work([this, series](std::vector<room::meeting_link> links) {
        if (links.empty()) return;
        link_meetings(series, std::make_shared<std::vector<room::meeting_link>>(std::move(links)), 0, {});
    });
}

void room_directory::link_meetings(std::shared_ptr<room_host> series,
                                   std::shared_ptr<std::vector<room::meeting_link>> links, std::size_t next,
                                   room::meeting_news before) {
    if (next >= links->size()) return;
    auto& link = (*links)[next];
    link.carried = std::move(before.carried);
    *link.link.mutable_previous_actions() = before.reported.actions();
    // Its own keys are never handed out: people come in with their series link, moderators
    // with the series' key (SeriesLinked).
    auto create = [link](room_host& host, create_done done) {
        host.create_meeting(random_token(), random_token(), link, std::move(done));
    };
    linked_room(link.room_id, "meeting", create, [this, series, links, next](std::shared_ptr<room_host> meeting) {
        const auto& link = (*links)[next];
        if (!meeting) return log::warn("meeting " + link.room_id + " cannot be reached now; tried again later");
        meeting->link_meeting(link, [this, series, links, next](std::optional<room::meeting_news> news) {
            if (!news) return;
            series->receive_meeting_report(*news);
            link_meetings(series, links, next + 1, std::move(*news));
        });
    });
}

}  // namespace ts::app
