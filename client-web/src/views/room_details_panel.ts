// Room details, for moderators: the title and purpose, and the links to hand out.
import { h, uid } from "../dom";
import { recallLinks } from "../credentials";
import type { RoomContext } from "./room_context";

export function roomDetailsPanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const titleId = uid("edit-title");
  const purposeId = uid("edit-purpose");
  const titleInput = h("input", { id: titleId, maxlength: 120, required: true });
  const purposeInput = h("textarea", { id: purposeId, rows: 3, maxlength: 1000 });
  const result = h("p", { class: "hint", role: "status" });
  const form = h("form", { class: "stack" },
    h("div", { class: "field" }, h("label", { for: titleId }, "Title"), titleInput),
    h("div", { class: "field" }, h("label", { for: purposeId }, "Purpose"), purposeInput),
    h("button", { type: "submit", class: "secondary" }, "Save room details"),
    result);
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "updateRoom", value: { title: titleInput.value, purpose: purposeInput.value } })) {
      dirty = false;
      result.textContent = "Saved.";
    }
  });
  const links = h("div", { class: "stack" });
  const element = h("div", { class: "stack" }, links, form);

  return {
    element,
    render() {
      const known = recallLinks(ctx.model.roomId);
      links.replaceChildren(...(known ? [
        h("h3", {}, "Invite links"),
        h("p", {}, h("a", { href: known.participant }, "Participant link")),
        h("p", {}, h("a", { href: known.projector }, "Projector view")),
      ] : []));
      if (!dirty) {
        titleInput.value = ctx.model.title;
        purposeInput.value = ctx.model.purpose;
      }
    },
  };
}
