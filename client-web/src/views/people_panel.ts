// Who is here: people online and people in the physical room together, with pronouns and
// roles. Moderators also see, beside each name, what the person said would help them (their
// join note, and their needs where they agreed to share them); each person sees their own.
// The room's shared screen is not a person and is never listed or counted. Moderators can
// remove someone (who may come back), remove and ban them (their device is refused from then
// on), and let a banned person back.
import { t } from "../i18n/i18n";
import { focusInstead, h } from "../dom";
import { Role, type AccessNeeds, type Member } from "../protocol";
import { roleLabel } from "../room_model";
import type { RoomContext } from "./room_context";

export const needLabels: [keyof Omit<AccessNeeds, "$typeName" | "shareWithModerators">, string][] = [
  ["slowerPace", t("people.a_slower_pace")],
  ["largerText", t("people.larger_text")],
  ["highContrast", t("people.high_contrast")],
  ["reducedMotion", t("people.less_movement_on_screen")],
  ["plainLanguage", t("people.plain_language")],
  ["captions", t("people.captions")],
  ["extraTime", t("people.extra_time_to_respond")],
  ["checkIn", t("people.i_d_like_the_facilitator")],
];

// "larger text, captions": the needs set in needs, in words.
export function needsText(needs: AccessNeeds | undefined): string {
  if (!needs) return "";
  return needLabels
    .filter(([key]) => needs[key])
    .map(([, label]) => label.toLowerCase())
    .join(", ");
}

export function peoplePanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const { model } = ctx;
  const heading = h("h2", { id: "people-heading" }, t("people.people_here"));
  const people = h("ul", { class: "people", "aria-labelledby": "people-heading" });
  const away = h("ul", { class: "people away" });
  const awayDetails = h("details", { class: "away-details" }, h("summary", {}, t("people.not_here_now")), away);
  const element = h(
    "section",
    { class: "panel people-panel", id: "people", "aria-labelledby": "people-heading" },
    heading,
    people,
    awayDetails,
  );

  function sharedNeeds(memberId: string): AccessNeeds | undefined {
    return model.needsSummary?.shared.find((n) => n.memberId === memberId)?.needs;
  }

  function item(m: Member): HTMLElement {
    const me = ctx.me();
    const mine = me?.memberId === m.memberId;
    const extras: string[] = [];
    if (m.pronouns) extras.push(m.pronouns);
    if (m.role !== Role.PARTICIPANT) extras.push(roleLabel(m.role));
    if (m.inRoom) extras.push(t("people.in_the_room"));
    if (m.noteTaker) extras.push(t("people.note_taker"));
    if (model.holder() === m.memberId) extras.push(t("people.has_the_floor"));
    if (mine) extras.push(t("people.you"));
    if (m.banned) extras.push(t("people.removed_by_the_facilitators"));
    const moderator = me?.role === Role.MODERATOR;
    const note = mine ? model.mySupportNote : moderator ? model.supportNote(m.memberId) : "";
    const needs = needsText(mine ? model.myNeeds : moderator ? sharedNeeds(m.memberId) : undefined);
    return h(
      "li",
      { class: m.role === Role.MODERATOR ? "moderator" : "", "data-member": m.memberId },
      h("span", { class: "name", dir: "auto" }, m.displayName),
      extras.length ? h("span", { class: "extras" }, ` (${extras.join(", ")})`) : null,
      note
        ? h(
            "p",
            { class: "support-note" },
            h("span", { class: "label" }, mine ? t("people.you_wrote") : t("people.wrote_when_joining")),
            note,
          )
        : null,
      needs ? h("p", { class: "support-note" }, h("span", { class: "label" }, t("people.needs")), needs) : null,
      moderator && !mine ? removal(m) : null,
    );
  }

  // Removing is a step with a way back: "Remove…" shows the choices, and Cancel.
  const choosing = new Set<string>();
  function removal(m: Member): HTMLElement | null {
    if (m.role === Role.MODERATOR || m.inRoom) return null;
    const act = (label: string, command: Parameters<RoomContext["send"]>[0], done: string) => {
      const b = h("button", { type: "button", class: "secondary small" }, label);
      b.addEventListener("click", async () => {
        if (await ctx.send(command)) ctx.announcer.personal(done);
        choosing.delete(m.memberId);
        render();
        // The person's controls are gone (or moved to "Not here now"): focus stays in the panel.
        focusInstead(element, heading);
      });
      return b;
    };
    if (m.banned)
      return h(
        "div",
        { class: "button-row" },
        act(
          t("people.let_back", { name: m.displayName }),
          { case: "liftBan", value: { memberId: m.memberId } },
          t("people.may_come_back", { name: m.displayName }),
        ),
      );
    if (!choosing.has(m.memberId)) {
      const open = h(
        "button",
        { type: "button", class: "secondary small", "aria-expanded": "false" },
        t("people.remove_ellipsis", { name: m.displayName }),
      );
      open.addEventListener("click", () => {
        choosing.add(m.memberId);
        render();
        (element.querySelector(`[data-member="${m.memberId}"] .removal button`) as HTMLElement | null)?.focus();
      });
      return h("div", { class: "button-row" }, open);
    }
    const cancel = h("button", { type: "button", class: "secondary small" }, t("people.cancel"));
    cancel.addEventListener("click", () => {
      choosing.delete(m.memberId);
      render();
      (element.querySelector(`[data-member="${m.memberId}"] .button-row button`) as HTMLElement | null)?.focus();
    });
    return h(
      "div",
      { class: "button-row removal", role: "group", "aria-label": t("people.remove", { name: m.displayName }) },
      m.present
        ? act(
            t("people.remove_from_the_meeting"),
            { case: "removeMember", value: { memberId: m.memberId, ban: false } },
            t("people.removed_can_come_back", { name: m.displayName }),
          )
        : null,
      act(
        t("people.remove_and_ban"),
        { case: "removeMember", value: { memberId: m.memberId, ban: true } },
        t("people.removed_for_good", { name: m.displayName }),
      ),
      cancel,
    );
  }

  function render(): void {
    const all = [...model.members.values()].filter((m) => !m.roomScreen);
    const here = all.filter((m) => m.present);
    const gone = all.filter((m) => !m.present);
    people.replaceChildren(...here.map(item));
    away.replaceChildren(...gone.map(item));
    awayDetails.hidden = gone.length === 0;
    heading.textContent = t("people.people_here_count", { n: here.length });
  }

  return { element, render };
}
