// A series' outcome survey, weeks after its meetings: "Do you feel your input shaped what
// happened?" Its moderators open and close it; each person taking part answers (and may
// change their answer). Beside the answers, the moderators see felt voice (the meetings'
// follow-up surveys) and measured voice (the series' floor time): voice and effect side by side.
import { h, uid } from "../dom";
import { Role } from "../protocol";
import { choiceFields, choose, chosen } from "./choice_fields";
import type { RoomContext } from "./room_context";

export interface OutcomeSurvey {
  // For people taking part, while it is open.
  element: HTMLElement;
  // For moderators: open or close it, and what it says beside felt and measured voice.
  tools: HTMLElement;
  render(): void;
}

const scale: [number, string][] = [
  [1, "1 — not at all"],
  [2, "2"],
  [3, "3"],
  [4, "4"],
  [5, "5 — a great deal"],
];

// "4 of 5 on average (3 answers)", or "no answers yet", from counts of 1 … 5.
export function averageWords(counts: readonly number[]): string {
  const answered = counts.reduce((a, b) => a + b, 0);
  if (answered === 0) return "no answers yet";
  const mean = counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / answered;
  return `${mean.toFixed(1)} of 5 on average (${answered} ${answered === 1 ? "answer" : "answers"})`;
}

export function outcomeSurvey(ctx: RoomContext): OutcomeSurvey {
  const { model } = ctx;
  const name = uid("shaped");
  const textId = uid("what-changed");
  const text = h("textarea", { id: textId, rows: 3, limit: "surveyAnswer" });
  const saved = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "stack" },
    h("fieldset", {}, h("legend", {}, "Do you feel your input shaped what happened?"), ...choiceFields(name, scale)),
    h(
      "div",
      { class: "field" },
      h("label", { for: textId }, "What changed because of it, or what should have? (optional)"),
      text,
    ),
    h("button", { type: "submit" }, "Send my answer"),
    saved,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const outcome = { shaped: chosen(form, name)[0] ?? 0, whatChanged: text.value };
    if (await ctx.send({ case: "answerOutcome", value: { outcome } }))
      saved.textContent = "Thank you. Saved; you can change your answer while the survey is open.";
  });
  const element = h(
    "section",
    { class: "panel", "aria-labelledby": "outcome-heading", hidden: true },
    h("h2", { id: "outcome-heading" }, "Did it make a difference?"),
    h(
      "p",
      { class: "hint" },
      "The facilitators see your answer with your name; what you write is also shown to them without it.",
    ),
    form,
  );

  const toggle = h("button", { type: "button", class: "secondary" });
  toggle.addEventListener("click", () => {
    void ctx.send({ case: "setOutcomeSurvey", value: { open: !model.series?.outcomeOpen } });
  });
  const sideBySide = h("div", { class: "stack" });
  const tools = h(
    "div",
    { class: "stack" },
    h("h3", {}, "Felt voice, measured voice and effect"),
    sideBySide,
    h("div", { class: "button-row" }, toggle),
  );

  let filled = false;
  function render(): void {
    const me = ctx.me();
    const open = model.series?.outcomeOpen ?? false;
    element.hidden = !open || me?.role !== Role.PARTICIPANT;
    if (!element.hidden && !filled && model.myOutcome) {
      // Their answer as they left it, once: what they are typing is theirs after that.
      filled = true;
      choose(form, name, model.myOutcome.shaped);
      text.value = model.myOutcome.whatChanged;
    }
    toggle.textContent = open ? "Close the outcome survey" : "Ask people whether their input shaped the result";
    const felt = [0, 0, 0, 0, 0];
    for (const r of model.series?.reports ?? []) r.feltHeard.forEach((n, i) => (felt[i] += n));
    const figures = model.seriesFigures;
    const gini = figures && figures.people.some((p) => p.floorMs > 0n) ? figures.floorGini : undefined;
    const summary = model.outcomeSummary;
    sideBySide.replaceChildren(
      h(
        "dl",
        {},
        h("dt", {}, "Felt heard (the meetings' follow-up surveys)"),
        h("dd", {}, averageWords(felt)),
        h("dt", {}, "Measured voice (time speaking over the series)"),
        h(
          "dd",
          {},
          gini === undefined
            ? "no closed meeting yet"
            : `shared with an inequality of ${gini.toFixed(2)} (0: everyone equal, 1: one person spoke)`,
        ),
        h("dt", {}, "Effect (input shaped what happened)"),
        h("dd", {}, averageWords(summary?.shaped ?? [])),
      ),
      summary && summary.whatChanged.length
        ? h(
            "ul",
            { "aria-label": "What people said changed, without names" },
            ...summary.whatChanged.map((w) => h("li", {}, w)),
          )
        : "",
    );
  }

  return { element, tools, render };
}
