// A private invitation to speak, shown only to the person invited. It asks, and waits:
// it does not take focus away from what they are doing, and every answer is fine.
import { h } from "../dom";
import { InvitationAnswer } from "../protocol";
import type { RoomContext } from "./room_context";
import type { Change } from "../room_model";

export function invitationPrompt(ctx: RoomContext): {
  element: HTMLElement;
  render(): void;
  shows: readonly Change["kind"][];
} {
  const element = h("section", { class: "panel invitation", "aria-labelledby": "invitation-heading", hidden: true });
  return {
    element,
    // Built again only when an invitation comes or is answered, so that its buttons keep focus.
    shows: ["invited", "answered"],
    render() {
      const me = ctx.me();
      const mine = [...ctx.model.invitations.values()].filter((i) => i.memberId === me?.memberId);
      element.hidden = mine.length === 0;
      if (!mine.length) return;
      const invitation = mine[mine.length - 1];
      const answer = (label: string, value: InvitationAnswer, cls = "secondary") => {
        const b = h("button", { type: "button", class: cls }, label);
        b.addEventListener(
          "click",
          () =>
            void ctx.send({
              case: "answerInvitation",
              value: { invitationId: invitation.invitationId, answer: value },
            }),
        );
        return b;
      };
      element.replaceChildren(
        h("h2", { id: "invitation-heading" }, "You are invited to speak"),
        h("p", {}, invitation.note || "The moderator would like to hear from you, if you wish."),
        h("p", { class: "hint" }, "Only you and the moderators see this. Any answer is fine."),
        h(
          "div",
          { class: "button-row" },
          answer("Yes, put me in the queue", InvitationAnswer.ACCEPT, ""),
          answer("Not now", InvitationAnswer.DECLINE),
          answer("I would like some support first", InvitationAnswer.ASK_SUPPORT),
        ),
      );
    },
  };
}
