// Pace and support. For everyone: ask for a pause, say what helps you, read the glossary.
// For moderators: the room's pace (slow mode, reading pace, limits), the "up next" line,
// pauses, and what the room has said it needs; and asking the room first about a change of
// pace (a consensus check, answered in Decisions).
import { easyIcon } from "./icons";
import { language, t } from "../i18n/i18n";
import { glossaryFor } from "../moderator_texts";
import { textLanguage, textLanguageSelect } from "./language_field";
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
    { class: "stack", "aria-label": t("pacing_tools.ask_for_a_pause") },
    h(
      "fieldset",
      {},
      h("legend", {}, t("pacing_tools.ask_for_a_pause")),
      ...(
        [
          [PauseReason.NEED_A_MOMENT, t("pacing_tools.i_need_a_moment")],
          [PauseReason.PLEASE_SLOW_DOWN, t("pacing_tools.please_slow_down")],
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
        h("label", { for: anonymousId }, t("pacing_tools.ask_without_my_name")),
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, easyIcon("pause"), t("pacing_tools.ask_for_a_pause")),
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
      pauseStatus.textContent = t("pacing_tools.asked_the_moderator_can_see");
  });

  // --- needs ---
  const needIds = new Map(needLabels.map(([key]) => [key, uid(`need-${key}`)]));
  const shareId = uid("need-share");
  const needsFields = h(
    "form",
    { class: "stack", "aria-label": t("pacing_tools.what_helps_you_take_part") },
    h(
      "fieldset",
      {},
      h("legend", {}, t("pacing_tools.what_helps_you_take_part")),
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
        h("label", { for: shareId }, t("pacing_tools.moderators_may_see_this_with")),
        h("p", { class: "hint", id: `${shareId}-hint` }, t("pacing_tools.otherwise_they_only_see_how")),
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, t("pacing_tools.save_what_helps_me")),
  );
  // Said before the meeting, mostly: folded away once it is on (open until then).
  const needsForm = h(
    "details",
    { class: "needs-details", open: true },
    h("summary", {}, t("pacing_tools.say_what_helps_you_take")),
    needsFields,
  );
  const needsStatus = h("p", { class: "hint", role: "status" });
  // Needs tell the room what helps; how this screen looks is the display settings' job.
  // Where a need has a matching display setting, offer to switch it on here too.
  const offers = h("div", { class: "button-row need-offers" });
  const matching: [string, string, Partial<DisplaySettings>, (s: DisplaySettings) => boolean][] = [
    ["largerText", t("pacing_tools.make_the_text_larger_on"), { textSize: 150 }, (s) => s.textSize >= 150],
    ["highContrast", t("pacing_tools.switch_on_high_contrast_on"), { highContrast: true }, (s) => s.highContrast],
    ["reducedMotion", t("pacing_tools.reduce_motion_on_this_screen"), { reduceMotion: true }, (s) => s.reduceMotion],
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
            needsStatus.textContent = t("pacing_tools.done_the_display_settings_are");
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
      needsStatus.textContent = t("pacing_tools.saved_moderators_will_take_it");
      offerDisplaySettings();
    }
  });
  let needsFilled = false;
  let shownMoment = ""; // live and paused, as last rendered

  const glossaryList = h("dl", { class: "glossary" });
  const glossary = h(
    "details",
    { class: "glossary-details" },
    h("summary", {}, t("pacing_tools.glossary")),
    glossaryList,
  );

  const personal = h(
    "section",
    { class: "panel", "aria-labelledby": "support-heading" },
    h("h2", { id: "support-heading" }, t("pacing_tools.pace_and_support")),
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
      h("label", { for: slowId }, t("pacing_tools.slow_mode_seconds_between_one")),
      h("input", { id: slowId, type: "number", min: 0, max: 300 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: wpmId }, t("pacing_tools.reading_pace_words_a_minute")),
      h("input", { id: wpmId, type: "number", min: 0, max: 400 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: gapId }, t("pacing_tools.at_least_this_many_seconds")),
      h("input", { id: gapId, type: "number", min: 0, max: 120 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: maxId }, t("pacing_tools.longest_message_in_characters_0")),
      h("input", { id: maxId, type: "number", min: 0, max: 2000 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: thresholdId }, t("pacing_tools.pause_by_itself_when_this")),
      h("input", { id: thresholdId, type: "number", min: 0, max: 1000 }),
    ),
    h("button", { type: "submit", class: "secondary" }, t("pacing_tools.save_pace_settings")),
    h("button", { type: "button", class: "secondary", "data-action": "propose" }, t("pacing_tools.ask_the_room_first")),
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
    void proposePace(ctx, t("pacing_tools.shall_we_use", { pace: paceText(s) }), s);
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
  // A term's text in another language: the room's term says which entry; how it is said in
  // that language is optional.
  const termLanguageId = uid("term-language");
  let termLanguage = textLanguageSelect(termLanguageId, t("moderator_texts.room_text"), ctx.model.language);
  let termLanguagesFor = ctx.model.language;
  const saidId = uid("term-said");
  const said = h("input", { id: saidId, limit: "glossaryTerm" });
  const saidField = h(
    "div",
    { class: "field", hidden: true },
    h("label", { for: saidId }, t("moderator_texts.term_in_language")),
    said,
  );
  const languageField = h(
    "div",
    { class: "field" },
    h("label", { for: termLanguageId }, t("moderator_texts.language")),
    termLanguage,
  );
  languageField.addEventListener("change", () => {
    saidField.hidden = !termLanguage.value;
  });
  const glossaryForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, t("pacing_tools.glossary")),
    languageField,
    h(
      "div",
      { class: "field" },
      h("label", { for: termId }, t("pacing_tools.term")),
      h("input", { id: termId, limit: "glossaryTerm" }),
    ),
    saidField,
    h(
      "div",
      { class: "field" },
      h("label", { for: explanationId }, t("pacing_tools.in_plain_words_empty_removes")),
      h("textarea", { id: explanationId, rows: 2, limit: "glossaryExplanation" }),
    ),
    h("button", { type: "submit", class: "secondary" }, t("pacing_tools.save_term")),
  );
  glossaryForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const explanation = document.getElementById(explanationId) as HTMLTextAreaElement;
    const value = {
      term: field(termId).value,
      explanation: explanation.value,
      language: termLanguage.value,
      termInLanguage: termLanguage.value ? said.value : "",
    };
    if (await ctx.send({ case: "setGlossaryTerm", value })) {
      field(termId).value = "";
      explanation.value = "";
      said.value = "";
    }
  });
  const moderator = h(
    "section",
    { class: "panel", "aria-labelledby": "pace-heading" },
    h("h2", { id: "pace-heading" }, t("pacing_tools.pace")),
    requests,
    lineControls,
    paceForm,
    h("h3", {}, t("pacing_tools.what_the_room_needs")),
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
      ...[...m.glossary.values()].flatMap((entry) => {
        const g = glossaryFor(entry, m.language, language().code);
        const term = g.term === g.roomTerm ? g.term : `${g.term} (${g.roomTerm})`;
        return [h("dt", textLanguage(g.language), term), h("dd", textLanguage(g.language), g.explanation)];
      }),
    );
    glossary.hidden = m.glossary.size === 0;

    moderator.hidden = me?.role !== Role.MODERATOR;
    if (moderator.hidden) return;
    if (termLanguagesFor !== m.language) {
      termLanguagesFor = m.language;
      const fresh = textLanguageSelect(termLanguageId, t("moderator_texts.room_text"), m.language);
      termLanguage.replaceWith(fresh);
      termLanguage = fresh;
      saidField.hidden = true;
    }
    const p = m.pacing;
    if (p && !paceDirty) {
      field(slowId).value = String(p.slowModeSeconds);
      field(wpmId).value = String(p.wordsPerMinute);
      field(gapId).value = String(p.minGapSeconds);
      field(maxId).value = String(p.maxMessageChars);
      field(thresholdId).value = String(p.pauseThreshold);
    }
    requests.textContent = m.paused
      ? t("pacing_tools.the_room_is_paused")
      : m.pauseRequests
        ? t("pacing_tools.asked_for_pause", { n: m.pauseRequests })
        : "";
    keepFocus(lineControls, () => {
      lineControls.replaceChildren(
        m.paused
          ? button(
              t("pacing_tools.end_the_pause"),
              "pause",
              () => void ctx.send({ case: "setPaused", value: { paused: false } }),
            )
          : button(
              t("pacing_tools.pause_the_room"),
              "pause",
              () => void ctx.send({ case: "setPaused", value: { paused: true } }),
            ),
      );
      if (m.pacing?.wordsPerMinute) {
        lineControls.append(
          m.lineHeld
            ? button(
                t("pacing_tools.let_the_line_flow"),
                "hold",
                () => void ctx.send({ case: "holdLine", value: { hold: false } }),
              )
            : button(
                t("pacing_tools.hold_the_line"),
                "hold",
                () => void ctx.send({ case: "holdLine", value: { hold: true } }),
              ),
        );
        if (m.upNext.length)
          lineControls.append(
            button(
              t("pacing_tools.release_all", { n: m.upNext.length }),
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
        if (n) lines.push(t("pacing_tools.need_people", { n, need: label.toLowerCase() }));
      }
      for (const shared of s.shared) {
        const wants = needLabels.filter(([key]) => shared.needs?.[key]).map(([, label]) => label.toLowerCase());
        if (wants.length) lines.push(`${m.name(shared.memberId)}: ${wants.join(", ")}`);
      }
    }
    needsSummary.replaceChildren(
      ...(lines.length ? lines : [t("pacing_tools.nobody_has_said_yet")]).map((t) => h("li", {}, t)),
    );
  }

  return {
    personal,
    moderator,
    render,
    focusPause() {
      if (pauseForm.hidden || ctx.me()?.role === Role.OBSERVER) {
        ctx.announcer.personal(
          ctx.model.paused ? t("pacing_tools.the_room_is_paused_already") : t("pacing_tools.a_pause_can_be_asked"),
        );
        return;
      }
      pauseForm.querySelector<HTMLInputElement>(`input[name="${reasonName}"]:checked`)?.focus();
    },
  };
}
