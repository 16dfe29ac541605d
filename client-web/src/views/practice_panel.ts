// The practice area, before the meeting: a participant tries the meeting's controls on a
// practice copy — raising and lowering a hand, reacting, asking for a pause, writing a
// message — and reads and hears what each does. Nothing leaves this page: nothing is sent,
// recorded or seen by anyone else.
import { t } from "../i18n/i18n";
import { h, uid } from "../dom";
import { Role, RoomPhase } from "../protocol";
import type { RoomContext } from "./room_context";

export function practicePanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const log = h("ol", { class: "practice-log", "aria-label": t("practice.what_happened_in_practice") });
  const said = h("p", { class: "practice-said", role: "status" });
  let handUp = false;

  function happened(what: string, explanation: string): void {
    log.append(h("li", {}, h("strong", {}, what), " ", explanation));
    said.textContent = `${what} ${explanation}`;
  }

  const raise = h("button", { type: "button", class: "secondary" }, t("practice.raise_my_hand"));
  raise.addEventListener("click", () => {
    handUp = !handUp;
    raise.textContent = handUp ? t("practice.lower_my_hand") : t("practice.raise_my_hand");
    if (handUp) happened(t("practice.your_hand_is_up_you"), t("practice.in_the_meeting_everyone_sees"));
    else happened(t("practice.your_hand_is_down"), t("practice.in_the_meeting_you_leave"));
  });
  const react = h("button", { type: "button", class: "secondary" }, t("practice.react_agree"));
  react.addEventListener("click", () =>
    happened(t("practice.you_reacted_agree"), t("practice.in_the_meeting_the_person")),
  );
  const pause = h("button", { type: "button", class: "secondary" }, t("practice.ask_for_a_pause"));
  pause.addEventListener("click", () =>
    happened(t("practice.you_asked_for_a_pause"), t("practice.in_the_meeting_the_moderators")),
  );
  const textId = uid("practice-text");
  const text = h("textarea", { id: textId, rows: 2 });
  const write = h(
    "form",
    { class: "stack" },
    h("label", { for: textId }, t("practice.try_writing_a_message")),
    text,
    h("button", { type: "submit", class: "secondary" }, t("practice.send_practice")),
  );
  write.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    happened(t("practice.you_wrote", { text: text.value.trim() }), t("practice.in_the_meeting_everyone_would"));
    text.value = "";
  });
  const element = h(
    "section",
    { class: "panel practice", "aria-labelledby": "practice-heading", hidden: true },
    h("h2", { id: "practice-heading" }, t("practice.practise_before_the_meeting")),
    h("p", { class: "hint" }, t("practice.try_the_controls_here_nothing")),
    h("div", { class: "button-row" }, raise, react, pause),
    write,
    said,
    log,
  );

  return {
    element,
    render() {
      const phase = ctx.model.phase;
      element.hidden =
        ctx.me()?.role !== Role.PARTICIPANT || (phase !== RoomPhase.PREPARING && phase !== RoomPhase.LOBBY);
    },
  };
}
