// Who has the floor, and the clock. The clock is drawn every second but never announced
// every second: it is a timer region that screen readers read on demand, and the things
// that matter to this person are announced once ("you have the floor", "30 seconds left").
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
  const readClock = h("button", { type: "button", class: "secondary small" }, "How long is left?");
  const yieldButton = h("button", { type: "button" }, "I have finished (give the floor back)");
  const modControls = h("span", { class: "mod-controls" });
  const element = h(
    "section",
    { class: "panel floor", "aria-labelledby": "floor-heading" },
    h("h2", { id: "floor-heading" }, "The floor"),
    h("div", { class: "floor-now" }, who, clock),
    topic,
    clockStateLine,
    state,
    h("div", { class: "button-row" }, readClock, yieldButton, modControls),
  );

  readClock.addEventListener("click", () => {
    const left = ctx.model.remainingMs();
    ctx.announcer.personal(
      left === null ? "Nobody has the floor." : left >= 0 ? `${duration(left)} left.` : `${duration(-left)} over time.`,
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
      who.textContent = "Nobody has the floor.";
      topic.textContent = "";
      state.textContent = "";
    } else {
      const member = ctx.model.members.get(holder);
      const mine = holder === me?.memberId;
      who.textContent = mine ? "You have the floor." : `${member?.displayName ?? "Someone"} has the floor.`;
      topic.textContent = `${handKindName(f!.kind)}${f!.topic ? `: ${f!.topic}` : ""}`;
      const notes: string[] = [];
      if (member && !member.present)
        notes.push(`${member.displayName} has lost their connection; the clock keeps running`);
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
            holder ? "Pass the floor to the next person" : "Give the floor to the next person",
            "next",
            () => void ctx.send({ case: "grantFloor", value: {} }),
          ),
        );
      if (holder) {
        modControls.append(
          modButton("End this turn", "end", () => void ctx.send({ case: "endTurn", value: {} })),
          f!.paused
            ? modButton("Resume the clock", "clock", () => void ctx.send({ case: "resumeClock", value: {} }))
            : modButton("Pause the clock", "clock", () => void ctx.send({ case: "pauseClock", value: {} })),
          modButton("Add 30 seconds", "add30", () => void ctx.send({ case: "addTime", value: { seconds: 30 } })),
          modButton("Add 1 minute", "add60", () => void ctx.send({ case: "addTime", value: { seconds: 60 } })),
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
    warning: ["warning", "Time is nearly up"],
    timeUp: ["clock", "Time is up"],
    paused: ["pause", "Clock paused"],
  };
  const shown = words[state];
  line.hidden = !shown;
  if (line.dataset.state !== state) withIcon(line, shown?.[0] ?? null, shown?.[1] ?? "");
  line.dataset.state = state;
}
