// Minutes and the JSON record rendered from a recorded meeting, compared with golden files
// (read by eye once; TS_UPDATE_GOLDEN=1 writes them again after a deliberate change).
#include "transcript/minutes_writer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "transcript/json_export.hpp"

namespace ts::transcript {
namespace {

constexpr std::int64_t start_ms = 1'795'683'600'000;  // Thursday 26 November 2026, 09:00 UTC

// A short meeting: Mo facilitates; Ada online, Dee in the room; an item with a turn, a
// message, a noted contribution, an anonymous point, a decision and two actions (one dropped);
// a private message.
std::vector<pb::Event> meeting() {
    std::vector<pb::Event> log;
    auto add = [&](std::int64_t minute, auto fill) {
        pb::Event e;
        e.set_seq(log.size() + 1);
        e.set_at_ms(start_ms + minute * 60'000);
        fill(e);
        log.push_back(e);
    };
    auto member = [](pb::Event& e, const char* id, const char* name, pb::Role role, bool in_room = false) {
        auto* m = e.mutable_member_joined()->mutable_member();
        m->set_member_id(id);
        m->set_display_name(name);
        m->set_role(role);
        m->set_in_room(in_room);
    };
    add(0, [](pb::Event& e) {
        e.mutable_room_created()->set_title("Callback review");
        e.mutable_room_created()->set_purpose("How we keep our callback promise.");
    });
    add(0, [&](pb::Event& e) { member(e, "m1", "Mo", pb::MODERATOR); });
    add(1, [&](pb::Event& e) { member(e, "m2", "Ada", pb::PARTICIPANT); });
    add(1, [&](pb::Event& e) { member(e, "m3", "Dee", pb::PARTICIPANT, true); });
    add(1, [](pb::Event& e) {
        auto* item = e.mutable_agenda_item_planned()->mutable_item();
        item->set_item_id("a1");
        item->set_title("Callback promise");
        auto* polish = item->add_translations();
        polish->set_language("pl");
        polish->set_title("Obietnica oddzwonienia");
        e.mutable_agenda_item_planned()->set_added(true);
    });
    add(2, [](pb::Event& e) {
        auto* s = e.mutable_agenda_item_started();
        s->set_item_id("a1");
        s->set_title("Callback promise");
        s->set_minutes(10);
    });
    add(3, [](pb::Event& e) {
        e.mutable_floor_changed()->set_change(pb::FLOOR_CHANGE_GRANTED);
        e.mutable_floor_changed()->set_member_id("m2");
    });
    add(4, [](pb::Event& e) {
        e.mutable_message_posted()->set_member_id("m2");
        e.mutable_message_posted()->set_text("Two days is fair *if* we say so [clearly].");
    });
    add(5, [](pb::Event& e) {
        e.mutable_floor_changed()->set_change(pb::FLOOR_CHANGE_ENDED);
        e.mutable_floor_changed()->set_member_id("m2");
        e.mutable_floor_changed()->set_turn_duration_ms(125'000);
        e.mutable_floor_changed()->set_end_reason(pb::YIELDED);
    });
    add(6, [](pb::Event& e) {
        e.mutable_message_posted()->set_member_id("m3");
        e.mutable_message_posted()->set_noted_by_member_id("m1");
        e.mutable_message_posted()->set_text("Carers need a named person.");
    });
    add(7, [](pb::Event& e) {
        e.mutable_message_posted()->set_anonymous(true);
        e.mutable_message_posted()->set_text("Calls often come too late.");
    });
    add(8, [](pb::Event& e) {
        e.add_private_to("m2");
        e.mutable_thread_message_sent()->set_text("A private word.");
    });
    add(9, [](pb::Event& e) {
        auto* d = e.mutable_decision_recorded();
        d->set_question_id("q1");
        d->set_kind(pb::CONSENSUS);
        d->set_text("We call back within two days.");
        for (auto c : {0u, 1u, 1u, 0u, 0u}) d->add_counts(c);
        auto* r = d->add_reasons();
        r->set_member_id("m3");
        r->set_response(pb::CONSENSUS_AGREE_WITH_CONCERNS);
        r->set_reason("Only with a named person");
        d->set_eligible(2);
        d->set_answered(2);
        d->set_agenda_item_id("a1");
        d->set_closed_by_member_id("m1");
        d->set_outcome("Agreed, with a named person.");
    });
    add(10, [](pb::Event& e) {
        auto* a = e.mutable_action_recorded()->mutable_action();
        a->set_action_id("act1");
        a->set_text("Name a person for each callback");
        a->set_owner_member_id("m3");
        a->set_due_date("2027-01-15");
        a->set_status(pb::ACTION_OPEN);
        a->set_from_question_id("q1");
    });
    add(11, [](pb::Event& e) {
        auto* a = e.mutable_action_recorded()->mutable_action();
        a->set_action_id("act2");
        a->set_text("Say when a call will come");
        a->set_owner_name("The trust's call centre");
        a->set_status(pb::ACTION_OPEN);
        a->set_from_seq(8);
    });
    add(11, [](pb::Event& e) {
        auto* c = e.mutable_action_status_changed();
        c->set_action_id("act2");
        c->set_status(pb::ACTION_DROPPED);
        c->set_was(pb::ACTION_OPEN);
        c->set_note("The call centre already does this");
        c->set_by_member_id("m1");
    });
    add(12, [](pb::Event& e) {
        e.mutable_agenda_item_ended()->set_item_id("a1");
        e.mutable_agenda_item_ended()->set_used_ms(600'000);
        e.mutable_agenda_item_ended()->set_minutes(10);
    });
    add(13, [](pb::Event& e) { e.mutable_room_phase_changed()->set_phase(pb::CLOSED); });
    return log;
}

// After the meeting, two of the three answered the follow-up survey (anonymously).
pb::FollowUpSummary survey() {
    pb::FollowUpSummary s;
    s.set_answered(2);
    for (auto n : {0u, 0u, 1u, 1u, 0u}) s.add_felt_heard(n);
    s.add_changes("Shorter turns, & a break <please>");
    return s;
}

std::string render(minutes_options options, std::vector<pb::Event> log = meeting()) {
    options.follow_up = survey();
    minutes_summary summary;
    for (const auto& e : log) summary.add(e);
    minutes_writer writer(summary, options);
    std::string out = writer.begin();
    for (const auto& e : log) out += writer.add(e);
    return out + writer.end();
}

void expect_golden(const std::string& name, const std::string& actual) {
    const std::string path = std::string(TS_GOLDEN_DIR) + "/minutes/" + name;
    if (std::getenv("TS_UPDATE_GOLDEN")) std::ofstream(path) << actual;
    std::ifstream in(path);
    ASSERT_TRUE(in) << path << " is missing (TS_UPDATE_GOLDEN=1 writes it)";
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str()) << name;
}

TEST(MinutesWriter, MarkdownHtmlAndTextMinutesOfAShortMeeting) {
    expect_golden("short-meeting.md", render({minutes_format::markdown, false, {}}));
    expect_golden("short-meeting.html", render({minutes_format::html, false, {}}));
    expect_golden("short-meeting.txt", render({minutes_format::text, false, {}}));
}

// The same minutes in Polish and in Arabic (right to left), from the same catalogues' keys.
TEST(MinutesWriter, MinutesInPolishAndArabic) {
    const auto* polish = message_catalogue::find("pl");
    const auto* arabic = message_catalogue::find("ar");
    ASSERT_TRUE(polish && arabic);
    const auto pl = render({minutes_format::markdown, false, {}, polish});
    expect_golden("short-meeting.pl.md", pl);
    EXPECT_NE(pl.find("# Callback review — protokół"), std::string::npos);
    EXPECT_NE(pl.find("3 osoby, w tym 1 na sali bez urządzenia."), std::string::npos) << "Polish's few form";
    EXPECT_NE(pl.find("czwartek, 26 listopada 2026"), std::string::npos) << "the date as Polish writes it";
    EXPECT_NE(pl.find("Obietnica oddzwonienia"), std::string::npos) << "the item's title as the moderators gave it";
    EXPECT_EQ(pl.find("Callback promise"), std::string::npos);
    const auto ar = render({minutes_format::html, true, {}, arabic});
    expect_golden("short-meeting.ar.html", ar);
    EXPECT_NE(ar.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
    EXPECT_NE(ar.find("\u2068مشارك 2\u2069"), std::string::npos) << "a pseudonym, isolated in the sentence";
    EXPECT_EQ(ar.find("Participant"), std::string::npos) << "no English left";
}

// Where the room had voice, the time people actually spoke stands beside their time with the
// floor; without it, the minutes say nothing of it.
TEST(MinutesWriter, TimeActuallySpokenStandsBesideTimeWithTheFloor) {
    auto log = meeting();
    pb::Event spoken;
    spoken.set_seq(log.back().seq() + 1);
    spoken.set_at_ms(log.back().at_ms());
    spoken.mutable_voice_spoken()->set_member_id("m2");
    spoken.mutable_voice_spoken()->set_voiced_ms(95'000);
    log.push_back(spoken);
    const auto md = render({minutes_format::markdown, false, {}}, log);
    EXPECT_NE(md.find("| Person | Turns | Time with the floor | Time spoken | Messages |"), std::string::npos);
    EXPECT_NE(md.find("| Ada | 1 | 2 min 05 s | 1 min 35 s | 1 |"), std::string::npos);
    const auto text = render({minutes_format::text, false, {}}, log);
    EXPECT_NE(text.find("Ada: 1 turn, 2 min 05 s with the floor (1 min 35 s spoken), 1 message"), std::string::npos);
    const auto pl = render({minutes_format::text, false, {}, message_catalogue::find("pl")}, log);
    EXPECT_NE(pl.find("2 min 05 s z głosem (mówił(a) 1 min 35 s)"), std::string::npos);
    EXPECT_EQ(render({minutes_format::markdown, false, {}}).find("Time spoken"), std::string::npos);
}

// A change of the room's voice put to its consent says whether it was adopted, in each language.
TEST(MinutesWriter, AnAdoptedChangeOfVoiceIsSaidWithItsDecision) {
    auto log = meeting();
    for (auto& e : log)
        if (e.has_decision_recorded()) {
            e.mutable_decision_recorded()->mutable_voice()->set_mode(pb::VOICE_FLOOR);
            e.mutable_decision_recorded()->set_adopted(true);
        }
    const auto text = render({minutes_format::text, false, {}}, log);
    EXPECT_NE(text.find("the change of voice was adopted"), std::string::npos) << text;
    const auto pl = render({minutes_format::text, false, {}, message_catalogue::find("pl")}, log);
    EXPECT_NE(pl.find("zmianę głosu przyjęto"), std::string::npos);
    EXPECT_EQ(render({minutes_format::text, false, {}}).find("change of voice"), std::string::npos);
}

TEST(MinutesWriter, PseudonymsReplaceEveryNameAndThePrivateMessageIsNeverInTheMinutes) {
    const auto text = render({minutes_format::text, true, {}});
    for (const char* name : {"Mo", "Ada", "Dee"}) EXPECT_EQ(text.find(name), std::string::npos) << name;
    EXPECT_NE(text.find("Participant 2 (noted by Facilitator 1): Carers need a named person."), std::string::npos);
    EXPECT_EQ(text.find("A private word"), std::string::npos);
}

TEST(JsonExport, EveryEventInTheProtobufJsonMapping) {
    json_export json("r1");
    std::string out = json.begin();
    for (const auto& e : meeting()) out += json.add(e);
    out += json.end();
    expect_golden("short-meeting.json", out);
}

// Where part of the record cannot be read, the minutes say so in its place and again before
// the figures, and the document still ends; the JSON record lists each damaged range.
TEST(MinutesWriter, DamageIsSaidWhereItIsAndAgainAtTheEnd) {
    const auto log = meeting();
    minutes_summary summary;
    for (const auto& e : log) summary.add(e);
    minutes_writer writer(summary, {minutes_format::html, false, survey()});
    std::string out = writer.begin();
    out += writer.add(log[0]);
    out += writer.damaged(2, 3, "<here>");
    for (std::size_t i = 3; i < log.size(); ++i) out += writer.add(log[i]);
    out += writer.end();
    EXPECT_NE(out.find("<p>Missing here: events 2 to 3 of this room's stored record cannot be read: the record is "
                       "damaged there (&lt;here&gt;). The server's operator has been told.</p>"),
              std::string::npos)
        << out;
    const auto heading = out.find("These minutes are incomplete");
    ASSERT_NE(heading, std::string::npos);
    EXPECT_LT(heading, out.find("How much each person was heard"));
    EXPECT_TRUE(out.ends_with("</html>\n"));
}

TEST(JsonExport, DamagedRangesAreListedAfterTheEvents) {
    json_export json("r1");
    std::string out = json.begin() + json.add(meeting()[0]);
    json.damaged(2, 3, "events 2 to 3 \"cannot\" be read");
    out += json.end();
    EXPECT_TRUE(
        out.ends_with("\n], \"damaged\": [\n{\"fromSeq\": 2, \"toSeq\": 3, \"problem\": "
                      "\"events 2 to 3 \\\"cannot\\\" be read\"}\n]}\n"))
        << out;
}

// Someone the facilitators removed is not listed as having taken part, nor in the table of
// who was heard; someone removed who came back is.
TEST(MinutesWriter, PeopleTheFacilitatorsRemovedAreNotListedAsTakingPart) {
    auto log = meeting();
    auto add = [&](auto fill) {
        pb::Event e;
        e.set_seq(log.size() + 1);
        e.set_at_ms(log.back().at_ms());
        fill(e);
        log.push_back(e);
    };
    for (const auto& person : {std::pair{"m8", "Zed Intruder"}, std::pair{"m9", "Kim Back"}}) {
        // (Not a structured binding: clang 14 cannot capture one in a lambda.)
        const char* id = person.first;
        const char* name = person.second;
        add([&](pb::Event& e) {
            auto* m = e.mutable_member_joined()->mutable_member();
            m->set_member_id(id);
            m->set_display_name(name);
            m->set_role(pb::PARTICIPANT);
        });
        add([&](pb::Event& e) {
            e.mutable_member_left()->set_member_id(id);
            e.mutable_member_left()->set_reason(pb::REMOVED);
        });
    }
    add([](pb::Event& e) {
        auto* m = e.mutable_member_joined()->mutable_member();
        m->set_member_id("m9");
        m->set_display_name("Kim Back");
        m->set_role(pb::PARTICIPANT);
    });
    minutes_summary summary;
    for (const auto& e : log) summary.add(e);
    minutes_writer writer(summary, {minutes_format::markdown, false, {}});
    std::string out = writer.begin();
    for (const auto& e : log) out += writer.add(e);
    out += writer.end();
    EXPECT_EQ(out.find("Zed Intruder"), std::string::npos) << out;
    EXPECT_NE(out.find("Kim Back"), std::string::npos);
    EXPECT_NE(out.find("4 people, 1 of them in the room"), std::string::npos) << out;
}

}  // namespace
}  // namespace ts::transcript
