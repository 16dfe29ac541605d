// The conversation: messages and the lines between them (turns, agenda items, repairs),
// glossary terms explained in place, read checks, the reading pace's "up next" line, and
// what this person sent that is not saved yet. New messages never pull the view away from
// where someone is reading; in "one message at a time" mode others' messages wait.
import { language, t } from "../i18n/i18n";
import { h } from "../dom";
import { glossaryFor, type ShownTerm } from "../moderator_texts";
import { textLanguage } from "./language_field";
import { PauseReason, Role, RoomPhase, ServerError, type Event } from "../protocol";
import type { ChatMessage, TurnNote } from "../room_model";
import { loadSettings } from "../settings";
import type { RoomContext } from "./room_context";

const timeFormat = new Intl.DateTimeFormat(language().locale, { hour: "2-digit", minute: "2-digit" });

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
    t("conversation.up_and_down_arrows_move"),
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
  const newMessages = h(
    "button",
    { type: "button", class: "new-messages", hidden: true },
    t("conversation.new_messages_below"),
  );
  // Earlier history, a page at a time, above what is shown; the reader stays where they were.
  const loadEarlier = h(
    "button",
    { type: "button", class: "secondary small load-earlier", hidden: true },
    t("conversation.load_earlier_messages"),
  );
  const recordStart = h("p", { class: "record-start", hidden: true }, t("conversation.this_is_the_start_of"));
  let earliestSeq = 0n; // the first event shown (0: not known yet)
  const pauseBanner = h("div", { class: "pause-banner", role: "status", hidden: true });
  const readOnlyBanner = h("div", { class: "read-only-banner", role: "status", hidden: true });
  const outbox = h("ol", { class: "outbox", "aria-label": t("conversation.not_saved_yet"), hidden: true });
  const upNext = h("p", { class: "up-next", hidden: true });
  const nextMessage = h("button", { type: "button", class: "next-message", hidden: true });
  // One control for moderators, not one per message: a read check of the latest message.
  const readCheck = h(
    "button",
    { type: "button", class: "secondary small read-check-latest", hidden: true },
    t("conversation.ask_everyone_to_confirm_they"),
  );
  // Captions, as far as a text room can honestly give them: the latest of what people in the
  // room said, as the note-taker wrote it down, in a strip of its own (on the projector too).
  const captions = h("p", { class: "captions-strip", hidden: true });
  const heldForReader: ConversationItem[] = [];
  const confirmedChecks = new Set<string>();

  const element = h(
    "section",
    { class: "conversation", id: "conversation", tabindex: "-1", "aria-labelledby": "conversation-heading" },
    h("h2", { id: "conversation-heading" }, t("conversation.conversation")),
    keysHint,
    readOnlyBanner,
    pauseBanner,
    captions,
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
          h(
            "span",
            { class: "author", dir: "auto" },
            msg.memberId ? (member?.displayName ?? t("conversation.someone")) : t("conversation.anonymous"),
          ),
          mine ? h("span", { class: "extras" }, t("conversation.you")) : null,
          msg.notedBy
            ? h("span", { class: "extras" }, t("conversation.noted_by", { name: model.name(msg.notedBy) }))
            : null,
          " ",
          h("time", { datetime: new Date(msg.atMs).toISOString() }, timeFormat.format(msg.atMs)),
          msg.removed ? null : removeButton(msg),
          msg.removed || !model.records(me()) ? null : actionButton(msg),
          msg.removed ? null : readToMeButton(msg),
        ),
        msg.removed
          ? h(
              "p",
              { class: "text removed" },
              msg.removed.withdrawn
                ? t("conversation.withdrawn_by_its_author")
                : t("conversation.removed_by_a_moderator"),
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
        "aria-label": own ? t("conversation.withdraw_this_message") : t("conversation.remove_this_message"),
      },
      own ? t("conversation.withdraw") : t("conversation.remove"),
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
      {
        type: "button",
        class: "secondary small message-action",
        "aria-label": t("conversation.record_an_action_from_this"),
      },
      t("conversation.action"),
    );
    b.addEventListener("click", () => ctx.startAction({ seq: msg.seq }));
    return b;
  }

  // "Read this to me", beside each message while reading aloud is on.
  function readToMeButton(msg: ChatMessage): HTMLElement | null {
    if (!ctx.readAloud || !loadSettings().readAloud) return null;
    const name = msg.memberId ? model.name(msg.memberId) : t("conversation.anonymous");
    const b = h(
      "button",
      {
        type: "button",
        class: "secondary small message-action",
        "aria-label": t("conversation.read_to_me_label", { name }),
      },
      t("conversation.read_to_me"),
    );
    b.addEventListener("click", () => ctx.readAloud?.sayNow(t("conversation.said", { name, text: msg.text })));
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
    // Each message in its own direction: an English message in an Arabic room, and the reverse.
    const p = h("p", { class: "text", dir: "auto" });
    // A term as the room says it, or as the reader's language does; explained in theirs.
    const byTerm = new Map<string, ShownTerm>();
    for (const entry of model.glossary.values()) {
      const shown = glossaryFor(entry, model.language, language().code);
      byTerm.set(shown.roomTerm.toLowerCase(), shown);
      byTerm.set(shown.term.toLowerCase(), shown);
    }
    const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length);
    if (terms.length === 0) {
      p.textContent = text;
      return p;
    }
    const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // Whole words in any script (\b knows only Latin letters without accents).
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu");
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      p.append(text.slice(last, at));
      const entry = byTerm.get(match[0].toLowerCase());
      const tipId = `term-tip-${++termCount}`;
      p.append(
        h(
          "span",
          { class: "term", tabindex: "0", "aria-describedby": tipId },
          match[0],
          h(
            "span",
            { class: "term-tip", role: "tooltip", id: tipId, ...textLanguage(entry?.language ?? "") },
            entry?.explanation ?? "",
          ),
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
      return h("p", { class: "read-check" }, t("conversation.read_check", { count, total: readers() }));
    if (me()?.role === Role.OBSERVER) return null;
    const confirmed = confirmedChecks.has(checkId);
    const b = h(
      "button",
      { type: "button", class: "secondary small", disabled: confirmed },
      confirmed ? t("conversation.you_have_confirmed") : t("conversation.i_have_read_it"),
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
      h("p", {}, t("conversation.please_confirm", { count, total: readers() })),
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
      elements.unshift(
        quiet(
          h(
            "li",
            { class: "note record-damaged" },
            t("conversation.record_damaged", {
              one: String(damaged.from === damaged.to),
              from: Number(damaged.from),
              to: Number(damaged.to),
            }),
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
        shown === 0 ? t("conversation.nothing_more_to_show_before") : t("conversation.earlier_loaded", { n: shown }),
      );
    } catch (err) {
      ctx.announcer.personal(
        err instanceof Error && err.message !== "not connected"
          ? t("conversation.earlier_failed", { reason: err.message })
          : t("conversation.earlier_messages_could_not_be"),
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
    nextMessage.textContent = t("conversation.show_next", { n: heldForReader.length });
  }

  nextMessage.addEventListener("click", () => {
    const next = heldForReader.shift();
    if (next) {
      add([next]);
      if ("memberId" in next)
        ctx.announcer.personal(t("conversation.said", { name: model.name(next.memberId), text: next.text }));
    }
    updateNextMessage();
    if (heldForReader.length === 0) caughtUp();
  });
  let readingAloud = loadSettings().readAloud;
  document.addEventListener("ts-settings-changed", () => {
    // Reading aloud turned on or off: each message gains or loses its "Read this to me".
    if (loadSettings().readAloud !== readingAloud) {
      readingAloud = loadSettings().readAloud;
      if (!readingAloud) ctx.readAloud?.stop();
      for (const m of model.messages) rerender(m.seq);
    }
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
    pauseBanner.textContent = t("conversation.paused_take_your_time", { why: pauseWhy(model.pauseReason) });
    const waiting = model.upNext.length;
    upNext.hidden = waiting === 0;
    upNext.textContent = t(model.lineHeld ? "conversation.up_next_held" : "conversation.up_next", { n: waiting });
    readCheck.hidden = me()?.role !== Role.MODERATOR || model.messages.length === 0;
    const said = [...model.messages].reverse().find((m) => m.notedBy && !m.removed);
    captions.hidden = !said;
    if (said)
      captions.replaceChildren(
        h("span", { class: "captions-label" }, t("conversation.captions_label")),
        " ",
        h("span", { class: "author", dir: "auto" }, model.name(said.memberId)),
        ": ",
        h("span", { class: "text", dir: "auto" }, said.text),
      );
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
          h("span", { class: "author" }, t("conversation.you_2")),
          h("span", { class: "extras" }, t("conversation.not_saved_yet_2")),
        ),
        h("p", { class: "text" }, text),
        h("p", { class: "save-state", role: "status" }, t("conversation.saving_is_paused_your_message")),
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
      readOnlyBanner.replaceChildren(h("strong", {}, t("conversation.this_room_is_read_only")), reason);
      readOnlyBanner.hidden = false;
      readCheck.remove();
    },
  };
}

// ": someone needs a moment", for a pause whose reason is known.
export function pauseWhy(reason: PauseReason | undefined): string {
  if (reason === PauseReason.NEED_A_MOMENT) return t("conversation.someone_needs_a_moment");
  if (reason === PauseReason.PLEASE_SLOW_DOWN) return t("conversation.someone_asked_to_slow_down");
  return "";
}
