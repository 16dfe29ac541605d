// The agenda: what the room is discussing now, shown at the top of every view; the items
// taken so far; and, for moderators, starting the next item.
import { h, uid } from "../dom";
import { Role } from "../protocol";
import type { RoomContext } from "./room_context";

export interface AgendaPanel {
  nowLine: HTMLElement;   // "Now discussing: …", for the top of the view
  tools: HTMLElement;     // the agenda list and the form, for the moderator's console
  render(): void;
}

export function agendaPanel(ctx: RoomContext): AgendaPanel {
  const nowLine = h("p", { class: "agenda-now", hidden: true });
  const agendaId = uid("agenda");
  const input = h("input", { id: agendaId, maxlength: 120, "aria-describedby": `${agendaId}-hint` });
  const form = h("form", { class: "stack" },
    h("div", { class: "field" }, h("label", { for: agendaId }, "Next agenda item"),
      h("p", { class: "hint", id: `${agendaId}-hint` }, "Figures are kept for each item as well as for the whole meeting."),
      input),
    h("button", { type: "submit", class: "secondary" }, "Start this item"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "startAgendaItem", value: { title: input.value } })) input.value = "";
  });
  const list = h("ol", { class: "agenda-list", "aria-label": "Agenda items so far" });
  const tools = h("div", { class: "stack" }, h("h3", {}, "Agenda"), list, form);

  return {
    nowLine,
    tools,
    render() {
      const now = ctx.model.agendaItem;
      nowLine.hidden = !now;
      nowLine.replaceChildren(...(now ? [h("span", { class: "label" }, "Now discussing: "), now.title] : []));
      const items = ctx.model.agendaItems;
      list.replaceChildren(...items.map((item) =>
        h("li", { class: item.itemId === now?.itemId ? "current" : "" }, item.title, item.itemId === now?.itemId ? " (now)" : "")));
      list.hidden = items.length === 0;
      form.hidden = ctx.me()?.role !== Role.MODERATOR;
    },
  };
}
