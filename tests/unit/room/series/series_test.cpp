// A series of meetings, as rooms: the series' room plans meetings and takes their reports;
// each meeting's room is linked to it (its people seated, what carries over set for those
// who agreed, the last meeting's actions reviewed first). The server's part — carrying links
// and reports between rooms — is played here by hand, in the order the server follows.
#include <gtest/gtest.h>

#include "room/lifecycle/lifecycle_part.hpp"
#include "room/pacing/needs_part.hpp"
#include "room/preparation/readiness_part.hpp"
#include "room/reports/meeting_report.hpp"
#include "room/reports/participation_reports.hpp"
#include "room/room.hpp"
#include "room/series/series_link_part.hpp"
#include "room/series/series_part.hpp"
#include "unit/room/fake_clock.hpp"
#include "unit/room/room_fixture.hpp"

namespace ts::room {
namespace {

using test::code_of;
using test::command;

constexpr const char* key = "series-moderator-key-0123";
constexpr const char* code = "series-join-code-0123456";

class Series : public ::testing::Test {
protected:
    Series() {
        keep(series, series.create("Better call-backs", "A co-design project", key, code, now(), pb::LIVE, true));
        mod = join(series, "Sam", key, "");
        ada = join(series, "Ada", code, "token-ada");
        bo = join(series, "Bo", code, "token-bo");
    }
    std::int64_t now() const { return clock.now_ms(); }
    void keep(room& r, const outcome& out) {
        ASSERT_TRUE(out.ok()) << out.error->message;
        auto& log = r.id() == series.id() ? series_log : meeting_log[r.id()];
        log.insert(log.end(), out.events.begin(), out.events.end());
    }
    // Joins on a new connection (with a join code or key, or a resume token when `code_or_key` is empty).
    std::uint64_t join(room& r, const std::string& name, const std::string& code_or_key, const std::string& token,
                       const std::string& pronouns = "") {
        auto connection = ++connections;
        pb::ClientMessage m;
        auto* j = m.mutable_join();
        j->set_display_name(name);
        j->set_pronouns(pronouns);
        if (code_or_key == key)
            j->set_moderator_key(key);
        else if (!code_or_key.empty())
            j->set_join_code(code_or_key);
        else
            j->set_resume_token(token);
        auto out = r.apply(m, {connection, token.empty() ? "token-" + std::to_string(connection) : token}, now());
        keep(r, out);
        last_welcome = out.welcome;
        return connection;
    }
    outcome run(room& r, std::uint64_t connection, const pb::ClientMessage& m) {
        auto out = r.apply(m, {connection, ""}, now());
        if (out.ok()) keep(r, out);
        return out;
    }
    std::string id_of(std::uint64_t connection) const { return series.member_of(connection)->member_id(); }
    outcome carry(std::uint64_t who, bool yes) {
        return run(series, who, command([&](auto& m) { m.mutable_set_carry_over()->set_carry(yes); }));
    }
    outcome plan(const std::string& title) {
        return run(series, mod, command([&](auto& m) {
                       m.mutable_plan_meeting()->set_title(title);
                       m.mutable_plan_meeting()->set_when("Tuesday, 2pm");
                       m.mutable_plan_meeting()->set_place("Community Room");
                   }));
    }
    // The server's round: each planned meeting, in order, made if new and linked with what
    // the one before has; each report back to the series.
    void sync() {
        auto links = series.meeting_links();
        meeting_news before;
        for (auto& link : links) {
            link.carried = before.carried;
            *link.link.mutable_previous_actions() = before.reported.actions();
            auto [it, fresh] = meetings.try_emplace(link.room_id, link.room_id);
            auto& m = it->second;
            if (fresh)
                keep(m, m.create(link.planned.title(), "", "own-key-0123456789", "own-code-0123456789", now(),
                                 pb::PREPARING));
            keep(m, m.link_meeting(link, now()));
            auto news = reports::meeting_report(m, link.carry_ids, now());
            ASSERT_TRUE(news.has_value());
            keep(series, series.receive_meeting_report(*news, now()));
            before = std::move(*news);
        }
    }
    room& meeting(std::uint32_t number) { return meetings.at(series.id() + "-m" + std::to_string(number)); }
    static pb::ClientMessage needs_message(bool larger_text) {
        return command([&](auto& m) {
            m.mutable_set_needs()->mutable_needs()->set_larger_text(larger_text);
            m.mutable_set_needs()->mutable_needs()->set_high_contrast(true);
        });
    }
    static pb::ClientMessage readiness_message(std::uint32_t confidence) {
        return command([&](auto& m) {
            m.mutable_answer_readiness()->mutable_readiness()->set_confidence(confidence);
            m.mutable_answer_readiness()->mutable_readiness()->set_would_help("Questions in advance");
        });
    }

    test::fake_clock clock;
    room series{"s1"};
    std::map<std::string, room> meetings;
    std::vector<logged_event> series_log;
    std::map<std::string, std::vector<logged_event>> meeting_log;
    std::uint64_t connections = 0;
    std::uint64_t mod = 0, ada = 0, bo = 0;
    std::optional<welcome_info> last_welcome;
};

TEST_F(Series, ItsCommandsAreRefusedInAMeeting) {
    room plain("r1");
    keep(plain, plain.create("A meeting", "", key, code, now()));
    auto m = join(plain, "Sam", key, "");
    EXPECT_EQ(code_of(run(plain, m, command([](auto& c) { c.mutable_plan_meeting()->set_title("Next"); }))),
              pb::BAD_REQUEST);
    EXPECT_TRUE(plain.meeting_links().empty());
}

TEST_F(Series, OnlyItsModeratorsPlanMeetingsAndPublishUpdates) {
    EXPECT_EQ(code_of(run(series, ada, command([](auto& c) { c.mutable_plan_meeting()->set_title("Next"); }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(run(series, ada, command([](auto& c) { c.mutable_publish_update()->set_text("We did it"); }))),
              pb::PERMISSION_DENIED);
    EXPECT_EQ(code_of(plan("")), pb::BAD_REQUEST);
    ASSERT_TRUE(plan("First forum").ok());
    ASSERT_EQ(series.part<series_part>().meetings().size(), 1u);
    EXPECT_EQ(series.part<series_part>().meetings()[0].room_id(), "s1-m1");
    EXPECT_EQ(series.part<series_part>().meetings()[0].when(), "Tuesday, 2pm");
}

TEST_F(Series, ItsPeopleAreSeatedInEachMeetingAndComeInWithTheirSeriesLink) {
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    auto& m1 = meeting(1);
    EXPECT_TRUE(m1.part<series_link_part>().linked());
    EXPECT_EQ(m1.when(), "Tuesday, 2pm");
    EXPECT_EQ(m1.place(), "Community Room");
    ASSERT_NE(m1.member(id_of(ada)), nullptr);
    EXPECT_FALSE(m1.member(id_of(ada))->present());
    // The series' moderator key moderates the meeting; the person's series link brings them in.
    EXPECT_EQ(m1.role_of(key), pb::MODERATOR);
    join(m1, "", "", "token-ada");
    ASSERT_TRUE(last_welcome.has_value());
    EXPECT_EQ(last_welcome->member_id, id_of(ada));
    EXPECT_TRUE(m1.part<series_link_part>().came(id_of(ada)));
    // Nothing carried to the first meeting: it is the first.
    EXPECT_FALSE(m1.part<series_link_part>().link().previous() != 0);
    EXPECT_TRUE(m1.snapshot().agenda().empty());
}

TEST_F(Series, NeedsAndReadinessCarryToTheNextMeetingWithConsentAndNotWithout) {
    ASSERT_TRUE(carry(ada, true).ok());
    ASSERT_TRUE(carry(bo, false).ok());
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    auto& m1 = meeting(1);
    auto a1 = join(m1, "", "", "token-ada");
    auto b1 = join(m1, "", "", "token-bo");
    ASSERT_TRUE(run(m1, a1, needs_message(true)).ok());
    ASSERT_TRUE(run(m1, a1, readiness_message(4)).ok());
    ASSERT_TRUE(run(m1, b1, needs_message(true)).ok());
    ASSERT_TRUE(run(m1, b1, readiness_message(2)).ok());

    ASSERT_TRUE(plan("Second forum").ok());
    sync();
    auto& m2 = meeting(2);
    // Ada agreed: what she said carries, and her welcome brings it back.
    join(m2, "", "", "token-ada");
    ASSERT_TRUE(last_welcome.has_value());
    EXPECT_TRUE(last_welcome->needs.larger_text());
    EXPECT_TRUE(last_welcome->needs.high_contrast());
    EXPECT_EQ(last_welcome->readiness.confidence(), 4u);
    EXPECT_EQ(last_welcome->readiness.would_help(), "Questions in advance");
    // Bo did not: asked again, nothing of the first meeting here.
    join(m2, "", "", "token-bo");
    EXPECT_FALSE(last_welcome->needs.larger_text());
    EXPECT_EQ(last_welcome->readiness.confidence(), 0u);
}

TEST_F(Series, WhatCarriesIsNoLongerSetOnceThePersonHasComeIn) {
    ASSERT_TRUE(carry(ada, true).ok());
    ASSERT_TRUE(plan("First forum").ok());
    ASSERT_TRUE(plan("Second forum").ok());
    sync();
    auto a2 = join(meeting(2), "", "", "token-ada");
    ASSERT_TRUE(run(meeting(2), a2, needs_message(false)).ok());
    // Later, she says something else in the first meeting: her own word in the second stands.
    auto a1 = join(meeting(1), "", "", "token-ada");
    ASSERT_TRUE(run(meeting(1), a1, needs_message(true)).ok());
    sync();
    EXPECT_FALSE(meeting(2).part<needs_part>().needs_of(id_of(ada)).larger_text());
}

TEST_F(Series, ForgetMeRemovesWhatCarriesFromMeetingsNotYetCome) {
    ASSERT_TRUE(carry(ada, true).ok());
    ASSERT_TRUE(plan("First forum").ok());
    ASSERT_TRUE(plan("Second forum").ok());
    sync();
    auto a1 = join(meeting(1), "", "", "token-ada");
    ASSERT_TRUE(run(meeting(1), a1, needs_message(true)).ok());
    ASSERT_TRUE(run(meeting(1), a1, readiness_message(5)).ok());
    sync();
    ASSERT_TRUE(meeting(2).part<needs_part>().needs_of(id_of(ada)).larger_text());
    ASSERT_EQ(meeting(2).part<readiness_part>().readiness_of(id_of(ada)).confidence(), 5u);

    auto forgot = carry(ada, false);
    ASSERT_TRUE(forgot.ok());
    ASSERT_EQ(forgot.events.size(), 1u);
    EXPECT_TRUE(forgot.events[0].event.carry_over_set().forgotten());
    // Private to her (and the moderators).
    EXPECT_EQ(forgot.events[0].event.private_to_size(), 1);
    sync();
    EXPECT_FALSE(meeting(2).part<needs_part>().needs_of(id_of(ada)).larger_text());
    EXPECT_EQ(meeting(2).part<readiness_part>().readiness_of(id_of(ada)).confidence(), 0u);
    // The first meeting's record keeps what she said there.
    EXPECT_TRUE(meeting(1).part<needs_part>().needs_of(id_of(ada)).larger_text());
    EXPECT_EQ(code_of(carry(ada, false)), pb::CONFLICT);
    EXPECT_TRUE(series.part<series_part>().carry_over_of(id_of(ada)).forgotten());
}

TEST_F(Series, TheNextMeetingReviewsTheLastOnesActionsFirstAndSeesThemChange) {
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    auto& m1 = meeting(1);
    auto sam1 = join(m1, "Sam", key, "");
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) { c.mutable_set_room_phase()->set_phase(pb::LIVE); })).ok());
    const auto ada_id = id_of(ada);
    ASSERT_TRUE(run(m1, sam1, command([&](auto& c) {
                        auto* a = c.mutable_record_action()->mutable_action();
                        a->set_text("Pilot call-backs");
                        a->set_owner_member_id(ada_id);
                    }))
                    .ok());
    ASSERT_TRUE(plan("Second forum").ok());
    sync();
    auto& m2 = meeting(2);
    const auto snapshot = m2.snapshot();
    ASSERT_GE(snapshot.agenda_size(), 1);
    EXPECT_EQ(snapshot.agenda(0).title(), series_link_part::review_title);
    ASSERT_EQ(snapshot.series_link().previous_actions_size(), 1);
    EXPECT_EQ(snapshot.series_link().previous_actions(0).text(), "Pilot call-backs");
    EXPECT_EQ(snapshot.series_link().previous_actions(0).status(), pb::ACTION_OPEN);

    // Its owner reports progress in the first meeting: the second hears of it.
    auto a1 = join(m1, "", "", "token-ada");
    ASSERT_TRUE(run(m1, a1, command([](auto& c) {
                        c.mutable_set_action_status()->set_action_id("act1");
                        c.mutable_set_action_status()->set_status(pb::ACTION_UNDER_WAY);
                    }))
                    .ok());
    const auto before = meeting_log[m2.id()].size();
    sync();
    ASSERT_GT(meeting_log[m2.id()].size(), before);
    EXPECT_TRUE(meeting_log[m2.id()].back().event.has_series_linked());
    EXPECT_EQ(m2.snapshot().series_link().previous_actions(0).status(), pb::ACTION_UNDER_WAY);
    // The review is planned once.
    EXPECT_EQ(m2.snapshot().agenda_size(), 1);
    // A round with nothing new changes nothing anywhere.
    const auto series_before = series_log.size();
    const auto m2_before = meeting_log[m2.id()].size();
    sync();
    EXPECT_EQ(series_log.size(), series_before);
    EXPECT_EQ(meeting_log[m2.id()].size(), m2_before);
}

TEST_F(Series, UpdatesSayWhatCameOfADecisionOrAnActionAndAreMarkedSeen) {
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    auto& m1 = meeting(1);
    auto sam1 = join(m1, "Sam", key, "");
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) { c.mutable_set_room_phase()->set_phase(pb::LIVE); })).ok());
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) {
                        auto* a = c.mutable_record_action()->mutable_action();
                        a->set_text("Pilot call-backs");
                        a->set_owner_name("The trust");
                    }))
                    .ok());
    sync();
    auto publish = [&](const std::string& text, std::uint32_t meeting_number, const std::string& action) {
        return run(series, mod, command([&](auto& c) {
                       c.mutable_publish_update()->set_text(text);
                       c.mutable_publish_update()->set_meeting(meeting_number);
                       c.mutable_publish_update()->set_action_id(action);
                   }));
    };
    EXPECT_EQ(code_of(publish("Nothing", 1, "act9")), pb::NOT_FOUND);
    EXPECT_EQ(code_of(publish("Nothing", 4, "")), pb::NOT_FOUND);
    EXPECT_EQ(code_of(publish("Nothing", 0, "act1")), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(publish("", 1, "act1")), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(publish(std::string(2001, 'x'), 1, "act1")), pb::TOO_LARGE);
    auto out = publish("The trust agreed to pilot call-backs from April", 1, "act1");
    ASSERT_TRUE(out.ok());
    const auto snapshot = series.snapshot();
    ASSERT_EQ(snapshot.series().updates_size(), 1);
    const auto& update = snapshot.series().updates(0);
    EXPECT_EQ(update.update_id(), "upd1");
    EXPECT_EQ(update.about(), "Pilot call-backs");
    EXPECT_EQ(update.meeting(), 1u);

    EXPECT_EQ(series.part<series_part>().updates_seen(id_of(ada)), 0u);
    auto seen = [&](std::uint32_t n) {
        return run(series, ada, command([&](auto& c) { c.mutable_mark_updates_seen()->set_seen(n); }));
    };
    EXPECT_EQ(code_of(seen(2)), pb::BAD_REQUEST);
    ASSERT_TRUE(seen(1).ok());
    EXPECT_EQ(code_of(seen(1)), pb::CONFLICT);
    join(series, "", "", "token-ada");
    EXPECT_EQ(last_welcome->updates_seen, 1u);
}

TEST_F(Series, AMeetingsReportIsRecordedOnlyWhenItSaysSomethingNew) {
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    const auto reports = [&] {
        return std::count_if(series_log.begin(), series_log.end(),
                             [](const logged_event& e) { return e.event.has_meeting_reported(); });
    };
    const auto first = reports();
    EXPECT_EQ(first, 1);
    sync();
    EXPECT_EQ(reports(), first);
    join(meeting(1), "", "", "token-ada");
    sync();
    EXPECT_EQ(reports(), first + 1);
    ASSERT_EQ(series.snapshot().series().reports(0).taken_part_size(), 1);
    EXPECT_EQ(series.snapshot().series().reports(0).taken_part(0), id_of(ada));
}

TEST_F(Series, TheSeriesFiguresAddUpItsClosedMeetings) {
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    auto& m1 = meeting(1);
    auto sam1 = join(m1, "Sam", key, "");
    auto a1 = join(m1, "", "", "token-ada");
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) { c.mutable_set_room_phase()->set_phase(pb::LIVE); })).ok());
    ASSERT_TRUE(run(m1, a1, command([](auto& c) { c.mutable_post()->set_text("Call-backs would help me"); })).ok());
    sync();
    // Still live: nothing counted yet.
    auto scope = reports::series_scope(series);
    ASSERT_EQ(scope.people_size(), 2);
    EXPECT_EQ(scope.not_yet_spoken_size(), 2);
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) { c.mutable_set_room_phase()->set_phase(pb::CLOSED); })).ok());
    sync();
    scope = reports::series_scope(series);
    ASSERT_EQ(scope.people_size(), 2);
    EXPECT_EQ(scope.people(0).member_id(), id_of(ada));
    EXPECT_EQ(scope.people(0).messages(), 1u);
    ASSERT_EQ(scope.not_yet_spoken_size(), 1);
    EXPECT_EQ(scope.not_yet_spoken(0), id_of(bo));
    // Only moderators see it.
    auto ada_view = reports::participation_report(series, id_of(ada), now());
    EXPECT_FALSE(ada_view.has_series());
    auto sam_view = reports::participation_report(series, id_of(mod), now());
    EXPECT_EQ(sam_view.series().people_size(), 2);
}

TEST_F(Series, TheOutcomeSurveyAsksWhetherInputShapedWhatHappened) {
    auto answer = [&](std::uint64_t who, std::uint32_t shaped, const std::string& words) {
        return run(series, who, command([&](auto& c) {
                       c.mutable_answer_outcome()->mutable_outcome()->set_shaped(shaped);
                       c.mutable_answer_outcome()->mutable_outcome()->set_what_changed(words);
                   }));
    };
    auto open = [&](std::uint64_t who, bool yes) {
        return run(series, who, command([&](auto& c) { c.mutable_set_outcome_survey()->set_open(yes); }));
    };
    EXPECT_EQ(code_of(answer(ada, 4, "")), pb::CONFLICT);  // not open yet
    EXPECT_EQ(code_of(open(ada, true)), pb::PERMISSION_DENIED);
    ASSERT_TRUE(open(mod, true).ok());
    EXPECT_TRUE(series.snapshot().series().outcome_open());
    EXPECT_EQ(code_of(answer(ada, 6, "")), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(answer(ada, 0, "")), pb::BAD_REQUEST);
    EXPECT_EQ(code_of(answer(mod, 3, "")), pb::PERMISSION_DENIED);  // the people taking part
    auto given = answer(ada, 4, "Call-backs now come within a day");
    ASSERT_TRUE(given.ok());
    EXPECT_EQ(given.events[0].event.private_to(0), id_of(ada));
    EXPECT_EQ(code_of(answer(ada, 4, "Call-backs now come within a day")), pb::CONFLICT);
    ASSERT_TRUE(answer(bo, 2, "").ok());
    ASSERT_TRUE(answer(bo, 1, "").ok());  // changed: counted once
    const auto summary = series.part<series_part>().outcome_summary();
    EXPECT_EQ(summary.answered(), 2u);
    ASSERT_EQ(summary.shaped_size(), 5);
    EXPECT_EQ(summary.shaped(0), 1u);
    EXPECT_EQ(summary.shaped(3), 1u);
    ASSERT_EQ(summary.what_changed_size(), 1);
    // For the series' moderators only.
    EXPECT_EQ(reports::participation_report(series, id_of(mod), now()).outcome().answered(), 2u);
    EXPECT_FALSE(reports::participation_report(series, id_of(ada), now()).has_outcome());
    join(series, "", "", "token-ada");
    EXPECT_EQ(last_welcome->outcome.shaped(), 4u);
    ASSERT_TRUE(open(mod, false).ok());
    EXPECT_EQ(code_of(answer(ada, 5, "")), pb::CONFLICT);
    auto restored = room::restore(series.id(), series.save_state());
    ASSERT_TRUE(restored.has_value());
    EXPECT_EQ(restored->part<series_part>().outcome_summary().SerializeAsString(), summary.SerializeAsString());
}

TEST_F(Series, AMeetingReportsHowHeardPeopleFeltWithoutNames) {
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    auto& m1 = meeting(1);
    auto sam1 = join(m1, "Sam", key, "");
    auto a1 = join(m1, "", "", "token-ada");
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) { c.mutable_set_room_phase()->set_phase(pb::LIVE); })).ok());
    ASSERT_TRUE(run(m1, sam1, command([](auto& c) { c.mutable_set_room_phase()->set_phase(pb::CLOSED); })).ok());
    ASSERT_TRUE(
        run(m1, a1, command([](auto& c) { c.mutable_answer_follow_up()->mutable_follow_up()->set_felt_heard(4); }))
            .ok());
    sync();
    const auto report = series.snapshot().series().reports(0);
    ASSERT_EQ(report.felt_heard_size(), 5);
    EXPECT_EQ(report.felt_heard(3), 1u);
}

TEST_F(Series, TheSeriesSaysHowLongItsMeetingsRecordsAreKept) {
    auto keep_for = [&](room& r, std::uint64_t who, std::uint32_t days) {
        return run(r, who, command([&](auto& c) { c.mutable_set_retention()->set_days(days); }));
    };
    const auto kept = [](const room& r) { return r.part<lifecycle_part>().retention_days(); };
    ASSERT_TRUE(keep_for(series, mod, 30).ok());
    ASSERT_TRUE(plan("First forum").ok());
    sync();
    EXPECT_EQ(kept(meeting(1)), 30u);
    // The meeting's moderators may keep theirs longer; the next round leaves it.
    auto sam1 = join(meeting(1), "Sam", key, "");
    ASSERT_TRUE(keep_for(meeting(1), sam1, 90).ok());
    sync();
    EXPECT_EQ(kept(meeting(1)), 90u);
    // Until the series changes its own.
    ASSERT_TRUE(keep_for(series, mod, 60).ok());
    sync();
    EXPECT_EQ(kept(meeting(1)), 60u);
}

TEST_F(Series, ReplayingTheRecordsGivesTheSameSeriesAndMeetings) {
    ASSERT_TRUE(carry(ada, true).ok());
    ASSERT_TRUE(plan("First forum").ok());
    ASSERT_TRUE(plan("Second forum").ok());
    sync();
    auto a1 = join(meeting(1), "", "", "token-ada");
    ASSERT_TRUE(run(meeting(1), a1, needs_message(true)).ok());
    sync();
    room again(series.id());
    for (const auto& e : series_log) ASSERT_FALSE(again.replay(e).has_value());
    EXPECT_EQ(again.snapshot().SerializeAsString(), series.snapshot().SerializeAsString());
    EXPECT_TRUE(again.part<series_part>().carries(id_of(ada)));
    room m2(meeting(2).id());
    for (const auto& e : meeting_log[m2.id()]) ASSERT_FALSE(m2.replay(e).has_value());
    EXPECT_EQ(m2.snapshot().SerializeAsString(), meeting(2).snapshot().SerializeAsString());
    EXPECT_TRUE(m2.part<needs_part>().needs_of(id_of(ada)).larger_text());
    EXPECT_EQ(m2.role_of(key), pb::MODERATOR);
    // And from a stored state.
    auto restored = room::restore(series.id(), series.save_state());
    ASSERT_TRUE(restored.has_value());
    EXPECT_EQ(restored->snapshot().SerializeAsString(), series.snapshot().SerializeAsString());
}

}  // namespace
}  // namespace ts::room
