// The readiness survey. Participants answer it before the meeting and may change their
// answers; only they and the moderators see them. Moderators get the preparation dashboard:
// how many answered, how confident people feel, who would like a one-to-one, and what would
// help — each person's answers beside their name.
import { h, uid } from "../dom";
import { OneToOne, Role, RoomPhase, type ReadinessAnswered } from "../protocol";
import type { RoomContext } from "./room_context";

const oneToOneWords: [OneToOne, string][] = [
  [OneToOne.YES, "Yes"], [OneToOne.NO, "No"], [OneToOne.NOT_SURE, "Not sure"],
];

export interface ReadinessPanel {
  survey: HTMLElement;     // for participants
  dashboard: HTMLElement;  // for the moderator's console
  render(): void;
}

export function readinessPanel(ctx: RoomContext): ReadinessPanel {
  const { model } = ctx;
  const confidenceName = uid("confidence");
  const oneName = uid("one-to-one");
  const beforeId = uid("before");
  const helpId = uid("would-help");
  const before = h("textarea", { id: beforeId, rows: 2, maxlength: 1000 });
  const help = h("textarea", { id: helpId, rows: 2, maxlength: 1000 });
  const radios = (name: string, options: [number, string][]) => options.map(([value, label]) => {
    const id = `${name}-${value}`;
    return h("div", { class: "check" }, h("input", { type: "radio", name, id, value }), h("label", { for: id }, label));
  });
  const saved = h("p", { class: "hint", role: "status" });
  const form = h("form", { class: "stack" },
    h("fieldset", {}, h("legend", {}, "How confident do you feel about taking part?"),
      ...radios(confidenceName, [[1, "1 — not at all"], [2, "2"], [3, "3"], [4, "4"], [5, "5 — very"]])),
    h("div", { class: "field" }, h("label", { for: beforeId }, "Have you taken part in a group like this before? What helped?"), before),
    h("div", { class: "field" }, h("label", { for: helpId }, "What would make it easier for you?"), help),
    h("fieldset", {}, h("legend", {}, "Would you like a one-to-one conversation with a facilitator before the meeting?"),
      ...radios(oneName, oneToOneWords)),
    h("button", { type: "submit", class: "secondary" }, "Save my answers"), saved);
  const survey = h("section", { class: "panel readiness", id: "readiness", "aria-labelledby": "readiness-heading", hidden: true },
    h("h2", { id: "readiness-heading" }, "Getting ready"),
    h("p", { class: "hint" }, "Only you and the moderators see your answers. You can change them at any time."), form);
  const checked = (name: string) => Number(form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? 0);
  let filled = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "answerReadiness", value: { readiness: {
      confidence: checked(confidenceName), takenPartBefore: before.value, wouldHelp: help.value, oneToOne: checked(oneName),
    } } })) saved.textContent = "Saved. You can change your answers at any time.";
  });

  const figures = h("div", { class: "stack" });
  const dashboard = h("div", { class: "stack" }, h("h3", {}, "Readiness"), figures);

  function answerItem(a: ReadinessAnswered): HTMLElement {
    const r = a.readiness!;
    const parts: string[] = [];
    if (r.confidence) parts.push(`confidence ${r.confidence} of 5`);
    const one = oneToOneWords.find(([v]) => v === r.oneToOne)?.[1];
    if (one) parts.push(`one-to-one: ${one.toLowerCase()}`);
    return h("li", {}, h("span", { class: "name" }, model.name(a.memberId)), parts.length ? ` — ${parts.join("; ")}` : "",
      r.takenPartBefore ? h("p", { class: "support-note" }, h("span", { class: "label" }, "Before: "), r.takenPartBefore) : null,
      r.wouldHelp ? h("p", { class: "support-note" }, h("span", { class: "label" }, "Would help: "), r.wouldHelp) : null);
  }

  function render(): void {
    const me = ctx.me();
    survey.hidden = me?.role !== Role.PARTICIPANT || model.phase === RoomPhase.LIVE || model.phase === RoomPhase.CLOSED;
    if (!filled && model.myReadiness) {
      const r = model.myReadiness;
      for (const [name, value] of [[confidenceName, r.confidence], [oneName, r.oneToOne]] as const) {
        const input = form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
        if (input) input.checked = true;
      }
      before.value = r.takenPartBefore;
      help.value = r.wouldHelp;
      filled = true;
    }
    const s = model.readiness;
    if (!s) {
      figures.replaceChildren(h("p", {}, "Nobody has answered yet."));
      return;
    }
    const readers = s.readLatestBriefing.map((id) => model.name(id));
    const briefingLine = !model.briefing?.text ? "There is no briefing yet."
      : readers.length ? `Have read the latest briefing: ${readers.join(", ")}.` : "Nobody has read the latest briefing yet.";
    const asked = s.answers.filter((a) => a.readiness?.oneToOne === OneToOne.YES).map((a) => model.name(a.memberId));
    figures.replaceChildren(
      h("p", {}, briefingLine),
      h("p", {}, `${s.answered} ${s.answered === 1 ? "person has" : "people have"} answered.`),
      h("table", { class: "balance-table" },
        h("caption", {}, "How confident people feel (1: not at all, 5: very)"),
        h("thead", {}, h("tr", {}, ...[1, 2, 3, 4, 5].map((n) => h("th", { scope: "col" }, String(n))))),
        h("tbody", {}, h("tr", {}, ...s.confidence.map((n) => h("td", {}, String(n)))))),
      h("p", {}, asked.length ? `Would like a one-to-one: ${asked.join(", ")}.` : "Nobody has asked for a one-to-one."),
      h("ul", { class: "people", "aria-label": "Answers" }, ...s.answers.map(answerItem)));
  }

  return { survey, dashboard, render };
}
