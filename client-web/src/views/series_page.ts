// A series of meetings (a co-design project): its own page, which each person opens with
// their personal link. What came of what people said ("you said, we did"), marked new since
// their last visit; the meetings, past and planned, each opened from here as oneself; what
// each meeting decided and the actions that followed, as they stand; who has taken part; and
// each person's say on whether what they tell one meeting carries to the next. Its moderators
// also plan meetings, publish updates and see who has been heard least over the whole series.
import { formatList, t } from "../i18n/i18n";
import { recallLinks, readFragment, recallPerson, rememberPerson } from "../credentials";
import { button, h, keepFocus, uid } from "../dom";
import { Role, RoomPhase, type MeetingPlanned, type MeetingReported } from "../protocol";
import { actionStatusWords, type RoomModel } from "../room_model";
import { outcomeSurvey } from "./outcome_survey";
import { deleteForm, retentionForm } from "./room_details_panel";
import type { RoomContext } from "./room_context";
import { whenAndWhere } from "./when_where";

export interface SeriesPage {
  element: HTMLElement;
  // Everything again (after a welcome or a change); keeps the focus where it was.
  render(): void;
  // Once per visit, after the welcome: the updates shown are marked seen for next time.
  visited(): void;
}

function phaseWords(report: MeetingReported | undefined): string {
  if (!report) return t("series_page.planned");
  switch (report.phase) {
    case RoomPhase.CLOSED:
      return t("series_page.held");
    case RoomPhase.LIVE:
      return t("series_page.under_way_now");
    default:
      return t("series_page.preparing");
  }
}

function ownerWords(model: Readonly<RoomModel>, ownerMemberId: string, ownerName: string): string {
  return ownerMemberId ? model.name(ownerMemberId) : ownerName;
}

// The moderator key this browser has for the series (from the link it came by, or from when it
// made the series), so that a moderator opens each meeting as its moderator.
function moderatorKey(seriesId: string): string {
  const fromLink = readFragment(location.hash).moderatorKey;
  if (fromLink) return fromLink;
  const saved = recallLinks(seriesId)?.moderator;
  return saved ? (readFragment(new URL(saved).hash).moderatorKey ?? "") : "";
}

// The room's panels the series' page shows too: a participant's conversation with the
// facilitators, and the facilitators' conversations with each person, which go on across the
// series' meetings here.
export interface SeriesExtras {
  participant: HTMLElement;
  moderator: HTMLElement;
}

export function seriesPage(ctx: RoomContext, extras: SeriesExtras): SeriesPage {
  const { model } = ctx;
  const title = h("h1", { id: "room-title", tabindex: -1 });
  const purpose = h("p", { class: "purpose" });
  const intro = h("p", { class: "hint" }, t("series_page.this_is_the_page_of"));
  // How many updates this person had seen when the page opened: the newer ones are new.
  let seenAtVisit = -1;

  // --- you said, we did -------------------------------------------------------------------
  const updatesList = h("ol", { class: "updates-list", "aria-labelledby": "updates-heading" });
  const updatesEmpty = h("p", { class: "hint" }, t("series_page.nothing_yet_the_facilitators_will"));
  const updates = h(
    "section",
    { class: "panel", "aria-labelledby": "updates-heading" },
    h("h2", { id: "updates-heading", tabindex: -1 }, t("series_page.you_said_we_did")),
    updatesEmpty,
    updatesList,
  );

  // --- meetings ---------------------------------------------------------------------------
  const meetingsList = h("ol", { class: "meetings-list", "aria-labelledby": "meetings-heading" });
  const meetingsEmpty = h("p", { class: "hint" }, t("series_page.no_meetings_planned_yet"));
  const meetings = h(
    "section",
    { class: "panel", "aria-labelledby": "meetings-heading" },
    h("h2", { id: "meetings-heading" }, t("series_page.meetings")),
    meetingsEmpty,
    meetingsList,
  );

  // --- decisions and actions --------------------------------------------------------------
  const outcomesBody = h("div", { class: "stack" });
  const outcomes = h(
    "section",
    { class: "panel", "aria-labelledby": "outcomes-heading" },
    h("h2", { id: "outcomes-heading" }, t("series_page.decisions_and_actions")),
    outcomesBody,
  );

  // --- people -----------------------------------------------------------------------------
  const peopleList = h("ul", { class: "series-people" });
  const peopleCount = h("p", {});
  const people = h(
    "section",
    { class: "panel", "aria-labelledby": "series-people-heading" },
    h("h2", { id: "series-people-heading" }, t("series_page.who_has_taken_part")),
    peopleCount,
    peopleList,
  );

  // --- what carries over ------------------------------------------------------------------
  const carryId = uid("carry");
  const carryBox = h("input", { type: "checkbox", id: carryId, "aria-describedby": `${carryId}-hint` });
  const carryStatus = h("p", { role: "status", class: "hint" });
  const carryForm = h(
    "form",
    { class: "stack" },
    h(
      "div",
      { class: "check" },
      carryBox,
      h("label", { for: carryId }, t("series_page.carry_what_i_tell_one")),
      h(
        "p",
        { class: "hint", id: `${carryId}-hint` },
        t("series_page.your_pronouns_what_helps_you") + t("series_page.with_this_on_you_are"),
      ),
    ),
    h("div", { class: "button-row" }, h("button", { type: "submit" }, t("series_page.save"))),
    carryStatus,
  );
  const carry = h(
    "section",
    { class: "panel", "aria-labelledby": "carry-heading" },
    h("h2", { id: "carry-heading" }, t("series_page.what_carries_to_the_next")),
    carryForm,
  );
  let shownCarry: boolean | undefined;
  carryForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const yes = carryBox.checked;
    if (await ctx.send({ case: "setCarryOver", value: { carry: yes } }))
      carryStatus.textContent = yes
        ? t("series_page.saved_what_you_tell_a")
        : t("series_page.saved_nothing_carries_over_and");
  });

  // --- moderators: plan, publish, figures ---------------------------------------------------
  const planIds = { title: uid("meeting-title"), when: uid("meeting-when"), place: uid("meeting-place") };
  const planTitle = h("input", { id: planIds.title, limit: "title", required: true });
  const planWhen = h("input", { id: planIds.when, limit: "whenPlace" });
  const planPlace = h("input", { id: planIds.place, limit: "whenPlace" });
  const planForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, t("series_page.plan_the_next_meeting")),
    h("div", { class: "field" }, h("label", { for: planIds.title }, t("series_page.title")), planTitle),
    h("div", { class: "field" }, h("label", { for: planIds.when }, t("series_page.when_optional")), planWhen),
    h("div", { class: "field" }, h("label", { for: planIds.place }, t("series_page.where_optional")), planPlace),
    h("div", { class: "button-row" }, h("button", { type: "submit" }, t("series_page.plan_the_meeting"))),
  );
  planForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = { title: planTitle.value, when: planWhen.value, place: planPlace.value };
    if (await ctx.send({ case: "planMeeting", value })) {
      planForm.reset();
      ctx.announcer.personal(t("series_page.meeting_planned", { title: value.title }));
    }
  });
  const updateIds = { text: uid("update-text"), about: uid("update-about") };
  const updateText = h("textarea", { id: updateIds.text, rows: 3, limit: "update", required: true });
  const updateAbout = h("select", { id: updateIds.about });
  const publishForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, t("series_page.tell_people_what_came_of")),
    h("div", { class: "field" }, h("label", { for: updateIds.about }, t("series_page.about")), updateAbout),
    h("div", { class: "field" }, h("label", { for: updateIds.text }, t("series_page.what_happened")), updateText),
    h("div", { class: "button-row" }, h("button", { type: "submit" }, t("series_page.publish_the_update"))),
  );
  publishForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const [meeting, kind, id] = updateAbout.value.split(":");
    const value = {
      text: updateText.value,
      meeting: Number(meeting || 0),
      questionId: kind === "q" ? id : "",
      actionId: kind === "a" ? id : "",
    };
    if (await ctx.send({ case: "publishUpdate", value })) {
      publishForm.reset();
      ctx.announcer.personal(t("series_page.update_published"));
    }
  });
  const figuresBody = h("div", {});
  const outcome = outcomeSurvey(ctx);
  const retention = retentionForm(ctx, true);
  const moderatorTools = h(
    "section",
    { class: "panel", "aria-labelledby": "series-tools-heading", hidden: true },
    h("h2", { id: "series-tools-heading" }, t("series_page.facilitator_tools")),
    planForm,
    publishForm,
    h("h3", {}, t("series_page.who_has_been_heard_least")),
    figuresBody,
    outcome.tools,
    h("h3", {}, t("series_page.the_records")),
    retention.element,
    deleteForm(ctx, true),
  );

  const conversations = h(
    "section",
    { class: "panel", "aria-labelledby": "series-conversations-heading", hidden: true },
    h("h2", { id: "series-conversations-heading" }, t("series_page.conversations_with_each_person")),
    h("p", { class: "hint" }, t("series_page.across_the_whole_series_each")),
    extras.moderator,
  );
  const element = h(
    "div",
    { class: "series-page stack" },
    h("div", { class: "room-head" }, title, purpose, intro),
    h(
      "div",
      { class: "series-layout" },
      h("div", { class: "stack" }, outcome.element, updates, meetings, outcomes),
      h("div", { class: "stack" }, moderatorTools, conversations, extras.participant, carry, people),
    ),
  );

  const reportOf = (number: number) => model.series?.reports.find((r) => r.number === number);
  const meetingOf = (number: number) => model.series?.meetings.find((m) => m.number === number);

  function openMeeting(meeting: MeetingPlanned): void {
    const me = ctx.me();
    if (me?.role === Role.MODERATOR) {
      const key = moderatorKey(model.roomId);
      location.assign(`/r/${meeting.roomId}${key ? `#key=${encodeURIComponent(key)}` : ""}`);
      return;
    }
    // The series link brings its people into each meeting as themselves.
    const person = recallPerson(model.roomId);
    if (person) rememberPerson(meeting.roomId, person);
    location.assign(`/r/${meeting.roomId}`);
  }

  function renderUpdates(): void {
    const list = model.series?.updates ?? [];
    updatesEmpty.hidden = list.length > 0;
    updatesList.replaceChildren(
      ...list
        .map((u, i) => {
          const isNew = seenAtVisit >= 0 && i >= seenAtVisit;
          const meeting = u.meeting ? meetingOf(u.meeting) : undefined;
          return h(
            "li",
            { class: isNew ? "update new" : "update" },
            isNew ? h("strong", { class: "badge" }, t("series_page.new")) : "",
            h("p", {}, u.text),
            u.about || meeting
              ? h(
                  "p",
                  { class: "hint" },
                  u.about ? t("series_page.about_this", { about: u.about }) : "",
                  u.about && meeting ? " — " : "",
                  meeting ? t("series_page.meeting_title", { n: meeting.number, title: meeting.title }) : "",
                )
              : "",
          );
        })
        .reverse(),
    );
  }

  function renderMeetings(): void {
    const list = model.series?.meetings ?? [];
    meetingsEmpty.hidden = list.length > 0;
    meetingsList.replaceChildren(
      ...list.map((m) => {
        const report = reportOf(m.number);
        const heading = t("series_page.meeting_title", { n: m.number, title: m.title });
        return h(
          "li",
          { class: "meeting" },
          h("h3", {}, heading),
          h("p", { class: "when-where" }, ...whenAndWhere(m.when, m.place)),
          h("p", {}, t("series_page.status", { status: phaseWords(report) })),
          button(t("series_page.open_meeting", { n: m.number }), `open-${m.number}`, () => openMeeting(m), ""),
        );
      }),
    );
  }

  function renderOutcomes(): void {
    const reports = model.series?.reports ?? [];
    const shown = reports.filter((r) => r.decisions.length > 0 || r.actions.length > 0);
    if (shown.length === 0) {
      outcomesBody.replaceChildren(h("p", { class: "hint" }, t("series_page.no_decisions_or_actions_yet")));
      return;
    }
    outcomesBody.replaceChildren(
      ...shown.map((r) =>
        h(
          "div",
          { class: "stack" },
          h("h3", {}, t("series_page.meeting_title", { n: r.number, title: meetingOf(r.number)?.title ?? "" })),
          r.decisions.length
            ? h(
                "ul",
                { "aria-label": t("series_page.decisions_of", { n: r.number }) },
                ...r.decisions.map((d) =>
                  h(
                    "li",
                    {},
                    d.outcome
                      ? t("series_page.decided_outcome", { text: d.text, outcome: d.outcome })
                      : t("series_page.decided", { text: d.text }),
                  ),
                ),
              )
            : "",
          r.actions.length
            ? h(
                "ul",
                { "aria-label": t("series_page.actions_of", { n: r.number }) },
                ...r.actions.map((a) =>
                  h(
                    "li",
                    {},
                    `${a.text} — ${ownerWords(model, a.ownerMemberId, a.ownerName)} — ${actionStatusWords(a.status, a.note)}`,
                  ),
                ),
              )
            : "",
        ),
      ),
    );
  }

  function renderPeople(): void {
    const reports = model.series?.reports ?? [];
    const taking = [...model.members.values()].filter((m) => m.role === Role.PARTICIPANT && !m.roomScreen);
    // Meetings that have begun: a planned one nobody could have come to yet does not count.
    const held = reports.filter((r) => r.phase === RoomPhase.LIVE || r.phase === RoomPhase.CLOSED).length;
    peopleCount.textContent = t("series_page.joined_count", { n: taking.length });
    peopleList.replaceChildren(
      ...taking.map((m) => {
        const came = reports.filter((r) => r.takenPart.includes(m.memberId)).length;
        return h("li", {}, held ? t("series_page.came_to", { name: m.displayName, came, held }) : m.displayName);
      }),
    );
  }

  function renderModerator(): void {
    const me = ctx.me();
    moderatorTools.hidden = me?.role !== Role.MODERATOR;
    conversations.hidden = moderatorTools.hidden;
    if (moderatorTools.hidden) return;
    const chosen = updateAbout.value;
    const options = [h("option", { value: "" }, t("series_page.the_series_as_a_whole"))];
    for (const r of model.series?.reports ?? []) {
      for (const d of r.decisions)
        options.push(
          h(
            "option",
            { value: `${r.number}:q:${d.questionId}` },
            t("series_page.meeting_decision", { n: r.number, text: d.text }),
          ),
        );
      for (const a of r.actions)
        options.push(
          h(
            "option",
            { value: `${r.number}:a:${a.actionId}` },
            t("series_page.meeting_action", { n: r.number, text: a.text }),
          ),
        );
    }
    updateAbout.replaceChildren(...options);
    updateAbout.value = chosen;
    if (updateAbout.selectedIndex < 0) updateAbout.value = "";
    const figures = model.seriesFigures;
    if (!figures || figures.people.length === 0) {
      figuresBody.replaceChildren(h("p", { class: "hint" }, t("series_page.figures_come_once_a_meeting")));
      return;
    }
    const rows = [...figures.people].sort((a, b) => Number(a.floorMs - b.floorMs) || a.messages - b.messages);
    figuresBody.replaceChildren(
      h(
        "table",
        {},
        h("caption", {}, t("series_page.least_heard_first_over_every")),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, t("series_page.person")),
            h("th", { scope: "col" }, t("series_page.time_speaking")),
            h("th", { scope: "col" }, t("series_page.turns")),
            h("th", { scope: "col" }, t("series_page.messages")),
          ),
        ),
        h(
          "tbody",
          {},
          ...rows.map((p) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, model.name(p.memberId)),
              h("td", {}, t("clock.minutes", { m: Math.round(Number(p.floorMs) / 60000) })),
              h("td", {}, String(p.turns)),
              h("td", {}, String(p.messages)),
            ),
          ),
        ),
      ),
      figures.notYetSpoken.length
        ? h(
            "p",
            {},
            t("series_page.not_heard_yet", { names: formatList(figures.notYetSpoken.map((id) => model.name(id))) }),
          )
        : "",
    );
  }

  function render(): void {
    title.textContent = model.title;
    purpose.textContent = model.purpose;
    purpose.hidden = !model.purpose;
    document.title = t("room.document_title", { title: model.title });
    const me = ctx.me();
    carry.hidden = me?.role !== Role.PARTICIPANT;
    // The box follows the saved choice only when that changes: an update arriving while the
    // person moves from the box to Save must not undo what they ticked.
    const savedCarry = model.myCarryOver?.carry ?? false;
    if (savedCarry !== shownCarry) carryBox.checked = shownCarry = savedCarry;
    keepFocus(element, () => {
      renderUpdates();
      renderMeetings();
      renderOutcomes();
      renderPeople();
      renderModerator();
    });
    outcome.render();
    retention.render();
  }

  function visited(): void {
    if (seenAtVisit < 0) seenAtVisit = model.myUpdatesSeen;
    const count = model.series?.updates.length ?? 0;
    const fresh = count - seenAtVisit;
    render();
    if (fresh > 0) ctx.announcer.personal(t("series_page.new_updates", { n: fresh }));
    if (count > model.myUpdatesSeen)
      void ctx.request({ case: "markUpdatesSeen", value: { seen: count } }).catch(() => undefined);
  }

  return { element, render, visited };
}
