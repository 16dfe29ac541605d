// One conversation between a participant and the facilitators: its messages in order and a
// form to write in it. The participant's own panel and the facilitators' console each show
// it; only they ever receive it (the server keeps it out of the room's public record).
import { language, t } from "../i18n/i18n";
import { h, uid } from "../dom";
import { ThreadNote } from "../protocol";
import type { ThreadMessage } from "../room_model";
import type { RoomContext } from "./room_context";

export interface ThreadView {
  element: HTMLElement;
  render(): void;
  // Tells the server this person has read everything here (for unread counts).
  markRead(): void;
  focus(): void;
  // The conversation was opened: it shows its newest message, with where what was unread
  // begins marked (until it is opened again).
  opened(): void;
}

// threadId: the participant whose conversation this is. forParticipant: shown to that
// participant (who may ask for a point to be raised) rather than to a facilitator.
export function threadView(ctx: RoomContext, threadId: () => string, forParticipant: boolean): ThreadView {
  const { model } = ctx;
  // Scrolls when long: focusable, so that it scrolls from the keyboard too.
  const list = h("ol", { class: "thread-messages", "aria-label": t("thread.messages"), tabindex: 0 });
  const empty = h(
    "p",
    { class: "hint" },
    forParticipant ? t("thread.no_messages_yet") : t("thread.no_messages_yet_write_to"),
  );
  const textId = uid("thread-text");
  const text = h("textarea", { id: textId, rows: 2, limit: "message" });
  const label = h("label", { for: textId });
  const raiseId = uid("raise");
  const raise = h("input", { type: "checkbox", id: raiseId });
  const unnamedId = uid("unnamed");
  const unnamed = h("input", { type: "checkbox", id: unnamedId, disabled: true });
  const raiseFields = h(
    "div",
    { class: "stack" },
    h("div", { class: "check" }, raise, h("label", { for: raiseId }, t("thread.ask_a_facilitator_to_raise"))),
    h("div", { class: "check indent" }, unnamed, h("label", { for: unnamedId }, t("thread.without_my_name"))),
  );
  raise.addEventListener("change", () => {
    unnamed.disabled = !raise.checked;
    if (!raise.checked) unnamed.checked = false;
  });
  const sent = h("p", { class: "hint", role: "status" });
  const send = h("button", { type: "submit" }, t("thread.send"));
  const form = h("form", { class: "stack thread-form" }, label, text, forParticipant ? raiseFields : null, send, sent);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim()) {
      sent.textContent = t("thread.write_something_first");
      text.focus();
      return;
    }
    // What is said below the form is about this message from now on; what is typed while it is
    // being saved is the next message, and stays.
    sent.textContent = "";
    const written = text.value;
    const ok = await ctx.send({
      case: "sendThreadMessage",
      value: {
        memberId: forParticipant ? "" : threadId(),
        text: written,
        note: ThreadNote.THREAD_NOTE_NONE,
        askToRaise: forParticipant && raise.checked,
        anonymously: forParticipant && unnamed.checked,
      },
    });
    if (!ok) return;
    if (text.value === written) text.value = "";
    raise.checked = false;
    unnamed.checked = false;
    unnamed.disabled = true;
    sent.textContent = forParticipant
      ? t("thread.sent_to_the_facilitators")
      : t("thread.sent_to", { who: model.name(threadId()) });
  });
  // Enter sends, Shift+Enter starts a new line, as in the room's composer.
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  function who(m: ThreadMessage): string {
    if (m.from === model.myId) return t("thread.you");
    return forParticipant ? t("thread.facilitator_name", { who: model.name(m.from) }) : model.name(m.from);
  }

  function item(m: ThreadMessage): HTMLElement {
    const notes: string[] = [];
    if (m.note === ThreadNote.ASKS_ONE_TO_ONE) notes.push(t("thread.asks_for_a_one_to"));
    if (m.note === ThreadNote.NEEDS_SUPPORT) notes.push(t("thread.asks_for_help"));
    if (m.askToRaise) notes.push(m.anonymously ? t("thread.asks_for_this_to_be") : t("thread.asks_for_this_to_be_2"));
    const time = new Date(m.atMs).toLocaleString(language().locale, {
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
    const li = h(
      "li",
      { class: `thread-message${m.note === ThreadNote.NEEDS_SUPPORT ? " needs-support" : ""}` },
      h(
        "p",
        { class: "meta" },
        h("span", { class: "name", dir: "auto" }, who(m)),
        ` · ${time}`,
        notes.length ? ` · ${notes.join("; ")}` : "",
      ),
      m.text ? h("p", { class: "text", dir: "auto" }, m.text) : null,
    );
    if (m.askToRaise && m.raised) {
      li.append(h("p", { class: "hint" }, t("thread.raised_in_the_room")));
    } else if (!forParticipant && m.askToRaise && model.live()) {
      // Offered until it is raised: once is enough.
      const button = h("button", { type: "button", class: "secondary" }, t("thread.raise_it_in_the_room"));
      button.addEventListener("click", async () => {
        button.disabled = true;
        if (await ctx.send({ case: "raiseThreadPoint", value: { memberId: threadId(), seq: m.seq } }))
          sent.textContent = t("thread.raised_in_the_room");
        else button.disabled = false;
      });
      li.append(button);
    }
    return li;
  }

  let shown = "";
  let unreadFrom: bigint | null = null; // the first message unread when last opened
  function render(): void {
    const messages = model.threads.get(threadId()) ?? [];
    // Rebuilt only when something in it changed, so that focus inside it stays put.
    const now = `${messages.length}:${messages.filter((m) => m.raised).length}:${model.live()}:${unreadFrom}`;
    if (now !== shown) {
      const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      list.replaceChildren(
        ...messages.flatMap((m) =>
          m.seq === unreadFrom
            ? [h("li", { class: "unread-marker" }, t("thread.new_since_you_last_read")), item(m)]
            : [item(m)],
        ),
      );
      if (atEnd) list.scrollTop = list.scrollHeight;
      shown = now;
    }
    empty.hidden = messages.length > 0;
    label.textContent = forParticipant
      ? t("thread.write_to_the_facilitators")
      : t("thread.write_to", { who: model.name(threadId()) });
    send.textContent = forParticipant
      ? t("thread.message_the_facilitators")
      : t("thread.reply_to", { who: model.name(threadId()) });
  }

  let marking = 0n;
  return {
    element: h("div", { class: "thread" }, empty, list, form),
    render,
    markRead() {
      const last = model.threadEnd(threadId());
      if (model.unread(threadId()) === 0 || last <= marking) return;
      marking = last;
      void ctx.send({ case: "markThreadRead", value: { memberId: forParticipant ? "" : threadId(), upToSeq: last } });
    },
    focus() {
      text.focus();
    },
    opened() {
      const read = model.threadRead.get(threadId()) ?? 0n;
      unreadFrom =
        (model.threads.get(threadId()) ?? []).find((m) => m.seq > read && m.from !== model.myId)?.seq ?? null;
      render();
      list.scrollTop = list.scrollHeight;
    },
  };
}
