// The live room, for participants and moderators alike: a composition of panels, each its
// own module that renders from the one model and sends commands through the one connection
// (see room_context.ts). This file lays them out, feeds them the connection's events, and
// owns only the top bar and the keyboard shortcuts.
//
// Layout: a status bar of the person's own state sticks to the top; moderators get an
// alert strip under it. On a wide screen the floor and queue stay in view on the left, the
// conversation and composer in the middle, and people, support and (for moderators) the
// console's tabs on the right; on a phone they stack in that order.
import { language, plain, t } from "../i18n/i18n";
import { ReadAloud, browserSpeech } from "../read_aloud";
import { Announcer } from "../announcer";
import { RoomConnection, type ConnectionStatus, type JoinDetails, type StatusCause } from "../connection";
import { forgetPerson, readFragment, recallPerson, rememberPerson } from "../credentials";
import { seriesPage, type SeriesPage } from "./series_page";
import { clear, h, mount, scrollableByKeyboard } from "../dom";
import {
  ErrorCode,
  Role,
  ServerError,
  refusalText as serverRefusal,
  type Command,
  type Event,
  type RoomStatus,
  type Welcome,
} from "../protocol";
import { RoomModel, type Change } from "../room_model";
import { loadSettings } from "../settings";
import { actionsPanel } from "./actions_panel";
import { agendaPanel } from "./agenda_panel";
import { alertStrip } from "./alert_strip";
import { announcements } from "./announcements";
import { balancePanel } from "./balance_panel";
import { briefingPanel } from "./briefing_panel";
import { composerPanel } from "./composer_panel";
import { consoleTabs } from "./console_tabs";
import { conversationPanel, type ConversationItem } from "./conversation_panel";
import { conversationsConsole } from "./conversations_console";
import { decisionPanel } from "./decision_panel";
import { floorPanel } from "./floor_panel";
import { followUpPanel } from "./follow_up_panel";
import { backToPlenary, groupsPanel } from "./groups_panel";
import { invitationPrompt } from "./invitation_prompt";
import { meetingTools } from "./meeting_tools";
import { pacingTools } from "./pacing_tools";
import { peoplePanel } from "./people_panel";
import { practicePanel } from "./practice_panel";
import { phasePanel } from "./phase_panel";
import { queuePanel } from "./queue_panel";
import { reactionsBar } from "./reactions_bar";
import { readinessPanel } from "./readiness_panel";
import { roomDetailsPanel, sharedMinutesPanel } from "./room_details_panel";
import type { RoomContext } from "./room_context";
import { focusHeading, shell } from "./shell";
import { statusBar } from "./status_bar";
import { supportPanel } from "./support_panel";
import { surveyEditor } from "./survey_editor";
import { voicePanel } from "./voice_panel";
import { whenAndWhere } from "./when_where";
import { setLimits } from "../limits";

export interface RoomViewOptions {
  details: JoinDetails;
  onRefused(error: ServerError): void;
}

// Changes after which the panels that show them (Panel.shows) render again.
const redrawOn = new Set<Change["kind"]>([
  "queue",
  "floor",
  "mode",
  "reaction",
  "settings",
  "noteTaker",
  "fairness",
  "agenda",
  "invited",
  "answered",
  "queued",
  "released",
  "pacing",
  "pause",
  "pauseRequested",
  "glossary",
  "joined",
  "left",
  "needs",
  "phase",
  "briefing",
  "role",
  "room",
  "record",
  "thread",
  "threadRead",
  "surveys",
  "question",
  "decision",
  "groups",
  "table",
  "actions",
  "seriesLink",
  "voice",
]);

// A part of the room's page. shows: the changes it renders on.
interface Panel {
  render(): void;
  shows: readonly Change["kind"][];
}

export function roomView(options: RoomViewOptions): void {
  const model = new RoomModel();
  const announcer = new Announcer();
  const readAloud = makeReadAloud(model);
  let me: { memberId: string; role: Role } | null = null;
  let heldThrough = 0n; // the last event this view has had

  const actionStatus = h("p", { class: "error action-status", role: "alert", hidden: true });
  const statusText = h("span", { class: "status-text" }, t("room.connecting"));
  const ctx: RoomContext = {
    model,
    announcer,
    readAloud,
    me: () => me,
    async send(command: Command): Promise<boolean> {
      actionStatus.hidden = true;
      const origin = document.activeElement;
      try {
        await connection.request(command, {
          onDelayed() {
            actionStatus.textContent = t("room.saving_is_paused_this_takes");
            actionStatus.hidden = false;
          },
        });
        actionStatus.hidden = true;
        return true;
      } catch (err) {
        besideControl(origin);
        actionStatus.textContent =
          err instanceof ServerError ? serverRefusal(err) : t("room.not_done_the_connection_was");
        actionStatus.hidden = false;
        return false;
      }
    },
    request: (command, requestOptions) => connection.request(command, requestOptions),
    history: (beforeSeq, max) => connection.history(beforeSeq, max),
    setStatusText(text: string) {
      statusText.textContent = text;
    },
    changed: () => renderAll(),
    startAction: (source) => actions.startFrom(source),
  };

  // What went wrong shows beside the control that was used (its form, its row of buttons),
  // not somewhere else on the page; with no such control, above the quick reactions.
  function besideControl(origin: Element | null): void {
    const anchor =
      origin && origin !== document.body && main.contains(origin)
        ? origin.closest("form, .button-row, .alert, .panel")
        : null;
    if (anchor?.parentElement) anchor.after(actionStatus);
    else reactions.element.before(actionStatus);
  }

  const status = statusBar(ctx);
  const alerts = alertStrip(ctx, (memberId) => conversations.open(memberId));
  const agenda = agendaPanel(ctx);
  const actions = actionsPanel(ctx);
  const groups = groupsPanel(ctx);
  const phase = phasePanel(ctx);
  const briefing = briefingPanel(ctx);
  const readiness = readinessPanel(ctx);
  const practice = practicePanel(ctx);
  const support = supportPanel(ctx);
  const conversations = conversationsConsole(ctx);
  const followUp = followUpPanel(ctx);
  const surveys = surveyEditor(ctx);
  const decisions = decisionPanel(ctx);
  const floor = floorPanel(ctx);
  const voice = voicePanel(ctx);
  const queue = queuePanel(ctx);
  const conversation = conversationPanel(ctx, () => composer.focus());
  const composer = composerPanel(ctx, conversation);
  const reactions = reactionsBar(ctx);
  const people = peoplePanel(ctx);
  const balance = balancePanel(ctx);
  const pace = pacingTools(ctx);
  const invitation = invitationPrompt(ctx);
  const tools = meetingTools(ctx);
  const details = roomDetailsPanel(ctx);
  const minutes = sharedMinutesPanel(ctx);
  invitation.element.id = "invitation";
  const spoken = announcements(ctx, (place) => status.moment(place));
  let readOnly = false;
  // What each panel shows: it renders only on those changes (and after a welcome or a
  // reconnect, when anything may have changed). Every panel follows the phase and the person's
  // role; the figures and summaries that come in participation reports render on their own
  // (onParticipation).
  const whoIsHere: Change["kind"][] = ["joined", "left", "role", "noteTaker"];
  const showing = (panel: { render(): void }, kinds: Change["kind"][]): Panel => ({
    render: () => panel.render(),
    shows: ["phase", "role", ...kinds],
  });
  const panels: Panel[] = [
    showing(status, [
      ...whoIsHere,
      "floor",
      "pause",
      "settings",
      "queue",
      "invited",
      "answered",
      "needs",
      "question",
      "decision",
      "thread",
      "threadRead",
    ]),
    showing(alerts, [...whoIsHere, "needs", "pause", "pauseRequested", "queue", "thread", "threadRead"]),
    showing(phase, []),
    showing(briefing, ["briefing"]),
    showing(readiness, [...whoIsHere, "briefing", "needs", "surveys"]),
    showing(practice, []),
    showing(support, ["thread", "threadRead"]),
    showing(conversations, [...whoIsHere, "needs", "thread", "threadRead", "room"]),
    showing(followUp, [...whoIsHere, "needs", "question", "surveys"]),
    showing(surveys, ["surveys"]),
    showing(decisions, [...whoIsHere, "question", "decision", "pacing", "agenda"]),
    showing(agenda, ["agenda", "pause"]),
    showing(actions, [...whoIsHere, "actions", "decision", "agenda", "seriesLink"]),
    showing(groups, [...whoIsHere, "groups", "table"]),
    showing(floor, [...whoIsHere, "floor", "pause", "settings", "queue"]),
    showing(voice, [...voice.shows]),
    showing(queue, [...whoIsHere, "queue", "floor", "fairness"]),
    showing(conversation, [...whoIsHere, "glossary", "pacing", "pause", "pauseRequested", "queued", "released"]),
    showing(composer, [...whoIsHere, "fairness", "floor", "mode", "pacing", "pause", "settings"]),
    reactions,
    showing(people, [...whoIsHere, "floor", "queue", "needs"]),
    showing(balance, [...whoIsHere, "invited", "answered", "fairness", "floor"]),
    showing(pace, ["pause", "pauseRequested", "pacing"]),
    invitation,
    showing(tools, [...whoIsHere, "fairness", "floor", "mode", "settings", "pacing", "queue"]),
    showing(details, ["briefing", "record", "room"]),
    showing(minutes, ["record"]),
  ];

  const statusBox = h("p", { class: "connection", "data-status": "connecting" }, statusText);
  const leaveButton = h("button", { type: "button", class: "secondary", disabled: true }, t("room.leave_room"));
  const { main, root } = shell("conversation", t("room.skip_to_the_conversation"), [statusBox, leaveButton]);

  const title = h("h1", { id: "room-title" });
  const purpose = h("p", { class: "purpose" });
  const whenWhere = h("p", { class: "when-where" });
  // A meeting of a series: which one, and the way back to the series' page.
  const seriesLine = h("p", { class: "series-line", hidden: true });
  const shortcuts = h(
    "details",
    { class: "shortcuts" },
    h("summary", {}, t("room.keyboard_shortcuts")),
    h(
      "ul",
      {},
      h("li", {}, h("kbd", {}, "Alt+Shift+R"), t("room.raise_your_hand_choose_the")),
      h("li", {}, h("kbd", {}, "Alt+Shift+L"), t("room.lower_your_hand")),
      h("li", {}, h("kbd", {}, "Alt+Shift+Q"), t("room.go_to_the_speaking_queue")),
      h("li", {}, h("kbd", {}, "Alt+Shift+F"), t("room.go_to_the_floor_and")),
      h("li", {}, h("kbd", {}, "Alt+Shift+M"), t("room.go_to_your_message")),
      h("li", {}, h("kbd", {}, "Alt+Shift+P"), t("room.ask_for_a_pause_choose")),
      h(
        "li",
        {},
        t("room.in_the_conversation"),
        h("kbd", {}, "↑"),
        t("room.and"),
        h("kbd", {}, "↓"),
        t("room.move_between_messages"),
        h("kbd", {}, t("room.tab")),
        t("room.that_message_s_actions"),
      ),
      h("li", {}, h("kbd", {}, "Alt+Shift+H"), t("room.write_to_the_facilitators_facilitators")),
      h("li", {}, h("kbd", {}, "Alt+Shift+S"), t("room.skip_the_screen_reader_news")),
    ),
  );
  const moderatorConsole = h(
    "section",
    { class: "panel console", "aria-labelledby": "console-heading", hidden: true },
    h("h2", { id: "console-heading" }, t("room.moderator_tools")),
    consoleTabs(t("room.moderator_tools"), [
      [t("room.run_the_meeting"), h("div", { class: "stack" }, phase.tools, tools.running, agenda.tools, voice.tools)],
      [t("room.small_groups"), groups.tools],
      [t("room.preparation"), h("div", { class: "stack" }, followUp.summary, readiness.dashboard, surveys.element)],
      [t("room.conversations"), conversations.element],
      [t("room.decisions"), decisions.tools],
      [t("room.pace_and_support"), pace.moderator],
      [t("room.fairness"), tools.fairness],
      [t("room.people_in_the_room"), tools.people],
      [t("room.room_details"), details.element],
    ]),
  );
  const layout = h(
    "div",
    { class: "room-layout" },
    // Recording an in-room speaker's words sits with the floor: the moderator does both at once.
    h("div", { class: "turns-column" }, floor.element, voice.element, tools.contribution, queue.element),
    h(
      "div",
      { class: "main-column" },
      followUp.survey,
      briefing.element,
      readiness.survey,
      practice.element,
      invitation.element,
      decisions.element,
      conversation.element,
      actionStatus,
      reactions.element,
      composer.element,
    ),
    // What a person acts on (asking for a pause, writing to the facilitators) before what
    // they read (who is here, their figures).
    h(
      "div",
      { class: "side" },
      moderatorConsole,
      groups.element,
      agenda.element,
      actions.element,
      pace.personal,
      support.element,
      minutes.element,
      people.element,
      balance.element,
      shortcuts,
    ),
  );
  for (const panel of [
    followUp.survey,
    briefing.element,
    readiness.survey,
    practice.element,
    invitation.element,
    decisions.element,
  ])
    scrollableByKeyboard(panel);
  main.append(
    status.element,
    alerts.element,
    h(
      "div",
      { class: "room-head" },
      title,
      seriesLine,
      purpose,
      whenWhere,
      phase.banner,
      agenda.nowLine,
      groups.nowLine,
    ),
    layout,
    announcer.element,
  );
  mount(root);

  function renderHead(): void {
    title.textContent = model.title;
    purpose.textContent = model.purpose;
    purpose.hidden = !model.purpose;
    whenWhere.replaceChildren(...whenAndWhere(model.when, model.place));
    whenWhere.hidden = !model.when && !model.place;
    const link = model.seriesLink;
    seriesLine.hidden = !link;
    if (link && seriesLine.dataset.series !== `${link.seriesRoomId}#${link.number}`) {
      seriesLine.dataset.series = `${link.seriesRoomId}#${link.number}`;
      // The same personal link (for the series' people) or moderator key opens the series' page.
      const person = recallPerson(model.roomId);
      if (person && me && link.memberIds.includes(me.memberId)) rememberPerson(link.seriesRoomId, person);
      const key = readFragment(location.hash).moderatorKey;
      seriesLine.replaceChildren(
        t("room.meeting_of_series", { n: link.number, series: link.seriesTitle }) + " ",
        h(
          "a",
          { href: `/r/${link.seriesRoomId}${key ? `#key=${encodeURIComponent(key)}` : ""}` },
          t("room.go_to_the_series_page"),
        ),
      );
    }
    document.title = t("room.document_title", { title: model.title });
  }

  // The meeting itself (the floor, hands, reactions, posting) shows only while it is live.
  const meetingOnly = [floor.element, queue.element, reactions.element, composer.element];
  // change: what changed (nothing: everything may have, as after a welcome).
  function renderAll(change?: Change["kind"]): void {
    renderHead();
    for (const panel of panels) if (!change || panel.shows.includes(change)) panel.render();
    if (!readOnly) for (const part of meetingOnly) part.hidden = !model.live();
  }

  function showReadOnly(roomStatus: RoomStatus): void {
    readOnly = true;
    conversation.readOnly(roomStatus.reason);
    composer.readOnly();
    // Nothing can be changed: only what can be read stays.
    for (const part of [
      reactions.element,
      queue.element,
      pace.personal,
      pace.moderator,
      moderatorConsole,
      tools.contribution,
      invitation.element,
      balance.element,
      alerts.element,
    ])
      part.hidden = true;
    announcer.personal(t("room.read_only_because", { reason: roomStatus.reason }));
  }

  // --- connection ------------------------------------------------------------------

  // A series' own room: its page instead of a meeting (series_page.ts), on the same connection.
  let series: SeriesPage | null = null;
  function showSeries(welcome: Welcome): void {
    if (!series) {
      series = seriesPage(ctx, { participant: support.element, moderator: conversations.element });
      main.replaceChildren(series.element, announcer.element);
      focusHeading(document.getElementById("room-title")!);
    }
    model.welcomed(welcome);
    setLimits(welcome.limits);
    heldThrough = welcome.room!.seq;
    leaveButton.disabled = false;
    series.visited();
    support.render();
    conversations.render();
    void connection.request({ case: "getParticipation", value: {} }).catch(() => undefined);
  }

  const connection = new RoomConnection(options.details, {
    onWelcome(welcome: Welcome, resumed: boolean) {
      me = { memberId: welcome.memberId, role: welcome.role };
      if (welcome.room?.series || series) {
        rememberPerson(welcome.room!.roomId, {
          resumeToken: welcome.resumeToken,
          displayName: welcome.room!.members.find((m) => m.memberId === welcome.memberId)?.displayName ?? "",
        });
        showSeries(welcome);
        return;
      }
      layout.dataset.role = welcome.role === Role.MODERATOR ? "moderator" : "participant";
      rememberPerson(welcome.room!.roomId, {
        resumeToken: welcome.resumeToken,
        displayName: welcome.room!.members.find((m) => m.memberId === welcome.memberId)?.displayName ?? "",
      });
      model.welcomed(welcome);
      setLimits(welcome.limits);
      // Only the room's recent events come with a welcome; a reconnect after a long absence
      // may find a gap after what is shown: the conversation then starts again from here.
      const firstSeq = welcome.history[0]?.seq ?? welcome.room!.seq + 1n;
      const gap = resumed && firstSeq > heldThrough + 1n;
      if (gap) model.forgetMessages();
      conversation.startsAt(firstSeq, gap);
      heldThrough = welcome.room!.seq;
      const fresh: ConversationItem[] = [];
      for (const event of welcome.history) {
        const change = model.apply(event, false);
        if (change?.kind === "message") fresh.push(change.message);
        if (change?.kind === "released") fresh.push(...change.messages);
        if (
          (change?.kind === "floor" ||
            change?.kind === "agenda" ||
            change?.kind === "repaired" ||
            change?.kind === "decision" ||
            change?.kind === "actions") &&
          change.note
        )
          fresh.push(change.note);
      }
      moderatorConsole.hidden = welcome.role !== Role.MODERATOR || readOnly;
      conversation.add(fresh);
      renderAll();
      void connection.request({ case: "getParticipation", value: {} }).catch(() => undefined);
      leaveButton.disabled = false;
      if (welcome.status?.readOnly) showReadOnly(welcome.status);
      if (!resumed) {
        const holder = model.holder();
        const here = model.present().length;
        announcer.personal(
          t("room.you_have_joined", { title: model.title, n: here }) +
            (holder
              ? ` ${holder === me.memberId ? t("floor.you_have_the_floor") : t("floor.has_the_floor", { who: model.name(holder) })}`
              : ""),
        );
        // The message box, where it can be used now; otherwise (an observer, or before the
        // meeting) the room's title, never the page.
        if (me.role === Role.OBSERVER || !composer.focus()) focusHeading(title);
      } else if (fresh.length > 0) {
        announcer.personal(t("room.reconnected_new", { n: fresh.length }));
      } else {
        announcer.personal(t("room.reconnected"));
      }
      spoken.checkPlace();
    },
    onEvent(event: Event) {
      heldThrough = event.seq;
      const change = model.apply(event);
      if (!change) return;
      if (series) {
        series.render();
        if (change.kind === "thread" || change.kind === "threadRead" || change.kind === "joined") {
          support.render();
          conversations.render();
        }
        if (change.kind === "series" && change.update) announcer.news(t("room.new_update", { update: change.update }));
        return;
      }
      if (change.kind === "message") {
        conversation.deliver([change.message]);
        conversation.render();
      }
      if (change.kind === "released") conversation.deliver(change.messages);
      if ((change.kind === "floor" || change.kind === "agenda") && change.note) conversation.add([change.note]);
      if (change.kind === "repaired" || change.kind === "decision" || change.kind === "actions")
        conversation.add([change.note]);
      if (change.kind === "queued" && change.message.memberId === me?.memberId) {
        const ms =
          Number(event.kind.case === "messagePosted" ? event.kind.value.expectedReleaseMs : 0n) - model.serverNow();
        composer.releaseIn(ms);
      }
      if (change.kind === "released" && change.messages.some((m) => m.memberId === me?.memberId)) composer.releaseIn(0);
      if (change.kind === "readCheck" || change.kind === "redacted") conversation.rerender(change.seq);
      if (change.kind === "glossary") conversation.rerenderAll();
      if (change.kind === "answered") alerts.answered(change.answer);
      if (change.kind === "role" && me && change.memberId === me.memberId) {
        // Made a co-moderator, or no longer one: the screen follows at once.
        me = { ...me, role: change.role };
        moderatorConsole.hidden = change.role !== Role.MODERATOR || readOnly;
        layout.dataset.role = change.role === Role.MODERATOR ? "moderator" : "participant";
        void connection.request({ case: "getParticipation", value: {} }).catch(() => undefined);
      }
      if (change.kind === "phase") actionStatus.hidden = true; // what was refused before may work now
      if (redrawOn.has(change.kind)) renderAll(change.kind);
      spoken.announce(change);
      if (change.kind === "queue" || change.kind === "floor") spoken.checkPlace();
    },
    onParticipation(report) {
      model.applyParticipation(report);
      if (series) return series.render();
      balance.render();
      pace.render();
      people.render();
      readiness.render();
      followUp.render();
      conversations.render();
      alerts.render();
      conversation.rerenderAll();
    },
    onStatus(connectionStatus: ConnectionStatus, detail: string, cause?: StatusCause) {
      statusBox.dataset.status = connectionStatus;
      statusText.textContent = connectionStatus === "connected" ? t("room.connected") : detail;
      composer.setConnected(connectionStatus === "connected");
      if (connectionStatus !== "connected") voice.disconnected();
      if (connectionStatus === "reconnecting" && cause === "lost")
        announcer.personal(t("room.connection_lost_reconnecting"));
      if (connectionStatus === "reconnecting" && cause === "restarting")
        announcer.personal(t("room.the_server_is_restarting_you"));
      if (connectionStatus === "left") showLeft();
      if (connectionStatus === "failed") announcer.personal(detail);
      // Moved to another table: the plenary shows where to go next.
      if (connectionStatus === "ended" && cause === "moved" && backToPlenary(model)) return;
      if (connectionStatus === "ended") showEnded(detail);
    },
    onJoinRefused(error: ServerError) {
      options.onRefused(error);
    },
    onTableStatus(tableStatus) {
      model.tableStatus.set(tableStatus.number, tableStatus);
      groups.render();
    },
    onVoiceStatus(voiceStatus) {
      voice.status(voiceStatus);
    },
    onVoiceSignal(voiceSignal) {
      voice.signal(voiceSignal);
    },
    onRoomStatus(roomStatus: RoomStatus) {
      if (roomStatus.readOnly) showReadOnly(roomStatus);
    },
  });

  // --- keyboard shortcuts ------------------------------------------------------------
  // Alt+Shift+letter: free in browsers and screen readers (which use Insert or Caps Lock).
  document.addEventListener("keydown", (e) => {
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || !me) return;
    const key = e.code;
    if (key === "KeyR") queue.focusRaise();
    else if (key === "KeyL") queue.lowerAll();
    else if (key === "KeyQ") document.getElementById("queue-heading")?.focus();
    else if (key === "KeyF") focusHeading(document.getElementById("floor-heading")!);
    else if (key === "KeyM") composer.focus();
    else if (key === "KeyS") announcer.skip();
    else if (key === "KeyP") pace.focusPause();
    else if (key === "KeyH") {
      if (me.role === Role.MODERATOR) status.goTo("conversations-heading");
      else if (me.role === Role.PARTICIPANT) support.focus();
      else return;
    } else return;
    e.preventDefault();
  });

  // --- leaving ---------------------------------------------------------------------

  leaveButton.addEventListener("click", () => void connection.leave());

  function showLeft(): void {
    const heading = h("h1", {}, t("room.you_have_left_the_room"));
    const rejoin = h("button", { type: "button" }, t("room.rejoin"));
    rejoin.addEventListener("click", () => location.reload());
    const forget = h("button", { type: "button", class: "secondary" }, t("room.forget_me_on_this_device"));
    forget.addEventListener("click", () => {
      forgetPerson(model.roomId);
      forget.replaceWith(h("p", { role: "status" }, t("room.this_device_no_longer_remembers")));
    });
    clear(main);
    main.append(
      heading,
      h("p", {}, t("room.thank_you_for_taking_part")),
      h("div", { class: "actions" }, rejoin, forget),
    );
    statusBox.hidden = true;
    leaveButton.hidden = true;
    focusHeading(heading);
  }

  // Removed, or the room deleted: nothing here works any more, so no form is left to use.
  function showEnded(why: string): void {
    const heading = h("h1", {}, t("room.you_are_no_longer_in"));
    clear(main);
    main.append(
      heading,
      h("p", {}, why),
      h("p", {}, h("a", { href: "/" }, t("room.go_to_the_start_page"))),
      announcer.element,
    );
    leaveButton.hidden = true;
    document.title = t("room.no_longer_in_the_room");
    focusHeading(heading);
  }

  connection.start();
}

export function refusalText(error: ServerError): string {
  if (error.code === ErrorCode.NOT_FOUND) return t("room.this_room_does_not_exist");
  if (error.code === ErrorCode.UNAUTHENTICATED) return t("room.this_link_is_not_right");
  return serverRefusal(error);
}

// Reading aloud, where the browser can speak: in the person's language, at their pace and
// never faster than the room's; any key press stops it.
function makeReadAloud(model: Readonly<RoomModel>): ReadAloud | null {
  const speech = browserSpeech();
  if (!speech) return null;
  const readAloud = new ReadAloud(
    {
      speech,
      makeUtterance: (text) => new SpeechSynthesisUtterance(plain(text)),
      now: () => performance.now(),
      later: (run, ms) => window.setTimeout(run, ms),
      cancelLater: (handle) => window.clearTimeout(handle as number),
    },
    () => {
      const s = loadSettings();
      return {
        on: s.readAloud,
        wordsPerMinute: s.readAloudWordsPerMinute,
        roomPace: model.pacing?.wordsPerMinute ?? 0,
        lang: language().locale.split("-u-")[0],
      };
    },
  );
  document.addEventListener(
    "keydown",
    () => {
      if (readAloud.busy()) readAloud.stop();
    },
    { capture: true },
  );
  return readAloud;
}
