#pragma once
// Who gets heard: figures per person, for the session and for the current agenda item,
// kept up to date event by event (never by rescanning the log). Replaying the log folds
// the same events in the same order, so it gives the same figures.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::room {

namespace pb = talkingstick::v1;

struct person_figures {
    std::uint32_t turns = 0;
    std::int64_t floor_ms = 0;  // finished turns only; the live turn is added at query time
    std::uint32_t messages = 0;
    std::uint32_t words = 0;
    std::uint32_t hands_raised = 0;
    std::int64_t waiting_ms = 0;  // finished waits only
    std::uint32_t hands_withdrawn = 0;
    std::uint32_t hands_unanswered = 0;
    std::uint32_t reactions = 0;
    std::int64_t voiced_ms = 0;  // time actually spoken, as the media server measured it
    template <class Archive>
    void serialize(Archive& a) {
        a(turns, floor_ms, messages, words, hands_raised, waiting_ms, hands_withdrawn, hands_unanswered, reactions,
          voiced_ms);
    }
};

// Someone the report is about, with what the room knows of them.
struct report_member {
    std::string member_id;
    bool participant = false;  // counts for balance figures (not moderators or observers)
};

class participation {
public:
    // Its state, for the room's stored snapshot (state_archive.hpp).
    template <class Archive>
    void serialize(Archive& a) {
        a(session_, item_, waiting_);
    }

    // Folds one event; call for every event, in order, live and on replay.
    void fold(const pb::Event& event);

    // Session figures for one person (finished turns and waits only).
    const person_figures& session(const std::string& member_id) const;

    // A scope's figures at now_ms, live turn and open waits included. people: whom to
    // report on (present, non-observers). floor: the current floor, for the live turn.
    pb::ParticipationScope session_scope(const std::vector<report_member>& people, const pb::FloorState& floor,
                                         std::int64_t now_ms) const;
    pb::ParticipationScope item_scope(const std::vector<report_member>& people, const pb::FloorState& floor,
                                      std::int64_t now_ms) const;
    bool has_item() const { return !item_.item_id.empty(); }

    // Gini coefficient of values: 0 when all are equal (or all zero), towards 1 when one
    // holds everything.
    static double gini(const std::vector<double>& values);

    // Words in a message: runs of letters or digits.
    static std::uint32_t count_words(const std::string& text);

private:
    struct scope {
        std::string item_id;
        std::string title;
        std::int64_t started_ms = 0;
        std::unordered_map<std::string, person_figures> people;
        template <class Archive>
        void serialize(Archive& a) {
            a(item_id, title, started_ms, people);
        }
    };
    struct waiting_entry {
        std::string member_id;
        std::int64_t since_ms = 0;
        template <class Archive>
        void serialize(Archive& a) {
            a(member_id, since_ms);
        }
    };

    void close_wait(const std::string& entry_id, std::int64_t at_ms, bool answered, bool withdrawn);
    template <class F>
    void both(const std::string& member_id, F f) {
        f(session_.people[member_id]);
        if (!item_.item_id.empty()) f(item_.people[member_id]);
    }
    pb::ParticipationScope report(const scope& s, const std::vector<report_member>& people, const pb::FloorState& floor,
                                  std::int64_t now_ms) const;

    scope session_;
    scope item_;
    std::unordered_map<std::string, waiting_entry> waiting_;  // entry id -> who, since when
};

}  // namespace ts::room
