// Moderators reword the surveys' questions (starting from the usual wording) and choose
// whether they see who answered what, or only totals.
import { t } from "../i18n/i18n";
import { h, uid } from "../dom";
import type { RoomContext } from "./room_context";

export interface SurveyEditor {
  element: HTMLElement;
  render(): void;
}

export function surveyEditor(ctx: RoomContext): SurveyEditor {
  const { model } = ctx;
  // Several lines each: a question is often a sentence or two, and must be read whole.
  const readiness = Array.from({ length: 4 }, () => h("textarea", { rows: 2, limit: "surveyQuestion" }));
  const followUp = Array.from({ length: 3 }, () => h("textarea", { rows: 2, limit: "surveyQuestion" }));
  const field = (input: HTMLTextAreaElement, label: string) => {
    input.id = uid("question");
    return h("div", { class: "field" }, h("label", { for: input.id }, label), input);
  };
  const anonymousId = uid("anonymous-summary");
  const anonymous = h("input", { type: "checkbox", id: anonymousId });
  const saved = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "stack" },
    h(
      "fieldset",
      {},
      h("legend", {}, t("survey_editor.before_the_meeting_readiness")),
      ...readiness.map((input, i) => field(input, t("survey_editor.readiness_question", { n: i + 1 }))),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("survey_editor.after_the_meeting_follow_up")),
      ...followUp.map((input, i) => field(input, t("survey_editor.follow_up_question", { n: i + 1 }))),
    ),
    h(
      "div",
      { class: "check" },
      anonymous,
      h(
        "label",
        { for: anonymousId },
        t("survey_editor.anonymous_summary_facilitators_see_only") + t("survey_editor.who_asks_for_a_one"),
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, t("survey_editor.save_the_surveys")),
    saved,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (
      await ctx.send({
        case: "setSurveys",
        value: {
          settings: {
            readinessQuestions: readiness.map((i) => i.value),
            followUpQuestions: followUp.map((i) => i.value),
            anonymousSummary: anonymous.checked,
          },
        },
      })
    )
      saved.textContent = t("survey_editor.saved");
  });
  const element = h(
    "details",
    { class: "survey-editor" },
    h("summary", {}, t("survey_editor.the_surveys_questions")),
    form,
  );

  function render(): void {
    // Never overwrite what a moderator is typing.
    if (form.contains(document.activeElement)) return;
    const s = model.surveys;
    if (!s) return;
    readiness.forEach((input, i) => {
      input.value = s.readinessQuestions[i] ?? "";
    });
    followUp.forEach((input, i) => {
      input.value = s.followUpQuestions[i] ?? "";
    });
    anonymous.checked = s.anonymousSummary;
  }

  return { element, render };
}
