// Personal display settings, kept on this device. They apply to every view at once.
import { h, uid } from "./dom";

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
}

const storageKey = "ts.display";
const sizes = [100, 125, 150, 175, 200];
const speechRates: [number, string][] = [
  [120, "Slow"],
  [180, "Usual"],
  [260, "Fast"],
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
export function settingsControl(): HTMLElement {
  const settings = loadSettings();
  const panelId = uid("display-settings");
  const update = (change: Partial<DisplaySettings>) => {
    Object.assign(settings, change);
    updateSettings(change);
  };
  const sizeId = uid("text-size");
  const select = h(
    "select",
    { id: sizeId, onchange: (e: Event) => update({ textSize: Number((e.target as HTMLSelectElement).value) }) },
    ...sizes.map((s) => h("option", { value: s, selected: s === settings.textSize }, `${s}%`)),
  );
  const rateId = uid("speech-rate");
  const rate = h(
    "select",
    {
      id: rateId,
      onchange: (e: Event) => update({ speechWordsPerMinute: Number((e.target as HTMLSelectElement).value) }),
    },
    ...speechRates.map(([wpm, label]) =>
      h("option", { value: wpm, selected: wpm === settings.speechWordsPerMinute }, label),
    ),
  );
  type Toggle = "highContrast" | "reduceMotion" | "readableSpacing" | "turnSound" | "oneAtATime" | "personalFocus";
  const toggle = (label: string, key: Toggle, hint: string) => {
    const id = uid(key);
    const hintId = `${id}-hint`;
    const checked = key === "personalFocus" ? settings.personalFocus === "move" : settings[key];
    return h(
      "div",
      { class: "check" },
      h("input", {
        type: "checkbox",
        id,
        checked,
        "aria-describedby": hintId,
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          update(key === "personalFocus" ? { personalFocus: on ? "move" : "offer" } : { [key]: on });
        },
      }),
      h("label", { for: id }, label),
      h("p", { id: hintId, class: "hint" }, hint),
    );
  };
  const panel = h(
    "section",
    { id: panelId, class: "settings-panel", hidden: true, "aria-labelledby": `${panelId}-title` },
    h("h2", { id: `${panelId}-title` }, "Display settings"),
    h("p", { class: "hint" }, "These are kept on this device only."),
    h("div", { class: "field" }, h("label", { for: sizeId }, "Text size"), select),
    toggle("High contrast", "highContrast", "Stronger colours and outlines."),
    toggle("Reduce motion", "reduceMotion", "No animation or smooth scrolling."),
    toggle("Easier-to-read spacing", "readableSpacing", "More space between letters, words and lines."),
    toggle("Sound when it is my turn", "turnSound", "A short tone when you are given the floor."),
    toggle("One message at a time", "oneAtATime", "New messages wait until you choose to read the next one."),
    toggle(
      "Take me to my own moments",
      "personalFocus",
      "When you get the floor, a warning, time up or an invitation, move there at once. Otherwise the bar at the top offers a link.",
    ),
    h("div", { class: "field" }, h("label", { for: rateId }, "Pace of screen-reader news"), rate),
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
        if (open) select.focus();
      },
    },
    "Display settings",
  );
  return h("div", { class: "settings" }, button, panel);
}
