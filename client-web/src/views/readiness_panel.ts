// The readiness survey. Participants answer it before the meeting and may change their
// answers; only they and the moderators see them (only they, in an anonymous summary).
// Moderators get the preparation dashboard: who has visited and read the briefing, how many
// answered, how confident people feel and how that changed day by day, who asked for a
// one-to-one, what helped and what would help, and settings the room's needs suggest, which
// a moderator puts to the room's consent check.
import { language, formatList, t } from "../i18n/i18n";
import { h, uid } from "../dom";
import {
  OneToOne,
  Role,
  RoomPhase,
  SettingSuggestionKind,
  type ReadinessAnswered,
  type SettingSuggestion,
} from "../protocol";
import { needLabels } from "./people_panel";
import { choiceFields, choose, chosen } from "./choice_fields";
import { proposePace } from "./decision_panel";
import type { RoomContext } from "./room_context";

const oneToOneWords: [OneToOne, string][] = [
  [OneToOne.YES, t("readiness.yes")],
  [OneToOne.NO, t("readiness.no")],
  [OneToOne.NOT_SURE, t("readiness.not_sure")],
];

// A pace suggestion's reason and question in the person's language, from its kind and
// figures; the server's English words for a suggestion without a kind (an older server).
export function suggestionWords(s: SettingSuggestion): { reason: string; question: string } {
  const n = s.people;
  switch (s.kind) {
    case SettingSuggestionKind.SETTING_SUGGESTION_READING_PACE:
      return {
        reason: t("readiness.reading_pace_reason", { n }),
        question: t("readiness.reading_pace_question", { wpm: s.pacing?.wordsPerMinute ?? 0 }),
      };
    case SettingSuggestionKind.SETTING_SUGGESTION_SLOW_MODE:
      return {
        reason: t("readiness.slow_mode_reason", { n }),
        question: t("readiness.slow_mode_question", { seconds: s.pacing?.slowModeSeconds ?? 0 }),
      };
    default:
      return { reason: s.reason, question: s.question };
  }
}

export interface ReadinessPanel {
  survey: HTMLElement; // for participants
  dashboard: HTMLElement; // for the moderator's console
  render(): void;
}

export function readinessPanel(ctx: RoomContext): ReadinessPanel {
  const { model } = ctx;
  const confidenceName = uid("confidence");
  const oneName = uid("one-to-one");
  const beforeId = uid("before");
  const helpId = uid("would-help");
  const before = h("textarea", { id: beforeId, rows: 2, limit: "surveyAnswer" });
  const help = h("textarea", { id: helpId, rows: 2, limit: "surveyAnswer" });
  const saved = h("p", { class: "hint", role: "status" });
  // The wording is the room's (moderators may change it); these are placeholders until it arrives.
  const questions = [h("legend", {}), h("label", { for: beforeId }), h("label", { for: helpId }), h("legend", {})];
  const form = h(
    "form",
    { class: "stack" },
    h(
      "fieldset",
      {},
      questions[0],
      ...choiceFields(confidenceName, [
        [1, t("readiness.1_not_at_all")],
        [2, "2"],
        [3, "3"],
        [4, "4"],
        [5, t("readiness.5_very")],
      ]),
    ),
    h("div", { class: "field" }, questions[1], before),
    h("div", { class: "field" }, questions[2], help),
    h(
      "fieldset",
      {},
      questions[3],
      h("p", { class: "hint" }, t("readiness.the_facilitators_see_your_name")),
      ...choiceFields(oneName, oneToOneWords),
    ),
    h("button", { type: "submit", class: "secondary" }, t("readiness.save_my_answers")),
    saved,
  );
  const privacy = h("p", { class: "hint" });
  const survey = h(
    "section",
    { class: "panel readiness", id: "readiness", "aria-labelledby": "readiness-heading", hidden: true },
    h("h2", { id: "readiness-heading" }, t("readiness.getting_ready")),
    privacy,
    form,
  );
  const checked = (name: string) => chosen(form, name)[0] ?? 0;
  let filled = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (
      await ctx.send({
        case: "answerReadiness",
        value: {
          readiness: {
            confidence: checked(confidenceName),
            takenPartBefore: before.value,
            wouldHelp: help.value,
            oneToOne: checked(oneName),
          },
        },
      })
    )
      saved.textContent = t("readiness.saved_you_can_change_your");
  });

  const figures = h("div", { class: "stack" });
  const dashboard = h("div", { class: "stack" }, h("h3", {}, t("readiness.readiness")), figures);

  function answerItem(a: ReadinessAnswered): HTMLElement {
    const r = a.readiness!;
    const parts: string[] = [];
    if (r.confidence) parts.push(t("readiness.confidence", { n: r.confidence }));
    const one = oneToOneWords.find(([v]) => v === r.oneToOne)?.[1];
    if (one) parts.push(t("readiness.one_to_one", { what: one.toLowerCase() }));
    return h(
      "li",
      {},
      h("span", { class: "name" }, model.name(a.memberId)),
      parts.length ? ` — ${parts.join("; ")}` : "",
      r.takenPartBefore
        ? h("p", { class: "support-note" }, h("span", { class: "label" }, t("readiness.before")), r.takenPartBefore)
        : null,
      r.wouldHelp
        ? h("p", { class: "support-note" }, h("span", { class: "label" }, t("readiness.would_help")), r.wouldHelp)
        : null,
    );
  }

  function suggestion(s: SettingSuggestion): HTMLElement {
    const words = suggestionWords(s);
    const ask = h("button", { type: "button", class: "secondary" }, t("readiness.ask_the_room"));
    // The consent check asks the room in the moderator's words, as any proposal they write.
    ask.addEventListener("click", async () => {
      if (s.pacing && (await proposePace(ctx, words.question, s.pacing)))
        ask.replaceWith(h("span", { role: "status" }, t("readiness.asked_the_room_answers_in")));
    });
    return h("li", {}, t("readiness.suggestion", words) + " ", ask);
  }

  // The room's stated needs in one line (the Pace and support tab has them in full).
  function neededText(): string {
    const n = model.needsSummary;
    const stated = needLabels
      .map(([key, label]) => [label.toLowerCase(), n ? Number(n[key]) : 0] as const)
      .filter(([, c]) => c > 0);
    return stated.length
      ? t("readiness.stated_needs", {
          needs: formatList(stated.map(([label, c]) => t("readiness.need_count", { label, n: c }))),
        })
      : t("readiness.nobody_has_stated_a_need");
  }

  function list(label: string, items: string[]): HTMLElement | null {
    return items.length ? h("div", {}, h("p", {}, label), h("ul", {}, ...items.map((t) => h("li", {}, t)))) : null;
  }

  function render(): void {
    const me = ctx.me();
    survey.hidden = me?.role !== Role.PARTICIPANT || model.phase === RoomPhase.LIVE || model.phase === RoomPhase.CLOSED;
    const wording = model.surveys?.readinessQuestions ?? [];
    questions.forEach((q, i) => {
      q.textContent = wording[i] ?? "";
    });
    privacy.textContent = model.surveys?.anonymousSummary
      ? t("readiness.the_facilitators_see_only_totals")
      : t("readiness.only_you_and_the_facilitators");
    if (!filled && model.myReadiness) {
      const r = model.myReadiness;
      for (const [name, value] of [
        [confidenceName, r.confidence],
        [oneName, r.oneToOne],
      ] as const) {
        choose(form, name, value);
      }
      before.value = r.takenPartBefore;
      help.value = r.wouldHelp;
      filled = true;
    }
    const s = model.readiness;
    if (!s) {
      figures.replaceChildren(h("p", {}, t("readiness.nobody_has_answered_yet")));
      return;
    }
    const readers = s.readLatestBriefing.map((id) => model.name(id));
    const briefingLine = !model.briefing?.text
      ? t("readiness.there_is_no_briefing_yet")
      : readers.length
        ? t("readiness.have_read_briefing", { names: formatList(readers) })
        : t("readiness.nobody_has_read_the_latest");
    const asked = s.oneToOneRequests.map((id) => model.name(id));
    // People who came by their own link: not those the facilitators added for the room, nor
    // those they banned.
    const participants = [...model.members.values()].filter(
      (m) => m.role === Role.PARTICIPANT && !m.roomScreen && !m.inRoom && !m.banned,
    );
    const visited = participants.map((m) => `${m.displayName}${m.present ? t("readiness.here_now") : ""}`);
    const day = (ms: bigint) =>
      new Date(Number(ms)).toLocaleDateString(language().locale, {
        weekday: "short",
        day: "numeric",
        month: "short",
        timeZone: "UTC",
      });
    figures.replaceChildren(
      ...[
        h(
          "p",
          {},
          visited.length
            ? t("readiness.have_visited", { n: visited.length, names: formatList(visited) })
            : t("readiness.no_participant_has_visited_yet"),
        ),
        h("p", {}, briefingLine),
        h(
          "p",
          {},
          t("readiness.answered", { n: s.answered }) +
            (s.anonymous ? t("readiness.the_summary_is_anonymous_answers") : ""),
        ),
        h(
          "p",
          { class: asked.length ? "attention" : "" },
          asked.length
            ? t("readiness.waiting_one_to_one", { names: formatList(asked) })
            : t("readiness.no_open_requests_for_a"),
        ),
        h(
          "table",
          { class: "balance-table" },
          h("caption", {}, t("readiness.how_confident_people_feel_as")),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, t("readiness.day")),
              ...[1, 2, 3, 4, 5].map((n) => h("th", { scope: "col" }, String(n))),
            ),
          ),
          h(
            "tbody",
            {},
            ...(s.overTime.length ? s.overTime : [{ dayMs: BigInt(model.serverNow()), confidence: s.confidence }]).map(
              (d) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, day(d.dayMs)),
                  ...d.confidence.map((n) => h("td", {}, String(n))),
                ),
            ),
          ),
        ),
        h("p", {}, neededText()),
        // Named answers carry what people wrote; an anonymous summary has it apart, unnamed.
        s.anonymous ? list(t("readiness.what_helped_people_before"), s.whatHelped) : null,
        s.anonymous ? list(t("readiness.what_would_make_it_easier"), s.wouldHelp) : null,
        s.suggestions.length
          ? h(
              "div",
              {},
              h("p", {}, t("readiness.the_room_s_stated_needs")),
              h("ul", {}, ...s.suggestions.map(suggestion)),
            )
          : null,
        s.answers.length
          ? h("ul", { class: "people", "aria-label": t("readiness.answers") }, ...s.answers.map(answerItem))
          : null,
      ].filter((e): e is HTMLElement => e !== null),
    );
  }

  return { survey, dashboard, render };
}
