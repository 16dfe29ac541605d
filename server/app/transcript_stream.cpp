#include "app/transcript_stream.hpp"

namespace ts::app {

transcript_stream::transcript_stream(std::shared_ptr<room_host> host,
                                     std::optional<transcript::minutes_options> minutes, bool include_private,
                                     std::size_t page_size)
    : host_(std::move(host)),
      minutes_(minutes),
      include_private_(include_private && !minutes),
      page_size_(page_size),
      stage_(minutes ? stage::summarising : stage::head),
      json_(host_->id()) {}

void transcript_stream::next(std::function<void(std::optional<std::string>)> done) {
    auto self = shared_from_this();
    switch (stage_) {
        case stage::summarising:
            host_->events_page(after_, page_size_, [self, done = std::move(done)](room_host::page_read read) mutable {
                if (read.unavailable) return self->fail(std::move(done));
                for (const auto& e : read.events) self->summary_.add(e);
                if (!self->went_past(read)) {
                    self->stage_ = stage::head;
                    self->after_ = 0;
                }
                self->next(std::move(done));
            });
            return;
        case stage::head:
            stage_ = stage::body;
            if (!minutes_) return done(json_.begin());
            writer_.emplace(summary_, *minutes_);
            return done(writer_->begin());
        case stage::body:
            host_->events_page(after_, page_size_, [self, done = std::move(done)](room_host::page_read read) mutable {
                if (read.unavailable) return self->fail(std::move(done));
                std::string piece;
                for (const auto& e : read.events)
                    if (auto event = self->shown(e))
                        piece += self->writer_ ? self->writer_->add(*event) : self->json_.add(*event);
                if (read.damage) {
                    // Said where it is, and the document goes on after it: never a silent cut.
                    const auto& damage = *read.damage;
                    if (self->writer_)
                        piece += self->writer_->damaged(damage.from_seq, damage.to_seq, damage.problem);
                    else
                        self->json_.damaged(damage.from_seq, damage.to_seq, damage_words(damage));
                }
                if (!self->went_past(read)) self->stage_ = stage::tail;
                done(std::move(piece));
            });
            return;
        case stage::tail: stage_ = stage::finished; return done(writer_ ? writer_->end() : json_.end());
        case stage::finished: return done(std::nullopt);
    }
}

std::optional<pb::Event> transcript_stream::shown(const pb::Event& event) const {
    if (event.private_to_size() == 0) return event;
    if (!include_private_) return std::nullopt;
    if (!event.only_listed()) return event;
    return redacted(event);
}

bool transcript_stream::went_past(const room_host::page_read& read) {
    if (read.damage) {
        after_ = read.damage->to_seq;
        return true;
    }
    if (!read.events.empty()) after_ = read.events.back().seq();
    return read.events.size() == page_size_;
}

void transcript_stream::fail(std::function<void(std::optional<std::string>)> done) {
    failed_ = true;
    stage_ = stage::finished;
    done(std::nullopt);
}

}  // namespace ts::app
