// The room's life, in words for everyone ("Preparing: the meeting has not started yet"),
// and for moderators the step that moves it on: open the lobby, start the meeting, close it.
// Closing cannot be undone, so it asks once more.
import { h, keepFocus } from "../dom";
import { Role, RoomPhase } from "../protocol";
import type { RoomContext } from "./room_context";

const words: Record<RoomPhase, string> = {
  [RoomPhase.PREPARING]:
    "Preparing: the meeting has not started yet. You can read the purpose, say what helps you take part, and come back with your link.",
  [RoomPhase.LOBBY]: "The meeting starts soon: people are gathering.",
  [RoomPhase.LIVE]: "",
  [RoomPhase.CLOSED]: "This meeting has closed. Its record is kept and can be read here.",
};

export interface PhasePanel {
  banner: HTMLElement; // for the top of the view
  tools: HTMLElement; // for the moderator's console
  render(): void;
}

export function phasePanel(ctx: RoomContext): PhasePanel {
  const banner = h("p", { class: "phase-banner", role: "status", hidden: true });
  const state = h("p", { tabindex: "-1" });
  const actions = h("div", { class: "button-row" });
  const tools = h("div", { class: "stack" }, h("h3", {}, "The meeting"), state, actions);
  let confirmingClose = false;

  const step = (label: string, phase: RoomPhase, cls = "secondary") => {
    const b = h("button", { type: "button", class: cls, "data-focus-key": `phase-${phase}` }, label);
    b.addEventListener("click", async () => {
      if (phase === RoomPhase.CLOSED && !confirmingClose) {
        confirmingClose = true;
        render();
        actions.querySelector<HTMLButtonElement>("button")?.focus();
        return;
      }
      confirmingClose = false;
      await ctx.send({ case: "setRoomPhase", value: { phase } });
      render();
      // The button pressed is gone: focus goes to the next step, or to where the meeting stands.
      (actions.querySelector<HTMLButtonElement>("button") ?? state).focus();
    });
    return b;
  };

  // Rebuilt on every change in the room: focus stays on the step it was on.
  function render(): void {
    keepFocus(actions, build);
  }

  function build(): void {
    const phase = ctx.model.phase;
    // The banner speaks to participants; moderators have the same in their console.
    banner.hidden = phase === RoomPhase.LIVE || ctx.me()?.role === Role.MODERATOR;
    banner.textContent = words[phase] ?? "";
    tools.hidden = ctx.me()?.role !== Role.MODERATOR;
    state.textContent =
      phase === RoomPhase.PREPARING
        ? "Preparing."
        : phase === RoomPhase.LOBBY
          ? "In the lobby: people are gathering."
          : phase === RoomPhase.LIVE
            ? "The meeting is live."
            : "The meeting has closed.";
    if (confirmingClose) {
      const cancel = h("button", { type: "button", class: "secondary", "data-focus-key": "keep-open" }, "Keep it open");
      cancel.addEventListener("click", () => {
        confirmingClose = false;
        render();
        actions.querySelector<HTMLButtonElement>("button")?.focus();
      });
      actions.replaceChildren(
        h("p", { class: "hint" }, "Closing cannot be undone: nothing new can be added afterwards."),
        step("Yes, close the meeting", RoomPhase.CLOSED, ""),
        cancel,
      );
      return;
    }
    const next: [string, RoomPhase][] =
      phase === RoomPhase.PREPARING
        ? [
            ["Open the lobby", RoomPhase.LOBBY],
            ["Start the meeting", RoomPhase.LIVE],
          ]
        : phase === RoomPhase.LOBBY
          ? [["Start the meeting", RoomPhase.LIVE]]
          : phase === RoomPhase.LIVE
            ? [["Close the meeting", RoomPhase.CLOSED]]
            : [];
    actions.replaceChildren(...next.map(([label, p]) => step(label, p)));
  }

  return { banner, tools, render };
}
