// The facilitators' side of every participant's private conversation: who has written, what
// is unread, who asked for a one-to-one or for help, a reply form for each, and an explicit
// export (the only way these conversations ever leave the server's private record).
import { t } from "../i18n/i18n";
import { downloadFile, h } from "../dom";
import { Role, ThreadNote } from "../protocol";
import type { RoomContext } from "./room_context";
import { focusPlace } from "./shell";
import { threadView, type ThreadView } from "./thread_view";

export interface ConversationsConsole {
  element: HTMLElement;
  render(): void;
  // Opens one participant's conversation at its newest message, ready to reply.
  open(memberId: string): void;
}

export function conversationsConsole(ctx: RoomContext): ConversationsConsole {
  const { model } = ctx;
  const views = new Map<string, { details: HTMLDetailsElement; summary: HTMLElement; thread: ThreadView }>();
  const list = h("div", { class: "stack conversations" });
  const none = h("p", { class: "hint" }, t("conversations_console.no_participants_yet"));
  const exportButton = h(
    "button",
    { type: "button", class: "secondary" },
    t("conversations_console.download_all_conversations"),
  );
  exportButton.addEventListener("click", () => download());
  const element = h(
    "div",
    { class: "stack" },
    h("h3", { id: "conversations-heading" }, t("conversations_console.conversations_with_participants")),
    h(
      "p",
      { class: "hint" },
      t("conversations_console.each_participant_s_private_conversation") +
        t("conversations_console.shares_them_nobody_else_sees"),
    ),
    none,
    list,
    exportButton,
  );

  function viewFor(id: string) {
    let v = views.get(id);
    if (!v) {
      const thread = threadView(ctx, () => id, false);
      const summary = h("summary", {});
      const details = h("details", { class: "conversation" }, summary, thread.element);
      details.addEventListener("toggle", () => {
        if (!details.open) return;
        thread.opened();
        thread.markRead();
      });
      details.addEventListener("focusin", () => {
        if (details.open) thread.markRead();
      });
      v = { details, summary, thread };
      views.set(id, v);
    }
    return v;
  }

  function render(): void {
    const participants = [...model.members.values()].filter((m) => m.role === Role.PARTICIPANT && !m.roomScreen);
    none.hidden = participants.length > 0;
    // In order of joining, and never moved or rebuilt: a facilitator may be typing in one.
    for (const v of views.values()) v.details.hidden = true;
    for (const m of participants) {
      const v = viewFor(m.memberId);
      if (!v.details.isConnected) list.append(v.details);
      v.details.hidden = false;
      const messages = model.threads.get(m.memberId) ?? [];
      const unread = model.unread(m.memberId);
      const flags: string[] = [];
      if (unread) flags.push(t("conversations_console.new", { n: unread }));
      if (model.readiness?.oneToOneRequests.includes(m.memberId))
        flags.push(t("conversations_console.asked_for_a_one_to"));
      const help = messages.filter(
        (x) => x.note === ThreadNote.NEEDS_SUPPORT && x.seq > (model.threadRead.get(m.memberId) ?? 0n),
      );
      if (help.length) flags.push(t("conversations_console.asks_for_help", { text: help[help.length - 1].text }));
      if (!messages.length) flags.push(t("conversations_console.no_messages"));
      v.summary.replaceChildren(
        h("span", { class: "name" }, m.displayName),
        flags.length ? ` — ${flags.join(" · ")}` : "",
      );
      v.details.classList.toggle("attention", unread > 0);
      v.thread.render();
      if (v.details.open && v.details.contains(document.activeElement)) v.thread.markRead();
    }
  }

  // A plain-text file of every conversation, made here from what this facilitator can read.
  function download(): void {
    const lines = [
      t("conversations_console.export_title", { title: model.title }),
      t("conversations_console.exported", { at: new Date().toISOString() }),
      "",
    ];
    for (const [id, messages] of model.threads) {
      lines.push(`## ${model.name(id)}`);
      for (const m of messages) lines.push(`${new Date(m.atMs).toISOString()}  ${model.name(m.from)}: ${m.text}`);
      lines.push("");
    }
    downloadFile(
      new Blob([lines.join("\n")], { type: "text/plain;charset=utf-8" }),
      `conversations-${model.roomId}.txt`,
    );
  }

  function open(memberId: string): void {
    focusPlace("conversations-heading"); // shows the console's tab that holds them
    render();
    const v = viewFor(memberId);
    if (!v.details.open)
      v.details.open = true; // its toggle shows the newest and marks it read
    else v.thread.opened();
    v.details.scrollIntoView({ block: "nearest" });
    v.thread.focus();
  }

  return { element, render, open };
}
