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
