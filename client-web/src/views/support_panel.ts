// A participant's conversation with the facilitators, reachable from every screen
// (Alt+Shift+H): before the meeting, to ask for a one-to-one conversation and talk it
// through; during it, to ask for help in a word ("I need a break") or ask for a point to be
// raised for them, with or without their name; after it, to say anything else.
import { t } from "../i18n/i18n";
import { h } from "../dom";
import { Role, RoomPhase, ThreadNote } from "../protocol";
import type { RoomContext } from "./room_context";
import { threadView } from "./thread_view";

// Said in one press, when words are hard to find.
export const quickPhrases = [
  t("support.i_didn_t_understand"),
  t("support.i_need_a_break"),
  t("support.i_m_finding_this_hard"),
];

export interface SupportPanel {
  element: HTMLElement;
  render(): void;
  focus(): void;
}

export function supportPanel(ctx: RoomContext): SupportPanel {
  const { model } = ctx;
  const thread = threadView(ctx, () => model.myId, true);
  const count = h("span", { class: "badge", hidden: true });
  const heading = h("h2", { id: "facilitators-heading" }, t("support.talk_with_the_facilitators"), count);
  const done = h("p", { class: "hint", role: "status" });
  const phrases = h(
    "div",
    { class: "quick-phrases", role: "group", "aria-label": t("support.ask_for_help_in_one") },
    ...quickPhrases.map((phrase) => {
      const b = h("button", { type: "button", class: "secondary" }, phrase);
      b.addEventListener("click", async () => {
        if (await ctx.send({ case: "sendThreadMessage", value: { text: phrase, note: ThreadNote.NEEDS_SUPPORT } }))
          done.textContent = t("support.sent", { phrase });
      });
      return b;
    }),
  );
  const askOne = h("button", { type: "button", class: "secondary" }, t("support.ask_for_a_one_to"));
  askOne.addEventListener("click", async () => {
    if (
      await ctx.send({
        case: "sendThreadMessage",
        value: {
          text: t("support.i_would_like_a_one"),
          note: ThreadNote.ASKS_ONE_TO_ONE,
        },
      })
    )
      done.textContent = t("support.asked_a_facilitator_will_answer");
  });
  const element = h(
    "section",
    { class: "panel support", id: "facilitators", "aria-labelledby": "facilitators-heading", hidden: true },
    heading,
    h(
      "p",
      { class: "hint" },
      t("support.only_you_and_the_facilitators"),
      h("kbd", {}, "Alt+Shift+H"),
      t("support.brings_you_here_from_anywhere"),
    ),
    phrases,
    askOne,
    done,
    thread.element,
  );
  element.addEventListener("focusin", () => thread.markRead());

  function render(): void {
    const me = ctx.me();
    element.hidden = me?.role !== Role.PARTICIPANT;
    if (element.hidden) return;
    const unread = model.unread(model.myId);
    count.hidden = unread === 0;
    count.textContent = t("conversations_console.new", { n: unread });
    phrases.hidden = !model.live();
    askOne.hidden = model.phase !== RoomPhase.PREPARING && model.phase !== RoomPhase.LOBBY;
    thread.render();
    if (element.contains(document.activeElement)) thread.markRead();
  }

  return { element, render, focus: () => thread.focus() };
}
