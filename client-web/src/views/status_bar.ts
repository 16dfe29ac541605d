// This person's own state, always in view (it sticks to the top of the screen on every
// size): the floor and its clock when they have it, their place in the queue, an invitation
// or a question waiting for their answer, a pause. Each has a "Go to it" that moves focus there. At
// an important moment of their own the bar says so, and moves focus there too if they chose
// that in the display settings.
import { focusInstead, h, keepFocus } from "../dom";
import { Role, RoomPhase } from "../protocol";
import { clockLabel, ordinal } from "../room_model";
import { loadSettings } from "../settings";
import { withIcon, type IconName } from "./icons";
import type { RoomContext } from "./room_context";
import { focusPlace } from "./shell";

// Where each "Go to it" leads: the heading of a panel.
export type Place =
  | "floor-heading"
  | "queue-heading"
  | "invitation-heading"
  | "decisions-heading"
  | "conversation-heading"
  | "facilitators-heading"
  | "conversations-heading"
  | "follow-up-heading";

export interface StatusBar {
  element: HTMLElement;
  render(): void;
  // Something of this person's happened: offer it, or go there, as they chose.
  moment(place: Place): void;
  // Moves focus to a place, opening the console tab that holds it if need be.
  goTo(place: Place): void;
}

export function statusBar(ctx: RoomContext): StatusBar {
  const { model } = ctx;
  const items = h("ul", { class: "status-items" });
  const element = h("section", { class: "status-bar", "aria-label": "Your status" }, items);

  const goTo = (place: Place) => focusPlace(place);

  function entry(text: string, place: Place | null, cls = "", mark: IconName | null = null): HTMLElement {
    const words = h("span", {});
    withIcon(words, mark, text);
    const li = h("li", { class: `status-item ${cls}` }, words);
    if (place) {
      const link = h("button", { type: "button", class: "link", "data-focus-key": place }, "Go to it");
      link.addEventListener("click", () => goTo(place));
      li.append(" ", link);
    }
    return li;
  }

  function render(): void {
    const me = ctx.me();
    if (!me) return;
    const list: HTMLElement[] = [];
    if (model.holder() === me.memberId) {
      const left = model.remainingMs() ?? 0;
      const state = model.clockState();
      const text =
        state === "timeUp"
          ? `You have the floor — time is up (${clockLabel(left)})`
          : state === "warning"
            ? `You have the floor — ${clockLabel(left)}`
            : state === "paused"
              ? `You have the floor — clock paused, ${clockLabel(left)}`
              : `You have the floor — ${clockLabel(left)}`;
      list.push(
        entry(
          text,
          "floor-heading",
          `clock-${state}`,
          state === "timeUp" ? "clock" : state === "warning" ? "warning" : null,
        ),
      );
    } else {
      const place = model.placeOf(me.memberId);
      if (place === 1) list.push(entry("You are next to speak", "queue-heading"));
      else if (place > 1) list.push(entry(`You are ${ordinal(place)} in the queue`, "queue-heading"));
    }
    if ([...model.invitations.values()].some((i) => i.memberId === me.memberId))
      list.push(entry("You are invited to speak", "invitation-heading", "attention"));
    const waiting = [...model.questions.values()].filter(
      (q) =>
        (me.role === Role.PARTICIPANT || (me.role === Role.OBSERVER && q.question?.settings?.observersMayAnswer)) &&
        !model.hasAnswered(q),
    ).length;
    if (waiting)
      list.push(
        entry(
          waiting === 1 ? "A question waits for your answer" : `${waiting} questions wait for your answer`,
          "decisions-heading",
          "attention",
        ),
      );
    if (model.paused) {
      const paused = entry("The room is paused", null);
      // The moderator ends it from here, wherever they are on the page.
      if (me.role === Role.MODERATOR) {
        const end = h(
          "button",
          { type: "button", class: "secondary small", "data-focus-key": "end-pause" },
          "End the pause",
        );
        end.addEventListener("click", async () => {
          if (await ctx.send({ case: "setPaused", value: { paused: false } })) focusInstead(element, items);
        });
        paused.append(" ", end);
      }
      list.push(paused);
    }
    const unread = model.unreadTotal();
    if (unread > 0)
      list.push(
        me.role === Role.MODERATOR
          ? entry(`${unread} unread in conversations with participants`, "conversations-heading", "attention")
          : entry(`${unread} new from the facilitators`, "facilitators-heading", "attention"),
      );
    const closed = model.phase === RoomPhase.CLOSED;
    const f = model.myFollowUp;
    if (closed && me.role === Role.PARTICIPANT && !(f && (f.feltHeard || f.couldSay || f.changeNextTime)))
      list.push(entry("The follow-up survey waits for your answers", "follow-up-heading", "attention"));
    if (list.length === 0) {
      // Where the meeting is, in words, as well as that nothing waits.
      const where = closed
        ? "The meeting has closed"
        : model.phase === RoomPhase.LIVE
          ? "The meeting is on"
          : model.phase === RoomPhase.LOBBY
            ? "The meeting starts soon"
            : "The meeting has not started";
      list.push(
        entry(
          me.role === Role.MODERATOR ? `You are moderating. ${where}.` : `${where}: nothing waits for you`,
          null,
          "quiet",
        ),
      );
    }
    keepFocus(items, () => items.replaceChildren(...list));
  }

  window.setInterval(() => {
    if (model.holder() && model.holder() === ctx.me()?.memberId) render();
  }, 1000);

  return {
    element,
    render,
    goTo,
    moment(place: Place) {
      render();
      if (loadSettings().personalFocus === "move") goTo(place);
    },
  };
}
