// Personal display settings, kept on this device. They apply to every view at once.
import { t } from "./i18n/i18n";
import { checkField, h, uid } from "./dom";

export interface DisplaySettings {
  textSize: number; // percent: 100 … 200
  highContrast: boolean;
  reduceMotion: boolean;
  readableSpacing: boolean; // wider letter, word and line spacing (helps many dyslexic readers)
  turnSound: boolean; // a tone when this person gets the floor (off by default)
  oneAtATime: boolean; // new messages wait until the reader asks for the next one
  // What happens at an important moment of this person's own (the floor, the warning, time
  // up, an invitation): "offer" shows it in the status bar with a "Go to it" link; "move"
  // also moves focus there.
  personalFocus: "offer" | "move";
  speechWordsPerMinute: number; // how fast screen-reader news follows each other
  readAloud: boolean; // the browser reads the meeting aloud (off by default; see read_aloud.ts)
  readAloudWordsPerMinute: number; // how fast it reads (never faster than the room's pace)
}

const storageKey = "ts.display";
const sizes = [100, 125, 150, 175, 200];
// Words a minute for reading aloud: slower than screen-reader news, as speech for people
// who find reading hard should be.
const readAloudRates: [number, string][] = [
  [110, t("settings.slow")],
  [150, t("settings.usual")],
  [200, t("settings.fast")],
];
const speechRates: [number, string][] = [
  [120, t("settings.slow")],
  [180, t("settings.usual")],
  [260, t("settings.fast")],
];

export function loadSettings(): DisplaySettings {
  const defaults: DisplaySettings = {
    textSize: 100,
    highContrast: window.matchMedia?.("(prefers-contrast: more)").matches ?? false,
    reduceMotion: window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false,
    readableSpacing: false,
    turnSound: false,
    oneAtATime: false,
    personalFocus: "offer",
    speechWordsPerMinute: 180,
    readAloud: false,
    readAloudWordsPerMinute: 150,
  };
  try {
    const raw = window.localStorage.getItem(storageKey);
    if (raw) return { ...defaults, ...(JSON.parse(raw) as Partial<DisplaySettings>) };
  } catch {
    // unreadable or unavailable storage: defaults
  }
  return defaults;
}

export function applySettings(s: DisplaySettings): void {
  const root = document.documentElement;
  root.style.fontSize = `${s.textSize}%`;
  root.classList.toggle("high-contrast", s.highContrast);
  root.classList.toggle("reduce-motion", s.reduceMotion);
  root.classList.toggle("readable-spacing", s.readableSpacing);
}

// Changes some settings from elsewhere (the needs form offers to switch matching ones on).
export function updateSettings(change: Partial<DisplaySettings>): void {
  const settings = { ...loadSettings(), ...change };
  applySettings(settings);
  save(settings);
  document.dispatchEvent(new CustomEvent("ts-settings-changed"));
}

function save(s: DisplaySettings): void {
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(s));
  } catch {
    // settings still apply for this visit
  }
}

// A "Display settings" button that shows and hides the settings panel.
// first: fields of the views' own, shown first (the choice of language).
export function settingsControl(first: HTMLElement[] = []): HTMLElement {
  const settings = loadSettings();
  const panelId = uid("display-settings");
  const update = (change: Partial<DisplaySettings>) => {
    Object.assign(settings, change);
    updateSettings(change);
  };
  const sizeId = uid("text-size");
  // A choice among numbers (a size, words a minute), kept as the setting key.
  type NumberKey = "textSize" | "speechWordsPerMinute" | "readAloudWordsPerMinute";
  const numberSelect = (id: string, key: NumberKey, choices: readonly (readonly [number, string])[]) =>
    h(
      "select",
      { id, onchange: (e: Event) => update({ [key]: Number((e.target as HTMLSelectElement).value) }) },
      ...choices.map(([n, label]) => h("option", { value: n, selected: n === settings[key] }, label)),
    );
  const select = numberSelect(
    sizeId,
    "textSize",
    sizes.map((s) => [s, `${s}%`] as const),
  );
  const rateId = uid("speech-rate");
  const rate = numberSelect(rateId, "speechWordsPerMinute", speechRates);
  const aloudRateId = uid("read-aloud-rate");
  const aloudRate = numberSelect(aloudRateId, "readAloudWordsPerMinute", readAloudRates);
  const readAloudNote = h("p", { class: "hint", role: "status" });
  type Toggle =
    | "highContrast"
    | "reduceMotion"
    | "readableSpacing"
    | "turnSound"
    | "oneAtATime"
    | "personalFocus"
    | "readAloud";
  const toggle = (label: string, key: Toggle, hint: string) =>
    checkField(key, label, hint, key === "personalFocus" ? settings.personalFocus === "move" : settings[key], (on) => {
      update(key === "personalFocus" ? { personalFocus: on ? "move" : "offer" } : { [key]: on });
      // Said politely to screen-reader users: they will hear the meeting twice.
      if (key === "readAloud") readAloudNote.textContent = on ? t("settings.read_aloud_on") : "";
    });
  const panel = h(
    "section",
    { id: panelId, class: "settings-panel", hidden: true, "aria-labelledby": `${panelId}-title` },
    h("h2", { id: `${panelId}-title` }, t("settings.display_settings")),
    h("p", { class: "hint" }, t("settings.these_are_kept_on_this")),
    ...first,
    h("div", { class: "field" }, h("label", { for: sizeId }, t("settings.text_size")), select),
    toggle(t("settings.high_contrast"), "highContrast", t("settings.high_contrast_hint")),
    toggle(t("settings.reduce_motion"), "reduceMotion", t("settings.reduce_motion_hint")),
    toggle(t("settings.readable_spacing"), "readableSpacing", t("settings.readable_spacing_hint")),
    toggle(t("settings.turn_sound"), "turnSound", t("settings.turn_sound_hint")),
    toggle(t("settings.one_at_a_time"), "oneAtATime", t("settings.one_at_a_time_hint")),
    toggle(t("settings.personal_focus"), "personalFocus", t("settings.personal_focus_hint")),
    h("div", { class: "field" }, h("label", { for: rateId }, t("settings.pace_of_screen_reader_news")), rate),
    toggle(t("settings.read_aloud"), "readAloud", t("settings.read_aloud_hint")),
    h("div", { class: "field" }, h("label", { for: aloudRateId }, t("settings.read_aloud_pace")), aloudRate),
    readAloudNote,
  );
  // Escape closes the panel and gives focus back to its button.
  panel.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  });
  const button = h(
    "button",
    {
      type: "button",
      class: "secondary",
      "aria-expanded": "false",
      "aria-controls": panelId,
      onclick: () => {
        const open = panel.hidden;
        panel.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
        if (open) panel.querySelector<HTMLElement>("select, input")?.focus();
      },
    },
    t("settings.display_settings"),
  );
  return h("div", { class: "settings" }, button, panel);
}
