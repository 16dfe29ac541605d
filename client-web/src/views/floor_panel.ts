// Who has the floor, and the clock. The clock is drawn every second but never announced
// every second: it is a timer region that screen readers read on demand, and the things
// that matter to this person are announced once ("you have the floor", "30 seconds left").
import { t } from "../i18n/i18n";
import { focusInstead, h, keepFocus } from "../dom";
import { withIcon, type IconName } from "./icons";
import { Role } from "../protocol";
import { clockLabel, duration, handKindName, type ClockState } from "../room_model";
import type { RoomContext } from "./room_context";

export interface FloorPanel {
  element: HTMLElement;
  render(): void;
}

export function floorPanel(ctx: RoomContext): FloorPanel {
  const who = h("p", { class: "floor-holder" });
  const topic = h("p", { class: "floor-topic hint" });
  const clock = h("p", { class: "floor-clock", role: "timer", "aria-live": "off", "aria-atomic": "true" });
  // The clock's state in words and an icon as well as colour: never colour alone.
  const clockStateLine = h("p", { class: "clock-state", hidden: true });
  const state = h("p", { class: "floor-state" });
  const readClock = h("button", { type: "button", class: "secondary small" }, t("floor.how_long_is_left"));
  const yieldButton = h("button", { type: "button" }, t("floor.i_have_finished_give_the"));
  const modControls = h("span", { class: "mod-controls" });
  const element = h(
    "section",
    { class: "panel floor", "aria-labelledby": "floor-heading" },
    h("h2", { id: "floor-heading" }, t("floor.the_floor")),
    h("div", { class: "floor-now" }, who, clock),
    topic,
    clockStateLine,
    state,
    h("div", { class: "button-row" }, readClock, yieldButton, modControls),
  );

  readClock.addEventListener("click", () => {
    const left = ctx.model.remainingMs();
    ctx.announcer.personal(
      left === null
        ? t("floor.nobody_has_the_floor")
        : left >= 0
          ? t("floor.left", { time: duration(left) })
          : t("floor.over_time", { time: duration(-left) }),
    );
  });
  yieldButton.addEventListener("click", async () => {
    await ctx.send({ case: "yieldFloor", value: {} });
    focusInstead(element, who); // the button is gone: focus on who has the floor now
  });

  const modButton = (label: string, key: string, action: () => void) => {
    const b = h("button", { type: "button", class: "secondary small", "data-focus-key": key }, label);
    b.addEventListener("click", action);
    return b;
  };

  function tick(): void {
    const left = ctx.model.remainingMs();
    const clockState = ctx.model.clockState();
    element.dataset.clock = clockState;
    showClockState(clockStateLine, clockState);
    if (left === null) {
      clock.textContent = "";
      clock.hidden = true;
      return;
    }
    clock.hidden = false;
    clock.textContent = clockLabel(left);
  }
  window.setInterval(tick, 1000);

  function render(): void {
    const f = ctx.model.floor;
    const me = ctx.me();
    const holder = f?.holderMemberId ?? "";
    if (!holder) {
      who.textContent = t("floor.nobody_has_the_floor");
      topic.textContent = "";
      state.textContent = "";
    } else {
      const member = ctx.model.members.get(holder);
      const mine = holder === me?.memberId;
      who.textContent = mine
        ? t("floor.you_have_the_floor")
        : t("floor.has_the_floor", { who: member?.displayName ?? t("floor.someone") });
      topic.textContent = `${handKindName(f!.kind)}${f!.topic ? `: ${f!.topic}` : ""}`;
      const notes: string[] = [];
      if (member && !member.present) notes.push(t("floor.lost_connection", { who: member.displayName }));
      state.textContent = notes.join(". ");
    }
    yieldButton.hidden = !holder || holder !== me?.memberId;
    readClock.hidden = !holder; // nothing to ask while nobody has the floor
    const moderator = me?.role === Role.MODERATOR;
    keepFocus(modControls, () => renderModControls(moderator, holder));
    tick();
  }

  function renderModControls(moderator: boolean, holder: string): void {
    const f = ctx.model.floor;
    modControls.replaceChildren();
    if (moderator) {
      if (ctx.model.queue.length > 0)
        modControls.append(
          modButton(
            holder ? t("floor.pass_the_floor_to_the") : t("floor.give_the_floor_to_the"),
            "next",
            () => void ctx.send({ case: "grantFloor", value: {} }),
          ),
        );
      if (holder) {
        modControls.append(
          modButton(t("floor.end_this_turn"), "end", () => void ctx.send({ case: "endTurn", value: {} })),
          f!.paused
            ? modButton(t("floor.resume_the_clock"), "clock", () => void ctx.send({ case: "resumeClock", value: {} }))
            : modButton(t("floor.pause_the_clock"), "clock", () => void ctx.send({ case: "pauseClock", value: {} })),
          modButton(
            t("floor.add_30_seconds"),
            "add30",
            () => void ctx.send({ case: "addTime", value: { seconds: 30 } }),
          ),
          modButton(t("floor.add_1_minute"), "add60", () => void ctx.send({ case: "addTime", value: { seconds: 60 } })),
        );
      }
    }
  }

  return { element, render };
}

// The line under a clock that says its state in words, with an icon: "Time is nearly up",
// "Time is up", "Clock paused".
export function showClockState(line: HTMLElement, state: ClockState): void {
  const words: Partial<Record<ClockState, [IconName, string]>> = {
    warning: ["warning", t("floor.time_is_nearly_up")],
    timeUp: ["clock", t("floor.time_is_up")],
    paused: ["pause", t("floor.clock_paused")],
  };
  const shown = words[state];
  line.hidden = !shown;
  if (line.dataset.state !== state) withIcon(line, shown?.[0] ?? null, shown?.[1] ?? "");
  line.dataset.state = state;
}
