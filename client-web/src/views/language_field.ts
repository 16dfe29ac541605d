// The choice of language, on the join form and in the display settings: each language named
// in itself, so a person finds theirs whatever the page is in now. Kept on this device.
import { checkField, h, uid } from "../dom";
import { isEasyRead, language, setEasyRead, setLanguage, t } from "../i18n/i18n";
import { languages } from "../i18n/languages";

export function languageField(): HTMLElement {
  const id = uid("language");
  const select = h(
    "select",
    {
      id,
      "data-language-choice": true,
      onchange: (e: Event) => {
        setLanguage((e.target as HTMLSelectElement).value);
        // Every view is built in the language: the page is built again (a person in a room
        // comes back in as themselves, as after any reload).
        location.reload();
      },
    },
    ...languages.map((l) =>
      h("option", { value: l.code, lang: l.code, dir: l.dir, selected: l.code === language().code }, l.name),
    ),
  );
  return h("div", { class: "field" }, h("label", { for: id }, t("language.label")), select);
}

// Easy read: every text in short sentences and common words, pictures beside the main
// actions, and larger targets. Like the language, the page is built again in it.
export function easyReadField(): HTMLElement {
  return checkField("easy-read", t("language.easy_read"), t("language.easy_read_hint"), isEasyRead(), (on) => {
    setEasyRead(on);
    location.reload();
  });
}

// For moderators writing the room's texts: a choice of the language a text is in. The first
// choice ("") is the room's own text (`firstLabel`); then each other language, named in itself.
export function textLanguageSelect(id: string, firstLabel: string, roomLanguage: string): HTMLSelectElement {
  return h(
    "select",
    { id },
    h("option", { value: "" }, firstLabel),
    ...languages
      .filter((l) => l.code !== roomLanguage)
      .map((l) => h("option", { value: l.code, lang: l.code, dir: l.dir }, l.name)),
  );
}

// The attributes that say which language a shown text is in (none when it is not said), and
// let its own letters set its direction.
export function textLanguage(code: string): Record<string, string> {
  const known = languages.find((l) => l.code === code);
  return known ? { lang: known.code, dir: "auto" } : { dir: "auto" };
}
