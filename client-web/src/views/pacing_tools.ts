// Pace and support. For everyone: ask for a pause, say what helps you, read the glossary.
// For moderators: the room's pace (slow mode, reading pace, limits), the "up next" line,
// pauses, and what the room has said it needs; and asking the room first about a change of
// pace (a consensus check, answered in Decisions).
import { button, focusInstead, h, keepFocus, submitOnEnterInRadios, uid } from "../dom";
import { PacingSettingsSchema, PauseReason, Role, create } from "../protocol";
import { loadSettings, updateSettings, type DisplaySettings } from "../settings";
import { paceText, proposePace } from "./decision_panel";
import { needLabels } from "./people_panel";
import type { RoomContext } from "./room_context";

export interface PacingTools {
  personal: HTMLElement;
  moderator: HTMLElement;
  render(): void;
  // Moves focus to the pause request's reasons, or says why it cannot be asked now.
  focusPause(): void;
}

export function pacingTools(ctx: RoomContext): PacingTools {
  const field = (id: string) => document.getElementById(id) as HTMLInputElement;

  // --- asking for a pause ---
  const reasonName = uid("pause-reason");
  const anonymousId = uid("pause-anonymous");
  const pauseForm = h(
    "form",
    { class: "stack", "aria-label": "Ask for a pause" },
    h(
      "fieldset",
      {},
      h("legend", {}, "Ask for a pause"),
      ...(
        [
          [PauseReason.NEED_A_MOMENT, "I need a moment"],
          [PauseReason.PLEASE_SLOW_DOWN, "Please slow down"],
        ] as const
      ).map(([reason, label], i) => {
        const id = `${reasonName}-${reason}`;
        return h(
          "div",
          { class: "check" },
          h("input", { type: "radio", name: reasonName, id, value: reason, checked: i === 0 }),
          h("label", { for: id }, label),
        );
      }),
      h(
        "div",
        { class: "check" },
        h("input", { type: "checkbox", id: anonymousId }),
        h("label", { for: anonymousId }, "Ask without my name"),
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, "Ask for a pause"),
  );
  const pauseStatus = h("p", { class: "hint", role: "status" });
  submitOnEnterInRadios(pauseForm);
  pauseForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const reason = Number(
      pauseForm.querySelector<HTMLInputElement>(`input[name="${reasonName}"]:checked`)?.value ??
        PauseReason.NEED_A_MOMENT,
    );
    if (await ctx.send({ case: "requestPause", value: { reason, anonymous: field(anonymousId).checked } }))
      pauseStatus.textContent = "Asked. The moderator can see it.";
  });

  // --- needs ---
  const needIds = new Map(needLabels.map(([key]) => [key, uid(`need-${key}`)]));
  const shareId = uid("need-share");
  const needsFields = h(
    "form",
    { class: "stack", "aria-label": "What helps you take part" },
    h(
      "fieldset",
      {},
      h("legend", {}, "What helps you take part"),
      ...needLabels.map(([key, label]) =>
        h(
          "div",
          { class: "check" },
          h("input", { type: "checkbox", id: needIds.get(key)! }),
          h("label", { for: needIds.get(key)! }, label),
        ),
      ),
      h(
        "div",
        { class: "check" },
        h("input", { type: "checkbox", id: shareId, "aria-describedby": `${shareId}-hint` }),
        h("label", { for: shareId }, "Moderators may see this with my name"),
        h(
          "p",
          { class: "hint", id: `${shareId}-hint` },
          "Otherwise they only see how many people asked for each thing.",
        ),
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, "Save what helps me"),
  );
  // Said before the meeting, mostly: folded away once it is on (open until then).
  const needsForm = h(
    "details",
    { class: "needs-details", open: true },
    h("summary", {}, "Say what helps you take part"),
    needsFields,
  );
  const needsStatus = h("p", { class: "hint", role: "status" });
  // Needs tell the room what helps; how this screen looks is the display settings' job.
  // Where a need has a matching display setting, offer to switch it on here too.
  const offers = h("div", { class: "button-row need-offers" });
  const matching: [string, string, Partial<DisplaySettings>, (s: DisplaySettings) => boolean][] = [
    ["largerText", "Make the text larger on this screen", { textSize: 150 }, (s) => s.textSize >= 150],
    ["highContrast", "Switch on high contrast on this screen", { highContrast: true }, (s) => s.highContrast],
    ["reducedMotion", "Reduce motion on this screen", { reduceMotion: true }, (s) => s.reduceMotion],
  ];
  function offerDisplaySettings(): void {
    const current = loadSettings();
    offers.replaceChildren(
      ...matching
        .filter(([key, , , on]) => field(needIds.get(key as never)!).checked && !on(current))
        .map(([, label, change]) => {
          const b = h("button", { type: "button", class: "secondary small" }, label);
          b.addEventListener("click", () => {
            updateSettings(change);
            b.remove();
            needsStatus.textContent = "Done: the display settings are changed on this device.";
          });
          return b;
        }),
    );
  }
  needsFields.addEventListener("submit", async (e) => {
    e.preventDefault();
    const needs: Record<string, boolean> = { shareWithModerators: field(shareId).checked };
    for (const [key, id] of needIds) needs[key] = field(id).checked;
    if (await ctx.send({ case: "setNeeds", value: { needs } })) {
      needsStatus.textContent = "Saved. Moderators will take it into account.";
      offerDisplaySettings();
    }
  });
  let needsFilled = false;
  let shownMoment = ""; // live and paused, as last rendered

  const glossaryList = h("dl", { class: "glossary" });
  const glossary = h("details", { class: "glossary-details" }, h("summary", {}, "Glossary"), glossaryList);

  const personal = h(
    "section",
    { class: "panel", "aria-labelledby": "support-heading" },
    h("h2", { id: "support-heading" }, "Pace and support"),
    pauseForm,
    pauseStatus,
    needsForm,
    needsStatus,
    offers,
    glossary,
  );

  // --- moderators ---
  const slowId = uid("slow");
  const wpmId = uid("wpm");
  const gapId = uid("gap");
  const maxId = uid("max-chars");
  const thresholdId = uid("threshold");
  const paceForm = h(
    "form",
    { class: "stack" },
    h(
      "div",
      { class: "field" },
      h("label", { for: slowId }, "Slow mode: seconds between one person's messages (0: off)"),
      h("input", { id: slowId, type: "number", min: 0, max: 300 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: wpmId }, "Reading pace, words a minute (0: off; 120–250 suits most)"),
      h("input", { id: wpmId, type: "number", min: 0, max: 400 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: gapId }, "At least this many seconds between messages"),
      h("input", { id: gapId, type: "number", min: 0, max: 120 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: maxId }, "Longest message, in characters (0: the server's limit)"),
      h("input", { id: maxId, type: "number", min: 0, max: 2000 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: thresholdId }, "Pause by itself when this many people ask (0: only I start pauses)"),
      h("input", { id: thresholdId, type: "number", min: 0, max: 1000 }),
    ),
    h("button", { type: "submit", class: "secondary" }, "Save pace settings"),
    h("button", { type: "button", class: "secondary", "data-action": "propose" }, "Ask the room first"),
  );
  let paceDirty = false;
  const formSettings = () => ({
    slowModeSeconds: Number(field(slowId).value),
    wordsPerMinute: Number(field(wpmId).value),
    minGapSeconds: Number(field(gapId).value),
    maxMessageChars: Number(field(maxId).value),
    pauseThreshold: Number(field(thresholdId).value),
  });
  // Asking first is a consensus check, answered and closed in Decisions.
  paceForm.querySelector<HTMLButtonElement>('[data-action="propose"]')!.addEventListener("click", () => {
    const s = create(PacingSettingsSchema, formSettings());
    void proposePace(ctx, `Shall we use ${paceText(s)}?`, s);
  });
  paceForm.addEventListener("input", () => {
    paceDirty = true;
  });
  paceForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ok = await ctx.send({ case: "setPacing", value: { settings: formSettings() } });
    if (ok) paceDirty = false;
  });
  const lineControls = h("div", { class: "button-row" });
  const requests = h("p", { class: "pause-requests" });
  const needsSummary = h("ul", { class: "needs-summary" });
  const termId = uid("term");
  const explanationId = uid("explanation");
  const glossaryForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, "Glossary"),
    h(
      "div",
      { class: "field" },
      h("label", { for: termId }, "Term"),
      h("input", { id: termId, limit: "glossaryTerm" }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: explanationId }, "In plain words (empty removes the term)"),
      h("textarea", { id: explanationId, rows: 2, limit: "glossaryExplanation" }),
    ),
    h("button", { type: "submit", class: "secondary" }, "Save term"),
  );
  glossaryForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const explanation = document.getElementById(explanationId) as HTMLTextAreaElement;
    if (
      await ctx.send({ case: "setGlossaryTerm", value: { term: field(termId).value, explanation: explanation.value } })
    ) {
      field(termId).value = "";
      explanation.value = "";
    }
  });
  const moderator = h(
    "section",
    { class: "panel", "aria-labelledby": "pace-heading" },
    h("h2", { id: "pace-heading" }, "Pace"),
    requests,
    lineControls,
    paceForm,
    h("h3", {}, "What the room needs"),
    needsSummary,
    glossaryForm,
  );

  function render(): void {
    const me = ctx.me();
    const m = ctx.model;
    // Offered only where it can work: in the meeting, while it is not paused. What was said
    // about an earlier request goes once the pause it asked for has come and gone, or the
    // phase changes.
    const hidePause = m.paused || !m.live();
    if (hidePause && !pauseForm.hidden) focusInstead(pauseForm, pauseStatus);
    pauseForm.hidden = hidePause;
    const moment = `${m.live()}:${m.paused}`;
    if (moment !== shownMoment) {
      if (shownMoment !== "") pauseStatus.textContent = "";
      // The meeting begins (or is on when joining): what helps folds away, still one press off.
      if (m.live() && !shownMoment.startsWith("true") && !needsForm.contains(document.activeElement))
        needsForm.open = false;
      shownMoment = moment;
    }
    if (!needsFilled && m.myNeeds) {
      for (const [key, id] of needIds) field(id).checked = Boolean(m.myNeeds[key]);
      field(shareId).checked = m.myNeeds.shareWithModerators;
      needsFilled = true;
    }
    glossaryList.replaceChildren(
      ...[...m.glossary.values()].flatMap((g) => [h("dt", {}, g.term), h("dd", {}, g.explanation)]),
    );
    glossary.hidden = m.glossary.size === 0;

    moderator.hidden = me?.role !== Role.MODERATOR;
    if (moderator.hidden) return;
    const p = m.pacing;
    if (p && !paceDirty) {
      field(slowId).value = String(p.slowModeSeconds);
      field(wpmId).value = String(p.wordsPerMinute);
      field(gapId).value = String(p.minGapSeconds);
      field(maxId).value = String(p.maxMessageChars);
      field(thresholdId).value = String(p.pauseThreshold);
    }
    requests.textContent = m.paused
      ? "The room is paused."
      : m.pauseRequests
        ? `${m.pauseRequests} ${m.pauseRequests === 1 ? "person has" : "people have"} asked for a pause.`
        : "";
    keepFocus(lineControls, () => {
      lineControls.replaceChildren(
        m.paused
          ? button("End the pause", "pause", () => void ctx.send({ case: "setPaused", value: { paused: false } }))
          : button("Pause the room", "pause", () => void ctx.send({ case: "setPaused", value: { paused: true } })),
      );
      if (m.pacing?.wordsPerMinute) {
        lineControls.append(
          m.lineHeld
            ? button("Let the line flow", "hold", () => void ctx.send({ case: "holdLine", value: { hold: false } }))
            : button("Hold the line", "hold", () => void ctx.send({ case: "holdLine", value: { hold: true } })),
        );
        if (m.upNext.length)
          lineControls.append(
            button(
              `Release all ${m.upNext.length} now`,
              "release",
              () => void ctx.send({ case: "releaseLine", value: {} }),
            ),
          );
      }
    });
    const s = m.needsSummary;
    const lines: string[] = [];
    if (s) {
      for (const [key, label] of needLabels) {
        const n = s[key] as number;
        if (n) lines.push(`${n} ${n === 1 ? "person" : "people"}: ${label.toLowerCase()}`);
      }
      for (const shared of s.shared) {
        const wants = needLabels.filter(([key]) => shared.needs?.[key]).map(([, label]) => label.toLowerCase());
        if (wants.length) lines.push(`${m.name(shared.memberId)}: ${wants.join(", ")}`);
      }
    }
    needsSummary.replaceChildren(...(lines.length ? lines : ["Nobody has said yet."]).map((t) => h("li", {}, t)));
  }

  return {
    personal,
    moderator,
    render,
    focusPause() {
      if (pauseForm.hidden || ctx.me()?.role === Role.OBSERVER) {
        ctx.announcer.personal(
          ctx.model.paused ? "The room is paused already." : "A pause can be asked for once the meeting is on.",
        );
        return;
      }
      pauseForm.querySelector<HTMLInputElement>(`input[name="${reasonName}"]:checked`)?.focus();
    },
  };
}
