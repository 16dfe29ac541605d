// A private invitation to speak, shown only to the person invited. It asks, and waits:
// it does not take focus away from what they are doing, and every answer is fine.
import { t } from "../i18n/i18n";
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
        h("h2", { id: "invitation-heading" }, t("invitation_prompt.you_are_invited_to_speak")),
        h("p", {}, invitation.note || t("invitation_prompt.the_moderator_would_like_to")),
        h("p", { class: "hint" }, t("invitation_prompt.only_you_and_the_moderators")),
        h(
          "div",
          { class: "button-row" },
          answer(t("invitation_prompt.yes_put_me_in_the"), InvitationAnswer.ACCEPT, ""),
          answer(t("invitation_prompt.not_now"), InvitationAnswer.DECLINE),
          answer(t("invitation_prompt.i_would_like_some_support"), InvitationAnswer.ASK_SUPPORT),
        ),
      );
    },
  };
}
