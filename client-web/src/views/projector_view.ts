// The screen in the meeting room: large, high contrast, read only. It joins as the room's
// screen (an observer that is never counted as a person) and shows the room's state: the
// agenda item, who has the floor and the clock in all its states (warning, time up, paused),
// a pause of the room with its reason, the next three, the latest messages, and the open
// questions with their live results (or the latest decision recorded).
import { t } from "../i18n/i18n";
import { RoomConnection } from "../connection";
import { h, mount } from "../dom";
import { FloorChange, RoomPhase, TurnEndReason, type Event, type Welcome } from "../protocol";
import { RoomModel, clockLabel, handKindName, type ChatMessage } from "../room_model";
import { pauseWhy } from "./conversation_panel";
import { blockReasons, decisionHeadline, liveResults, resultsTable } from "./decision_panel";
import { againstPlan, nowDiscussing } from "./agenda_panel";
import { showClockState } from "./floor_panel";
import { minutesLeft } from "./groups_panel";
import { roomMicrophone } from "./room_microphone";

const shownMessages = 5;
const shownNext = 3;
// A table's report on the room's screen: its first words, the rest is in the plenary's view.
const shownReportChars = 240;
// How long "Time is up" stays on the screen after a turn ran out, before moving on.
const holdTimeUpMs = 5000;

export function projectorView(roomId: string, joinCode: string): void {
  document.documentElement.classList.add("projector-mode");
  const model = new RoomModel();
  const title = h("h1", { class: "projector-title" }, t("projector.connecting"));
  const agenda = h("p", { class: "projector-agenda", hidden: true });
  const pause = h("p", { class: "projector-pause", role: "status", hidden: true });
  const phase = h("p", { class: "projector-pause", hidden: true });
  const floor = h("p", { class: "projector-floor" }, t("projector.open_conversation"));
  const floorTopic = h("p", { class: "projector-topic" });
  const clock = h("p", { class: "projector-clock", role: "timer", "aria-live": "off" });
  const clockState = h("p", { class: "clock-state projector-clock-state", hidden: true });
  const floorSection = h(
    "section",
    { "aria-label": t("projector.who_has_the_floor"), class: "projector-floor-section" },
    floor,
    floorTopic,
    clock,
    clockState,
  );
  const next = h("ol", { class: "projector-next", "aria-label": t("projector.next_to_speak") });
  const present = h("p", { class: "projector-present" });
  const list = h("ol", { class: "projector-messages", "aria-label": t("projector.latest_messages") });
  const status = h("p", { class: "projector-status", role: "status" });
  const decisions = h(
    "section",
    { "aria-labelledby": "decisions-heading", class: "projector-decisions", hidden: true },
    h("h2", { id: "decisions-heading" }, t("projector.decisions")),
  );
  const decisionBody = h("div", {});
  decisions.append(decisionBody);
  const groupsLine = h("p", { class: "projector-agenda", hidden: true });
  const reportList = h("ul", { class: "projector-reports", "aria-label": t("projector.reports_from_the_tables") });
  const reports = h(
    "section",
    { "aria-labelledby": "reports-heading", class: "projector-decisions", hidden: true },
    h("h2", { id: "reports-heading" }, t("projector.reports_from_the_tables")),
    reportList,
  );
  const nextSection = h(
    "section",
    { "aria-labelledby": "next-heading" },
    h("h2", { id: "next-heading" }, t("projector.next")),
    next,
  );
  let memberId: string | null = null;
  const microphone = roomMicrophone(
    model,
    () => memberId,
    (command) => connection.request(command),
  );
  // Two columns, so that a question's results never push the latest messages off the screen:
  // the floor and who is next on the left, decisions and the conversation on the right.
  const main = h(
    "main",
    { id: "main", class: "projector" },
    title,
    phase,
    agenda,
    groupsLine,
    pause,
    h(
      "div",
      { class: "projector-columns" },
      h("div", { class: "projector-left" }, floorSection, nextSection, microphone.element),
      h(
        "div",
        { class: "projector-right" },
        reports,
        decisions,
        h(
          "section",
          { "aria-labelledby": "latest", class: "projector-latest" },
          h("h2", { id: "latest" }, t("projector.latest_messages")),
          list,
        ),
      ),
    ),
    h("footer", {}, present, status),
  );
  mount(main);

  // A turn that ran out: its holder and when to stop showing "Time is up".
  let ranOut: { memberId: string; until: number } | null = null;

  function renderClock(): void {
    const holder = model.holder();
    if (!holder && ranOut && Date.now() < ranOut.until) {
      floorSection.dataset.clock = "timeUp";
      floor.textContent = t("projector.time_is_up_for", { name: model.name(ranOut.memberId) });
      clock.hidden = true;
      showClockState(clockState, "timeUp");
      return;
    }
    if (ranOut && Date.now() >= ranOut.until) {
      ranOut = null;
      render();
      return;
    }
    const state = model.clockState();
    floorSection.dataset.clock = state;
    showClockState(clockState, state);
    const left = model.remainingMs();
    clock.hidden = left === null;
    if (left !== null) clock.textContent = clockLabel(left);
  }
  window.setInterval(renderClock, 1000);
  // The item under way and its time left (whole minutes), against the plan.
  function renderAgenda(): void {
    const now = nowDiscussing(model);
    const plan = againstPlan(model);
    agenda.hidden = !now;
    agenda.textContent = plan ? `${now} · ${plan}` : now;
  }
  window.setInterval(renderAgenda, 1000);
  // While the groups run, the room sees how many tables and the time left; after, their reports.
  function renderGroups(): void {
    const groups = model.groups;
    groupsLine.hidden = !groups.open || !groups.opened;
    if (groups.open && groups.opened)
      groupsLine.textContent = t("projector.small_groups", {
        n: groups.opened.tables.length,
        left: minutesLeft(groups.opened.endsAtMs, model.serverNow()),
      });
    const latest = groups.open ? [] : groups.reports.filter((r) => r.round === groups.round);
    reports.hidden = latest.length === 0;
    reportList.replaceChildren(
      ...latest
        .sort((a, b) => a.table - b.table)
        .map((r) => {
          const text = r.report || t("projector.no_report_was_written");
          const shown = text.length > shownReportChars ? `${text.slice(0, shownReportChars)}…` : text;
          return h(
            "li",
            {},
            h("span", { class: "author", dir: "auto" }, r.name),
            ": ",
            h("span", { class: "text", dir: "auto" }, shown),
          );
        }),
    );
  }
  window.setInterval(renderGroups, 15000);

  function render(): void {
    title.textContent = model.title;
    microphone.render();
    renderAgenda();
    renderGroups();
    phase.hidden = model.live();
    phase.textContent =
      model.phase === RoomPhase.CLOSED
        ? t("projector.this_meeting_has_closed")
        : t("projector.the_meeting_has_not_started");
    pause.hidden = !model.paused;
    pause.textContent = t("projector.paused", { why: pauseWhy(model.pauseReason) });
    const holder = model.holder();
    floor.textContent = holder
      ? t("announcements.has_the_floor", { name: model.name(holder) })
      : t("projector.nobody_has_the_floor");
    floorTopic.textContent = holder
      ? `${handKindName(model.floor!.kind)}${model.floor!.topic ? `: ${model.floor!.topic}` : ""}`
      : "";
    const upcoming = model.queue.slice(0, shownNext);
    next.replaceChildren(
      ...upcoming.map((e) => h("li", {}, `${model.name(e.memberId)} — ${handKindName(e.kind).toLowerCase()}`)),
    );
    // An empty section takes no room on the screen.
    nextSection.hidden = upcoming.length === 0;
    renderClock();
    document.title = t("projector.document_title", { title: model.title });
    const people = model.present().length;
    present.textContent = t("projector.people_here", { n: people });
    const latest: ChatMessage[] = model.messages.slice(-shownMessages);
    list.replaceChildren(
      ...latest.map((m) =>
        h(
          "li",
          {},
          h("span", { class: "author", dir: "auto" }, model.name(m.memberId)),
          ": ",
          h("span", { class: "text", dir: "auto" }, m.text),
        ),
      ),
    );
    if (latest.length === 0) list.replaceChildren(h("li", { class: "none" }, t("projector.no_messages_yet")));
    const open = [...model.questions.values()];
    const last = model.decisions[model.decisions.length - 1];
    decisions.hidden = open.length === 0 && !last;
    decisionBody.replaceChildren(
      ...(open.length
        ? open.flatMap((q) => [
            h("p", { class: "projector-topic" }, q.text),
            liveResults(q, model.couldAnswer(q).length),
          ])
        : last
          ? [
              h("p", { class: "projector-topic" }, decisionHeadline(last)),
              last.outcome ? h("p", { class: "projector-outcome" }, last.outcome) : null,
              ...blockReasons(last).map((r) =>
                h("p", { class: "projector-reason" }, t("projector.blocked_because", { reason: r.reason })),
              ),
              resultsTable(
                t("decision.answered_of", { n: last.answered, of: last.eligible }),
                last.kind,
                last.options,
                last.counts,
              ),
            ].filter((e): e is HTMLElement => e !== null)
          : []),
    );
  }

  const connection: RoomConnection = new RoomConnection(
    { roomId, displayName: t("projector.room_screen"), joinCode, asObserver: true, asRoomScreen: true },
    {
      onWelcome(welcome: Welcome) {
        memberId = welcome.memberId;
        model.applySnapshot(welcome.room!);
        for (const event of welcome.history) model.apply(event, false);
        render();
      },
      onEvent(event: Event) {
        const change = model.apply(event);
        if (!change) return;
        if (
          change.kind === "floor" &&
          change.event.change === FloorChange.ENDED &&
          change.event.endReason === TurnEndReason.TIME_RAN_OUT
        )
          ranOut = { memberId: change.event.memberId, until: Date.now() + holdTimeUpMs };
        if (change.kind === "floor" && change.event.change === FloorChange.GRANTED) ranOut = null;
        render();
      },
      onStatus(_s, detail) {
        status.textContent = _s === "connected" ? "" : detail;
        if (_s !== "connected") microphone.disconnected();
      },
      onVoiceStatus(voiceStatus) {
        microphone.status(voiceStatus);
      },
      onVoiceSignal(voiceSignal) {
        microphone.signal(voiceSignal);
      },
      onJoinRefused(error) {
        title.textContent = t("projector.this_screen_cannot_join_the");
        status.textContent = error.message;
      },
    },
  );
  connection.start();
}
