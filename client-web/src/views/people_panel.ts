// Who is here: people online and people in the physical room together, with pronouns and
// roles. Moderators also see, beside each name, what the person said would help them (their
// join note, and their needs where they agreed to share them); each person sees their own.
// The room's shared screen is not a person and is never listed or counted. Moderators can
// remove someone (who may come back), remove and ban them (their device is refused from then
// on), and let a banned person back.
import { focusInstead, h } from "../dom";
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
  return needLabels
    .filter(([key]) => needs[key])
    .map(([, label]) => label.toLowerCase())
    .join(", ");
}

export function peoplePanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const { model } = ctx;
  const heading = h("h2", { id: "people-heading" }, "People here");
  const people = h("ul", { class: "people", "aria-labelledby": "people-heading" });
  const away = h("ul", { class: "people away" });
  const awayDetails = h("details", { class: "away-details" }, h("summary", {}, "Not here now"), away);
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
    if (m.inRoom) extras.push("in the room");
    if (m.noteTaker) extras.push("note-taker");
    if (model.holder() === m.memberId) extras.push("has the floor");
    if (mine) extras.push("you");
    if (m.banned) extras.push("removed by the facilitators");
    const moderator = me?.role === Role.MODERATOR;
    const note = mine ? model.mySupportNote : moderator ? model.supportNote(m.memberId) : "";
    const needs = needsText(mine ? model.myNeeds : moderator ? sharedNeeds(m.memberId) : undefined);
    return h(
      "li",
      { class: m.role === Role.MODERATOR ? "moderator" : "", "data-member": m.memberId },
      h("span", { class: "name" }, m.displayName),
      extras.length ? h("span", { class: "extras" }, ` (${extras.join(", ")})`) : null,
      note
        ? h(
            "p",
            { class: "support-note" },
            h("span", { class: "label" }, mine ? "You wrote: " : "Wrote when joining: "),
            note,
          )
        : null,
      needs ? h("p", { class: "support-note" }, h("span", { class: "label" }, "Needs: "), needs) : null,
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
          `Let ${m.displayName} back`,
          { case: "liftBan", value: { memberId: m.memberId } },
          `${m.displayName} may come back.`,
        ),
      );
    if (!choosing.has(m.memberId)) {
      const open = h(
        "button",
        { type: "button", class: "secondary small", "aria-expanded": "false" },
        `Remove ${m.displayName}…`,
      );
      open.addEventListener("click", () => {
        choosing.add(m.memberId);
        render();
        (element.querySelector(`[data-member="${m.memberId}"] .removal button`) as HTMLElement | null)?.focus();
      });
      return h("div", { class: "button-row" }, open);
    }
    const cancel = h("button", { type: "button", class: "secondary small" }, "Cancel");
    cancel.addEventListener("click", () => {
      choosing.delete(m.memberId);
      render();
      (element.querySelector(`[data-member="${m.memberId}"] .button-row button`) as HTMLElement | null)?.focus();
    });
    return h(
      "div",
      { class: "button-row removal", role: "group", "aria-label": `Remove ${m.displayName}` },
      m.present
        ? act(
            "Remove from the meeting",
            { case: "removeMember", value: { memberId: m.memberId, ban: false } },
            `${m.displayName} was removed; they can come back with their link.`,
          )
        : null,
      act(
        "Remove and ban",
        { case: "removeMember", value: { memberId: m.memberId, ban: true } },
        `${m.displayName} was removed and cannot come back from that device.`,
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
    heading.textContent = `People here (${here.length})`;
  }

  return { element, render };
}
