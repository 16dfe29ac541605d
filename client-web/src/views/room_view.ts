// The live room, for participants and moderators alike: who is here, the conversation,
// the composer, and (for moderators) the controls. Later features add panels to the
// side column (queue, clock, balance, pacing) without changing this structure.
import { Announcer } from "../announcer";
import { RoomConnection, type ConnectionStatus, type JoinDetails } from "../connection";
import { forgetPerson, recallLinks, rememberPerson } from "../credentials";
import { append, clear, h, mount, uid } from "../dom";
import { ErrorCode, Role, ServerError, describeError, type Event, type Member, type Welcome } from "../protocol";
import { RoomModel, roleLabel, type Change, type ChatMessage } from "../room_model";
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

  const statusText = h("span", { class: "status-text" }, "Connecting…");
  const statusBox = h("p", { class: "connection", "data-status": "connecting" }, statusText);
  const leaveButton = h("button", { type: "button", class: "secondary", disabled: true }, "Leave room");
  const { main, root } = shell("conversation", "Skip to the conversation", [statusBox, leaveButton]);

  const title = h("h1", { id: "room-title" });
  const purpose = h("p", { class: "purpose" });
  const people = h("ul", { class: "people", "aria-labelledby": "people-heading" });
  const away = h("ul", { class: "people away" });
  const awayDetails = h("details", { class: "away-details" }, h("summary", {}, "Not here now"), away);
  const messages = h("ol", { class: "messages", "aria-labelledby": "conversation-heading" });
  const scroller = h("div", { class: "scroller", tabindex: "0", "aria-labelledby": "conversation-heading" }, messages);
  const newMessages = h("button", { type: "button", class: "new-messages", hidden: true }, "New messages below");
  const composerId = uid("composer");
  const composer = h("textarea", {
    id: composerId, rows: 3, maxlength: maxMessageChars, "aria-describedby": `${composerId}-hint`, disabled: true,
  });
  const counter = h("p", { class: "hint counter", id: `${composerId}-count`, "aria-live": "polite" });
  const sendError = h("p", { class: "error", role: "alert", hidden: true });
  const sendButton = h("button", { type: "submit", disabled: true }, "Send");
  const composerForm = h("form", { class: "composer", "aria-label": "Write a message" },
    h("label", { for: composerId, id: `${composerId}-label` }, "Your message"),
    h("p", { class: "hint", id: `${composerId}-hint` }, "Press Enter to send, Shift and Enter for a new line."),
    composer, counter, sendError, sendButton);
  const observerNote = h("p", { class: "hint", hidden: true }, "You are following as an observer: you can read, but not post.");
  const side = h("div", { class: "side" },
    h("section", { class: "panel", "aria-labelledby": "people-heading" },
      h("h2", { id: "people-heading" }, "People here"), people, awayDetails));
  const moderatorPanel = h("section", { class: "panel moderator", "aria-labelledby": "moderator-heading", hidden: true });

  main.append(
    h("div", { class: "room-head" }, title, purpose),
    h("div", { class: "room-layout" },
      h("section", { class: "conversation", id: "conversation", tabindex: "-1", "aria-labelledby": "conversation-heading" },
        h("h2", { id: "conversation-heading" }, "Conversation"),
        scroller, newMessages, observerNote, composerForm),
      side),
    announcer.element);
  side.append(moderatorPanel);
  mount(root);

  // --- rendering -------------------------------------------------------------------

  function renderHead(): void {
    title.textContent = model.title;
    purpose.textContent = model.purpose;
    purpose.hidden = !model.purpose;
    document.title = `${model.title} — Talking Stick`;
  }

  function memberItem(m: Member): HTMLElement {
    const extras: string[] = [];
    if (m.pronouns) extras.push(m.pronouns);
    if (m.role !== Role.PARTICIPANT) extras.push(roleLabel(m.role));
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
        h("span", { class: "author" }, member?.displayName ?? "Someone"),
        mine ? h("span", { class: "extras" }, " (you)") : null,
        " ",
        h("time", { datetime: new Date(msg.atMs).toISOString() }, timeFormat.format(msg.atMs))),
      h("p", { class: "text" }, msg.text));
  }

  function atBottom(): boolean {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  }

  function scrollToEnd(): void {
    scroller.scrollTop = scroller.scrollHeight;
    newMessages.hidden = true;
  }

  // New messages never pull the view away from where someone is reading.
  function addMessages(list: ChatMessage[]): void {
    if (list.length === 0) return;
    const follow = atBottom();
    for (const msg of list) messages.append(messageItem(msg));
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
    }
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
      const fresh: ChatMessage[] = [];
      for (const event of welcome.history) {
        const change = model.apply(event, false);
        if (change?.kind === "message") fresh.push(change.message);
      }
      renderHead();
      renderPeople();
      addMessages(fresh);
      renderModeratorPanel();
      const canPost = me.role !== Role.OBSERVER;
      composerForm.hidden = !canPost;
      observerNote.hidden = canPost;
      composer.disabled = !canPost;
      sendButton.disabled = !canPost;
      leaveButton.disabled = false;
      if (!resumed) {
        announcer.personal(`You have joined ${model.title}. ${model.present().length} people are here.`);
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
      if (change.kind === "message") addMessages([change.message]);
      if (change.kind === "joined" || change.kind === "left") renderPeople();
      if (change.kind === "room") {
        renderHead();
        renderModeratorPanel();
      }
      announce(change);
    },
    onStatus(status: ConnectionStatus, detail: string) {
      statusBox.dataset.status = status;
      statusText.textContent = status === "connected" ? "Connected" : detail;
      const online = status === "connected";
      sendButton.disabled = !online || me?.role === Role.OBSERVER;
      if (status === "reconnecting" && detail.startsWith("Connection lost")) announcer.personal("Connection lost. Reconnecting.");
      if (status === "left") showLeft();
      if (status === "failed") announcer.personal(detail);
    },
    onJoinRefused(error: ServerError) {
      options.onRefused(error);
    },
  });

  // --- composing -------------------------------------------------------------------

  function updateCounter(): void {
    const n = [...composer.value].length;
    counter.textContent = n >= maxMessageChars * counterFrom ? `${n} of ${maxMessageChars} characters` : "";
  }
  composer.addEventListener("input", updateCounter);
  composer.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      composerForm.requestSubmit();
    }
  });

  let sending = false;
  composerForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = composer.value;
    if (!text.trim() || sending) return;
    sendError.hidden = true;
    sending = true;
    sendButton.setAttribute("aria-busy", "true");
    try {
      await connection.request({ case: "post", value: { text } });
      // Cleared only once the server has saved it: nothing typed is ever lost.
      if (composer.value === text) composer.value = "";
      updateCounter();
      statusText.textContent = "Connected · saved";
    } catch (err) {
      const why = err instanceof ServerError
        ? `${describeError(err.code)}: ${err.message}.${err.retryAfterMs ? ` Try again in ${Math.ceil(err.retryAfterMs / 1000)} s.` : ""}`
        : "Not sent: the connection was lost. Your message is still here and can be sent once reconnected.";
      sendError.textContent = why;
      sendError.hidden = false;
    } finally {
      sending = false;
      sendButton.removeAttribute("aria-busy");
      composer.focus();
    }
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
