// The room's life, in words for everyone ("Preparing: the meeting has not started yet"),
// and for moderators the step that moves it on: open the lobby, start the meeting, close it.
// Closing cannot be undone, so it asks once more.
import { t } from "../i18n/i18n";
import { h, keepFocus } from "../dom";
import { Role, RoomPhase } from "../protocol";
import type { RoomContext } from "./room_context";

const words: Record<RoomPhase, string> = {
  [RoomPhase.PREPARING]: t("phase.preparing_the_meeting_has_not"),
  [RoomPhase.LOBBY]: t("phase.the_meeting_starts_soon_people"),
  [RoomPhase.LIVE]: "",
  [RoomPhase.CLOSED]: t("phase.this_meeting_has_closed_its"),
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
  const tools = h("div", { class: "stack" }, h("h3", {}, t("phase.the_meeting")), state, actions);
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
        ? t("phase.preparing")
        : phase === RoomPhase.LOBBY
          ? t("phase.in_the_lobby_people_are")
          : phase === RoomPhase.LIVE
            ? t("phase.the_meeting_is_live")
            : t("phase.the_meeting_has_closed");
    if (confirmingClose) {
      const cancel = h(
        "button",
        { type: "button", class: "secondary", "data-focus-key": "keep-open" },
        t("phase.keep_it_open"),
      );
      cancel.addEventListener("click", () => {
        confirmingClose = false;
        render();
        actions.querySelector<HTMLButtonElement>("button")?.focus();
      });
      actions.replaceChildren(
        h("p", { class: "hint" }, t("phase.closing_cannot_be_undone_nothing")),
        step(t("phase.yes_close_the_meeting"), RoomPhase.CLOSED, ""),
        cancel,
      );
      return;
    }
    const next: [string, RoomPhase][] =
      phase === RoomPhase.PREPARING
        ? [
            [t("phase.open_the_lobby"), RoomPhase.LOBBY],
            [t("phase.start_the_meeting"), RoomPhase.LIVE],
          ]
        : phase === RoomPhase.LOBBY
          ? [[t("phase.start_the_meeting"), RoomPhase.LIVE]]
          : phase === RoomPhase.LIVE
            ? [[t("phase.close_the_meeting"), RoomPhase.CLOSED]]
            : [];
    actions.replaceChildren(...next.map(([label, p]) => step(label, p)));
  }

  return { banner, tools, render };
}
