// This person's own state, always in view (it sticks to the top of the screen on every
// size): the floor and its clock when they have it, their place in the queue, an invitation
// or a question waiting for their answer, a pause. Each has a "Go to it" that moves focus there. At
// an important moment of their own the bar says so, and moves focus there too if they chose
// that in the display settings.
import { t } from "../i18n/i18n";
import { focusInstead, h, keepFocus } from "../dom";
import { Role, RoomPhase } from "../protocol";
import { clockLabel } from "../room_model";
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
  const element = h("section", { class: "status-bar", "aria-label": t("status_bar.your_status") }, items);

  const goTo = (place: Place) => focusPlace(place);

  function entry(text: string, place: Place | null, cls = "", mark: IconName | null = null): HTMLElement {
    const words = h("span", {});
    withIcon(words, mark, text);
    // Its shape: two entries of one shape differ only in their words (e.g. the clock).
    const li = h("li", { class: `status-item ${cls}`, "data-shape": `${cls}|${place ?? ""}|${mark ?? ""}` }, words);
    if (place) {
      const link = h("button", { type: "button", class: "link", "data-focus-key": place }, t("status_bar.go_to_it"));
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
          ? t("status_bar.floor_time_up", { clock: clockLabel(left) })
          : state === "paused"
            ? t("status_bar.floor_paused", { clock: clockLabel(left) })
            : t("status_bar.floor_clock", { clock: clockLabel(left) });
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
      if (place === 1) list.push(entry(t("status_bar.you_are_next_to_speak"), "queue-heading"));
      else if (place > 1) list.push(entry(t("status_bar.place_in_queue", { place }), "queue-heading"));
    }
    if ([...model.invitations.values()].some((i) => i.memberId === me.memberId))
      list.push(entry(t("status_bar.you_are_invited_to_speak"), "invitation-heading", "attention"));
    const waiting = [...model.questions.values()].filter(
      (q) =>
        (me.role === Role.PARTICIPANT || (me.role === Role.OBSERVER && q.question?.settings?.observersMayAnswer)) &&
        !model.hasAnswered(q),
    ).length;
    if (waiting)
      list.push(
        entry(
          waiting === 1 ? t("status_bar.a_question_waits_for_your") : t("status_bar.questions_wait", { n: waiting }),
          "decisions-heading",
          "attention",
        ),
      );
    if (model.paused) {
      const paused = entry(t("status_bar.the_room_is_paused"), null);
      // The moderator ends it from here, wherever they are on the page.
      if (me.role === Role.MODERATOR) {
        const end = h(
          "button",
          { type: "button", class: "secondary small", "data-focus-key": "end-pause" },
          t("status_bar.end_the_pause"),
        );
        end.addEventListener("click", async () => {
          if (await ctx.send({ case: "setPaused", value: { paused: false } })) focusInstead(element, items);
        });
        paused.append(" ", end);
        paused.dataset.shape += "|end";
      }
      list.push(paused);
    }
    const unread = model.unreadTotal();
    if (unread > 0)
      list.push(
        me.role === Role.MODERATOR
          ? entry(t("status_bar.unread_participants", { n: unread }), "conversations-heading", "attention")
          : entry(t("status_bar.new_from_facilitators", { n: unread }), "facilitators-heading", "attention"),
      );
    const closed = model.phase === RoomPhase.CLOSED;
    const f = model.myFollowUp;
    if (closed && me.role === Role.PARTICIPANT && !(f && (f.feltHeard || f.couldSay || f.changeNextTime)))
      list.push(entry(t("status_bar.the_follow_up_survey_waits"), "follow-up-heading", "attention"));
    if (list.length === 0) {
      // Where the meeting is, in words, as well as that nothing waits.
      const where = closed
        ? t("status_bar.the_meeting_has_closed")
        : model.phase === RoomPhase.LIVE
          ? t("status_bar.the_meeting_is_on")
          : model.phase === RoomPhase.LOBBY
            ? t("status_bar.the_meeting_starts_soon")
            : t("status_bar.the_meeting_has_not_started");
      list.push(
        entry(
          me.role === Role.MODERATOR ? t("status_bar.moderating", { where }) : t("status_bar.nothing_waits", { where }),
          null,
          "quiet",
        ),
      );
    }
    if (!updateWords(list)) keepFocus(items, () => items.replaceChildren(...list));
  }

  // When only the words changed (the clock ticks every second), they are changed in place:
  // a screen reader's or a test's hold on an entry, and focus on its button, stay.
  function updateWords(list: HTMLElement[]): boolean {
    const shown = [...items.children] as HTMLElement[];
    if (shown.length !== list.length || shown.some((li, i) => li.dataset.shape !== list[i].dataset.shape)) return false;
    shown.forEach((li, i) => {
      const [now, next] = [li.firstElementChild, list[i].firstElementChild];
      if (now && next && now.textContent !== next.textContent) now.replaceChildren(...next.childNodes);
    });
    return true;
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
