// Decisions made together. Everyone sees the questions open in the room, answers each once
// (their own answer always shown, and changeable until it closes), and follows the results
// live, as a table with a bar beside each count; reasons for concerns and blocks are shown
// to everyone. Closed questions leave decision records, listed here and in the conversation.
// Moderators put questions to the room (with a preview), enter answers for people in the
// room, amend a consensus proposal, and close a question with its outcome in words.
//
// Anonymous questions: the server never says who answered what, so this browser keeps the
// person's own answer (for this tab's session) to show it back; the counts come as totals,
// and the people in the room hand their ballots in together, entered by a facilitator.
// Results hidden until close show only how many have answered.
import { easyIcon } from "./icons";
import { formatList, t } from "../i18n/i18n";
import { focusInstead, h, uid } from "../dom";
import {
  BallotSchema,
  ConsensusResponse,
  ConsensusResult,
  QuestionKind,
  Role,
  ServerError,
  create,
  refusalText,
  type Ballot,
  type DecisionRecorded,
  type EarlierVersion,
  type GivenReason,
  type PacingSettings,
  type QuestionState,
} from "../protocol";
import { choiceFields, chosen } from "./choice_fields";
import type { RoomContext } from "./room_context";
import { modeName } from "./voice_panel";

export const kindNames: [QuestionKind, string][] = [
  [QuestionKind.SINGLE_CHOICE, t("decision.poll_one_choice")],
  [QuestionKind.MULTIPLE_CHOICE, t("decision.poll_several_choices")],
  [QuestionKind.RANKED_CHOICE, t("decision.poll_ranked_choices")],
  [QuestionKind.CONSENSUS, t("decision.consensus_check_on_a_proposal")],
  [QuestionKind.FIST_TO_FIVE, t("decision.fist_to_five")],
  [QuestionKind.TEMPERATURE, t("decision.temperature_check_informal")],
];

const responses: [ConsensusResponse, string][] = [
  [ConsensusResponse.CONSENSUS_AGREE, t("decision.agree")],
  [ConsensusResponse.CONSENSUS_AGREE_WITH_CONCERNS, t("decision.agree_with_concerns")],
  [ConsensusResponse.CONSENSUS_STAND_ASIDE, t("decision.stand_aside")],
  [ConsensusResponse.CONSENSUS_BLOCK, t("decision.block")],
];

const isPoll = (k: QuestionKind) =>
  k === QuestionKind.SINGLE_CHOICE || k === QuestionKind.MULTIPLE_CHOICE || k === QuestionKind.RANKED_CHOICE;

// The labels of a question's answer buckets, in the order of DecisionRecorded.counts.
function buckets(kind: QuestionKind, options: string[]): [number, string][] {
  if (isPoll(kind)) return options.map((o, i) => [i, o]);
  if (kind === QuestionKind.CONSENSUS) return responses.map(([r, label]) => [r, label]);
  const low = kind === QuestionKind.FIST_TO_FIVE ? 0 : 1;
  return Array.from({ length: 6 - low }, (_, i) => [i + low, String(i + low)]);
}

function bucketCount(kind: QuestionKind, options: string[]): number {
  return isPoll(kind) ? options.length : kind === QuestionKind.CONSENSUS ? 5 : 6;
}

export function ballotText(kind: QuestionKind, options: string[], b: Ballot | undefined): string {
  if (!b) return "";
  if (isPoll(kind)) return b.choices.map((c) => options[c]).join(kind === QuestionKind.RANKED_CHOICE ? " > " : ", ");
  if (kind === QuestionKind.CONSENSUS)
    return (responses.find(([r]) => r === b.response)?.[1] ?? "") + (b.reason ? ` (${b.reason})` : "");
  return String(b.scale);
}

// --- results ---------------------------------------------------------------------
// A bar as long as its share (set through the style object: the page's policy forbids
// style attributes).
function bar(share: number): HTMLElement {
  const el = h("span", { class: "bar" });
  el.style.width = `${Math.round(share * 100)}%`;
  return el;
}

export function resultsTable(caption: string, kind: QuestionKind, options: string[], counts: number[]): HTMLElement {
  const rows = buckets(kind, options);
  const total = Math.max(1, ...rows.map(([i]) => counts[i] ?? 0));
  return h(
    "table",
    { class: "balance-table results" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("decision.answer")),
        h("th", { scope: "col" }, t("decision.count")),
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("decision.bar"))),
      ),
    ),
    h(
      "tbody",
      {},
      ...rows.map(([i, label]) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label),
          h("td", {}, String(counts[i] ?? 0)),
          h("td", { "aria-hidden": "true" }, bar((counts[i] ?? 0) / total)),
        ),
      ),
    ),
  );
}

// An open question's live counts, for every view that shows them: the totals the server sends
// with every live answer and in the snapshot (the browser never counts ballots); none while
// hidden.
// could: how many can answer now (the "of N" in "2 of 5 answered").
export function liveResults(q: QuestionState, could: number): HTMLElement {
  const opened = q.question!;
  const answered = { n: q.answered, of: Math.max(could, q.answered) };
  if (opened.settings?.resultsHiddenUntilClose) return h("p", { class: "hint" }, t("decision.so_far_hidden", answered));
  const size = bucketCount(opened.kind, opened.options);
  const counts = Array.from({ length: size }, (_, i) => q.tally[i] ?? 0);
  return resultsTable(t("decision.so_far", answered), opened.kind, opened.options, counts);
}

// What a recorded decision came to, leading with it: a consensus check agreed or not agreed
// (never "decided" when blocked), a ranked poll's choice, otherwise that it closed.
export function decisionHeadline(d: DecisionRecorded): string {
  if (d.kind === QuestionKind.CONSENSUS) {
    // Records from before results were kept: a block means it was not agreed.
    const agreed =
      d.result === ConsensusResult.CONSENSUS_AGREED ||
      (d.result === ConsensusResult.CONSENSUS_RESULT_UNSPECIFIED &&
        (d.counts[ConsensusResponse.CONSENSUS_BLOCK] ?? 0) === 0 &&
        d.answered > 0);
    return `${agreed ? t("decision.agreed") : t("decision.not_agreed")}: ${d.text}`;
  }
  if (d.kind === QuestionKind.RANKED_CHOICE && d.winner)
    return t("decision.chosen_of", { option: d.options[d.winner - 1], text: d.text });
  return t("decision.result", { text: d.text });
}

// The reasons people gave for blocking, shown wherever the result is.
export function blockReasons(d: DecisionRecorded): GivenReason[] {
  return d.reasons.filter((r) => r.response === ConsensusResponse.CONSENSUS_BLOCK);
}

export function reasonText(r: GivenReason, name: (id: string) => string): string {
  return `${r.memberId ? `${name(r.memberId)} — ` : ""}${responses.find(([x]) => x === r.response)?.[1] ?? ""}: ${r.reason}`;
}

// The responses to earlier versions of an amended proposal, shown as such.
function earlierVersions(
  kind: QuestionKind,
  earlier: EarlierVersion[],
  name: (id: string) => string,
): HTMLElement | null {
  if (!earlier.length) return null;
  return h(
    "ul",
    { class: "earlier", "aria-label": t("decision.responses_to_earlier_versions") },
    ...earlier.map((e) => {
      const counts = buckets(kind, [])
        .filter(([i]) => (e.counts[i] ?? 0) > 0)
        .map(([i, label]) => `${label} ${e.counts[i]}`);
      return h(
        "li",
        {},
        t("decision.version_answered", { version: e.version, text: e.text, n: e.answered }) +
          (e.counts.length ? (counts.length ? ` (${counts.join(", ")})` : "") : t("decision.shown_when_it_closes")),
        e.reasons.length ? h("ul", {}, ...e.reasons.map((r) => h("li", {}, reasonText(r, name)))) : null,
      );
    }),
  );
}

// A change of pace in words ("a reading pace of 150 words a minute and no slow mode").
export function paceText(p: PacingSettings): string {
  const parts = [
    p.wordsPerMinute ? t("decision.pace_reading", { n: p.wordsPerMinute }) : t("decision.no_reading_pace"),
    p.slowModeSeconds ? t("decision.pace_slow_mode", { s: p.slowModeSeconds }) : t("decision.no_slow_mode"),
  ];
  if (p.minGapSeconds) parts.push(t("decision.pace_gap", { s: p.minGapSeconds }));
  if (p.maxMessageChars) parts.push(t("decision.pace_max_chars", { n: p.maxMessageChars }));
  if (p.pauseThreshold) parts.push(t("decision.pace_pause_threshold", { n: p.pauseThreshold }));
  return formatList(parts, "conjunction");
}

// Puts a change of pace to the room as an anonymous consensus check (adopted on close).
export function proposePace(ctx: RoomContext, text: string, pacing: PacingSettings): Promise<boolean> {
  return ctx.send({
    case: "openQuestion",
    value: {
      kind: QuestionKind.CONSENSUS,
      text,
      pacing,
      settings: { anonymous: true },
    },
  });
}

// This tab's own answers to anonymous and hidden questions, kept across a reload.
const ballotStore = (roomId: string) => `ts-ballots:${roomId}`;
function loadOwnBallots(roomId: string): Map<string, Ballot> {
  try {
    const raw = JSON.parse(window.sessionStorage.getItem(ballotStore(roomId)) ?? "{}") as Record<string, object>;
    return new Map(Object.entries(raw).map(([key, b]) => [key, create(BallotSchema, b)]));
  } catch {
    return new Map();
  }
}
function saveOwnBallots(roomId: string, ballots: Map<string, Ballot>): void {
  const plain = Object.fromEntries(
    [...ballots].map(([key, b]) => [
      key,
      { choices: b.choices, scale: b.scale, response: b.response, reason: b.reason },
    ]),
  );
  try {
    window.sessionStorage.setItem(ballotStore(roomId), JSON.stringify(plain));
  } catch {
    // Storage refused (private browsing): the answer is still shown until the page reloads.
  }
}

export interface DecisionPanel {
  element: HTMLElement; // for everyone
  tools: HTMLElement; // the moderator's: put a question to the room
  render(): void;
}

export function decisionPanel(ctx: RoomContext): DecisionPanel {
  const { model } = ctx;
  const openList = h("div", { class: "stack" });
  const records = h("ol", { class: "decisions", "aria-label": t("decision.decisions_recorded") });
  const recordsHeading = h("h3", {}, t("decision.decisions_recorded"));
  const element = h(
    "section",
    { class: "panel decisions-panel", id: "decisions", "aria-labelledby": "decisions-heading", hidden: true },
    h("h2", { id: "decisions-heading" }, t("decision.decisions")),
    openList,
    recordsHeading,
    records,
  );

  // --- answering ---------------------------------------------------------------------
  // A form for one answer to q; submit sends it (throwing what the server said).
  // label: the legend ("Your answer"); forOther: entering someone else's answer (in the room),
  // said in their words ("Their reason", "Record their answer") and confirmed when recorded.
  function answerForm(
    q: QuestionState,
    submit: (ballot: Ballot) => Promise<void>,
    label: string,
    forOther?: { action: string; confirm(ballot: Ballot): string },
  ): HTMLElement {
    const action = forOther?.action ?? t("decision.send_my_answer");
    const opened = q.question!;
    const name = uid("answer");
    const fields: HTMLElement[] = [];
    const reason = h("textarea", { rows: 2, limit: "surveyAnswer", id: uid("reason") });
    // A ranked poll: the options as a list the person puts in order (first choice first), so
    // that no two can share a place.
    const order = opened.options.map((_, i) => i);
    const ranking = h("ol", { class: "ranking", "aria-label": t("decision.your_order_first_choice_first") });
    const showRanking = (focus?: { option: number; up: boolean }) => {
      ranking.replaceChildren(
        ...order.map((option, place) => {
          const move = (by: number, up: boolean) => {
            const to = place + by;
            [order[place], order[to]] = [order[to], order[place]];
            showRanking({ option, up });
          };
          const upButton = h(
            "button",
            {
              type: "button",
              class: "secondary small",
              "aria-label": t("decision.move_option_up", { option: opened.options[option] }),
              disabled: place === 0,
            },
            t("decision.up"),
          );
          const downButton = h(
            "button",
            {
              type: "button",
              class: "secondary small",
              "aria-label": t("decision.move_option_down", { option: opened.options[option] }),
              disabled: place === order.length - 1,
            },
            t("decision.down"),
          );
          upButton.addEventListener("click", () => move(-1, true));
          downButton.addEventListener("click", () => move(1, false));
          return h(
            "li",
            { "data-option": String(option) },
            h("span", { class: "option" }, opened.options[option]),
            " ",
            upButton,
            downButton,
          );
        }),
      );
      if (!focus) return;
      // Focus stays with the option that moved (on the other button at either end).
      const buttons = ranking.querySelectorAll<HTMLButtonElement>(`li[data-option="${focus.option}"] button`);
      const wanted = buttons[focus.up ? 0 : 1];
      (wanted && !wanted.disabled ? wanted : buttons[focus.up ? 1 : 0])?.focus();
    };
    if (opened.kind === QuestionKind.RANKED_CHOICE) {
      showRanking();
      fields.push(h("p", { class: "hint" }, t("decision.put_the_options_in_your")), ranking);
    } else {
      fields.push(
        ...choiceFields(
          name,
          buckets(opened.kind, opened.options),
          opened.kind === QuestionKind.MULTIPLE_CHOICE ? "checkbox" : "radio",
        ),
      );
      if (opened.kind === QuestionKind.CONSENSUS)
        fields.push(
          h(
            "div",
            { class: "field" },
            h(
              "label",
              { for: reason.id },
              forOther ? t("decision.their_reason_needed_for_concerns") : t("decision.your_reason_needed_for_concerns"),
            ),
            reason,
          ),
        );
    }
    const problem = h("p", { class: "error", role: "alert", hidden: true });
    const recorded = h("p", { class: "hint", role: "status" });
    const form = h(
      "form",
      { class: "stack answer-form" },
      h("fieldset", {}, h("legend", {}, label), ...fields),
      problem,
      h("button", { type: "submit", class: "secondary" }, easyIcon("vote"), action),
      recorded,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const picked = chosen(form, name);
      const ballot = create(BallotSchema);
      if (opened.kind === QuestionKind.RANKED_CHOICE) {
        ballot.choices = [...order];
      } else if (isPoll(opened.kind)) ballot.choices = picked;
      else if (opened.kind === QuestionKind.CONSENSUS) {
        ballot.response = picked[0] ?? 0;
        ballot.reason = reason.value;
      } else if (picked.length) ballot.scale = picked[0];
      const nothing = isPoll(opened.kind)
        ? ballot.choices.length === 0
        : opened.kind === QuestionKind.CONSENSUS
          ? !ballot.response
          : picked.length === 0;
      problem.textContent = t("decision.choose_an_answer_first");
      problem.hidden = !nothing;
      if (nothing) return;
      // Said beside the form: the answer is not taken until it is right.
      recorded.textContent = "";
      try {
        await submit(ballot);
        if (forOther) {
          recorded.textContent = forOther.confirm(ballot);
          form.reset();
        }
      } catch (err) {
        problem.textContent = err instanceof ServerError ? refusalText(err) : t("decision.not_sent_the_connection_was");
        problem.hidden = false;
      }
    });
    return form;
  }

  // One article per open question and version, kept and updated in place (never rebuilt
  // while open), so that a half-made choice and the focus in it survive others answering.
  interface Shown {
    article: HTMLElement;
    mine: HTMLElement;
    results: HTMLElement;
    reasons: HTMLElement;
    version: number;
  }
  const shown = new Map<string, Shown>();

  function build(q: QuestionState): Shown {
    const opened = q.question!;
    const me = ctx.me();
    const canAnswer =
      me?.role === Role.PARTICIPANT || (me?.role === Role.OBSERVER && opened.settings?.observersMayAnswer);
    const kind = kindNames.find(([k]) => k === opened.kind)?.[1] ?? "";
    // Not a live region of its own: the announcer says "Your answer: …" in the room's order.
    const mine = h("p", { class: "mine" });
    const results = h("div", {});
    const reasons = h("div", {});
    const article = h(
      "article",
      { class: "question", "aria-labelledby": `${opened.questionId}-text` },
      h(
        "p",
        { class: "hint" },
        `${kind}${q.version > 1 ? t("decision.version_suffix", { version: q.version }) : ""}` +
          `${opened.settings?.anonymous ? t("decision.anonymous_nobody_sees_who_answered") : ""}`,
      ),
      h("p", { class: "question-text", id: `${opened.questionId}-text` }, q.text),
      opened.pacing ? h("p", {}, t("decision.if_adopted", { pace: paceText(opened.pacing) })) : null,
      opened.voice ? h("p", {}, t("decision.if_adopted_voice", { mode: modeName(opened.voice.mode) })) : null,
      earlierVersions(opened.kind, q.earlier, (id) => model.name(id)),
      mine,
      canAnswer ? answerForm(q, (ballot) => answerAs(q, ballot), t("decision.your_answer")) : null,
      results,
      reasons,
      me?.role === Role.MODERATOR ? moderatorControls(q) : null,
    );
    return { article, mine, results, reasons, version: q.version };
  }

  // Answers for this person, keeping the answer where the room will not show it back.
  async function answerAs(q: QuestionState, ballot: Ballot): Promise<void> {
    const opened = q.question!;
    await ctx.request({ case: "answerQuestion", value: { questionId: opened.questionId, ballot } });
    if (opened.settings?.anonymous || opened.settings?.resultsHiddenUntilClose) {
      model.keepOwnBallot(q, ballot);
      saveOwnBallots(model.roomId, model.ownBallots);
      ctx.changed();
    }
    ctx.announcer.personal(t("decision.your_answer_was", { answer: ballotText(opened.kind, opened.options, ballot) }));
  }

  function update(q: QuestionState, s: Shown): void {
    const opened = q.question!;
    const me = ctx.me();
    const options = opened.options;
    const own = model.ownBallot(q);
    s.mine.textContent = own
      ? t("decision.your_answer_is", { answer: ballotText(opened.kind, options, own) })
      : model.hasAnswered(q)
        ? t("decision.you_have_answered")
        : "";
    s.mine.hidden = !s.mine.textContent;
    const could = model.couldAnswer(q);
    s.results.replaceChildren(liveResults(q, could.length));
    // The moderator sees who has not answered yet, where answers carry names.
    if (me?.role === Role.MODERATOR && !opened.settings?.anonymous) {
      const waiting = could.filter((m) => !q.answers.some((a) => a.memberId === m.memberId)).map((m) => m.displayName);
      if (waiting.length)
        s.results.append(
          h("p", { class: "hint not-answered" }, t("decision.not_answered_yet", { names: formatList(waiting) })),
        );
    }
    const given = opened.kind === QuestionKind.CONSENSUS ? q.answers.filter((a) => a.ballot?.reason) : [];
    const later =
      opened.kind === QuestionKind.CONSENSUS &&
      (opened.settings?.anonymous || opened.settings?.resultsHiddenUntilClose);
    s.reasons.replaceChildren(
      ...(given.length
        ? [
            h("p", {}, t("decision.reasons_given")),
            h(
              "ul",
              {},
              ...given.map((a) =>
                h("li", {}, `${model.name(a.memberId)}: ${ballotText(opened.kind, options, a.ballot)}`),
              ),
            ),
          ]
        : later
          ? [
              h(
                "p",
                { class: "hint" },
                opened.settings?.anonymous
                  ? t("decision.reasons_are_shown_without_names")
                  : t("decision.reasons_are_shown_when_it"),
              ),
            ]
          : []),
    );
    // The close form follows the answers: "Agreed" is not offered while anyone blocks.
    const agreed = s.article.querySelector<HTMLInputElement>("input.result-agreed");
    const hint = s.article.querySelector<HTMLElement>(".result-hint");
    if (agreed && hint) {
      const blocked = blocks(q);
      agreed.disabled = blocked;
      if (blocked) agreed.checked = false;
      hint.textContent = blocked
        ? t("decision.someone_blocks_this_proposal_it")
        : t("decision.or_amend_the_proposal_and");
    }
  }

  // Whether anyone blocks q, from the server's counts (hidden results: the server refuses
  // "agreed" when it closes).
  function blocks(q: QuestionState): boolean {
    return (q.tally[ConsensusResponse.CONSENSUS_BLOCK] ?? 0) > 0;
  }

  function moderatorControls(q: QuestionState): HTMLElement {
    const opened = q.question!;
    const controls = h("div", { class: "stack" });
    const inRoom = [...model.members.values()].filter((m) => m.inRoom && m.present);
    if (inRoom.length && opened.settings?.anonymous) controls.append(roomBallots(q, inRoom.length));
    else if (inRoom.length) {
      const who = h(
        "select",
        { id: uid("for") },
        ...inRoom.map((m) => h("option", { value: m.memberId }, m.displayName)),
      );
      controls.append(
        h(
          "details",
          {},
          h("summary", {}, t("decision.enter_an_answer_for_someone")),
          h("div", { class: "field" }, h("label", { for: who.id }, t("decision.for")), who),
          answerForm(
            q,
            async (ballot) => {
              await ctx.request({
                case: "answerQuestion",
                value: { questionId: opened.questionId, ballot, forMemberId: who.value },
              });
            },
            t("decision.their_answer"),
            {
              action: t("decision.record_their_answer"),
              confirm: (ballot) =>
                t("decision.recorded_for", {
                  name: model.name(who.value),
                  answer: ballotText(opened.kind, opened.options, ballot),
                }),
            },
          ),
        ),
      );
    }
    if (opened.kind === QuestionKind.CONSENSUS) {
      const text = h("textarea", { id: uid("amend"), rows: 3 });
      text.value = q.text;
      const amend = h(
        "form",
        { class: "stack" },
        h("label", { for: text.id }, t("decision.amended_proposal")),
        text,
        h("button", { type: "submit", class: "secondary" }, t("decision.amend_and_ask_again")),
      );
      amend.addEventListener("submit", (e) => {
        e.preventDefault();
        void ctx.send({ case: "amendQuestion", value: { questionId: opened.questionId, text: text.value } });
      });
      controls.append(h("details", {}, h("summary", {}, t("decision.amend_the_proposal")), amend));
    }
    const outcome = h("input", { type: "text", id: uid("outcome"), limit: "outcome" });
    const adopt = h("input", { type: "checkbox", id: uid("adopt") });
    // A consensus check: the moderator says whether it was agreed (never while anyone blocks),
    // or amends it and checks again (above).
    const consensus = opened.kind === QuestionKind.CONSENSUS;
    const blocked = consensus && blocks(q);
    const resultName = uid("result");
    const agreedChoice = h("input", {
      type: "radio",
      name: resultName,
      id: `${resultName}-agreed`,
      value: "agreed",
      disabled: blocked,
      required: true,
      class: "result-agreed",
    });
    const notAgreedChoice = h("input", {
      type: "radio",
      name: resultName,
      id: `${resultName}-not`,
      value: "not",
      required: true,
    });
    const resultGroup = consensus
      ? h(
          "fieldset",
          { class: "choices" },
          h("legend", {}, t("decision.what_did_the_room_decide")),
          h("div", { class: "check" }, agreedChoice, h("label", { for: agreedChoice.id }, t("decision.agreed"))),
          h(
            "div",
            { class: "check" },
            notAgreedChoice,
            h("label", { for: notAgreedChoice.id }, t("decision.not_agreed")),
          ),
          h(
            "p",
            { class: "hint result-hint" },
            blocked ? t("decision.someone_blocks_this_proposal_it") : t("decision.or_amend_the_proposal_and"),
          ),
        )
      : null;
    const close = h(
      "form",
      { class: "stack" },
      resultGroup,
      h("label", { for: outcome.id }, t("decision.outcome_in_words_optional")),
      outcome,
      opened.pacing || opened.voice
        ? h(
            "div",
            { class: "check" },
            adopt,
            h(
              "label",
              { for: adopt.id },
              t(opened.pacing ? "decision.adopt_the_change_of_pace" : "decision.adopt_the_change_of_voice"),
            ),
          )
        : null,
      h("button", { type: "submit" }, t("decision.close_and_record")),
    );
    // Adopting a change of pace is agreeing to it.
    adopt.addEventListener("change", () => {
      if (adopt.checked && !agreedChoice.disabled) agreedChoice.checked = true;
    });
    close.addEventListener("submit", (e) => {
      e.preventDefault();
      const result = !consensus
        ? ConsensusResult.CONSENSUS_RESULT_UNSPECIFIED
        : agreedChoice.checked
          ? ConsensusResult.CONSENSUS_AGREED
          : ConsensusResult.CONSENSUS_NOT_AGREED;
      void ctx
        .send({
          case: "closeQuestion",
          value: { questionId: opened.questionId, outcome: outcome.value, adopt: adopt.checked, result },
        })
        .then((closed) => {
          if (closed) focusInstead(close, recordsHeading);
        }); // the question is gone: on to its record
    });
    controls.append(close);
    return controls;
  }

  // The ballots the people in the room hand in, collected one by one and entered together
  // (entering them again replaces the ones entered before).
  function roomBallots(q: QuestionState, people: number): HTMLElement {
    const opened = q.question!;
    const collected: Ballot[] = [];
    const list = h("ul", { "aria-label": t("decision.ballots_collected") });
    const status = h("p", { role: "status" });
    const enter = h("button", { type: "button" }, t("decision.enter_the_room_s_ballots"));
    const show = () => {
      list.replaceChildren(
        ...collected.map((b, i) =>
          h("li", {}, t("decision.ballot_n", { n: i + 1, answer: ballotText(opened.kind, opened.options, b) })),
        ),
      );
      status.textContent =
        t("decision.collected", { n: collected.length, people }) +
        (q.roomBallots ? ` ${t("decision.entered_already", { n: q.roomBallots })}` : "");
      enter.disabled = collected.length === 0;
    };
    enter.addEventListener("click", async () => {
      if (
        await ctx.send({ case: "answerQuestion", value: { questionId: opened.questionId, roomBallots: collected } })
      ) {
        collected.length = 0;
        show();
        status.textContent = t("decision.entered");
      }
    });
    const form = answerForm(
      q,
      async (ballot) => {
        if (collected.length >= people) throw new Error("one ballot per person in the room");
        collected.push(ballot);
        show();
      },
      t("decision.a_ballot_handed_in"),
      {
        action: t("decision.add_this_ballot"),
        confirm: (ballot) => t("decision.added", { answer: ballotText(opened.kind, opened.options, ballot) }),
      },
    );
    show();
    return h(
      "details",
      {},
      h("summary", {}, t("decision.enter_the_ballots_handed_in")),
      h("p", { class: "hint" }, t("decision.the_question_is_anonymous_collect")),
      form,
      list,
      status,
      enter,
    );
  }

  function record(d: DecisionRecorded): HTMLElement {
    const kind = kindNames.find(([k]) => k === d.kind)?.[1] ?? "";
    const rounds =
      d.rounds.length > 1 || d.kind === QuestionKind.RANKED_CHOICE
        ? h(
            "ol",
            { "aria-label": t("decision.rounds_of_the_count") },
            ...d.rounds.map((r, i) =>
              h(
                "li",
                {},
                t("decision.round", {
                  n: i + 1,
                  votes: formatList(
                    d.options.map((o, j) => t("decision.option_votes", { option: o, n: r.votes[j] ?? 0 })),
                  ),
                }) +
                  (r.eliminated.length
                    ? t("decision.round_out", { names: formatList(r.eliminated.map((e) => d.options[e])) })
                    : ""),
              ),
            ),
          )
        : null;
    const result =
      d.kind === QuestionKind.RANKED_CHOICE
        ? d.winner
          ? t("decision.chosen", { option: d.options[d.winner - 1] })
          : d.tied.length
            ? t("decision.tie", {
                options: formatList(
                  d.tied.map((i) => d.options[i]),
                  "conjunction",
                ),
              })
            : t("decision.no_answers")
        : "";
    return h(
      "li",
      { class: "decision-record" },
      h(
        "p",
        { class: "question-text" },
        h("strong", {}, decisionHeadline(d)),
        d.version > 1 ? t("decision.version_paren", { version: d.version }) : "",
      ),
      h(
        "p",
        { class: "hint" },
        `${kind}${d.settings?.anonymous ? t("decision.anonymous") : ""} · ${t("decision.answered_of", { n: d.answered, of: d.eligible })}` +
          (d.changes ? ` · ${t("decision.changed_answer", { n: d.changes })}` : "") +
          ` · ${d.closedByMemberId ? t("decision.closed_by", { name: model.name(d.closedByMemberId) }) : t("decision.closed_at_time")}`,
      ),
      d.outcome ? h("p", { class: "outcome" }, t("decision.outcome", { outcome: d.outcome })) : null,
      result ? h("p", {}, result) : null,
      resultsTable(t("decision.answers"), d.kind, d.options, d.counts),
      rounds,
      d.pacing
        ? h("p", {}, t(d.adopted ? "decision.pace_adopted" : "decision.pace_not_adopted", { pace: paceText(d.pacing) }))
        : null,
      d.voice
        ? h(
            "p",
            {},
            t(d.adopted ? "decision.voice_adopted" : "decision.voice_not_adopted", { mode: modeName(d.voice.mode) }),
          )
        : null,
      d.reasons.length
        ? h(
            "ul",
            { "aria-label": t("decision.reasons_given_2") },
            ...d.reasons.map((r) =>
              h(
                "li",
                {},
                reasonText(r, (id) => model.name(id)),
              ),
            ),
          )
        : null,
      earlierVersions(d.kind, d.earlier, (id) => model.name(id)),
      model.records(ctx.me()) ? actionButton(d) : null,
    );
  }

  function actionButton(d: DecisionRecorded): HTMLElement {
    const b = h("button", { type: "button", class: "secondary small" }, t("decision.record_an_action_from_this"));
    b.setAttribute("aria-label", t("decision.record_action_from", { text: d.text }));
    b.addEventListener("click", () => ctx.startAction({ questionId: d.questionId }));
    return h("div", { class: "button-row" }, b);
  }

  // --- the moderator's form ------------------------------------------------------------
  const kind = h(
    "select",
    { id: uid("kind") },
    ...kindNames.map(([k, label]) => h("option", { value: String(k) }, label)),
  );
  const text = h("textarea", { id: uid("question"), rows: 3, limit: "message" });
  const options = h("textarea", { id: uid("options"), rows: 3, "aria-describedby": "options-hint" });
  const most = h("input", { type: "number", id: uid("most"), min: 0, value: 0 });
  const observers = h("input", { type: "checkbox", id: uid("observers") });
  const anonymous = h("input", { type: "checkbox", id: uid("anonymous"), "aria-describedby": "anonymous-hint" });
  const hidden = h("input", { type: "checkbox", id: uid("hidden") });
  const minutes = h("input", { type: "number", id: uid("minutes"), min: 0, value: 0 });
  // Not a live region: it would be read aloud at every key the moderator types.
  const preview = h("div", { class: "preview" });
  const optionsField = h(
    "div",
    { class: "field" },
    h("label", { for: options.id }, t("decision.options_one_per_line")),
    h("p", { class: "hint", id: "options-hint" }, t("decision.for_polls_from_2_to")),
    options,
  );
  const mostField = h(
    "div",
    { class: "field" },
    h("label", { for: most.id }, t("decision.most_choices_per_person_0")),
    most,
  );
  const createForm = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: kind.id }, t("decision.kind")), kind),
    h("div", { class: "field" }, h("label", { for: text.id }, t("decision.question_or_proposal")), text),
    optionsField,
    mostField,
    h("div", { class: "check" }, anonymous, h("label", { for: anonymous.id }, t("decision.anonymous_2"))),
    h("p", { class: "hint", id: "anonymous-hint" }, t("decision.nobody_moderators_included_sees_who")),
    h("div", { class: "check" }, hidden, h("label", { for: hidden.id }, t("decision.hide_the_results_until_it"))),
    h("div", { class: "check" }, observers, h("label", { for: observers.id }, t("decision.observers_may_answer_too"))),
    h("div", { class: "field" }, h("label", { for: minutes.id }, t("decision.close_by_itself_after_this")), minutes),
    h("h4", {}, t("decision.preview")),
    preview,
    h("button", { type: "submit" }, t("decision.put_it_to_the_room")),
  );
  const chosenKind = () => Number(kind.value) as QuestionKind;
  const optionList = () =>
    options.value
      .split("\n")
      .map((o) => o.trim())
      .filter(Boolean);
  function renderPreview(): void {
    const k = chosenKind();
    optionsField.hidden = !isPoll(k);
    mostField.hidden = k !== QuestionKind.MULTIPLE_CHOICE;
    preview.replaceChildren(
      h("p", { class: "question-text" }, text.value || t("decision.the_question")),
      h("ul", {}, ...buckets(k, optionList()).map(([, label]) => h("li", {}, label))),
    );
  }
  for (const el of [kind, text, options]) el.addEventListener("input", renderPreview);
  createForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const k = chosenKind();
    const closeIn = Number(minutes.value) || 0;
    if (
      await ctx.send({
        case: "openQuestion",
        value: {
          kind: k,
          text: text.value,
          options: isPoll(k) ? optionList() : [],
          settings: {
            anonymous: anonymous.checked,
            resultsHiddenUntilClose: hidden.checked,
            observersMayAnswer: observers.checked,
            mostChoices: Number(most.value) || 0,
            closesAtMs: closeIn > 0 ? BigInt(Math.round(model.serverNow() + closeIn * 60000)) : 0n,
          },
        },
      })
    ) {
      text.value = "";
      options.value = "";
      renderPreview();
    }
  });
  renderPreview();
  const tools = h("div", { class: "stack" }, h("h3", {}, t("decision.put_a_question_to_the")), createForm);

  let storedFor = "";
  function render(): void {
    const me = ctx.me();
    // Nothing asked and nothing decided yet: the panel takes no room.
    element.hidden = !me || (model.questions.size === 0 && model.decisions.length === 0);
    if (model.roomId !== storedFor) {
      storedFor = model.roomId;
      model.restoreOwnBallots(loadOwnBallots(model.roomId));
    }
    tools.hidden = me?.role !== Role.MODERATOR;
    for (const [id, s] of shown) {
      const q = model.questions.get(id);
      if (!q || q.version !== s.version) {
        s.article.remove();
        shown.delete(id);
      }
    }
    for (const [id, q] of model.questions) {
      let s = shown.get(id);
      if (!s) {
        s = build(q);
        shown.set(id, s);
        openList.append(s.article);
      }
      update(q, s);
    }
    records.replaceChildren(...model.decisions.map(record));
    recordsHeading.hidden = model.decisions.length === 0;
  }

  return { element, tools, render };
}
