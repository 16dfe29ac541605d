// The live room, for participants and moderators alike: who is here, the conversation,
// the composer, and (for moderators) the controls. Later features add panels to the
// side column (queue, clock, balance, pacing) without changing this structure.
import { Announcer } from "../announcer";
import { RoomConnection, type ConnectionStatus, type JoinDetails } from "../connection";
import { forgetPerson, recallLinks, rememberPerson } from "../credentials";
import { append, clear, h, mount, uid } from "../dom";
import {
  ErrorCode,
  FloorChange,
  InvitationAnswer,
  QueueChange,
  Role,
  RoomMode,
  ServerError,
  describeError,
  type Command,
  type Event,
  type Member,
  type RoomStatus,
  type Welcome,
} from "../protocol";
import { RoomModel, duration, ordinal, queuePolicies, reactionName, roleLabel, type Change, type ChatMessage, type TurnNote } from "../room_model";
import { loadSettings } from "../settings";
import { playTurnCue } from "../sound";
import { balancePanel } from "./balance_panel";
import { floorPanel } from "./floor_panel";
import { invitationPrompt } from "./invitation_prompt";
import { pacingTools } from "./pacing_tools";
import { meetingTools } from "./meeting_tools";
import { queuePanel } from "./queue_panel";
import { reactionsBar } from "./reactions_bar";
import type { RoomContext } from "./room_context";
import { focusHeading, shell } from "./shell";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const counterFrom = 0.8; // show the character count once 80% of the limit is used
const maxMessageChars = 2000;

export interface RoomViewOptions {
  details: JoinDetails;
  onRefused(error: ServerError): void;
}

export function roomView(options: RoomViewOptions): void {
  const model = new RoomModel();
  const announcer = new Announcer();
  let me: { memberId: string; role: Role } | null = null;

  const actionStatus = h("p", { class: "error action-status", role: "alert", hidden: true });
  const ctx: RoomContext = {
    model,
    announcer,
    me: () => me,
    async send(command: Command): Promise<boolean> {
      actionStatus.hidden = true;
      try {
        await connection.request(command, {
          onDelayed() {
            actionStatus.textContent = "Saving is paused: this takes effect as soon as it is saved.";
            actionStatus.hidden = false;
          },
        });
        actionStatus.hidden = true;
        return true;
      } catch (err) {
        actionStatus.textContent = err instanceof ServerError
          ? `${describeError(err.code)}: ${err.message}.`
          : "Not done: the connection was lost. Try again once reconnected.";
        actionStatus.hidden = false;
        return false;
      }
    },
  };
  const floor = floorPanel(ctx);
  const queue = queuePanel(ctx);
  const reactions = reactionsBar(ctx);
  const tools = meetingTools(ctx);
  const balance = balancePanel(ctx);
  const pace = pacingTools(ctx);
  const invitation = invitationPrompt(ctx);

  const statusText = h("span", { class: "status-text" }, "Connecting…");
  const statusBox = h("p", { class: "connection", "data-status": "connecting" }, statusText);
  const leaveButton = h("button", { type: "button", class: "secondary", disabled: true }, "Leave room");
  const { main, root } = shell("conversation", "Skip to the conversation", [statusBox, leaveButton]);

  const title = h("h1", { id: "room-title" });
  const purpose = h("p", { class: "purpose" });
  const agenda = h("p", { class: "agenda", hidden: true });
  const people = h("ul", { class: "people", "aria-labelledby": "people-heading" });
  const away = h("ul", { class: "people away" });
  const awayDetails = h("details", { class: "away-details" }, h("summary", {}, "Not here now"), away);
  const messages = h("ol", { class: "messages", "aria-labelledby": "conversation-heading" });
  const scroller = h("div", { class: "scroller", tabindex: "0", "aria-labelledby": "conversation-heading" }, messages);
  const newMessages = h("button", { type: "button", class: "new-messages", hidden: true }, "New messages below");
  const pauseBanner = h("div", { class: "pause-banner", role: "status", hidden: true }, "Paused — take your time.");
  const readOnlyBanner = h("div", { class: "read-only-banner", role: "status", hidden: true });
  // Messages this person sent that are not saved yet, shown at the end of the conversation.
  const outbox = h("ol", { class: "outbox", "aria-label": "Not saved yet", hidden: true });
  const upNext = h("p", { class: "up-next", hidden: true });
  const nextMessage = h("button", { type: "button", class: "next-message", hidden: true });
  const slowNote = h("p", { class: "hint slow-note", "aria-live": "polite" });
  const myRelease = h("p", { class: "hint my-release", "aria-live": "polite" });
  // Messages waiting for this reader in "one message at a time" mode.
  const heldForReader: ChatMessage[] = [];
  const composerId = uid("composer");
  const composer = h("textarea", {
    id: composerId, rows: 3, maxlength: maxMessageChars, "aria-describedby": `${composerId}-hint`, disabled: true,
  });
  const counter = h("p", { class: "hint counter", id: `${composerId}-count`, "aria-live": "polite" });
  const sendError = h("p", { class: "error", role: "alert", hidden: true });
  const sendButton = h("button", { type: "submit", disabled: true }, "Send");
  const anonymousId = uid("anonymous");
  const anonymousBox = h("input", { type: "checkbox", id: anonymousId, "aria-describedby": `${anonymousId}-hint` });
  const anonymousHint = h("p", { class: "hint", id: `${anonymousId}-hint` });
  const anonymousField = h("div", { class: "check" }, anonymousBox,
    h("label", { for: anonymousId }, "Post without my name"), anonymousHint);
  const composerForm = h("form", { class: "composer", "aria-label": "Write a message" },
    h("label", { for: composerId, id: `${composerId}-label` }, "Your message"),
    h("p", { class: "hint", id: `${composerId}-hint` }, "Press Enter to send, Shift and Enter for a new line."),
    composer, counter, anonymousField, sendError, sendButton);
  const observerNote = h("p", { class: "hint", hidden: true }, "You are following as an observer: you can read, but not post.");
  const structuredNote = h("p", { class: "hint structured-note", hidden: true },
    "The room is in structured mode: raise your hand, and you can post when you have the floor.");
  const shortcuts = h("details", { class: "shortcuts" },
    h("summary", {}, "Keyboard shortcuts"),
    h("ul", {},
      h("li", {}, h("kbd", {}, "Alt+Shift+R"), ": raise your hand (choose the kind, then Enter)"),
      h("li", {}, h("kbd", {}, "Alt+Shift+L"), ": lower your hand"),
      h("li", {}, h("kbd", {}, "Alt+Shift+Q"), ": go to the speaking queue"),
      h("li", {}, h("kbd", {}, "Alt+Shift+F"), ": go to the floor and the clock"),
      h("li", {}, h("kbd", {}, "Alt+Shift+M"), ": go to your message")));
  const side = h("div", { class: "side" },
    queue.element,
    h("section", { class: "panel", "aria-labelledby": "people-heading" },
      h("h2", { id: "people-heading" }, "People here"), people, awayDetails),
    balance.element,
    pace.personal,
    shortcuts);
  const moderatorPanel = h("section", { class: "panel moderator", "aria-labelledby": "moderator-heading", hidden: true });

  main.append(
    h("div", { class: "room-head" }, title, purpose),
    h("div", { class: "room-layout" },
      h("div", { class: "main-column" },
        invitation.element,
        pace.proposal,
        floor.element,
        h("section", { class: "conversation", id: "conversation", tabindex: "-1", "aria-labelledby": "conversation-heading" },
          h("h2", { id: "conversation-heading" }, "Conversation"),
          readOnlyBanner, pauseBanner, scroller, outbox, newMessages, nextMessage, upNext, actionStatus, reactions.element, observerNote,
          structuredNote, composerForm, slowNote, myRelease)),
      side),
    announcer.element);
  side.append(moderatorPanel, pace.moderator, tools.element);
  mount(root);

  // --- rendering -------------------------------------------------------------------

  function renderHead(): void {
    title.textContent = model.title;
    purpose.textContent = model.purpose;
    purpose.hidden = !model.purpose;
    document.title = `${model.title} — Talking Stick`;
    agenda.hidden = !model.agendaItem;
    agenda.textContent = model.agendaItem ? `Now discussing: ${model.agendaItem.title}` : "";
  }

  function memberItem(m: Member): HTMLElement {
    const extras: string[] = [];
    if (m.pronouns) extras.push(m.pronouns);
    if (m.role !== Role.PARTICIPANT) extras.push(roleLabel(m.role));
    if (m.inRoom) extras.push("in the room");
    if (m.noteTaker) extras.push("note-taker");
    if (model.holder() === m.memberId) extras.push("has the floor");
    if (me && m.memberId === me.memberId) extras.push("you");
    return h("li", { class: m.role === Role.MODERATOR ? "moderator" : "" },
      h("span", { class: "name" }, m.displayName),
      extras.length ? h("span", { class: "extras" }, ` (${extras.join(", ")})`) : null);
  }

  function renderPeople(): void {
    const all = [...model.members.values()];
    people.replaceChildren(...all.filter((m) => m.present).map(memberItem));
    const gone = all.filter((m) => !m.present);
    away.replaceChildren(...gone.map(memberItem));
    awayDetails.hidden = gone.length === 0;
    const heading = document.getElementById("people-heading");
    if (heading) heading.textContent = `People here (${all.length - gone.length})`;
  }

  function messageItem(msg: ChatMessage): HTMLElement {
    const member = model.members.get(msg.memberId);
    const mine = me?.memberId === msg.memberId;
    return h("li", { class: mine ? "message mine" : "message", "data-seq": String(msg.seq) },
      h("p", { class: "meta" },
        h("span", { class: "author" }, msg.memberId ? member?.displayName ?? "Someone" : "Anonymous"),
        mine ? h("span", { class: "extras" }, " (you)") : null,
        msg.notedBy ? h("span", { class: "extras" }, ` (in the room; noted by ${model.name(msg.notedBy)})`) : null,
        " ",
        h("time", { datetime: new Date(msg.atMs).toISOString() }, timeFormat.format(msg.atMs))),
      textWithTerms(msg.text),
      readCheckFor(msg));
  }

  // Marks glossary terms in a message; each explains itself on hover, focus and to screen readers.
  let termCount = 0;
  function textWithTerms(text: string): HTMLElement {
    const p = h("p", { class: "text" });
    const terms = [...model.glossary.values()].map((g) => g.term).sort((a, b) => b.length - a.length);
    if (terms.length === 0) {
      p.textContent = text;
      return p;
    }
    const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(`\\b(${escaped.join("|")})\\b`, "gi");
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      p.append(text.slice(last, at));
      const entry = model.glossary.get(match[0].toLowerCase());
      const tipId = `term-tip-${++termCount}`;
      p.append(h("span", { class: "term", tabindex: "0", "aria-describedby": tipId }, match[0],
        h("span", { class: "term-tip", role: "tooltip", id: tipId }, entry?.explanation ?? "")));
      last = at + match[0].length;
    }
    p.append(text.slice(last));
    return p;
  }

  function readCheckFor(msg: ChatMessage): HTMLElement | null {
    const check = [...model.readChecks.entries()].find(([, c]) => c.seq === msg.seq);
    if (me?.role === Role.MODERATOR) {
      if (check) return h("p", { class: "read-check" }, `Read check: ${check[1].count} ${check[1].count === 1 ? "person has" : "people have"} confirmed reading this.`);
      const b = h("button", { type: "button", class: "secondary small" }, "Check everyone has read this");
      b.addEventListener("click", () => void ctx.send({ case: "startReadCheck", value: { seq: msg.seq } }));
      return h("div", { class: "read-check" }, b);
    }
    if (!check || me?.role === Role.OBSERVER) return null;
    const [checkId] = check;
    const confirmed = confirmedChecks.has(checkId);
    const b = h("button", { type: "button", class: "secondary small", disabled: confirmed },
      confirmed ? "You have confirmed" : "I have read it");
    b.addEventListener("click", async () => {
      if (await ctx.send({ case: "confirmRead", value: { checkId } })) {
        confirmedChecks.add(checkId);
        rerenderMessage(msg.seq);
      }
    });
    return h("div", { class: "read-check" }, h("p", {}, "Please confirm you have read this."), b);
  }
  const confirmedChecks = new Set<string>();

  function rerenderMessage(seq: bigint): void {
    const li = messages.querySelector(`li[data-seq="${seq}"]`);
    const msg = model.messages.find((m) => m.seq === seq);
    if (li && msg) li.replaceWith(messageItem(msg));
  }

  function atBottom(): boolean {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  }

  function scrollToEnd(): void {
    scroller.scrollTop = scroller.scrollHeight;
    newMessages.hidden = true;
  }

  function noteItem(note: TurnNote): HTMLElement {
    return h("li", { class: "turn-note", "data-seq": String(note.seq) },
      h("p", {}, note.text, " ", h("time", { datetime: new Date(note.atMs).toISOString() }, timeFormat.format(note.atMs))));
  }

  // "One message at a time": others' new messages wait for the reader.
  function deliverToReader(list: (ChatMessage | TurnNote)[]): void {
    if (!loadSettings().oneAtATime) return addMessages(list);
    const now: (ChatMessage | TurnNote)[] = [];
    for (const item of list) {
      if ("memberId" in item && item.memberId !== me?.memberId) heldForReader.push(item);
      else now.push(item);
    }
    addMessages(now);
    updateNextMessage();
  }

  function updateNextMessage(): void {
    nextMessage.hidden = heldForReader.length === 0;
    nextMessage.textContent = `Show the next message (${heldForReader.length} waiting)`;
  }

  nextMessage.addEventListener("click", () => {
    const next = heldForReader.shift();
    if (next) {
      addMessages([next]);
      announcer.personal(`${model.name(next.memberId)} said: ${next.text}`);
    }
    updateNextMessage();
    if (heldForReader.length === 0) composer.focus();
  });
  document.addEventListener("ts-settings-changed", () => {
    if (!loadSettings().oneAtATime && heldForReader.length) {
      addMessages(heldForReader.splice(0));
      updateNextMessage();
    }
  });

  function renderPace(): void {
    pauseBanner.hidden = !model.paused;
    const waiting = model.upNext.length;
    upNext.hidden = waiting === 0;
    upNext.textContent = `${waiting} ${waiting === 1 ? "message" : "messages"} up next${model.lineHeld ? " (held by the moderator)" : ""}.`;
    const limit = model.pacing?.maxMessageChars || maxMessageChars;
    composer.maxLength = limit;
    pace.render();
  }

  // Slow mode: a countdown until this person may send again. The text stays meanwhile.
  let slowTimer: number | undefined;
  function startSlowCountdown(ms: number): void {
    window.clearInterval(slowTimer);
    const until = Date.now() + ms;
    const show = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      slowNote.textContent = left > 0 ? `Slow mode: you can send again in ${left} s. Your text is kept.` : "";
      if (left <= 0) window.clearInterval(slowTimer);
    };
    show();
    slowTimer = window.setInterval(show, 1000);
  }

  // New messages never pull the view away from where someone is reading.
  function addMessages(list: (ChatMessage | TurnNote)[]): void {
    if (list.length === 0) return;
    const follow = atBottom();
    for (const item of list) messages.append("memberId" in item ? messageItem(item) : noteItem(item));
    if (follow) scrollToEnd();
    else newMessages.hidden = false;
  }

  newMessages.addEventListener("click", () => {
    scrollToEnd();
    scroller.focus();
  });
  scroller.addEventListener("scroll", () => {
    if (atBottom()) newMessages.hidden = true;
  });

  function renderModeratorPanel(): void {
    if (!me || me.role !== Role.MODERATOR) {
      moderatorPanel.hidden = true;
      return;
    }
    moderatorPanel.hidden = false;
    const links = recallLinks(model.roomId);
    const titleId = uid("edit-title");
    const purposeId = uid("edit-purpose");
    const result = h("p", { class: "hint", role: "status" });
    const form = h("form", { class: "stack" },
      h("h3", {}, "Room details"),
      h("div", { class: "field" }, h("label", { for: titleId }, "Title"),
        h("input", { id: titleId, value: model.title, maxlength: 120, required: true })),
      h("div", { class: "field" }, h("label", { for: purposeId }, "Purpose"),
        h("textarea", { id: purposeId, rows: 3, maxlength: 1000 }, model.purpose)),
      h("button", { type: "submit", class: "secondary" }, "Save room details"),
      result);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await connection.request({ case: "updateRoom", value: {
          title: (document.getElementById(titleId) as HTMLInputElement).value,
          purpose: (document.getElementById(purposeId) as HTMLTextAreaElement).value,
        } });
        result.textContent = "Saved.";
      } catch (err) {
        result.textContent = err instanceof ServerError ? `Not saved: ${err.message}.` : "Not saved: the connection was lost.";
      }
    });
    clear(moderatorPanel);
    append(moderatorPanel,
      h("h2", { id: "moderator-heading" }, "Moderator tools"),
      links ? h("div", { class: "stack" },
        h("h3", {}, "Invite links"),
        h("p", {}, h("a", { href: links.participant }, "Participant link")),
        h("p", {}, h("a", { href: links.projector }, "Projector view"))) : null,
      form);
  }

  // --- announcements ---------------------------------------------------------------

  function announce(change: Change): void {
    switch (change.kind) {
      case "joined":
        if (change.member.memberId !== me?.memberId) announcer.news(`${change.member.displayName} joined`);
        break;
      case "left":
        announcer.news(`${change.member.displayName} left`);
        break;
      case "message":
        if (change.message.memberId !== me?.memberId)
          announcer.news(`${model.name(change.message.memberId)} said: ${change.message.text}`);
        break;
      case "room":
        announcer.news(`The room is now called ${change.title}`);
        break;
      case "queue": {
        const e = change.event;
        const mine = e.memberId === me?.memberId;
        if (mine && e.change === QueueChange.REMOVED)
          announcer.personal(`A moderator took your hand down${e.note ? `: ${e.note}` : ""}.`);
        else if (mine && e.change === QueueChange.EXPIRED)
          announcer.personal("Your place in the queue lapsed while you were disconnected.");
        else if (e.change === QueueChange.CLOSED) announcer.news("The queue is closed to new hands");
        else if (e.change === QueueChange.OPENED) announcer.news("The queue is open again");
        else if (mine && e.change === QueueChange.RAISED) announcer.personal(placeText());
        break;
      }
      case "floor": {
        const e = change.event;
        const mine = e.memberId === me?.memberId;
        if (e.change === FloorChange.GRANTED) {
          if (mine) {
            announcer.personal(`You have the floor, ${duration(Number(e.floor?.grantedSeconds ?? 0) * 1000)}.`);
            if (loadSettings().turnSound) playTurnCue();
          } else announcer.news(`${model.name(e.memberId)} has the floor`);
        } else if (e.change === FloorChange.WARNING && mine) {
          const left = model.remainingMs();
          announcer.personal(`${duration(left ?? 0)} left.`);
        } else if (e.change === FloorChange.TIME_UP) {
          if (mine) announcer.personal("Time is up.");
          else if (me?.role === Role.MODERATOR) announcer.news(`Time is up for ${model.name(e.memberId)}`);
        } else if (e.change === FloorChange.PAUSED) announcer.news("The clock is paused");
        else if (e.change === FloorChange.RESUMED) announcer.news("The clock is running again");
        else if (e.change === FloorChange.ENDED && mine) announcer.personal("Your turn has ended.");
        break;
      }
      case "mode":
        announcer.news(change.mode === RoomMode.STRUCTURED
          ? "Structured mode: only the person with the floor can post"
          : "Open mode: anyone can post");
        break;
      case "fairness": {
        const name = queuePolicies.find(([policy]) => policy === change.settings.policy)?.[1];
        announcer.news(`The queue is now ordered ${name?.toLowerCase() ?? "differently"}`);
        break;
      }
      case "agenda":
        announcer.news(`Now discussing: ${change.item.title}`);
        renderHead();
        break;
      case "invited":
        if (change.invitation.memberId === me?.memberId)
          announcer.personal("The moderator has invited you to speak. You can answer in your own time.");
        break;
      case "answered":
        if (me?.role === Role.MODERATOR) {
          const words: Record<number, string> = {
            [InvitationAnswer.ACCEPT]: "accepted the invitation to speak",
            [InvitationAnswer.DECLINE]: "would rather not speak now",
            [InvitationAnswer.ASK_SUPPORT]: "would like some support before speaking",
          };
          announcer.news(`${model.name(change.answer.memberId)} ${words[change.answer.answer] ?? "answered"}`);
        }
        break;
      case "pause":
        announcer.personal(change.paused ? "The room is paused. Take your time." : "The pause is over.");
        break;
      case "pauseRequested":
        if (me?.role === Role.MODERATOR)
          announcer.news(`${change.requests} ${change.requests === 1 ? "person has" : "people have"} asked for a pause`);
        break;
      case "readCheck":
        if (change.count === 0 && me?.role !== Role.MODERATOR) announcer.personal("The moderator asks everyone to confirm they have read a message.");
        break;
      case "reaction":
        if (me?.role === Role.MODERATOR || model.holder() === me?.memberId)
          announcer.news(`${model.name(change.memberId)}: ${reactionName(change.reaction)}`);
        break;
      default:
        break;
    }
  }

  function placeText(): string {
    const place = me ? model.placeOf(me.memberId) : 0;
    return place === 1 ? "You are next." : `You are ${ordinal(place)} in the queue.`;
  }

  // "You are next" is said once, when it becomes true.
  let lastPlace = 0;
  function checkPlace(): void {
    const place = me ? model.placeOf(me.memberId) : 0;
    if (place === 1 && lastPlace !== 1 && model.holder() !== me?.memberId) announcer.personal("You are next.");
    lastPlace = place;
  }

  function renderTurns(): void {
    renderPace();
    balance.render();
    invitation.render();
    anonymousField.hidden = me?.role !== Role.PARTICIPANT;
    anonymousHint.textContent = model.fairness?.auditAnonymous
      ? "No one in the meeting, moderators included, will see who wrote it. The room keeps the author in a private record for safeguarding."
      : "No one, moderators included, will see who wrote it, and it is not recorded anywhere.";
    floor.render();
    queue.render();
    reactions.render();
    tools.render();
    renderPeople();
    updateComposer();
  }

  function showReadOnly(status: RoomStatus): void {
    readOnly = true;
    readOnlyBanner.replaceChildren(h("strong", {}, "This room is read-only. "), status.reason);
    readOnlyBanner.hidden = false;
    composerForm.hidden = true;
    // Nothing can be changed: only what can be read stays.
    for (const part of [reactions.element, queue.element, pace.personal, pace.moderator, pace.proposal, tools.element,
      moderatorPanel, invitation.element, balance.element]) part.hidden = true;
    announcer.personal(`This room is read-only. ${status.reason}`);
  }
  let readOnly = false;

  function updateComposer(): void {
    if (!me || readOnly) return;
    const structuredBlocked = model.mode === RoomMode.STRUCTURED && me.role === Role.PARTICIPANT && model.holder() !== me.memberId;
    structuredNote.hidden = !structuredBlocked;
    const canPost = me.role !== Role.OBSERVER && !structuredBlocked;
    composer.disabled = me.role === Role.OBSERVER;
    sendButton.disabled = !canPost || !connection.connected;
  }

  // --- connection ------------------------------------------------------------------

  const connection = new RoomConnection(options.details, {
    onWelcome(welcome: Welcome, resumed: boolean) {
      me = { memberId: welcome.memberId, role: welcome.role };
      rememberPerson(welcome.room!.roomId, {
        resumeToken: welcome.resumeToken,
        displayName: welcome.room!.members.find((m) => m.memberId === welcome.memberId)?.displayName ?? "",
      });
      model.applySnapshot(welcome.room!);
      model.myNeeds = welcome.myNeeds;
      const fresh: (ChatMessage | TurnNote)[] = [];
      for (const event of welcome.history) {
        const change = model.apply(event, false);
        if (change?.kind === "message") fresh.push(change.message);
        if (change?.kind === "floor" && change.note) fresh.push(change.note);
        if (change?.kind === "repaired") fresh.push(change.note);
      }
      renderHead();
      renderPeople();
      addMessages(fresh);
      renderModeratorPanel();
      renderTurns();
      lastPlace = model.placeOf(me.memberId);
      void connection.request({ case: "getParticipation", value: {} }).catch(() => undefined);
      const canPost = me.role !== Role.OBSERVER;
      composerForm.hidden = !canPost;
      observerNote.hidden = canPost;
      leaveButton.disabled = false;
      if (welcome.status?.readOnly) showReadOnly(welcome.status);
      if (!resumed) {
        const holder = model.holder();
        announcer.personal(`You have joined ${model.title}. ${model.present().length} people are here.` +
          (holder ? ` ${holder === me.memberId ? "You have" : `${model.name(holder)} has`} the floor.` : ""));
        if (canPost) composer.focus();
        else focusHeading(title);
      } else if (fresh.length > 0) {
        announcer.personal(`Reconnected. ${fresh.length} new ${fresh.length === 1 ? "message" : "messages"}.`);
      } else {
        announcer.personal("Reconnected.");
      }
    },
    onEvent(event: Event) {
      const change = model.apply(event);
      if (!change) return;
      if (change.kind === "message") deliverToReader([change.message]);
      if (change.kind === "released") deliverToReader(change.messages);
      if (change.kind === "floor" && change.note) addMessages([change.note]);
      if (change.kind === "repaired") addMessages([change.note]);
      if (change.kind === "queued" && change.message.memberId === me?.memberId) {
        const ms = Number(event.kind.case === "messagePosted" ? event.kind.value.expectedReleaseMs : 0n) - model.serverNow();
        myRelease.textContent = ms > 1000 ? `Your message will appear in about ${Math.round(ms / 1000)} s.` : "";
      }
      if (change.kind === "released" && change.messages.some((m) => m.memberId === me?.memberId)) myRelease.textContent = "";
      if (change.kind === "readCheck") rerenderMessage(change.seq);
      if (change.kind === "glossary") for (const m of model.messages) rerenderMessage(m.seq);
      if (change.kind === "joined" || change.kind === "left") renderTurns();
      if (change.kind === "room") {
        renderHead();
        renderModeratorPanel();
      }
      if (["queue", "floor", "mode", "reaction", "settings", "noteTaker", "fairness", "agenda", "invited", "answered",
        "queued", "released", "pacing", "pause", "pauseRequested", "glossary", "proposal"].includes(change.kind))
        renderTurns();
      announce(change);
      if (change.kind === "queue" || change.kind === "floor") checkPlace();
    },
    onParticipation(report) {
      model.applyParticipation(report);
      balance.render();
      pace.render();
    },
    onStatus(status: ConnectionStatus, detail: string) {
      statusBox.dataset.status = status;
      statusText.textContent = status === "connected" ? "Connected" : detail;
      updateComposer();
      if (status !== "connected") sendButton.disabled = true;
      if (status === "reconnecting" && detail.startsWith("Connection lost")) announcer.personal("Connection lost. Reconnecting.");
      if (status === "left") showLeft();
      if (status === "failed") announcer.personal(detail);
    },
    onJoinRefused(error: ServerError) {
      options.onRefused(error);
    },
    onRoomStatus(status: RoomStatus) {
      if (status.readOnly) showReadOnly(status);
    },
  });

  // --- composing -------------------------------------------------------------------

  function updateCounter(): void {
    const n = [...composer.value].length;
    const limit = model.pacing?.maxMessageChars || maxMessageChars;
    counter.textContent = n >= limit * counterFrom ? `${n} of ${limit} characters` : "";
  }
  composer.addEventListener("input", updateCounter);
  composer.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      composerForm.requestSubmit();
    }
  });

  // A sent message waiting for its save: shown on the message itself, and kept (it is sent
  // again after a reconnect, and the server never applies it twice).
  function waitingItem(text: string): HTMLElement {
    const li = h("li", { class: "message mine waiting" },
      h("p", { class: "meta" }, h("span", { class: "author" }, "You"), h("span", { class: "extras" }, " (not saved yet)")),
      h("p", { class: "text" }, text),
      h("p", { class: "save-state", role: "status" }, "Saving is paused — your message will appear when it is saved."));
    outbox.append(li);
    outbox.hidden = false;
    return li;
  }

  function dropWaiting(li: HTMLElement | null): void {
    li?.remove();
    outbox.hidden = outbox.childElementCount === 0;
  }

  let sending = false;
  composerForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = composer.value;
    if (!text.trim() || sending) return;
    sendError.hidden = true;
    sending = true;
    sendButton.setAttribute("aria-busy", "true");
    let waiting: HTMLElement | null = null;
    const release = () => {
      sending = false;
      sendButton.removeAttribute("aria-busy");
    };
    try {
      await connection.request({ case: "post", value: { text, anonymous: anonymousBox.checked } }, {
        resend: true,
        onDelayed() {
          if (waiting) return;
          // The server holds it: show it where it will appear, and free the composer.
          waiting = waitingItem(text);
          if (composer.value === text) composer.value = "";
          updateCounter();
          statusText.textContent = "Connected · saving is paused";
          announcer.personal("Saving is paused. Your message will appear when it is saved.");
          release();
        },
      });
      dropWaiting(waiting);
      const slow = model.pacing?.slowModeSeconds ?? 0;
      if (slow > 0 && me?.role !== Role.MODERATOR) startSlowCountdown(slow * 1000);
      // Cleared only once the server has saved it: nothing typed is ever lost.
      if (composer.value === text) composer.value = "";
      updateCounter();
      statusText.textContent = "Connected · saved";
    } catch (err) {
      if (waiting) {
        dropWaiting(waiting);
        if (!composer.value) composer.value = text;  // nothing typed is ever lost
      }
      if (err instanceof ServerError && err.code === ErrorCode.RATE_LIMITED && err.retryAfterMs) startSlowCountdown(err.retryAfterMs);
      const why = err instanceof ServerError
        ? err.code === ErrorCode.STORE_UNAVAILABLE
          ? `Not sent: saving is paused on the server, so it cannot take new messages for now. Your message is still here; send it again${err.retryAfterMs ? ` in ${Math.ceil(err.retryAfterMs / 1000)} s` : " shortly"}.`
          : `${describeError(err.code)}: ${err.message}.${err.retryAfterMs ? ` Try again in ${Math.ceil(err.retryAfterMs / 1000)} s.` : ""}`
        : "Not sent: the connection was lost. Your message is still here and can be sent once reconnected.";
      sendError.textContent = why;
      sendError.hidden = false;
    } finally {
      release();
      composer.focus();
    }
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
    else if (key === "KeyM" && !composer.disabled) composer.focus();
    else return;
    e.preventDefault();
  });

  // --- leaving ---------------------------------------------------------------------

  leaveButton.addEventListener("click", () => void connection.leave());

  function showLeft(): void {
    const heading = h("h1", {}, "You have left the room");
    const rejoin = h("button", { type: "button" }, "Rejoin");
    rejoin.addEventListener("click", () => location.reload());
    const forget = h("button", { type: "button", class: "secondary" }, "Forget me on this device");
    forget.addEventListener("click", () => {
      forgetPerson(model.roomId);
      forget.replaceWith(h("p", { role: "status" }, "This device no longer remembers you in this room."));
    });
    clear(main);
    main.append(heading, h("p", {}, "Thank you for taking part. The record of the meeting is kept."), h("div", { class: "actions" }, rejoin, forget));
    statusBox.hidden = true;
    leaveButton.hidden = true;
    focusHeading(heading);
  }

  connection.start();
}

export function refusalText(error: ServerError): string {
  if (error.code === ErrorCode.NOT_FOUND) return "This room does not exist. Check the link with the person who sent it.";
  if (error.code === ErrorCode.UNAUTHENTICATED) return "This link is not right for this room. Ask the organiser for the link again.";
  return `${describeError(error.code)}: ${error.message}.`;
}
