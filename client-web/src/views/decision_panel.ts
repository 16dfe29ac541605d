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
import { focusInstead, h, uid } from "../dom";
import {
  BallotSchema,
  ConsensusResponse,
  ConsensusResult,
  QuestionKind,
  Role,
  ServerError,
  create,
  describeError,
  type Ballot,
  type DecisionRecorded,
  type EarlierVersion,
  type GivenReason,
  type PacingSettings,
  type QuestionState,
} from "../protocol";
import { choiceFields, chosen } from "./choice_fields";
import type { RoomContext } from "./room_context";

export const kindNames: [QuestionKind, string][] = [
  [QuestionKind.SINGLE_CHOICE, "Poll: one choice"],
  [QuestionKind.MULTIPLE_CHOICE, "Poll: several choices"],
  [QuestionKind.RANKED_CHOICE, "Poll: ranked choices"],
  [QuestionKind.CONSENSUS, "Consensus check on a proposal"],
  [QuestionKind.FIST_TO_FIVE, "Fist to five"],
  [QuestionKind.TEMPERATURE, "Temperature check (informal)"],
];

const responses: [ConsensusResponse, string][] = [
  [ConsensusResponse.CONSENSUS_AGREE, "Agree"],
  [ConsensusResponse.CONSENSUS_AGREE_WITH_CONCERNS, "Agree, with concerns"],
  [ConsensusResponse.CONSENSUS_STAND_ASIDE, "Stand aside"],
  [ConsensusResponse.CONSENSUS_BLOCK, "Block"],
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
        h("th", { scope: "col" }, "Answer"),
        h("th", { scope: "col" }, "Count"),
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Bar")),
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
  const answered = `${q.answered} of ${Math.max(could, q.answered)} answered`;
  if (opened.settings?.resultsHiddenUntilClose)
    return h("p", { class: "hint" }, `So far: ${answered}. The results are shown when the question closes.`);
  const size = bucketCount(opened.kind, opened.options);
  const counts = Array.from({ length: size }, (_, i) => q.tally[i] ?? 0);
  return resultsTable(`So far: ${answered}`, opened.kind, opened.options, counts);
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
    return `${agreed ? "Agreed" : "Not agreed"}: ${d.text}`;
  }
  if (d.kind === QuestionKind.RANKED_CHOICE && d.winner) return `Chosen: ${d.options[d.winner - 1]} (${d.text})`;
  return `Result: ${d.text}`;
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
    { class: "earlier", "aria-label": "Responses to earlier versions" },
    ...earlier.map((e) => {
      const counts = buckets(kind, [])
        .filter(([i]) => (e.counts[i] ?? 0) > 0)
        .map(([i, label]) => `${label} ${e.counts[i]}`);
      return h(
        "li",
        {},
        `Version ${e.version}, “${e.text}”: ${e.answered} answered` +
          (e.counts.length ? (counts.length ? ` (${counts.join(", ")})` : "") : " (shown when it closes)"),
        e.reasons.length ? h("ul", {}, ...e.reasons.map((r) => h("li", {}, reasonText(r, name)))) : null,
      );
    }),
  );
}

// A change of pace in words ("a reading pace of 150 words a minute and no slow mode").
export function paceText(p: PacingSettings): string {
  const parts = [
    p.wordsPerMinute ? `a reading pace of ${p.wordsPerMinute} words a minute` : "no reading pace",
    p.slowModeSeconds ? `slow mode of ${p.slowModeSeconds} s` : "no slow mode",
  ];
  if (p.minGapSeconds) parts.push(`at least ${p.minGapSeconds} s between messages`);
  if (p.maxMessageChars) parts.push(`messages of at most ${p.maxMessageChars} characters`);
  if (p.pauseThreshold) parts.push(`a pause when ${p.pauseThreshold} people ask`);
  return parts.join(" and ");
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
  const records = h("ol", { class: "decisions", "aria-label": "Decisions recorded" });
  const recordsHeading = h("h3", {}, "Decisions recorded");
  const element = h(
    "section",
    { class: "panel decisions-panel", id: "decisions", "aria-labelledby": "decisions-heading", hidden: true },
    h("h2", { id: "decisions-heading" }, "Decisions"),
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
    const action = forOther?.action ?? "Send my answer";
    const opened = q.question!;
    const name = uid("answer");
    const fields: HTMLElement[] = [];
    const reason = h("textarea", { rows: 2, limit: "surveyAnswer", id: uid("reason") });
    // A ranked poll: the options as a list the person puts in order (first choice first), so
    // that no two can share a place.
    const order = opened.options.map((_, i) => i);
    const ranking = h("ol", { class: "ranking", "aria-label": "Your order, first choice first" });
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
              "aria-label": `Move ${opened.options[option]} up`,
              disabled: place === 0,
            },
            "Up",
          );
          const downButton = h(
            "button",
            {
              type: "button",
              class: "secondary small",
              "aria-label": `Move ${opened.options[option]} down`,
              disabled: place === order.length - 1,
            },
            "Down",
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
      fields.push(
        h("p", { class: "hint" }, "Put the options in your order of preference: your first choice at the top."),
        ranking,
      );
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
              forOther
                ? "Their reason (needed for concerns and a block)"
                : "Your reason (needed for concerns and a block)",
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
      h("button", { type: "submit", class: "secondary" }, action),
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
      problem.textContent = "Choose an answer first.";
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
        problem.textContent =
          err instanceof ServerError
            ? `${describeError(err.code)}: ${err.message}.`
            : "Not sent: the connection was lost. Try again.";
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
        `${kind}${q.version > 1 ? ` · version ${q.version}` : ""}` +
          `${opened.settings?.anonymous ? " · anonymous: nobody sees who answered what" : ""}`,
      ),
      h("p", { class: "question-text", id: `${opened.questionId}-text` }, q.text),
      opened.pacing ? h("p", {}, `If adopted, the room's pace becomes ${paceText(opened.pacing)}.`) : null,
      earlierVersions(opened.kind, q.earlier, (id) => model.name(id)),
      mine,
      canAnswer ? answerForm(q, (ballot) => answerAs(q, ballot), "Your answer") : null,
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
    ctx.announcer.personal(`Your answer: ${ballotText(opened.kind, opened.options, ballot)}.`);
  }

  function update(q: QuestionState, s: Shown): void {
    const opened = q.question!;
    const me = ctx.me();
    const options = opened.options;
    const own = model.ownBallot(q);
    s.mine.textContent = own
      ? `Your answer: ${ballotText(opened.kind, options, own)}`
      : model.hasAnswered(q)
        ? "You have answered."
        : "";
    s.mine.hidden = !s.mine.textContent;
    const could = model.couldAnswer(q);
    s.results.replaceChildren(liveResults(q, could.length));
    // The moderator sees who has not answered yet, where answers carry names.
    if (me?.role === Role.MODERATOR && !opened.settings?.anonymous) {
      const waiting = could.filter((m) => !q.answers.some((a) => a.memberId === m.memberId)).map((m) => m.displayName);
      if (waiting.length)
        s.results.append(h("p", { class: "hint not-answered" }, `Not answered yet: ${waiting.join(", ")}.`));
    }
    const given = opened.kind === QuestionKind.CONSENSUS ? q.answers.filter((a) => a.ballot?.reason) : [];
    const later =
      opened.kind === QuestionKind.CONSENSUS &&
      (opened.settings?.anonymous || opened.settings?.resultsHiddenUntilClose);
    s.reasons.replaceChildren(
      ...(given.length
        ? [
            h("p", {}, "Reasons given:"),
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
                  ? "Reasons are shown, without names, when it closes."
                  : "Reasons are shown when it closes.",
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
        ? "Someone blocks this proposal: it cannot be recorded as agreed. Record it as not agreed, or amend it and ask again."
        : "Or amend the proposal and ask again.";
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
          h("summary", {}, "Enter an answer for someone in the room"),
          h("div", { class: "field" }, h("label", { for: who.id }, "For"), who),
          answerForm(
            q,
            async (ballot) => {
              await ctx.request({
                case: "answerQuestion",
                value: { questionId: opened.questionId, ballot, forMemberId: who.value },
              });
            },
            "Their answer",
            {
              action: "Record their answer",
              confirm: (ballot) =>
                `Recorded for ${model.name(who.value)}: ${ballotText(opened.kind, opened.options, ballot)}.`,
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
        h("label", { for: text.id }, "Amended proposal"),
        text,
        h("button", { type: "submit", class: "secondary" }, "Amend and ask again"),
      );
      amend.addEventListener("submit", (e) => {
        e.preventDefault();
        void ctx.send({ case: "amendQuestion", value: { questionId: opened.questionId, text: text.value } });
      });
      controls.append(h("details", {}, h("summary", {}, "Amend the proposal"), amend));
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
          h("legend", {}, "What did the room decide?"),
          h("div", { class: "check" }, agreedChoice, h("label", { for: agreedChoice.id }, "Agreed")),
          h("div", { class: "check" }, notAgreedChoice, h("label", { for: notAgreedChoice.id }, "Not agreed")),
          h(
            "p",
            { class: "hint result-hint" },
            blocked
              ? "Someone blocks this proposal: it cannot be recorded as agreed. Record it as not agreed, or amend it and ask again."
              : "Or amend the proposal and ask again.",
          ),
        )
      : null;
    const close = h(
      "form",
      { class: "stack" },
      resultGroup,
      h("label", { for: outcome.id }, "Outcome in words (optional)"),
      outcome,
      opened.pacing
        ? h(
            "div",
            { class: "check" },
            adopt,
            h("label", { for: adopt.id }, "Adopt the change of pace (not while anyone blocks)"),
          )
        : null,
      h("button", { type: "submit" }, "Close and record"),
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
    const list = h("ul", { "aria-label": "Ballots collected" });
    const status = h("p", { role: "status" });
    const enter = h("button", { type: "button" }, "Enter the room's ballots");
    const show = () => {
      list.replaceChildren(
        ...collected.map((b, i) => h("li", {}, `Ballot ${i + 1}: ${ballotText(opened.kind, opened.options, b)}`)),
      );
      status.textContent =
        `${collected.length} of at most ${people} collected.` +
        (q.roomBallots ? ` ${q.roomBallots} entered already; entering replaces them.` : "");
      enter.disabled = collected.length === 0;
    };
    enter.addEventListener("click", async () => {
      if (
        await ctx.send({ case: "answerQuestion", value: { questionId: opened.questionId, roomBallots: collected } })
      ) {
        collected.length = 0;
        show();
        status.textContent = "Entered.";
      }
    });
    const form = answerForm(
      q,
      async (ballot) => {
        if (collected.length >= people) throw new Error("one ballot per person in the room");
        collected.push(ballot);
        show();
      },
      "A ballot handed in",
      { action: "Add this ballot", confirm: (ballot) => `Added: ${ballotText(opened.kind, opened.options, ballot)}.` },
    );
    show();
    return h(
      "details",
      {},
      h("summary", {}, "Enter the ballots handed in by the people in the room"),
      h(
        "p",
        { class: "hint" },
        "The question is anonymous: collect the answers in the room without names, then enter them together.",
      ),
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
            { "aria-label": "Rounds of the count" },
            ...d.rounds.map((r, i) =>
              h(
                "li",
                {},
                `Round ${i + 1}: ${d.options.map((o, j) => `${o} ${r.votes[j] ?? 0}`).join(", ")}` +
                  (r.eliminated.length ? `; out: ${r.eliminated.map((e) => d.options[e]).join(", ")}` : ""),
              ),
            ),
          )
        : null;
    const result =
      d.kind === QuestionKind.RANKED_CHOICE
        ? d.winner
          ? `Chosen: ${d.options[d.winner - 1]}.`
          : d.tied.length
            ? `A tie between ${d.tied.map((t) => d.options[t]).join(" and ")}: the room decides.`
            : "No answers."
        : "";
    return h(
      "li",
      { class: "decision-record" },
      h(
        "p",
        { class: "question-text" },
        h("strong", {}, decisionHeadline(d)),
        d.version > 1 ? ` (version ${d.version})` : "",
      ),
      h(
        "p",
        { class: "hint" },
        `${kind}${d.settings?.anonymous ? " · anonymous" : ""} · ${d.answered} of ${d.eligible} answered${d.changes ? ` · ${d.changes} changed their answer` : ""}` +
          ` · closed ${d.closedByMemberId ? `by ${model.name(d.closedByMemberId)}` : "at its closing time"}`,
      ),
      d.outcome ? h("p", { class: "outcome" }, `Outcome: ${d.outcome}`) : null,
      result ? h("p", {}, result) : null,
      resultsTable("Answers", d.kind, d.options, d.counts),
      rounds,
      d.pacing
        ? h("p", {}, `Change of pace to ${paceText(d.pacing)}: ${d.adopted ? "adopted" : "not adopted"}.`)
        : null,
      d.reasons.length
        ? h(
            "ul",
            { "aria-label": "Reasons given" },
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
    const b = h("button", { type: "button", class: "secondary small" }, "Record an action from this decision");
    b.setAttribute("aria-label", `Record an action from the decision: ${d.text}`);
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
    h("label", { for: options.id }, "Options, one per line"),
    h("p", { class: "hint", id: "options-hint" }, "For polls: from 2 to 20."),
    options,
  );
  const mostField = h(
    "div",
    { class: "field" },
    h("label", { for: most.id }, "Most choices per person (0: any)"),
    most,
  );
  const createForm = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: kind.id }, "Kind"), kind),
    h("div", { class: "field" }, h("label", { for: text.id }, "Question or proposal"), text),
    optionsField,
    mostField,
    h("div", { class: "check" }, anonymous, h("label", { for: anonymous.id }, "Anonymous")),
    h(
      "p",
      { class: "hint", id: "anonymous-hint" },
      "Nobody, moderators included, sees who answered what; only how many answered.",
    ),
    h("div", { class: "check" }, hidden, h("label", { for: hidden.id }, "Hide the results until it closes")),
    h("div", { class: "check" }, observers, h("label", { for: observers.id }, "Observers may answer too")),
    h(
      "div",
      { class: "field" },
      h("label", { for: minutes.id }, "Close by itself after this many minutes (0: I close it)"),
      minutes,
    ),
    h("h4", {}, "Preview"),
    preview,
    h("button", { type: "submit" }, "Put it to the room"),
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
      h("p", { class: "question-text" }, text.value || "(the question)"),
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
  const tools = h("div", { class: "stack" }, h("h3", {}, "Put a question to the room"), createForm);

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
