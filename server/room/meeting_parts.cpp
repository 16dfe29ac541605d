#include "room/meeting_parts.hpp"

#include "room/actions/action_part.hpp"
#include "room/agenda/agenda_part.hpp"
#include "room/briefing/briefing_part.hpp"
#include "room/decisions/decision_part.hpp"
#include "room/fairness/equal_voice_part.hpp"
#include "room/groups/groups_part.hpp"
#include "room/groups/table_part.hpp"
#include "room/lifecycle/lifecycle_part.hpp"
#include "room/pacing/glossary_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/pacing/pacing_part.hpp"
#include "room/pacing/read_check_part.hpp"
#include "room/preparation/follow_up_part.hpp"
#include "room/preparation/readiness_part.hpp"
#include "room/preparation/survey_part.hpp"
#include "room/roles/co_moderator_part.hpp"
#include "room/series/series_link_part.hpp"
#include "room/series/series_part.hpp"
#include "room/threads/thread_part.hpp"
#include "room/turns/note_taker_part.hpp"
#include "room/turns/reactions_part.hpp"
#include "room/turns/room_mode_part.hpp"
#include "room/turns/turn_settings_part.hpp"
#include "room/turns/turn_taking_part.hpp"
#include "room/voice/voice_part.hpp"

namespace ts::room {

std::vector<std::unique_ptr<room_part>> meeting_parts(const room_limits& limits, const turn_defaults& turns) {
    std::vector<std::unique_ptr<room_part>> parts;
    parts.push_back(std::make_unique<lifecycle_part>(limits));
    parts.push_back(std::make_unique<briefing_part>(limits));
    parts.push_back(std::make_unique<survey_part>(limits));
    parts.push_back(std::make_unique<readiness_part>(limits));
    parts.push_back(std::make_unique<follow_up_part>(limits));
    parts.push_back(std::make_unique<thread_part>(limits));
    parts.push_back(std::make_unique<turn_taking_part>(limits, turns));
    parts.push_back(std::make_unique<turn_settings_part>(limits, turns));
    parts.push_back(std::make_unique<room_mode_part>());
    parts.push_back(std::make_unique<reactions_part>());
    parts.push_back(std::make_unique<note_taker_part>());
    parts.push_back(std::make_unique<co_moderator_part>());
    parts.push_back(std::make_unique<equal_voice_part>(limits));
    parts.push_back(std::make_unique<agenda_part>(limits));
    parts.push_back(std::make_unique<pacing_part>(limits));
    parts.push_back(std::make_unique<read_check_part>());
    parts.push_back(std::make_unique<glossary_part>());
    parts.push_back(std::make_unique<needs_part>());
    parts.push_back(std::make_unique<decision_part>(limits));
    parts.push_back(std::make_unique<groups_part>(limits));
    parts.push_back(std::make_unique<table_part>(limits));
    parts.push_back(std::make_unique<action_part>(limits));
    parts.push_back(std::make_unique<series_part>(limits));
    parts.push_back(std::make_unique<series_link_part>());
    parts.push_back(std::make_unique<voice_part>());
    return parts;
}

}  // namespace ts::room
