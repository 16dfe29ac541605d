// The frame every view shares: a skip link, a banner with the display settings, and main.
import { t } from "../i18n/i18n";
import { h } from "../dom";
import { settingsControl } from "../settings";
import { easyReadField, languageField } from "./language_field";

export interface ShellParts {
  main: HTMLElement;
  banner: HTMLElement;
  root: HTMLElement;
}

export function shell(skipTarget: string, skipLabel: string, bannerExtras: Node[] = []): ShellParts {
  const main = h("main", { id: "main", tabindex: "-1" });
  const banner = h(
    "header",
    { class: "banner" },
    h("a", { class: "brand", href: "/" }, t("shell.talking_stick")),
    h("div", { class: "banner-tools" }, ...bannerExtras, settingsControl([languageField(), easyReadField()])),
  );
  const root = h(
    "div",
    { class: "shell" },
    h("a", { class: "skip-link", href: `#${skipTarget}` }, skipLabel),
    banner,
    main,
  );
  return { main, banner, root };
}

// Moves focus to el so that screen readers and keyboards continue from there.
export function focusHeading(el: HTMLElement): void {
  el.setAttribute("tabindex", "-1");
  el.focus();
}

// Moves focus to the heading with this id, first opening the console tab that holds it.
export function focusPlace(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  const tab = target.closest<HTMLElement>("[role=tabpanel]");
  if (tab?.hidden) document.getElementById(tab.getAttribute("aria-labelledby") ?? "")?.click();
  focusHeading(target);
}
