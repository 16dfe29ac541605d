// The conversation: messages and the lines between them (turns, agenda items, repairs),
// glossary terms explained in place, read checks, the reading pace's "up next" line, and
// what this person sent that is not saved yet. New messages never pull the view away from
// where someone is reading; in "one message at a time" mode others' messages wait.
import { h } from "../dom";
import { PauseReason, Role, RoomPhase, ServerError, type Event } from "../protocol";
import type { ChatMessage, TurnNote } from "../room_model";
import { loadSettings } from "../settings";
import type { RoomContext } from "./room_context";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export type ConversationItem = ChatMessage | TurnNote;

export interface ConversationPanel {
  element: HTMLElement;
  // Shows items now (own messages, history).
  add(list: ConversationItem[]): void;
  // The conversation starts again from the event firstSeq (earlier ones load on demand);
  // clear: drop what is shown (a reconnect found a gap).
  startsAt(firstSeq: bigint, clear: boolean): void;
  // Shows items as the reader chose: at once, or one at a time.
  deliver(list: ConversationItem[]): void;
  rerender(seq: bigint): void;
  rerenderAll(): void;
  render(): void;
  // A message of this person's that waits for its save; returns its line to drop later.
  waiting(text: string): HTMLElement;
  dropWaiting(line: HTMLElement | null): void;
  readOnly(reason: string): void;
}

// caughtUp: the reader has read every message that waited for them (focus goes on from there).
export function conversationPanel(ctx: RoomContext, caughtUp: () => void): ConversationPanel {
  const { model } = ctx;
  const messages = h("ol", { class: "messages", "aria-labelledby": "conversation-heading" });
  // One Tab stop for the whole list, however long: the arrow keys move between its items, and
  // only the item with focus has its own controls in the Tab order.
  const keysHint = h(
    "p",
    { class: "visually-hidden", id: "conversation-keys" },
    "Up and down arrows move between messages, Home and End go to the first and the latest; Tab reaches a message's actions.",
  );
  const scroller = h(
    "div",
    {
      class: "scroller",
      tabindex: "0",
      "aria-labelledby": "conversation-heading",
      "aria-describedby": "conversation-keys",
    },
    messages,
  );
  const newMessages = h("button", { type: "button", class: "new-messages", hidden: true }, "New messages below");
  // Earlier history, a page at a time, above what is shown; the reader stays where they were.
  const loadEarlier = h(
    "button",
    { type: "button", class: "secondary small load-earlier", hidden: true },
    "Load earlier messages",
  );
  const recordStart = h("p", { class: "record-start", hidden: true }, "This is the start of the room's record.");
  let earliestSeq = 0n; // the first event shown (0: not known yet)
  const pauseBanner = h("div", { class: "pause-banner", role: "status", hidden: true });
  const readOnlyBanner = h("div", { class: "read-only-banner", role: "status", hidden: true });
  const outbox = h("ol", { class: "outbox", "aria-label": "Not saved yet", hidden: true });
  const upNext = h("p", { class: "up-next", hidden: true });
  const nextMessage = h("button", { type: "button", class: "next-message", hidden: true });
  // One control for moderators, not one per message: a read check of the latest message.
  const readCheck = h(
    "button",
    { type: "button", class: "secondary small read-check-latest", hidden: true },
    "Ask everyone to confirm they have read the latest message",
  );
  const heldForReader: ConversationItem[] = [];
  const confirmedChecks = new Set<string>();

  const element = h(
    "section",
    { class: "conversation", id: "conversation", tabindex: "-1", "aria-labelledby": "conversation-heading" },
    h("h2", { id: "conversation-heading" }, "Conversation"),
    keysHint,
    readOnlyBanner,
    pauseBanner,
    loadEarlier,
    recordStart,
    scroller,
    outbox,
    newMessages,
    nextMessage,
    upNext,
    readCheck,
  );

  const me = () => ctx.me();

  function messageItem(msg: ChatMessage): HTMLElement {
    const member = model.members.get(msg.memberId);
    const mine = me()?.memberId === msg.memberId;
    return quiet(
      h(
        "li",
        { class: mine ? "message mine" : "message", "data-seq": String(msg.seq) },
        h(
          "p",
          { class: "meta" },
          h("span", { class: "author" }, msg.memberId ? (member?.displayName ?? "Someone") : "Anonymous"),
          mine ? h("span", { class: "extras" }, " (you)") : null,
          msg.notedBy ? h("span", { class: "extras" }, ` (in the room; noted by ${model.name(msg.notedBy)})`) : null,
          " ",
          h("time", { datetime: new Date(msg.atMs).toISOString() }, timeFormat.format(msg.atMs)),
          msg.removed ? null : removeButton(msg),
          msg.removed || !model.records(me()) ? null : actionButton(msg),
        ),
        msg.removed
          ? h(
              "p",
              { class: "text removed" },
              msg.removed.withdrawn ? "(Withdrawn by its author.)" : "(Removed by a moderator.)",
            )
          : textWithTerms(msg.text),
        msg.removed ? null : readCheckFor(msg),
      ),
    );
  }

  // The author (or whoever noted it) withdraws a message; a moderator removes anyone's. The
  // text then leaves the record everywhere, not only this screen.
  function removeButton(msg: ChatMessage): HTMLElement | null {
    const id = me()?.memberId;
    const own = Boolean(id) && (msg.memberId === id || msg.notedBy === id);
    if (!own && me()?.role !== Role.MODERATOR) return null;
    // Beside the author's name, so that it costs the message no line of its own.
    const b = h(
      "button",
      {
        type: "button",
        class: "secondary small remove-message",
        "aria-label": own ? "Withdraw this message" : "Remove this message",
      },
      own ? "Withdraw" : "Remove",
    );
    b.addEventListener(
      "click",
      () =>
        void ctx.send(
          own
            ? { case: "withdrawMessage", value: { seq: msg.seq } }
            : { case: "redactMessage", value: { seq: msg.seq } },
        ),
    );
    return b;
  }

  // A moderator or the note-taker records an action from what someone said.
  function actionButton(msg: ChatMessage): HTMLElement {
    const b = h(
      "button",
      { type: "button", class: "secondary small message-action", "aria-label": "Record an action from this message" },
      "Action",
    );
    b.addEventListener("click", () => ctx.startAction({ seq: msg.seq }));
    return b;
  }

  function noteItem(note: TurnNote): HTMLElement {
    return quiet(
      h(
        "li",
        { class: "turn-note", "data-seq": String(note.seq) },
        h(
          "p",
          {},
          note.text,
          " ",
          h("time", { datetime: new Date(note.atMs).toISOString() }, timeFormat.format(note.atMs)),
        ),
      ),
    );
  }

  // Marks glossary terms; each explains itself on hover, focus and to screen readers, inside
  // the message (never clipped by the conversation's box or the screen's edge).
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
      p.append(
        h(
          "span",
          { class: "term", tabindex: "0", "aria-describedby": tipId },
          match[0],
          h("span", { class: "term-tip", role: "tooltip", id: tipId }, entry?.explanation ?? ""),
        ),
      );
      last = at + match[0].length;
    }
    p.append(text.slice(last));
    return p;
  }

  // Who is asked to confirm: people here online who take part (not moderators, observers
  // or the room's screen; people in the room have no device to confirm with).
  function readers(): number {
    return model.present().filter((m) => m.role === Role.PARTICIPANT && !m.inRoom).length;
  }

  function readCheckFor(msg: ChatMessage): HTMLElement | null {
    const check = [...model.readChecks.entries()].find(([, c]) => c.seq === msg.seq);
    if (!check) return null;
    const [checkId, { count }] = check;
    if (me()?.role === Role.MODERATOR)
      return h("p", { class: "read-check" }, `Read check: ${count} of ${readers()} confirmed reading this.`);
    if (me()?.role === Role.OBSERVER) return null;
    const confirmed = confirmedChecks.has(checkId);
    const b = h(
      "button",
      { type: "button", class: "secondary small", disabled: confirmed },
      confirmed ? "You have confirmed" : "I have read it",
    );
    b.addEventListener("click", async () => {
      if (await ctx.send({ case: "confirmRead", value: { checkId } })) {
        confirmedChecks.add(checkId);
        rerender(msg.seq);
      }
    });
    return h(
      "div",
      { class: "read-check" },
      h("p", {}, `Please confirm you have read this (${count} of ${readers()} have).`),
      b,
    );
  }

  readCheck.addEventListener("click", () => {
    const latest = model.messages[model.messages.length - 1];
    if (latest) void ctx.send({ case: "startReadCheck", value: { seq: latest.seq } });
  });

  function rerender(seq: bigint): void {
    const li = messages.querySelector(`li[data-seq="${seq}"]`);
    const msg = model.messages.find((m) => m.seq === seq);
    if (!li || !msg) return;
    const hadFocus = li.contains(document.activeElement);
    // A control of the message that had focus (its Remove or Action button) keeps it.
    const control = [...controlsOf(li)].indexOf(document.activeElement as HTMLElement);
    const again = messageItem(msg);
    li.replaceWith(again);
    if (!hadFocus) return;
    const same = control >= 0 ? controlsOf(again)[control] : undefined;
    activate(again, !same);
    same?.focus();
  }

  // --- moving through the list by keyboard --------------------------------------------
  const controlsOf = (li: Element) => li.querySelectorAll<HTMLElement>("button, a[href], input, [tabindex='0'], .term");
  // A new item: reachable by the arrow keys, its controls out of the Tab order for now.
  function quiet<T extends HTMLElement>(li: T): T {
    li.tabIndex = -1;
    for (const c of controlsOf(li)) c.tabIndex = -1;
    return li;
  }
  let active: HTMLElement | null = null;
  function activate(li: HTMLElement, focus = true): void {
    if (active && active !== li) for (const c of controlsOf(active)) c.tabIndex = -1;
    active = li;
    for (const c of controlsOf(li)) c.tabIndex = 0;
    if (focus) li.focus();
  }
  const items = () => [...messages.children] as HTMLElement[];
  scroller.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const list = items();
    if (list.length === 0) return;
    const current = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(".messages > li");
    const at = current ? list.indexOf(current) : -1;
    let next: HTMLElement | undefined;
    if (e.key === "ArrowDown") next = at < 0 ? list[list.length - 1] : list[Math.min(at + 1, list.length - 1)];
    else if (e.key === "ArrowUp") next = at < 0 ? list[list.length - 1] : list[Math.max(at - 1, 0)];
    else if (e.key === "Home") next = list[0];
    else if (e.key === "End") next = list[list.length - 1];
    else if (e.key === "Escape" && current && document.activeElement !== current) next = current;
    if (!next) return;
    e.preventDefault();
    activate(next);
  });
  messages.addEventListener("focusin", (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>(".messages > li");
    if (li && li !== active) activate(li, false);
  });
  // Leaving the list: its items' controls leave the Tab order again, so that coming back
  // with Shift+Tab lands on the list, not inside some message.
  scroller.addEventListener("focusout", (e) => {
    if (active && !scroller.contains(e.relatedTarget as Node | null)) {
      for (const c of controlsOf(active)) c.tabIndex = -1;
      active = null;
    }
  });

  const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  function scrollToEnd(): void {
    scroller.scrollTop = scroller.scrollHeight;
    newMessages.hidden = true;
  }

  const earlierPage = 50;
  // Shows earlier items above the rest, keeping the reader's place; how many were shown.
  function prependEarlier(events: Event[], damaged?: { from: bigint; to: bigint }): number {
    const items = events.map((e) => model.earlier(e)).filter((i): i is ConversationItem => i !== null);
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const elements = items.map((item) => ("memberId" in item ? messageItem(item) : noteItem(item)));
    if (damaged) {
      const which = damaged.from === damaged.to ? `Event ${damaged.from}` : `Events ${damaged.from} to ${damaged.to}`;
      elements.unshift(
        quiet(
          h(
            "li",
            { class: "note record-damaged" },
            `${which} of the room's record cannot be read here: the record is damaged. The server's operator has been told.`,
          ),
        ),
      );
    }
    messages.prepend(...elements);
    scroller.scrollTop = scroller.scrollHeight - fromBottom; // the reader's place, unmoved
    if (damaged) earliestSeq = damaged.from;
    else if (events.length > 0) earliestSeq = events[0].seq;
    return items.length;
  }
  loadEarlier.addEventListener("click", async () => {
    loadEarlier.disabled = true;
    try {
      let shown: number;
      try {
        shown = prependEarlier(await ctx.history(earliestSeq, earlierPage));
      } catch (err) {
        if (!(err instanceof ServerError) || !err.damaged) throw err;
        // What lies between the damage and what is shown still reads: that first, then the
        // damage in its place; the next page starts before it.
        const { to } = err.damaged;
        const after = to + 1n < earliestSeq ? await ctx.history(earliestSeq, Number(earliestSeq - to - 1n)) : [];
        shown = prependEarlier(after, err.damaged);
        ctx.announcer.personal(`${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}`);
      }
      showEarlier();
      ctx.announcer.personal(
        shown === 0
          ? "Nothing more to show before this."
          : `${shown} earlier ${shown === 1 ? "item" : "items"} loaded above.`,
      );
    } catch (err) {
      ctx.announcer.personal(
        err instanceof Error && err.message !== "not connected"
          ? `Earlier messages could not be loaded: ${err.message}.`
          : "Earlier messages could not be loaded: not connected.",
      );
    } finally {
      loadEarlier.disabled = false;
    }
  });

  function showEarlier(): void {
    loadEarlier.hidden = earliestSeq <= 1n;
    recordStart.hidden = earliestSeq !== 1n || messages.childElementCount === 0;
  }

  function add(list: ConversationItem[]): void {
    if (list.length === 0) return;
    const follow = atBottom();
    for (const item of list) messages.append("memberId" in item ? messageItem(item) : noteItem(item));
    if (follow) scrollToEnd();
    else newMessages.hidden = false;
  }

  function deliver(list: ConversationItem[]): void {
    if (!loadSettings().oneAtATime) return add(list);
    const now: ConversationItem[] = [];
    for (const item of list) {
      if ("memberId" in item && item.memberId !== me()?.memberId) heldForReader.push(item);
      else now.push(item);
    }
    add(now);
    updateNextMessage();
  }

  function updateNextMessage(): void {
    nextMessage.hidden = heldForReader.length === 0;
    nextMessage.textContent = `Show the next message (${heldForReader.length} waiting)`;
  }

  nextMessage.addEventListener("click", () => {
    const next = heldForReader.shift();
    if (next) {
      add([next]);
      if ("memberId" in next) ctx.announcer.personal(`${model.name(next.memberId)} said: ${next.text}`);
    }
    updateNextMessage();
    if (heldForReader.length === 0) caughtUp();
  });
  document.addEventListener("ts-settings-changed", () => {
    if (!loadSettings().oneAtATime && heldForReader.length) {
      add(heldForReader.splice(0));
      updateNextMessage();
    }
  });
  newMessages.addEventListener("click", () => {
    scrollToEnd();
    scroller.focus();
  });
  // A reader at the newest message stays there when the box changes size (an alert or a
  // question opening above it), as they do when a message comes.
  let pinned = true;
  scroller.addEventListener("scroll", () => {
    pinned = atBottom();
    if (pinned) newMessages.hidden = true;
  });
  new ResizeObserver(() => {
    if (pinned) scroller.scrollTop = scroller.scrollHeight;
  }).observe(scroller);

  let readOnlyMode = false;
  function render(): void {
    // Before the meeting nobody can post yet: no empty "Conversation" heading.
    element.hidden =
      !readOnlyMode && model.phase !== RoomPhase.CLOSED && !model.live() && messages.childElementCount === 0;
    pauseBanner.hidden = !model.paused;
    pauseBanner.textContent = `Paused${pauseWhy(model.pauseReason)} — take your time.`;
    const waiting = model.upNext.length;
    upNext.hidden = waiting === 0;
    upNext.textContent = `${waiting} ${waiting === 1 ? "message" : "messages"} up next${model.lineHeld ? " (held by the moderator)" : ""}.`;
    readCheck.hidden = me()?.role !== Role.MODERATOR || model.messages.length === 0;
  }

  return {
    element,
    add,
    startsAt(firstSeq: bigint, clear: boolean) {
      if (clear) {
        messages.replaceChildren();
        heldForReader.length = 0;
        updateNextMessage();
      }
      if (clear || earliestSeq === 0n) earliestSeq = firstSeq;
      showEarlier();
    },
    deliver,
    rerender,
    rerenderAll() {
      for (const m of model.messages) rerender(m.seq);
    },
    render,
    waiting(text: string): HTMLElement {
      const li = h(
        "li",
        { class: "message mine waiting" },
        h(
          "p",
          { class: "meta" },
          h("span", { class: "author" }, "You"),
          h("span", { class: "extras" }, " (not saved yet)"),
        ),
        h("p", { class: "text" }, text),
        h(
          "p",
          { class: "save-state", role: "status" },
          "Saving is paused — your message will appear when it is saved.",
        ),
      );
      outbox.append(li);
      outbox.hidden = false;
      return li;
    },
    dropWaiting(line: HTMLElement | null): void {
      line?.remove();
      outbox.hidden = outbox.childElementCount === 0;
    },
    readOnly(reason: string): void {
      readOnlyMode = true;
      element.hidden = false;
      readOnlyBanner.replaceChildren(h("strong", {}, "This room is read-only. "), reason);
      readOnlyBanner.hidden = false;
      readCheck.remove();
    },
  };
}

// ": someone needs a moment", for a pause whose reason is known.
export function pauseWhy(reason: PauseReason | undefined): string {
  if (reason === PauseReason.NEED_A_MOMENT) return ": someone needs a moment";
  if (reason === PauseReason.PLEASE_SLOW_DOWN) return ": someone asked to slow down";
  return "";
}
