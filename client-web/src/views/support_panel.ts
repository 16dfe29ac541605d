// A participant's conversation with the facilitators, reachable from every screen
// (Alt+Shift+H): before the meeting, to ask for a one-to-one conversation and talk it
// through; during it, to ask for help in a word ("I need a break") or ask for a point to be
// raised for them, with or without their name; after it, to say anything else.
import { h } from "../dom";
import { Role, RoomPhase, ThreadNote } from "../protocol";
import type { RoomContext } from "./room_context";
import { threadView } from "./thread_view";

// Said in one press, when words are hard to find.
export const quickPhrases = ["I didn't understand", "I need a break", "I'm finding this hard"];

export interface SupportPanel {
  element: HTMLElement;
  render(): void;
  focus(): void;
}

export function supportPanel(ctx: RoomContext): SupportPanel {
  const { model } = ctx;
  const thread = threadView(ctx, () => model.myId, true);
  const count = h("span", { class: "badge", hidden: true });
  const heading = h("h2", { id: "facilitators-heading" }, "Talk with the facilitators ", count);
  const done = h("p", { class: "hint", role: "status" });
  const phrases = h(
    "div",
    { class: "quick-phrases", role: "group", "aria-label": "Ask for help in one press" },
    ...quickPhrases.map((phrase) => {
      const b = h("button", { type: "button", class: "secondary" }, phrase);
      b.addEventListener("click", async () => {
        if (await ctx.send({ case: "sendThreadMessage", value: { text: phrase, note: ThreadNote.NEEDS_SUPPORT } }))
          done.textContent = `Sent: “${phrase}”. A facilitator will answer here.`;
      });
      return b;
    }),
  );
  const askOne = h("button", { type: "button", class: "secondary" }, "Ask for a one-to-one conversation");
  askOne.addEventListener("click", async () => {
    if (
      await ctx.send({
        case: "sendThreadMessage",
        value: {
          text: "I would like a one-to-one conversation before the meeting.",
          note: ThreadNote.ASKS_ONE_TO_ONE,
        },
      })
    )
      done.textContent = "Asked. A facilitator will answer here, and you can agree a time together.";
  });
  const element = h(
    "section",
    { class: "panel support", id: "facilitators", "aria-labelledby": "facilitators-heading", hidden: true },
    heading,
    h(
      "p",
      { class: "hint" },
      "Only you and the facilitators read this conversation. It is not part of the meeting's record. ",
      h("kbd", {}, "Alt+Shift+H"),
      " brings you here from anywhere.",
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
    count.textContent = `${unread} new`;
    phrases.hidden = !model.live();
    askOne.hidden = model.phase !== RoomPhase.PREPARING && model.phase !== RoomPhase.LOBBY;
    thread.render();
    if (element.contains(document.activeElement)) thread.markRead();
  }

  return { element, render, focus: () => thread.focus() };
}
