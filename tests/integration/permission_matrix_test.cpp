// The permission matrix: who may send each command, and in which phases of a room's life.
// The table lives in README.md (between the permission-matrix markers) and this test reads
// it from there, so the document and the behaviour cannot drift apart: every command of the
// protocol must have a row, and every cell is tried against a real server, in a room of its
// own. TS_PERMISSIONS_OBSERVED=1 prints the table as the server behaves, for review.
//
// A cell says "yes" when the server does not refuse the command for who sent it (any answer
// but PERMISSION_DENIED, UNAUTHENTICATED or BANNED: the sample command may still be refused
// for what it says), "no" when it does, and "-" where it does not apply (joining again). The
// phases column lists where the command is not refused as NOT_LIVE.
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "integration/fixture.hpp"

namespace ts::test {
namespace {

const std::vector<std::string> roles = {"observer",     "participant", "room screen", "note-taker",
                                        "co-moderator", "moderator",   "not joined",  "another room's moderator"};
const std::vector<std::pair<std::string, pb::RoomPhase>> phases = {
    {"preparing", pb::PREPARING}, {"lobby", pb::LOBBY}, {"live", pb::LIVE}, {"closed", pb::CLOSED}};

struct row {
    std::map<std::string, std::string> cells;  // role -> yes / no / -
    std::set<std::string> phases;
    std::string notes;
};

std::string trim(std::string s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '`')) s.erase(s.begin());
    while (!s.empty() && (s.back() == ' ' || s.back() == '`')) s.pop_back();
    return s;
}

std::vector<std::string> split(const std::string& line, char by) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string item; std::getline(in, item, by);) out.push_back(trim(item));
    return out;
}

// The table in README.md: command -> row.
std::map<std::string, row> documented_matrix() {
    std::ifstream readme(TS_README);
    std::map<std::string, row> matrix;
    bool inside = false;
    for (std::string line; std::getline(readme, line);) {
        if (line.find("<!-- permission-matrix:start -->") != std::string::npos) inside = true;
        if (line.find("<!-- permission-matrix:end -->") != std::string::npos) break;
        if (!inside || !line.starts_with("| `")) continue;
        auto cells = split(line.substr(1, line.size() - 2), '|');
        // command, a cell per role, phases, notes (for readers only)
        if (cells.size() != roles.size() + 3) ADD_FAILURE() << "a row of the wrong width: " << line;
        if (cells.size() != roles.size() + 3) continue;
        row r;
        for (std::size_t i = 0; i < roles.size(); ++i) r.cells[roles[i]] = cells[i + 1];
        for (const auto& p : split(cells[roles.size() + 1], ',')) r.phases.insert(p == "all" ? "" : p);
        if (r.phases.count("")) r.phases = {"preparing", "lobby", "live", "closed"};
        r.notes = cells.back();
        matrix[cells[0]] = r;
    }
    return matrix;
}

// One room set up for a cell: everyone of every role connected, and something of each kind
// to act on (a message, a hand, a question, an agenda item, a thread message, a read check).
// The commands are checked in slices, one test each, so that the integration suite's shards
// (scripts/test runs it as processes side by side) share the matrix: it sets up a room for
// each of about a thousand cells.
constexpr int matrix_slices = 4;

class PermissionMatrixTest : public ServerTest, public ::testing::WithParamInterface<int> {
protected:
    struct room_under_test {
        pb::CreateRoomResponse room;
        std::map<std::string, std::unique_ptr<ws_client>> people;
        std::map<std::string, std::string> ids;  // role -> member id; "in room" too
        std::uint64_t message_seq = 0, thread_seq = 0;
        std::map<std::string, std::uint64_t> own_message;  // role -> the seq of a message of theirs
        std::map<std::string, std::string> own_action;     // role -> an action they own
        std::string hand_entry, check_id;
    };

    pb::ServerMessage ask(ws_client& c, const std::function<void(pb::ClientMessage&)>& set) {
        pb::ClientMessage m;
        set(m);
        return c.request(m);
    }

    // command: what will be tried in it (a message of each speaker's own, to withdraw).
    std::unique_ptr<room_under_test> set_up_room(pb::RoomPhase phase, const std::string& command) {
        auto t = std::make_unique<room_under_test>();
        t->room = create_room("Matrix", "", phase == pb::PREPARING || phase == pb::LOBBY ? "PREPARING" : "");
        auto join = [&](const std::string& role, const std::string& name, const std::string& code,
                        const std::string& key, bool observer, bool screen) {
            auto c = client();
            pb::ClientMessage m;
            m.mutable_join()->set_room_id(t->room.room_id());
            m.mutable_join()->set_display_name(name);
            m.mutable_join()->set_join_code(code);
            m.mutable_join()->set_moderator_key(key);
            m.mutable_join()->set_as_observer(observer);
            m.mutable_join()->set_as_room_screen(screen);
            auto w = c->request(m);
            EXPECT_TRUE(w.has_welcome()) << role << ": " << w.DebugString();
            t->ids[role] = w.welcome().member_id();
            t->people[role] = std::move(c);
        };
        const auto code = t->room.join_code();
        join("moderator", "Mo", "", t->room.moderator_key(), false, false);
        join("participant", "Pat", code, "", false, false);
        join("co-moderator", "Cai", code, "", false, false);
        join("note-taker", "Nia", code, "", false, false);
        join("observer", "Obi", code, "", true, false);
        join("room screen", "Room screen", code, "", false, true);
        auto& mod = *t->people["moderator"];
        ask(mod, [&](auto& m) {
            m.mutable_set_co_moderator()->set_member_id(t->ids["co-moderator"]);
            m.mutable_set_co_moderator()->set_co_moderator(true);
        });
        ask(mod, [&](auto& m) {
            m.mutable_set_note_taker()->set_member_id(t->ids["note-taker"]);
            m.mutable_set_note_taker()->set_note_taker(true);
        });
        auto added = ask(mod, [](auto& m) { m.mutable_add_in_room_participant()->set_display_name("Ines"); });
        auto& pat = *t->people["participant"];
        if (added.has_ack())
            t->ids["in room"] = pat.wait_for_seq(added.ack().seq()).member_joined().member().member_id();
        ask(mod, [](auto& m) { m.mutable_plan_agenda_item()->mutable_item()->set_title("Transport"); });
        auto thread = ask(pat, [](auto& m) { m.mutable_send_thread_message()->set_text("A word before we start?"); });
        if (thread.has_ack()) t->thread_seq = thread.ack().seq();
        if (phase == pb::LIVE || phase == pb::CLOSED) {
            auto posted = ask(pat, [](auto& m) { m.mutable_post()->set_text("A first point."); });
            if (posted.has_ack()) t->message_seq = t->own_message["participant"] = posted.ack().seq();
            if (command == "withdraw_message")
                for (const auto* role : {"note-taker", "co-moderator", "moderator"}) {
                    auto own = ask(*t->people[role], [](auto& m) { m.mutable_post()->set_text("A point of mine."); });
                    if (own.has_ack()) t->own_message[role] = own.ack().seq();
                }
            if (command == "set_action_status")
                for (const auto* role : {"observer", "participant", "note-taker", "co-moderator", "moderator"}) {
                    auto recorded = ask(mod, [&](auto& m) {
                        m.mutable_record_action()->mutable_action()->set_text("A step to take.");
                        m.mutable_record_action()->mutable_action()->set_owner_member_id(t->ids[role]);
                    });
                    if (recorded.has_ack())
                        t->own_action[role] =
                            mod.wait_for_seq(recorded.ack().seq()).action_recorded().action().action_id();
                }
            auto check = ask(mod, [&](auto& m) { m.mutable_start_read_check()->set_seq(t->message_seq); });
            if (check.has_ack()) t->check_id = mod.wait_for_seq(check.ack().seq()).read_check_started().check_id();
            auto hand = ask(pat, [](auto& m) { m.mutable_raise_hand()->set_kind(pb::NEW_POINT); });
            if (hand.has_ack()) t->hand_entry = pat.wait_for_seq(hand.ack().seq()).queue_changed().entry_id();
            ask(mod, [](auto& m) {
                m.mutable_open_question()->set_kind(pb::FIST_TO_FIVE);
                m.mutable_open_question()->set_text("How sure are we?");
                m.mutable_open_question()->mutable_settings()->set_observers_may_answer(true);
            });
        }
        if (phase == pb::LOBBY) ask(mod, [](auto& m) { m.mutable_set_room_phase()->set_phase(pb::LOBBY); });
        if (phase == pb::CLOSED) ask(mod, [](auto& m) { m.mutable_set_room_phase()->set_phase(pb::CLOSED); });
        // Not joined: a connection that has said nothing. Another room's moderator: one who
        // tries this room with their own room's key.
        t->people["not joined"] = client();
        auto other = create_room("Another room");
        t->people["another room's moderator"] = client();
        t->people["another room's moderator"]->join(t->room.room_id(), "Other", "", other.moderator_key());
        return t;
    }

    // A command of each kind that would succeed for someone allowed to send it.
    // role: who sends it (a participant writes in their own conversation with the facilitators).
    pb::ClientMessage sample(const std::string& command, const room_under_test& t, const std::string& role) {
        pb::ClientMessage m;
        const auto* field = pb::ClientMessage::descriptor()->FindFieldByName(command);
        EXPECT_TRUE(field) << command;
        if (!field) return m;
        m.GetReflection()->MutableMessage(&m, field);  // the command, empty
        const auto pat = t.ids.at("participant");
        const auto in_room = t.ids.count("in room") ? t.ids.at("in room") : "";
        if (command == "join") {
            m.mutable_join()->set_room_id(t.room.room_id());
            m.mutable_join()->set_display_name("Newcomer");
            m.mutable_join()->set_join_code(t.room.join_code());
        }
        if (command == "post") m.mutable_post()->set_text("Another point.");
        if (command == "update_room") m.mutable_update_room()->set_title("Matrix, renamed");
        if (command == "raise_hand") m.mutable_raise_hand()->set_kind(pb::REPLY);
        if (command == "lower_hand") m.mutable_lower_hand()->set_kind(pb::NEW_POINT);
        if (command == "change_hand") {
            m.mutable_change_hand()->set_kind(pb::NEW_POINT);
            m.mutable_change_hand()->set_new_kind(pb::REPLY);
        }
        if (command == "grant_floor") m.mutable_grant_floor()->set_entry_id(t.hand_entry);
        if (command == "move_hand") m.mutable_move_hand()->set_entry_id(t.hand_entry);
        if (command == "remove_hand") m.mutable_remove_hand()->set_entry_id(t.hand_entry);
        if (command == "set_queue_open") m.mutable_set_queue_open()->set_open(false);
        if (command == "add_time") m.mutable_add_time()->set_seconds(30);
        if (command == "set_room_mode") m.mutable_set_room_mode()->set_mode(pb::STRUCTURED);
        if (command == "react") m.mutable_react()->set_kind(pb::AGREE);
        if (command == "add_in_room_participant") m.mutable_add_in_room_participant()->set_display_name("Ola");
        if (command == "remove_in_room_participant") m.mutable_remove_in_room_participant()->set_member_id(in_room);
        if (command == "record_contribution") {
            m.mutable_record_contribution()->set_member_id(in_room);
            m.mutable_record_contribution()->set_text("Ines agrees.");
        }
        if (command == "set_note_taker") {
            m.mutable_set_note_taker()->set_member_id(pat);
            m.mutable_set_note_taker()->set_note_taker(true);
        }
        if (command == "update_turn_settings")
            m.mutable_update_turn_settings()->mutable_settings()->set_default_turn_seconds(90);
        if (command == "set_fairness") m.mutable_set_fairness()->mutable_settings()->set_policy(pb::FEWEST_TURNS);
        if (command == "invite_to_speak") m.mutable_invite_to_speak()->set_member_id(pat);
        if (command == "answer_invitation") {
            m.mutable_answer_invitation()->set_invitation_id("i1");
            m.mutable_answer_invitation()->set_answer(pb::DECLINE);
        }
        if (command == "start_agenda_item") m.mutable_start_agenda_item()->set_item_id("a1");
        if (command == "set_pacing") m.mutable_set_pacing()->mutable_settings()->set_slow_mode_seconds(10);
        if (command == "hold_line") m.mutable_hold_line()->set_hold(true);
        if (command == "request_pause") m.mutable_request_pause()->set_reason(pb::NEED_A_MOMENT);
        if (command == "set_paused") m.mutable_set_paused()->set_paused(true);
        if (command == "start_read_check") m.mutable_start_read_check()->set_seq(t.message_seq);
        if (command == "confirm_read") m.mutable_confirm_read()->set_check_id(t.check_id);
        if (command == "set_needs") m.mutable_set_needs()->mutable_needs()->set_larger_text(true);
        if (command == "set_glossary_term") {
            m.mutable_set_glossary_term()->set_term("GP");
            m.mutable_set_glossary_term()->set_explanation("your family doctor");
        }
        if (command == "set_room_phase") m.mutable_set_room_phase()->set_phase(pb::CLOSED);
        if (command == "set_briefing") m.mutable_set_briefing()->set_text("What we will talk about.");
        if (command == "set_co_moderator") {
            m.mutable_set_co_moderator()->set_member_id(pat);
            m.mutable_set_co_moderator()->set_co_moderator(true);
        }
        if (command == "answer_readiness") m.mutable_answer_readiness()->mutable_readiness()->set_confidence(4);
        if (command == "confirm_briefing_read") m.mutable_confirm_briefing_read()->set_version(1);
        if (command == "set_voice") m.mutable_set_voice()->mutable_settings()->set_mode(pb::VOICE_OPEN);
        if (command == "set_microphone") m.mutable_set_microphone()->set_open(true);
        if (command == "close_microphone") m.mutable_close_microphone()->set_member_id(pat);
        const bool facilitator = role == "moderator" || role == "co-moderator";
        const auto own_thread = facilitator || !t.ids.count(role) ? pat : t.ids.at(role);
        if (command == "send_thread_message") {
            m.mutable_send_thread_message()->set_member_id(own_thread);
            m.mutable_send_thread_message()->set_text("Thank you.");
        }
        if (command == "mark_thread_read") {
            m.mutable_mark_thread_read()->set_member_id(own_thread);
            m.mutable_mark_thread_read()->set_up_to_seq(t.thread_seq);
        }
        if (command == "raise_thread_point") {
            m.mutable_raise_thread_point()->set_member_id(pat);
            m.mutable_raise_thread_point()->set_seq(t.thread_seq);
        }
        if (command == "answer_follow_up") m.mutable_answer_follow_up()->mutable_follow_up()->set_felt_heard(4);
        if (command == "open_question") {
            m.mutable_open_question()->set_kind(pb::FIST_TO_FIVE);
            m.mutable_open_question()->set_text("Shall we go on?");
        }
        if (command == "answer_question") {
            m.mutable_answer_question()->set_question_id("q1");
            m.mutable_answer_question()->mutable_ballot()->set_scale(4);
            // Facilitators answer for someone in the physical room, not for themselves.
            if (facilitator) m.mutable_answer_question()->set_for_member_id(in_room);
        }
        if (command == "amend_question") {
            m.mutable_amend_question()->set_question_id("q1");
            m.mutable_amend_question()->set_text("How sure are we now?");
        }
        if (command == "close_question") m.mutable_close_question()->set_question_id("q1");
        if (command == "plan_agenda_item") m.mutable_plan_agenda_item()->mutable_item()->set_title("Next steps");
        if (command == "remove_agenda_item") m.mutable_remove_agenda_item()->set_item_id("a1");
        if (command == "move_agenda_item") m.mutable_move_agenda_item()->set_item_id("a1");
        if (command == "extend_agenda_item") m.mutable_extend_agenda_item()->set_minutes(5);
        if (command == "withdraw_message")
            m.mutable_withdraw_message()->set_seq(t.own_message.count(role) ? t.own_message.at(role) : t.message_seq);
        if (command == "redact_message") m.mutable_redact_message()->set_seq(t.message_seq);
        if (command == "delete_room") m.mutable_delete_room()->set_title("Matrix");
        if (command == "set_retention") m.mutable_set_retention()->set_days(30);
        if (command == "share_minutes") m.mutable_share_minutes()->set_with_everyone(true);
        if (command == "remove_member") m.mutable_remove_member()->set_member_id(pat);
        if (command == "lift_ban") m.mutable_lift_ban()->set_member_id(pat);
        if (command == "record_action") {
            m.mutable_record_action()->mutable_action()->set_text("Write to the council.");
            m.mutable_record_action()->mutable_action()->set_owner_name("The council");
        }
        if (command == "set_action_status") {
            m.mutable_set_action_status()->set_action_id(t.own_action.count(role) ? t.own_action.at(role)
                                                         : t.own_action.count("participant")
                                                             ? t.own_action.at("participant")
                                                             : "");
            m.mutable_set_action_status()->set_status(pb::ACTION_DONE);
        }
        if (command == "rotate_join_code") m.mutable_rotate_join_code()->set_join_code("a-new-join-code-0123456789");
        return m;
    }

    // The answer to command from role, in a room of its own in phase.
    pb::ServerMessage answer(const std::string& command, const std::string& role, pb::RoomPhase phase) {
        auto t = set_up_room(phase, command);
        auto m = sample(command, *t, role);
        if (command == "join" && role != "not joined" && role != "another room's moderator") return {};
        if (command == "join" && role == "another room's moderator") {
            auto other = create_room("Yet another room");
            m.mutable_join()->clear_join_code();
            m.mutable_join()->set_moderator_key(other.moderator_key());
        }
        return t->people.at(role)->request(m);
    }

    // Every command in this test's slice (every matrix_slices-th, from the parameter) as every
    // role in every phase, against README.md's table.
    void check_the_matrix();

    static bool refused_for_who(const pb::ServerMessage& a) {
        return a.has_error() && (a.error().code() == pb::PERMISSION_DENIED || a.error().code() == pb::UNAUTHENTICATED ||
                                 a.error().code() == pb::BANNED);
    }
};

void PermissionMatrixTest::check_the_matrix() {
    auto matrix = documented_matrix();
    const bool observe = std::getenv("TS_PERMISSIONS_OBSERVED") != nullptr;
    const auto* commands = pb::ClientMessage::descriptor()->FindOneofByName("command");
    std::ostringstream observed;
    // Observing prints the whole table, in the protocol's order, from the first slice.
    if (observe && GetParam() != 0) return;
    for (int i = 0; i < commands->field_count(); ++i) {
        if (!observe && i % matrix_slices != GetParam()) continue;
        const auto name = commands->field(i)->name();
        auto it = matrix.find(name);
        if (!observe && it == matrix.end()) {
            ADD_FAILURE() << "README.md's permission matrix has no row for " << name;
            continue;
        }
        // The phases first: as the first role the row allows (or the moderator).
        std::set<std::string> works_in;
        std::string actor = "moderator";
        if (it != matrix.end())
            for (const auto& r : roles)
                if (it->second.cells.at(r) == "yes" && r != "not joined") {
                    actor = r;
                    break;
                }
        if (name == "join") actor = "not joined";
        for (const auto& [phase_name, phase] : phases) {
            auto a = answer(name, actor, phase);
            const bool not_live = a.has_error() && a.error().code() == pb::NOT_LIVE;
            if (!not_live) works_in.insert(phase_name);
            if (!observe) {
                EXPECT_EQ(!not_live, it->second.phases.count(phase_name) > 0)
                    << name << " in " << phase_name << " as " << actor << ": " << a.ShortDebugString();
            }
        }
        // Each role, in the first phase where the command works (LIVE when it works there).
        auto where = works_in.count("live")        ? pb::LIVE
                     : works_in.count("closed")    ? pb::CLOSED
                     : works_in.count("preparing") ? pb::PREPARING
                                                   : pb::LOBBY;
        observed << "| `" << name << "` |";
        for (const auto& role : roles) {
            auto a = answer(name, role, where);
            std::string cell = a.kind_case() == pb::ServerMessage::KIND_NOT_SET ? "-"
                               : refused_for_who(a)                             ? "no"
                                                                                : "yes";
            observed << " " << cell << " |";
            if (observe && std::getenv("TS_PERMISSIONS_VERBOSE"))
                std::fprintf(stderr, "%s as %s: %s\n", name.c_str(), role.c_str(), a.ShortDebugString().c_str());
            if (!observe) {
                EXPECT_EQ(cell, it->second.cells.at(role)) << name << " as " << role << ": " << a.ShortDebugString();
            }
        }
        std::string listed;
        for (const auto& [phase_name, phase] : phases)
            if (works_in.count(phase_name)) listed += (listed.empty() ? "" : ", ") + phase_name;
        observed << " " << (works_in.size() == phases.size() ? "all" : listed) << " | "
                 << (it == matrix.end() ? "" : it->second.notes) << " |\n";
    }
    if (observe) std::printf("%s", observed.str().c_str());
    if (GetParam() != 0) return;
    for (const auto& [name, r] : matrix)
        EXPECT_TRUE(pb::ClientMessage::descriptor()->FindFieldByName(name))
            << "README.md lists " << name << ", which is no command";
}

TEST_P(PermissionMatrixTest, EveryCommandIsDocumentedAndBehavesAsTheReadmeSays) { check_the_matrix(); }
INSTANTIATE_TEST_SUITE_P(Slices, PermissionMatrixTest, ::testing::Range(0, matrix_slices));

// The same matrix with every person connected through a cluster node that does not own the
// room: the owner decides, whatever node a command comes through.
class PermissionMatrixThroughAReplica : public PermissionMatrixTest {
protected:
    void SetUp() override { start_cluster_of_two(); }
};

TEST_P(PermissionMatrixThroughAReplica, HoldsForCommandsSentThroughANodeThatDoesNotOwnTheRoom) { check_the_matrix(); }
INSTANTIATE_TEST_SUITE_P(Slices, PermissionMatrixThroughAReplica, ::testing::Range(0, matrix_slices));

}  // namespace
}  // namespace ts::test
