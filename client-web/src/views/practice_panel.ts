// The practice area, before the meeting: a participant tries the meeting's controls on a
// practice copy — raising and lowering a hand, reacting, asking for a pause, writing a
// message — and reads and hears what each does. Nothing leaves this page: nothing is sent,
// recorded or seen by anyone else.
import { h, uid } from "../dom";
import { Role, RoomPhase } from "../protocol";
import type { RoomContext } from "./room_context";

export function practicePanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const log = h("ol", { class: "practice-log", "aria-label": "What happened in practice" });
  const said = h("p", { class: "practice-said", role: "status" });
  let handUp = false;

  function happened(what: string, explanation: string): void {
    log.append(h("li", {}, h("strong", {}, what), " ", explanation));
    said.textContent = `${what} ${explanation}`;
  }

  const raise = h("button", { type: "button", class: "secondary" }, "Raise my hand");
  raise.addEventListener("click", () => {
    handUp = !handUp;
    raise.textContent = handUp ? "Lower my hand" : "Raise my hand";
    if (handUp)
      happened(
        "Your hand is up: you are 1st in the queue.",
        "In the meeting, everyone sees the queue, and the moderator gives you the floor when it is your turn.",
      );
    else happened("Your hand is down.", "In the meeting, you leave the queue; you can raise it again at any time.");
  });
  const react = h("button", { type: "button", class: "secondary" }, "React: agree");
  react.addEventListener("click", () =>
    happened(
      "You reacted “Agree”.",
      "In the meeting, the person speaking and the moderators see it, without interrupting.",
    ),
  );
  const pause = h("button", { type: "button", class: "secondary" }, "Ask for a pause");
  pause.addEventListener("click", () =>
    happened(
      "You asked for a pause.",
      "In the meeting, the moderators see how many have asked; you can ask without your name.",
    ),
  );
  const textId = uid("practice-text");
  const text = h("textarea", { id: textId, rows: 2 });
  const write = h(
    "form",
    { class: "stack" },
    h("label", { for: textId }, "Try writing a message"),
    text,
    h("button", { type: "submit", class: "secondary" }, "Send (practice)"),
  );
  write.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    happened(
      `You wrote: “${text.value.trim()}”.`,
      "In the meeting, everyone would see it in the conversation, with your name unless you choose otherwise.",
    );
    text.value = "";
  });
  const element = h(
    "section",
    { class: "panel practice", "aria-labelledby": "practice-heading", hidden: true },
    h("h2", { id: "practice-heading" }, "Practise before the meeting"),
    h("p", { class: "hint" }, "Try the controls here. Nothing is sent or recorded, and nobody else sees it."),
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
