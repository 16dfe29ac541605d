// A series' outcome survey, weeks after its meetings: "Do you feel your input shaped what
// happened?" Its moderators open and close it; each person taking part answers (and may
// change their answer). Beside the answers, the moderators see felt voice (the meetings'
// follow-up surveys) and measured voice (the series' floor time): voice and effect side by side.
import { t } from "../i18n/i18n";
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
  [1, t("outcome_survey.1_not_at_all")],
  [2, "2"],
  [3, "3"],
  [4, "4"],
  [5, t("outcome_survey.5_a_great_deal")],
];

// "4 of 5 on average (3 answers)", or "no answers yet", from counts of 1 … 5.
export function averageWords(counts: readonly number[]): string {
  const answered = counts.reduce((a, b) => a + b, 0);
  if (answered === 0) return t("outcome_survey.no_answers_yet");
  const mean = counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / answered;
  return t("outcome_survey.average", { mean: Number(mean.toFixed(1)), n: answered });
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
    h("fieldset", {}, h("legend", {}, t("outcome_survey.do_you_feel_your_input")), ...choiceFields(name, scale)),
    h("div", { class: "field" }, h("label", { for: textId }, t("outcome_survey.what_changed_because_of_it")), text),
    h("button", { type: "submit" }, t("outcome_survey.send_my_answer")),
    saved,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const outcome = { shaped: chosen(form, name)[0] ?? 0, whatChanged: text.value };
    if (await ctx.send({ case: "answerOutcome", value: { outcome } }))
      saved.textContent = t("outcome_survey.thank_you_saved_you_can");
  });
  const element = h(
    "section",
    { class: "panel", "aria-labelledby": "outcome-heading", hidden: true },
    h("h2", { id: "outcome-heading" }, t("outcome_survey.did_it_make_a_difference")),
    h("p", { class: "hint" }, t("outcome_survey.the_facilitators_see_your_answer")),
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
    h("h3", {}, t("outcome_survey.felt_voice_measured_voice_and")),
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
    toggle.textContent = open
      ? t("outcome_survey.close_the_outcome_survey")
      : t("outcome_survey.ask_people_whether_their_input");
    const felt = [0, 0, 0, 0, 0];
    for (const r of model.series?.reports ?? []) r.feltHeard.forEach((n, i) => (felt[i] += n));
    const figures = model.seriesFigures;
    const gini = figures && figures.people.some((p) => p.floorMs > 0n) ? figures.floorGini : undefined;
    const summary = model.outcomeSummary;
    sideBySide.replaceChildren(
      h(
        "dl",
        {},
        h("dt", {}, t("outcome_survey.felt_heard_the_meetings_follow")),
        h("dd", {}, averageWords(felt)),
        h("dt", {}, t("outcome_survey.measured_voice_time_speaking_over")),
        h(
          "dd",
          {},
          gini === undefined
            ? t("outcome_survey.no_closed_meeting_yet")
            : t("outcome_survey.inequality", { gini: Number(gini.toFixed(2)) }),
        ),
        h("dt", {}, t("outcome_survey.effect_input_shaped_what_happened")),
        h("dd", {}, averageWords(summary?.shaped ?? [])),
      ),
      summary && summary.whatChanged.length
        ? h(
            "ul",
            { "aria-label": t("outcome_survey.what_people_said_changed_without") },
            ...summary.whatChanged.map((w) => h("li", {}, w)),
          )
        : "",
    );
  }

  return { element, tools, render };
}
