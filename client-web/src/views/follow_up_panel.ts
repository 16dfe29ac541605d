// The follow-up survey, open once the meeting has closed: each participant says whether
// they felt heard, could say what they wanted, and what should change. Moderators see the
// answers beside the same people's measured participation, least floor time first: did
// those who spoke least feel heard?
import { h, uid } from "../dom";
import { CouldSay, FollowUpSchema, Role, RoomPhase, create, type FeltAndMeasured } from "../protocol";
import { duration } from "../room_model";
import { choiceFields, choose, chosen } from "./choice_fields";
import type { RoomContext } from "./room_context";

const couldSayWords: [CouldSay, string][] = [
  [CouldSay.YES, "Yes"],
  [CouldSay.PARTLY, "Partly"],
  [CouldSay.NO, "No"],
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
        [1, "1 — not at all"],
        [2, "2"],
        [3, "3"],
        [4, "4"],
        [5, "5 — fully"],
      ]),
    ),
    h("fieldset", {}, sayLegend, ...choiceFields(sayName, couldSayWords)),
    h("div", { class: "field" }, changeLabel, change),
    h("button", { type: "submit" }, "Save my answers"),
    saved,
  );
  const survey = h(
    "section",
    { class: "panel follow-up", id: "follow-up", "aria-labelledby": "follow-up-heading", hidden: true },
    h("h2", { id: "follow-up-heading" }, "After the meeting"),
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
      saved.textContent = "Thank you. Saved; you can change your answers at any time.";
      model.answeredFollowUp(create(FollowUpSchema, followUp));
      ctx.changed();
    }
  });

  const figures = h("div", { class: "stack" });
  const summary = h(
    "div",
    { class: "stack", hidden: true },
    h("h3", { id: "felt-heading" }, "Felt and measured voice"),
    figures,
  );

  function row(p: FeltAndMeasured): HTMLElement {
    const f = p.followUp!;
    const m = p.measured!;
    const said = couldSayWords.find(([v]) => v === f.couldSay)?.[1] ?? "—";
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, p.memberId ? model.name(p.memberId) : "Someone"),
      h("td", {}, duration(Number(m.floorMs))),
      h("td", {}, String(m.turns)),
      h("td", {}, String(m.messages)),
      h("td", {}, f.feltHeard ? `${f.feltHeard} of 5` : "—"),
      h("td", {}, said),
      h("td", {}, f.changeNextTime || "—"),
    );
  }

  function render(): void {
    const me = ctx.me();
    const closed = model.phase === RoomPhase.CLOSED;
    const questions = model.surveys?.followUpQuestions ?? [];
    heardLegend.textContent = questions[0] ?? "Did you feel heard?";
    sayLegend.textContent = questions[1] ?? "Could you say what you wanted to say?";
    changeLabel.textContent = questions[2] ?? "What should we change next time?";
    privacy.textContent = model.surveys?.anonymousSummary
      ? "The facilitators see only totals and answers without names. You can change your answers at any time."
      : "Only you and the facilitators see your answers. You can change them at any time.";
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
      figures.replaceChildren(h("p", {}, "Nobody has answered the follow-up survey yet."));
      return;
    }
    figures.replaceChildren(
      h(
        "p",
        {},
        `${s.answered} ${s.answered === 1 ? "person has" : "people have"} answered. Those who had the least floor ` +
          "time come first: did they feel heard?",
      ),
      h(
        "table",
        { class: "balance-table felt-measured" },
        h("caption", {}, "Each person's answers beside what they were measured to say"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Person", "Floor time", "Turns", "Messages", "Felt heard", "Could say it", "Change next time"].map(
              (t) => h("th", { scope: "col" }, t),
            ),
          ),
        ),
        h("tbody", {}, ...s.people.map(row)),
      ),
      s.changes.length
        ? h(
            "div",
            {},
            h("p", {}, "What people would change (without names):"),
            h("ul", {}, ...s.changes.map((c) => h("li", {}, c))),
          )
        : "",
    );
  }

  return { survey, summary, render };
}
