// Personal display settings, kept on this device. They apply to every view at once.
import { h, uid } from "./dom";

export interface DisplaySettings {
  textSize: number; // percent: 100 … 200
  highContrast: boolean;
  reduceMotion: boolean;
  readableSpacing: boolean; // wider letter, word and line spacing (helps many dyslexic readers)
  turnSound: boolean; // a tone when this person gets the floor (off by default)
  oneAtATime: boolean; // new messages wait until the reader asks for the next one
}

const storageKey = "ts.display";
const sizes = [100, 125, 150, 175, 200];

export function loadSettings(): DisplaySettings {
  const defaults: DisplaySettings = {
    textSize: 100,
    highContrast: window.matchMedia?.("(prefers-contrast: more)").matches ?? false,
    reduceMotion: window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false,
    readableSpacing: false,
    turnSound: false,
    oneAtATime: false,
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
    applySettings(settings);
    save(settings);
    document.dispatchEvent(new CustomEvent("ts-settings-changed"));
  };
  const sizeId = uid("text-size");
  const select = h("select", { id: sizeId, onchange: (e: Event) => update({ textSize: Number((e.target as HTMLSelectElement).value) }) },
    ...sizes.map((s) => h("option", { value: s, selected: s === settings.textSize }, `${s}%`)));
  const toggle = (label: string, key: "highContrast" | "reduceMotion" | "readableSpacing" | "turnSound" | "oneAtATime", hint: string) => {
    const id = uid(key);
    const hintId = `${id}-hint`;
    return h("div", { class: "check" },
      h("input", {
        type: "checkbox", id, checked: settings[key], "aria-describedby": hintId,
        onchange: (e: Event) => update({ [key]: (e.target as HTMLInputElement).checked }),
      }),
      h("label", { for: id }, label),
      h("p", { id: hintId, class: "hint" }, hint));
  };
  const panel = h("section", { id: panelId, class: "settings-panel", hidden: true, "aria-labelledby": `${panelId}-title` },
    h("h2", { id: `${panelId}-title` }, "Display settings"),
    h("p", { class: "hint" }, "These are kept on this device only."),
    h("div", { class: "field" }, h("label", { for: sizeId }, "Text size"), select),
    toggle("High contrast", "highContrast", "Stronger colours and outlines."),
    toggle("Reduce motion", "reduceMotion", "No animation or smooth scrolling."),
    toggle("Easier-to-read spacing", "readableSpacing", "More space between letters, words and lines."),
    toggle("Sound when it is my turn", "turnSound", "A short tone when you are given the floor."),
    toggle("One message at a time", "oneAtATime", "New messages wait until you choose to read the next one."));
  const button = h("button", {
    type: "button", class: "secondary", "aria-expanded": "false", "aria-controls": panelId,
    onclick: () => {
      const open = panel.hidden;
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) select.focus();
    },
  }, "Display settings");
  return h("div", { class: "settings" }, button, panel);
}
