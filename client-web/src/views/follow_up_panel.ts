// The follow-up survey, open once the meeting has closed: each participant says whether
// they felt heard, could say what they wanted, and what should change. Moderators see the
// answers beside the same people's measured participation, least floor time first: did
// those who spoke least feel heard?
import { t } from "../i18n/i18n";
import { h, uid } from "../dom";
import { CouldSay, FollowUpSchema, Role, RoomPhase, create, type FeltAndMeasured } from "../protocol";
import { duration } from "../room_model";
import { choiceFields, choose, chosen } from "./choice_fields";
import type { RoomContext } from "./room_context";

const couldSayWords: [CouldSay, string][] = [
  [CouldSay.YES, t("follow_up.yes")],
  [CouldSay.PARTLY, t("follow_up.partly")],
  [CouldSay.NO, t("follow_up.no")],
];

export interface FollowUpPanel {
  survey: HTMLElement; // for participants
  summary: HTMLElement; // for the moderator's console
  render(): void;
}

export function followUpPanel(ctx: RoomContext): FollowUpPanel {
  const { model } = ctx;
  const heardName = uid("heard");
  const sayName = uid("could-say");
  const changeId = uid("change");
  const change = h("textarea", { id: changeId, rows: 3, limit: "surveyAnswer" });
  const heardLegend = h("legend", {});
  const sayLegend = h("legend", {});
  const changeLabel = h("label", { for: changeId });
  const saved = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "stack" },
    h(
      "fieldset",
      {},
      heardLegend,
      ...choiceFields(heardName, [
        [1, t("follow_up.1_not_at_all")],
        [2, "2"],
        [3, "3"],
        [4, "4"],
        [5, t("follow_up.5_fully")],
      ]),
    ),
    h("fieldset", {}, sayLegend, ...choiceFields(sayName, couldSayWords)),
    h("div", { class: "field" }, changeLabel, change),
    h("button", { type: "submit" }, t("follow_up.save_my_answers")),
    saved,
  );
  const survey = h(
    "section",
    { class: "panel follow-up", id: "follow-up", "aria-labelledby": "follow-up-heading", hidden: true },
    h("h2", { id: "follow-up-heading" }, t("follow_up.after_the_meeting")),
    form,
  );
  const privacy = h("p", { class: "hint" });
  survey.insertBefore(privacy, form);
  const checked = (name: string) => chosen(form, name)[0] ?? 0;
  let filled = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const followUp = { feltHeard: checked(heardName), couldSay: checked(sayName), changeNextTime: change.value };
    if (await ctx.send({ case: "answerFollowUp", value: { followUp } })) {
      saved.textContent = t("follow_up.thank_you_saved_you_can");
      model.answeredFollowUp(create(FollowUpSchema, followUp));
      ctx.changed();
    }
  });

  const figures = h("div", { class: "stack" });
  const summary = h(
    "div",
    { class: "stack", hidden: true },
    h("h3", { id: "felt-heading" }, t("follow_up.felt_and_measured_voice")),
    figures,
  );

  function row(p: FeltAndMeasured): HTMLElement {
    const f = p.followUp!;
    const m = p.measured!;
    const said = couldSayWords.find(([v]) => v === f.couldSay)?.[1] ?? "—";
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, p.memberId ? model.name(p.memberId) : t("follow_up.someone")),
      h("td", {}, duration(Number(m.floorMs))),
      h("td", {}, String(m.turns)),
      h("td", {}, String(m.messages)),
      h("td", {}, f.feltHeard ? t("follow_up.of_five", { n: f.feltHeard }) : "—"),
      h("td", {}, said),
      h("td", {}, f.changeNextTime || "—"),
    );
  }

  function render(): void {
    const me = ctx.me();
    const closed = model.phase === RoomPhase.CLOSED;
    const questions = model.surveys?.followUpQuestions ?? [];
    heardLegend.textContent = questions[0] ?? t("follow_up.did_you_feel_heard");
    sayLegend.textContent = questions[1] ?? t("follow_up.could_you_say_what_you");
    changeLabel.textContent = questions[2] ?? t("follow_up.what_should_we_change_next");
    privacy.textContent = model.surveys?.anonymousSummary
      ? t("follow_up.the_facilitators_see_only_totals")
      : t("follow_up.only_you_and_the_facilitators");
    survey.hidden = !closed || me?.role !== Role.PARTICIPANT;
    summary.hidden = !closed || me?.role !== Role.MODERATOR;
    if (!filled && model.myFollowUp) {
      const f = model.myFollowUp;
      for (const [name, value] of [
        [heardName, f.feltHeard],
        [sayName, f.couldSay],
      ] as const) {
        choose(form, name, value);
      }
      change.value = f.changeNextTime;
      filled = true;
    }
    const s = model.followUp;
    if (!s || s.answered === 0) {
      figures.replaceChildren(h("p", {}, t("follow_up.nobody_has_answered_the_follow")));
      return;
    }
    figures.replaceChildren(
      h("p", {}, t("follow_up.answered_least_floor_first", { n: s.answered })),
      h(
        "table",
        { class: "balance-table felt-measured" },
        h("caption", {}, t("follow_up.each_person_s_answers_beside")),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...[
              t("follow_up.person"),
              t("follow_up.floor_time"),
              t("follow_up.turns"),
              t("follow_up.messages"),
              t("follow_up.felt_heard"),
              t("follow_up.could_say_it"),
              t("follow_up.change_next_time"),
            ].map((t) => h("th", { scope: "col" }, t)),
          ),
        ),
        h("tbody", {}, ...s.people.map(row)),
      ),
      s.changes.length
        ? h(
            "div",
            {},
            h("p", {}, t("follow_up.what_people_would_change_without")),
            h("ul", {}, ...s.changes.map((c) => h("li", {}, c))),
          )
        : "",
    );
  }

  return { survey, summary, render };
}
