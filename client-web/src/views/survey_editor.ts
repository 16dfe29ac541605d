// Moderators reword the surveys' questions (starting from the usual wording) and choose
// whether they see who answered what, or only totals.
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
      h("legend", {}, "Before the meeting (readiness)"),
      ...readiness.map((input, i) => field(input, `Readiness question ${i + 1}`)),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "After the meeting (follow-up)"),
      ...followUp.map((input, i) => field(input, `Follow-up question ${i + 1}`)),
    ),
    h(
      "div",
      { class: "check" },
      anonymous,
      h(
        "label",
        { for: anonymousId },
        "Anonymous summary: facilitators see only totals and answers without names " +
          "(who asks for a one-to-one is still shown)",
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, "Save the surveys"),
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
      saved.textContent = "Saved.";
  });
  const element = h("details", { class: "survey-editor" }, h("summary", {}, "The surveys' questions"), form);

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
