// The languages the interface is written in. Adding one: a catalogue in messages/ with every
// key English has (the build checks), and a line here.
export interface Language {
  code: string; // the catalogue's name in messages/, and the document's lang
  name: string; // in the language itself, as a person looks for it
  dir: "ltr" | "rtl";
  // The locale for Intl and ICU. Arabic pins Latin digits (nu-latn): Debian's ICU 72 (the
  // server's minutes) and a current browser's ICU otherwise disagree, and the digits of
  // clocks and room codes people read aloud to each other stay the same as on paper.
  locale: string;
}

export const languages: readonly Language[] = [
  { code: "en", name: "English", dir: "ltr", locale: "en-GB" },
  { code: "pl", name: "Polski", dir: "ltr", locale: "pl" },
  { code: "ar", name: "العربية", dir: "rtl", locale: "ar-u-nu-latn" },
];

export const defaultLanguage = languages[0];

// The language for this person: their own choice on this device if they made one, else the
// first of the browser's languages that the interface has, else English.
export function chooseLanguage(stored: string | null, browser: readonly string[]): Language {
  const byCode = (code: string) => languages.find((l) => l.code === code.toLowerCase().split("-")[0]);
  return (stored ? byCode(stored) : undefined) ?? browser.map(byCode).find(Boolean) ?? defaultLanguage;
}
