// Who is here: people online and people in the physical room together, with pronouns and
// roles. Moderators also see, beside each name, what the person said would help them (their
// join note, and their needs where they agreed to share them); each person sees their own.
// The room's shared screen is not a person and is never listed or counted.
import { h } from "../dom";
import { Role, type AccessNeeds, type Member } from "../protocol";
import { roleLabel } from "../room_model";
import type { RoomContext } from "./room_context";

export const needLabels: [keyof Omit<AccessNeeds, "$typeName" | "shareWithModerators">, string][] = [
  ["slowerPace", "A slower pace"],
  ["largerText", "Larger text"],
  ["highContrast", "High contrast"],
  ["reducedMotion", "Less movement on screen"],
  ["plainLanguage", "Plain language"],
  ["captions", "Captions"],
  ["extraTime", "Extra time to respond"],
  ["checkIn", "I'd like the facilitator to check in with me"],
];

// "larger text, captions": the needs set in needs, in words.
export function needsText(needs: AccessNeeds | undefined): string {
  if (!needs) return "";
  return needLabels.filter(([key]) => needs[key]).map(([, label]) => label.toLowerCase()).join(", ");
}

export function peoplePanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const { model } = ctx;
  const heading = h("h2", { id: "people-heading" }, "People here");
  const people = h("ul", { class: "people", "aria-labelledby": "people-heading" });
  const away = h("ul", { class: "people away" });
  const awayDetails = h("details", { class: "away-details" }, h("summary", {}, "Not here now"), away);
  const element = h("section", { class: "panel people-panel", id: "people", "aria-labelledby": "people-heading" },
    heading, people, awayDetails);

  function sharedNeeds(memberId: string): AccessNeeds | undefined {
    return model.needsSummary?.shared.find((n) => n.memberId === memberId)?.needs;
  }

  function item(m: Member): HTMLElement {
    const me = ctx.me();
    const mine = me?.memberId === m.memberId;
    const extras: string[] = [];
    if (m.pronouns) extras.push(m.pronouns);
    if (m.role !== Role.PARTICIPANT) extras.push(roleLabel(m.role));
    if (m.inRoom) extras.push("in the room");
    if (m.noteTaker) extras.push("note-taker");
    if (model.holder() === m.memberId) extras.push("has the floor");
    if (mine) extras.push("you");
    const moderator = me?.role === Role.MODERATOR;
    const note = mine ? model.mySupportNote : moderator ? model.supportNote(m.memberId) : "";
    const needs = needsText(mine ? model.myNeeds : moderator ? sharedNeeds(m.memberId) : undefined);
    return h("li", { class: m.role === Role.MODERATOR ? "moderator" : "", "data-member": m.memberId },
      h("span", { class: "name" }, m.displayName),
      extras.length ? h("span", { class: "extras" }, ` (${extras.join(", ")})`) : null,
      note ? h("p", { class: "support-note" }, h("span", { class: "label" }, mine ? "You wrote: " : "Wrote when joining: "), note) : null,
      needs ? h("p", { class: "support-note" }, h("span", { class: "label" }, "Needs: "), needs) : null);
  }

  function render(): void {
    const all = [...model.members.values()].filter((m) => !m.roomScreen);
    const here = all.filter((m) => m.present);
    const gone = all.filter((m) => !m.present);
    people.replaceChildren(...here.map(item));
    away.replaceChildren(...gone.map(item));
    awayDetails.hidden = gone.length === 0;
    heading.textContent = `People here (${here.length})`;
  }

  return { element, render };
}
