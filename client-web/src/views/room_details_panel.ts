// Room details, for moderators: the title and purpose, and the links to hand out.
import { h, uid } from "../dom";
import { recallLinks } from "../credentials";
import type { RoomContext } from "./room_context";

export function roomDetailsPanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const titleId = uid("edit-title");
  const purposeId = uid("edit-purpose");
  const titleInput = h("input", { id: titleId, maxlength: 120, required: true });
  const purposeInput = h("textarea", { id: purposeId, rows: 3, maxlength: 1000 });
  const whenId = uid("edit-when");
  const placeId = uid("edit-place");
  const whenInput = h("input", { id: whenId, maxlength: 200, "aria-describedby": `${whenId}-hint` });
  const placeInput = h("input", { id: placeId, maxlength: 200, "aria-describedby": `${placeId}-hint` });
  const result = h("p", { class: "hint", role: "status" });
  const form = h("form", { class: "stack" },
    h("div", { class: "field" }, h("label", { for: titleId }, "Title"), titleInput),
    h("div", { class: "field" }, h("label", { for: purposeId }, "Purpose"), purposeInput),
    h("div", { class: "field" }, h("label", { for: whenId }, "When"),
      h("p", { class: "hint", id: `${whenId}-hint` }, "For example: Thursday 4 December, 2–4 pm."), whenInput),
    h("div", { class: "field" }, h("label", { for: placeId }, "Where"),
      h("p", { class: "hint", id: `${placeId}-hint` }, "Online, in a named room, or both."), placeInput),
    h("button", { type: "submit", class: "secondary" }, "Save room details"),
    result);
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "updateRoom", value: {
      title: titleInput.value, purpose: purposeInput.value, when: whenInput.value, place: placeInput.value,
    } })) {
      dirty = false;
      result.textContent = "Saved.";
    }
  });
  const links = h("div", { class: "stack" });

  // The briefing, in Markdown; saved as a new version each time.
  const briefingId = uid("briefing");
  const briefingInput = h("textarea", { id: briefingId, rows: 8, maxlength: 20000, "aria-describedby": `${briefingId}-hint` });
  const briefingResult = h("p", { class: "hint", role: "status" });
  const briefingForm = h("form", { class: "stack" },
    h("h3", {}, "Briefing"),
    h("div", { class: "field" }, h("label", { for: briefingId }, "Briefing for everyone"),
      h("p", { class: "hint", id: `${briefingId}-hint` },
        "The aims, how the meeting will run, and practical details, in plain language. # a heading, - a list, *emphasis*, [a link](https://…)."),
      briefingInput),
    h("button", { type: "submit", class: "secondary" }, "Save the briefing"),
    briefingResult);
  let briefingDirty = false;
  briefingForm.addEventListener("input", () => { briefingDirty = true; });
  briefingForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "setBriefing", value: { text: briefingInput.value } })) {
      briefingDirty = false;
      briefingResult.textContent = "Saved. Everyone sees it has been updated.";
    }
  });
  const element = h("div", { class: "stack" }, links, form, briefingForm);

  return {
    element,
    render() {
      const known = recallLinks(ctx.model.roomId);
      links.replaceChildren(...(known ? [
        h("h3", {}, "Invite links"),
        h("p", {}, h("a", { href: known.participant }, "Participant link")),
        h("p", {}, h("a", { href: known.projector }, "Projector view")),
      ] : []));
      if (!briefingDirty) briefingInput.value = ctx.model.briefing?.text ?? "";
      if (!dirty) {
        titleInput.value = ctx.model.title;
        purposeInput.value = ctx.model.purpose;
        whenInput.value = ctx.model.when;
        placeInput.value = ctx.model.place;
      }
    },
  };
}
