// Quick reactions that never take the floor. Each shows how many times it was given.
import { easyIcon } from "./icons";
import { t } from "../i18n/i18n";
import { h } from "../dom";
import { ReactionKind, Role } from "../protocol";
import { reactionName } from "../room_model";
import type { RoomContext } from "./room_context";
import type { Change } from "../room_model";

const kinds = [ReactionKind.AGREE, ReactionKind.DISAGREE, ReactionKind.PLEASE_CLARIFY, ReactionKind.LOUDER_SLOWER];

export function reactionsBar(ctx: RoomContext): {
  element: HTMLElement;
  render(): void;
  shows: readonly Change["kind"][];
} {
  const buttons = kinds.map((kind) => {
    const count = h("span", { class: "count" });
    const b = h(
      "button",
      { type: "button", class: "secondary small reaction" },
      easyIcon("react"),
      reactionName(kind),
      count,
    );
    b.addEventListener("click", () => void ctx.send({ case: "react", value: { kind } }));
    return { kind, b, count };
  });
  const element = h(
    "section",
    { class: "reactions", "aria-labelledby": "reactions-heading" },
    h("h2", { id: "reactions-heading", class: "small-heading" }, t("reactions_bar.quick_reactions")),
    h("div", { class: "button-row" }, ...buttons.map((x) => x.b)),
  );
  return {
    element,
    shows: ["reaction", "role"],
    render() {
      element.hidden = ctx.me()?.role === Role.OBSERVER;
      for (const { kind, count } of buttons) {
        const n = ctx.model.reactions.get(kind) ?? 0;
        count.textContent = n ? ` (${n})` : "";
      }
    },
  };
}
