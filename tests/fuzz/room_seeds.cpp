// Writes the seed corpus of room_commands_fuzz: one script per kind of meeting work, each
// a run of commands that succeed, so that fuzzing starts from deep in every part of the room
// rather than from refusals. Run when the protocol grows: room_seeds tests/fuzz/corpus/room_commands
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include "talkingstick/v1/protocol.pb.h"

namespace {

namespace pb = talkingstick::v1;

class script {
public:
    // A command from connection 1-4 (1 moderates; 2 and 3 take part; 4 is not in yet).
    script& run(int connection, const std::function<void(pb::ClientMessage&)>& set) {
        pb::ClientMessage m;
        set(m);
        return step(static_cast<char>(connection - 1), m.SerializeAsString());
    }
    script& wait(int minutes) { return step(8, std::string(1, static_cast<char>(minutes))); }
    script& drop(int connection) { return step(static_cast<char>(12 + connection - 1), ""); }

    void write(const std::string& folder, const std::string& name) const {
        std::ofstream(folder + "/" + name, std::ios::binary) << bytes_;
    }

private:
    script& step(char op, const std::string& payload) {
        bytes_ += op;
        bytes_ += static_cast<char>(payload.size() & 0xff);
        bytes_ += static_cast<char>(payload.size() >> 8);
        bytes_ += payload;
        return *this;
    }
    std::string bytes_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: room_seeds FOLDER\n");
        return 2;
    }
    const std::string out = argv[1];

    script()
        .run(4,
             [](auto& m) {
                 m.mutable_join()->set_display_name("Cy");
                 m.mutable_join()->set_join_code("fuzz-join-code-0123");
             })
        .run(2, [](auto& m) { m.mutable_post()->set_text("I would like to talk about the waiting list."); })
        .run(3, [](auto& m) { m.mutable_post()->set_text("Me too."); })
        .run(2,
             [](auto& m) {
                 m.mutable_post()->set_text("Nobody tells us how long it is.");
                 m.mutable_post()->set_anonymous(true);
             })
        .run(2, [](auto& m) { m.mutable_withdraw_message()->set_seq(6); })
        .run(1,
             [](auto& m) {
                 m.mutable_redact_message()->set_seq(7);
                 m.mutable_redact_message()->set_reason("personal details");
             })
        .run(3, [](auto& m) { m.mutable_react()->set_kind(pb::ReactionKind(1)); })
        .run(1, [](auto& m) { m.mutable_start_read_check()->set_seq(7); })
        .write(out, "conversation");

    script()
        .run(2,
             [](auto& m) {
                 m.mutable_raise_hand()->set_kind(pb::NEW_POINT);
                 m.mutable_raise_hand()->set_topic("Transport");
             })
        .run(3, [](auto& m) { m.mutable_raise_hand()->set_kind(pb::HandKind(2)); })
        .run(1,
             [](auto& m) {
                 m.mutable_grant_floor()->set_entry_id("q1");
                 m.mutable_grant_floor()->set_seconds(120);
             })
        .wait(1)
        .run(1, [](auto& m) { m.mutable_add_time()->set_seconds(60); })
        .run(2, [](auto& m) { m.mutable_yield_floor(); })
        .run(1,
             [](auto& m) {
                 m.mutable_invite_to_speak()->set_member_id("m3");
                 m.mutable_invite_to_speak()->set_note("You had a point earlier");
             })
        .run(3,
             [](auto& m) {
                 m.mutable_answer_invitation()->set_invitation_id("i1");
                 m.mutable_answer_invitation()->set_answer(pb::InvitationAnswer(1));
             })
        .run(1, [](auto& m) { m.mutable_set_fairness()->mutable_settings()->set_policy(pb::FEWEST_TURNS); })
        .run(1, [](auto& m) { m.mutable_set_room_mode()->set_mode(pb::RoomMode(2)); })
        .wait(5)
        .write(out, "turns");

    script()
        .run(1,
             [](auto& m) {
                 m.mutable_open_question()->set_kind(pb::FIST_TO_FIVE);
                 m.mutable_open_question()->set_text("How sure are we?");
             })
        .run(2,
             [](auto& m) {
                 m.mutable_answer_question()->set_question_id("q1");
                 m.mutable_answer_question()->mutable_ballot()->set_scale(4);
             })
        .run(1,
             [](auto& m) {
                 m.mutable_amend_question()->set_question_id("q1");
                 m.mutable_amend_question()->set_text("How sure are we now?");
             })
        .run(3,
             [](auto& m) {
                 m.mutable_answer_question()->set_question_id("q1");
                 m.mutable_answer_question()->mutable_ballot()->set_scale(2);
             })
        .run(1,
             [](auto& m) {
                 m.mutable_close_question()->set_question_id("q1");
                 m.mutable_close_question()->set_outcome("We go ahead.");
             })
        .run(1,
             [](auto& m) {
                 auto& q = *m.mutable_open_question();
                 q.set_kind(pb::QuestionKind(1));
                 q.set_text("Which day?");
                 q.add_options("Monday");
                 q.add_options("Friday");
             })
        .run(2,
             [](auto& m) {
                 m.mutable_answer_question()->set_question_id("q2");
                 m.mutable_answer_question()->mutable_ballot()->add_choices(1);
             })
        .write(out, "decisions");

    script()
        .run(1,
             [](auto& m) {
                 m.mutable_open_question()->set_kind(pb::CONSENSUS);
                 m.mutable_open_question()->set_text("We pilot call-backs.");
             })
        .run(1, [](auto& m) { m.mutable_close_question()->set_question_id("q1"); })
        .run(1,
             [](auto& m) {
                 auto& a = *m.mutable_record_action()->mutable_action();
                 a.set_text("Ask the trust");
                 a.set_owner_member_id("m2");
                 a.set_due_date("2027-04-30");
                 a.set_from_question_id("q1");
             })
        .run(1,
             [](auto& m) {
                 auto& a = *m.mutable_record_action()->mutable_action();
                 a.set_text("Publish the leaflet");
                 a.set_owner_name("The council");
             })
        .run(2,
             [](auto& m) {
                 m.mutable_set_action_status()->set_action_id("act1");
                 m.mutable_set_action_status()->set_status(pb::ACTION_UNDER_WAY);
                 m.mutable_set_action_status()->set_note("Wrote to them");
             })
        .run(3,
             [](auto& m) {
                 m.mutable_set_action_status()->set_action_id("act1");
                 m.mutable_set_action_status()->set_status(pb::ACTION_DONE);
             })
        .run(1,
             [](auto& m) {
                 m.mutable_set_action_status()->set_action_id("act2");
                 m.mutable_set_action_status()->set_status(pb::ACTION_DROPPED);
                 m.mutable_set_action_status()->set_note("Covered elsewhere");
             })
        .write(out, "actions");

    script()
        .run(1, [](auto& m) { m.mutable_plan_agenda_item()->mutable_item()->set_title("Welcome"); })
        .run(1, [](auto& m) { m.mutable_plan_agenda_item()->mutable_item()->set_title("Transport"); })
        .run(1, [](auto& m) { m.mutable_move_agenda_item()->set_item_id("a2"); })
        .run(1, [](auto& m) { m.mutable_start_agenda_item()->set_item_id("a1"); })
        .run(1, [](auto& m) { m.mutable_extend_agenda_item()->set_minutes(5); })
        .wait(10)
        .run(1, [](auto& m) { m.mutable_end_agenda_item(); })
        .run(1, [](auto& m) { m.mutable_remove_agenda_item()->set_item_id("a2"); })
        .write(out, "agenda");

    script()
        .run(1, [](auto& m) { m.mutable_set_room_phase()->set_phase(pb::PREPARING); })
        .run(1, [](auto& m) { m.mutable_set_briefing()->set_text("We will talk about transport to the clinic."); })
        .run(2, [](auto& m) { m.mutable_confirm_briefing_read()->set_version(1); })
        .run(2, [](auto& m) { m.mutable_set_needs()->mutable_needs()->set_slower_pace(true); })
        .run(3, [](auto& m) { m.mutable_answer_readiness()->mutable_readiness(); })
        .run(3, [](auto& m) { m.mutable_send_thread_message()->set_text("Can we talk before the meeting?"); })
        .run(1,
             [](auto& m) {
                 m.mutable_send_thread_message()->set_member_id("m3");
                 m.mutable_send_thread_message()->set_text("Of course.");
             })
        .run(1,
             [](auto& m) {
                 m.mutable_set_glossary_term()->set_term("GP");
                 m.mutable_set_glossary_term()->set_explanation("your family doctor");
             })
        .run(1, [](auto& m) { m.mutable_set_pacing()->mutable_settings()->set_slow_mode_seconds(30); })
        .run(1, [](auto& m) { m.mutable_set_room_phase()->set_phase(pb::LIVE); })
        .run(2, [](auto& m) { m.mutable_request_pause(); })
        .write(out, "preparation");

    script()
        .run(4,
             [](auto& m) {
                 m.mutable_join()->set_display_name("Cy");
                 m.mutable_join()->set_join_code("fuzz-join-code-0123");
             })
        .run(4, [](auto& m) { m.mutable_post()->set_text("Hello."); })
        .drop(4)
        .wait(3)
        .run(1,
             [](auto& m) {
                 m.mutable_set_co_moderator()->set_member_id("m2");
                 m.mutable_set_co_moderator()->set_co_moderator(true);
             })
        .run(2, [](auto& m) { m.mutable_add_in_room_participant()->set_display_name("Dee"); })
        .run(2,
             [](auto& m) {
                 m.mutable_record_contribution()->set_member_id("m5");
                 m.mutable_record_contribution()->set_text("Dee agrees.");
             })
        .run(3, [](auto& m) { m.mutable_leave(); })
        .write(out, "people");

    script()
        .run(4,
             [](auto& m) {
                 m.mutable_join()->set_display_name("Cy");
                 m.mutable_join()->set_join_code("fuzz-join-code-0123");
             })
        .run(1,
             [](auto& m) {
                 m.mutable_remove_member()->set_member_id("m4");
                 m.mutable_remove_member()->set_ban(true);
             })
        .run(1, [](auto& m) { m.mutable_remove_member()->set_member_id("m3"); })
        .run(1, [](auto& m) { m.mutable_lift_ban()->set_member_id("m4"); })
        .run(1, [](auto& m) { m.mutable_rotate_join_code()->set_join_code("a-new-join-code-0123456789"); })
        .run(4,
             [](auto& m) {
                 m.mutable_join()->set_display_name("Dee");
                 m.mutable_join()->set_join_code("a-new-join-code-0123456789");
             })
        .write(out, "removal");

    script()
        .run(2, [](auto& m) { m.mutable_post()->set_text("A last point."); })
        .run(1, [](auto& m) { m.mutable_set_room_phase()->set_phase(pb::CLOSED); })
        .run(2, [](auto& m) { m.mutable_answer_follow_up()->mutable_follow_up(); })
        .run(1, [](auto& m) { m.mutable_set_retention()->set_days(30); })
        .run(1, [](auto& m) { m.mutable_share_minutes(); })
        .write(out, "closing");
    return 0;
}
