#include "app/transcript_stream.hpp"

namespace ts::app {

transcript_stream::transcript_stream(std::shared_ptr<room_host> host, std::optional<transcript::minutes_options> minutes,
                                     bool include_private, std::size_t page_size)
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
            host_->events_page(after_, page_size_, [self, done = std::move(done)](auto read) mutable {
                if (!read) return self->fail(std::move(done));
                const auto& page = *read;
                for (const auto& e : page) self->summary_.add(e);
                if (!page.empty()) self->after_ = page.back().seq();
                if (page.size() < self->page_size_) {
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
            host_->events_page(after_, page_size_, [self, done = std::move(done)](auto read) mutable {
                if (!read) return self->fail(std::move(done));
                const auto& page = *read;
                std::string piece;
                for (const auto& e : page)
                    if (self->shown(e)) piece += self->writer_ ? self->writer_->add(e) : self->json_.add(e);
                if (!page.empty()) self->after_ = page.back().seq();
                if (page.size() < self->page_size_) self->stage_ = stage::tail;
                done(std::move(piece));
            });
            return;
        case stage::tail:
            stage_ = stage::finished;
            return done(writer_ ? writer_->end() : json_.end());
        case stage::finished:
            return done(std::nullopt);
    }
}

void transcript_stream::fail(std::function<void(std::optional<std::string>)> done) {
    failed_ = true;
    stage_ = stage::finished;
    done(std::nullopt);
}

}  // namespace ts::app
