// Every word of the interface comes from here: ICU MessageFormat messages (plurals, ordinals
// and select done by each language's own rules) from the catalogues in messages/, which the
// server's minutes read too. Names and messages put into a sentence are wrapped in bidi
// isolates (FSI…PDI), so an Arabic name in an English sentence (or the reverse) reads
// correctly.
import { IntlMessageFormat } from "intl-messageformat";
import en from "../../../messages/en.json";
import { chooseLanguage, type Language } from "./languages";

export type MessageKey = keyof typeof en;
export type MessageArgs = Record<string, string | number>;
type Catalogue = Partial<Record<MessageKey, string>>;

// English is always there (every other language falls back to it, key by key); the others are
// fetched when chosen. Easy read: short sentences and common words over the language's own
// texts (see scripts/messages.mjs for which texts an easy-read catalogue must hold).
const catalogues: Record<string, Catalogue> = { en };
const easyCatalogues: Record<string, Catalogue> = {};
const load: Record<string, () => Promise<{ default: Catalogue }>> = {
  pl: () => import("../../../messages/pl.json"),
  ar: () => import("../../../messages/ar.json"),
};
const loadEasy: Record<string, () => Promise<{ default: Catalogue }>> = {
  en: () => import("../../../messages/en.easy.json"),
  pl: () => import("../../../messages/pl.easy.json"),
  ar: () => import("../../../messages/ar.easy.json"),
};
const easyReadKey = "ts.easy-read";
// The room's screen keeps a language of its own, apart from a person's on the same browser.
const storageKey =
  typeof location !== "undefined" && location.pathname.endsWith("/projector") ? "ts.language.projector" : "ts.language";
export const isolateStart = "\u2068"; // FIRST STRONG ISOLATE
export const isolateEnd = "\u2069"; // POP DIRECTIONAL ISOLATE

let current: Language = chooseLanguage(stored(), typeof navigator === "undefined" ? [] : (navigator.languages ?? []));
const formats = new Map<string, IntlMessageFormat>();

let easyRead = stored(easyReadKey) === "on";

function stored(key = storageKey): string | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

// The language the interface is shown in now.
export function language(): Language {
  return current;
}

// Shows the interface in this language from now on; kept on this device.
export function setLanguage(code: string, keep = true): void {
  current = chooseLanguage(code, []);
  formats.clear();
  if (keep) {
    try {
      localStorage.setItem(storageKey, current.code);
    } catch {
      // it applies for this visit
    }
  }
  applyLanguage();
}

// Sets the document's language and direction: the layout mirrors for a right-to-left one.
export function applyLanguage(): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = current.code;
  document.documentElement.dir = current.dir;
  document.documentElement.classList.toggle("easy-read", easyRead);
}

// Fetches a language's catalogue, and its easy read when that is on (the person's own language
// when none is named). Before any text of it is formatted.
export async function loadLanguage(code = current.code, easy = easyRead): Promise<void> {
  if (!catalogues[code] && load[code]) catalogues[code] = (await load[code]()).default;
  if (easy && !easyCatalogues[code] && loadEasy[code]) easyCatalogues[code] = (await loadEasy[code]()).default;
  formats.clear();
}

// Easy read on or off: short sentences, common words, pictures and larger targets. Kept on
// this device, as the language is.
export function setEasyRead(on: boolean, keep = true): void {
  if (on !== easyRead) formats.clear();
  easyRead = on;
  if (keep) {
    try {
      localStorage.setItem(easyReadKey, on ? "on" : "off");
    } catch {
      // it applies for this visit
    }
  }
  applyLanguage();
}

export function isEasyRead(): boolean {
  return easyRead;
}

// A name or a person's words, isolated from the sentence around it. Only where direction can
// matter: in a right-to-left interface, or for text with right-to-left letters. Text that is
// all left to right in a left-to-right sentence cannot be reordered, and stays as typed.
export function isolate(text: string, dir = current.dir): string {
  if (dir === "ltr" && !rightToLeft.test(text)) return text;
  return `${isolateStart}${text}${isolateEnd}`;
}

// Letters of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest of
// that block, and the Hebrew and Arabic presentation forms.
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

// The text without its isolates: for comparing, and where only plain text will do.
export function plain(text: string): string {
  return text.replace(/[\u2068\u2069]/g, "");
}

// The message key in the person's language, with args put in (strings isolated).
export function t(key: MessageKey, args?: MessageArgs): string {
  return translate(current, key, args);
}

// The message in a given language: for the projector and for tests.
export function translate(lang: Language, key: MessageKey, args?: MessageArgs): string {
  const id = `${lang.code}\u0000${easyRead}\u0000${key}`;
  let format = formats.get(id);
  if (!format) {
    const text = (easyRead ? easyCatalogues[lang.code]?.[key] : undefined) ?? catalogues[lang.code]?.[key] ?? en[key];
    format = new IntlMessageFormat(text, lang.locale);
    formats.set(id, format);
  }
  if (!args) return format.format() as string;
  const put: MessageArgs = {};
  for (const [name, value] of Object.entries(args))
    put[name] = typeof value === "string" ? isolate(value, lang.dir) : value;
  return format.format(put) as string;
}

// Numbers and lists in the person's language.
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(current.locale, options).format(n);
}

// A list of names or words: "unit" is the plain list ("Ana, Bo"), each item isolated.
export function formatList(items: string[], type: "conjunction" | "disjunction" | "unit" = "unit"): string {
  return new Intl.ListFormat(current.locale, { type, style: type === "unit" ? "short" : "long" }).format(
    items.map((item) => isolate(item)),
  );
}
