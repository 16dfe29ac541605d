// A series of meetings (a co-design project): its own page, which each person opens with
// their personal link. What came of what people said ("you said, we did"), marked new since
// their last visit; the meetings, past and planned, each opened from here as oneself; what
// each meeting decided and the actions that followed, as they stand; who has taken part; and
// each person's say on whether what they tell one meeting carries to the next. Its moderators
// also plan meetings, publish updates and see who has been heard least over the whole series.
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
  if (!report) return "planned";
  switch (report.phase) {
    case RoomPhase.CLOSED:
      return "held";
    case RoomPhase.LIVE:
      return "under way now";
    default:
      return "preparing";
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
  const intro = h(
    "p",
    { class: "hint" },
    "This is the page of a series of meetings. Keep its address: it is your personal link to every meeting of the series.",
  );
  // How many updates this person had seen when the page opened: the newer ones are new.
  let seenAtVisit = -1;

  // --- you said, we did -------------------------------------------------------------------
  const updatesList = h("ol", { class: "updates-list", "aria-labelledby": "updates-heading" });
  const updatesEmpty = h(
    "p",
    { class: "hint" },
    "Nothing yet: the facilitators will say here what came of the meetings.",
  );
  const updates = h(
    "section",
    { class: "panel", "aria-labelledby": "updates-heading" },
    h("h2", { id: "updates-heading", tabindex: -1 }, "You said, we did"),
    updatesEmpty,
    updatesList,
  );

  // --- meetings ---------------------------------------------------------------------------
  const meetingsList = h("ol", { class: "meetings-list", "aria-labelledby": "meetings-heading" });
  const meetingsEmpty = h("p", { class: "hint" }, "No meetings planned yet.");
  const meetings = h(
    "section",
    { class: "panel", "aria-labelledby": "meetings-heading" },
    h("h2", { id: "meetings-heading" }, "Meetings"),
    meetingsEmpty,
    meetingsList,
  );

  // --- decisions and actions --------------------------------------------------------------
  const outcomesBody = h("div", { class: "stack" });
  const outcomes = h(
    "section",
    { class: "panel", "aria-labelledby": "outcomes-heading" },
    h("h2", { id: "outcomes-heading" }, "Decisions and actions"),
    outcomesBody,
  );

  // --- people -----------------------------------------------------------------------------
  const peopleList = h("ul", { class: "series-people" });
  const peopleCount = h("p", {});
  const people = h(
    "section",
    { class: "panel", "aria-labelledby": "series-people-heading" },
    h("h2", { id: "series-people-heading" }, "Who has taken part"),
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
      h("label", { for: carryId }, "Carry what I tell one meeting to the next"),
      h(
        "p",
        { class: "hint", id: `${carryId}-hint` },
        "Your pronouns, what helps you take part (your display settings among them) and your answers about feeling ready. " +
          "With this on, you are not asked again. Turning it off also forgets what was carried for you; what you said in a meeting stays in that meeting's record.",
      ),
    ),
    h("div", { class: "button-row" }, h("button", { type: "submit" }, "Save")),
    carryStatus,
  );
  const carry = h(
    "section",
    { class: "panel", "aria-labelledby": "carry-heading" },
    h("h2", { id: "carry-heading" }, "What carries to the next meeting"),
    carryForm,
  );
  carryForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const yes = carryBox.checked;
    if (await ctx.send({ case: "setCarryOver", value: { carry: yes } }))
      carryStatus.textContent = yes
        ? "Saved: what you tell a meeting carries to the next."
        : "Saved: nothing carries over, and what had been carried for you is forgotten.";
  });

  // --- moderators: plan, publish, figures ---------------------------------------------------
  const planIds = { title: uid("meeting-title"), when: uid("meeting-when"), place: uid("meeting-place") };
  const planTitle = h("input", { id: planIds.title, limit: "title", required: true });
  const planWhen = h("input", { id: planIds.when, limit: "whenPlace" });
  const planPlace = h("input", { id: planIds.place, limit: "whenPlace" });
  const planForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, "Plan the next meeting"),
    h("div", { class: "field" }, h("label", { for: planIds.title }, "Title"), planTitle),
    h("div", { class: "field" }, h("label", { for: planIds.when }, "When (optional)"), planWhen),
    h("div", { class: "field" }, h("label", { for: planIds.place }, "Where (optional)"), planPlace),
    h("div", { class: "button-row" }, h("button", { type: "submit" }, "Plan the meeting")),
  );
  planForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = { title: planTitle.value, when: planWhen.value, place: planPlace.value };
    if (await ctx.send({ case: "planMeeting", value })) {
      planForm.reset();
      ctx.announcer.personal(`Meeting planned: ${value.title}.`);
    }
  });
  const updateIds = { text: uid("update-text"), about: uid("update-about") };
  const updateText = h("textarea", { id: updateIds.text, rows: 3, limit: "update", required: true });
  const updateAbout = h("select", { id: updateIds.about });
  const publishForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, "Tell people what came of it"),
    h("div", { class: "field" }, h("label", { for: updateIds.about }, "About"), updateAbout),
    h("div", { class: "field" }, h("label", { for: updateIds.text }, "What happened"), updateText),
    h("div", { class: "button-row" }, h("button", { type: "submit" }, "Publish the update")),
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
      ctx.announcer.personal("Update published.");
    }
  });
  const figuresBody = h("div", {});
  const outcome = outcomeSurvey(ctx);
  const retention = retentionForm(ctx, true);
  const moderatorTools = h(
    "section",
    { class: "panel", "aria-labelledby": "series-tools-heading", hidden: true },
    h("h2", { id: "series-tools-heading" }, "Facilitator tools"),
    planForm,
    publishForm,
    h("h3", {}, "Who has been heard least over the series"),
    figuresBody,
    outcome.tools,
    h("h3", {}, "The records"),
    retention.element,
    deleteForm(ctx, true),
  );

  const conversations = h(
    "section",
    { class: "panel", "aria-labelledby": "series-conversations-heading", hidden: true },
    h("h2", { id: "series-conversations-heading" }, "Conversations with each person"),
    h("p", { class: "hint" }, "Across the whole series: each meeting keeps its own conversations too."),
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
            isNew ? h("strong", { class: "badge" }, "New") : "",
            h("p", {}, u.text),
            u.about || meeting
              ? h(
                  "p",
                  { class: "hint" },
                  u.about ? `About: ${u.about}` : "",
                  meeting ? `${u.about ? " — " : ""}Meeting ${meeting.number}: ${meeting.title}` : "",
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
        const heading = `Meeting ${m.number}: ${m.title}`;
        return h(
          "li",
          { class: "meeting" },
          h("h3", {}, heading),
          h("p", { class: "when-where" }, ...whenAndWhere(m.when, m.place)),
          h("p", {}, `Status: ${phaseWords(report)}`),
          button(`Open meeting ${m.number}`, `open-${m.number}`, () => openMeeting(m), ""),
        );
      }),
    );
  }

  function renderOutcomes(): void {
    const reports = model.series?.reports ?? [];
    const shown = reports.filter((r) => r.decisions.length > 0 || r.actions.length > 0);
    if (shown.length === 0) {
      outcomesBody.replaceChildren(h("p", { class: "hint" }, "No decisions or actions yet."));
      return;
    }
    outcomesBody.replaceChildren(
      ...shown.map((r) =>
        h(
          "div",
          { class: "stack" },
          h("h3", {}, `Meeting ${r.number}: ${meetingOf(r.number)?.title ?? ""}`),
          r.decisions.length
            ? h(
                "ul",
                { "aria-label": `Decisions of meeting ${r.number}` },
                ...r.decisions.map((d) => h("li", {}, `Decided: ${d.text}${d.outcome ? ` — ${d.outcome}` : ""}`)),
              )
            : "",
          r.actions.length
            ? h(
                "ul",
                { "aria-label": `Actions of meeting ${r.number}` },
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
    peopleCount.textContent = `${taking.length} ${taking.length === 1 ? "person has" : "people have"} joined the series.`;
    peopleList.replaceChildren(
      ...taking.map((m) => {
        const came = reports.filter((r) => r.takenPart.includes(m.memberId)).length;
        return h(
          "li",
          {},
          `${m.displayName}${held ? ` — came to ${came} of ${held} ${held === 1 ? "meeting" : "meetings"}` : ""}`,
        );
      }),
    );
  }

  function renderModerator(): void {
    const me = ctx.me();
    moderatorTools.hidden = me?.role !== Role.MODERATOR;
    conversations.hidden = moderatorTools.hidden;
    if (moderatorTools.hidden) return;
    const chosen = updateAbout.value;
    const options = [h("option", { value: "" }, "The series as a whole")];
    for (const r of model.series?.reports ?? []) {
      for (const d of r.decisions)
        options.push(
          h("option", { value: `${r.number}:q:${d.questionId}` }, `Meeting ${r.number}, decision: ${d.text}`),
        );
      for (const a of r.actions)
        options.push(h("option", { value: `${r.number}:a:${a.actionId}` }, `Meeting ${r.number}, action: ${a.text}`));
    }
    updateAbout.replaceChildren(...options);
    updateAbout.value = chosen;
    if (updateAbout.selectedIndex < 0) updateAbout.value = "";
    const figures = model.seriesFigures;
    if (!figures || figures.people.length === 0) {
      figuresBody.replaceChildren(h("p", { class: "hint" }, "Figures come once a meeting of the series has closed."));
      return;
    }
    const rows = [...figures.people].sort((a, b) => Number(a.floorMs - b.floorMs) || a.messages - b.messages);
    figuresBody.replaceChildren(
      h(
        "table",
        {},
        h("caption", {}, "Least heard first, over every closed meeting"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Person"),
            h("th", { scope: "col" }, "Time speaking"),
            h("th", { scope: "col" }, "Turns"),
            h("th", { scope: "col" }, "Messages"),
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
              h("td", {}, `${Math.round(Number(p.floorMs) / 60000)} min`),
              h("td", {}, String(p.turns)),
              h("td", {}, String(p.messages)),
            ),
          ),
        ),
      ),
      figures.notYetSpoken.length
        ? h("p", {}, `Not heard yet in any meeting: ${figures.notYetSpoken.map((id) => model.name(id)).join(", ")}.`)
        : "",
    );
  }

  function render(): void {
    title.textContent = model.title;
    purpose.textContent = model.purpose;
    purpose.hidden = !model.purpose;
    document.title = `${model.title} — Talking Stick`;
    const me = ctx.me();
    carry.hidden = me?.role !== Role.PARTICIPANT;
    if (document.activeElement !== carryBox) carryBox.checked = model.myCarryOver?.carry ?? false;
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
    if (fresh > 0) ctx.announcer.personal(`${fresh} new ${fresh === 1 ? "update" : "updates"} since your last visit.`);
    if (count > model.myUpdatesSeen)
      void ctx.request({ case: "markUpdatesSeen", value: { seen: count } }).catch(() => undefined);
  }

  return { element, render, visited };
}
