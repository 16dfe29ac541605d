// The briefing: what the meeting is for and how it will run, in plain language, before,
// during and after. Written by moderators in a safe Markdown subset (headings, lists,
// emphasis, links): markdown-it renders it with raw HTML switched off, so anything that looks
// like markup is shown as text. Each person sees when it has changed since they last read it,
// in their language and in easy read when the moderators wrote such a version.
import { isEasyRead, language, t } from "../i18n/i18n";
import MarkdownIt from "markdown-it";
import { focusInstead, h } from "../dom";
import { briefingFor, type ShownBriefing } from "../moderator_texts";
import { Role } from "../protocol";
import { textLanguage } from "./language_field";
import type { RoomContext } from "./room_context";

// maxNesting: lists nest deeply enough for any briefing (each level takes two); whatever lies
// deeper still is shown as plain text after the rest (briefingHtml), never dropped.
const markdown = new MarkdownIt("zero", { html: false, linkify: false, breaks: true }).enable([
  "heading",
  "list",
  "emphasis",
  "link",
  "newline",
  "escape",
  "entity",
]);
(markdown.options as { maxNesting?: number }).maxNesting = 100; // an option its types leave out
// Only web and mail links are links (the README's promise); anything else (data:, file:,
// javascript:, relative) stays text. Our own list rather than markdown-it's default.
markdown.validateLink = (url: string) => /^(https?:\/\/|mailto:)/i.test(url.trim());
// The briefing sits under its own h2: its "# headings" become h3, and so on down.
markdown.core.ruler.push("shift_headings", (state) => {
  for (const token of state.tokens)
    if (token.type === "heading_open" || token.type === "heading_close")
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
  return true;
});
const defaultLinkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// The briefing as safe HTML (raw HTML in the text is escaped, links other than web and mail
// links stay text). markdown-it stops reading where nesting passes maxNesting: any lines it did
// not reach follow at the end as plain text, so no part of the briefing is silently left out.
export function briefingHtml(text: string): string {
  const env = {};
  const tokens = markdown.parse(text, env);
  const lines = text.split("\n");
  const shown = new Array<boolean>(lines.length).fill(false);
  for (const token of tokens)
    if (token.type === "inline" && token.map) for (let i = token.map[0]; i < token.map[1]; ++i) shown[i] = true;
  // A line with words that no inline token holds was not reached (markers alone hold none).
  const rest = lines
    .filter((line, i) => !shown[i] && /[^\s*+\-#.)0-9]/.test(line))
    .map((l) => l.trim())
    .join("\n");
  const html = markdown.renderer.render(tokens, markdown.options, env);
  return rest ? `${html}<p class="briefing-rest">${escapeHtml(rest).replace(/\n/g, "<br>\n")}</p>\n` : html;
}

const readKey = (roomId: string) => `ts.briefing.${roomId}`;

export function briefingPanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const { model } = ctx;
  const updated = h("p", { class: "briefing-updated", role: "status", hidden: true });
  const markRead = h("button", { type: "button", class: "secondary small", hidden: true }, t("briefing.mark_as_read"));
  const content = h("div", { class: "briefing-text" });
  const outOfDate = h("p", { class: "hint", hidden: true }, t("briefing.version_out_of_date"));
  const details = h(
    "details",
    { class: "briefing-details" },
    h("summary", {}, t("briefing.read_the_briefing")),
    outOfDate,
    content,
  );
  const element = h(
    "section",
    { class: "panel briefing", id: "briefing", "aria-labelledby": "briefing-heading", hidden: true },
    h("h2", { id: "briefing-heading" }, t("briefing.briefing")),
    updated,
    markRead,
    details,
  );
  let shownKey = "";
  const shown = (): ShownBriefing | undefined =>
    briefingFor(model.briefing, model.briefingTexts, model.language, language().code, isEasyRead());
  let openedFor: boolean | null = null;

  function lastRead(): number {
    try {
      return Number(window.localStorage.getItem(readKey(model.roomId)) ?? 0);
    } catch {
      return 0;
    }
  }
  markRead.addEventListener("click", () => {
    const version = shown()?.version ?? 0;
    try {
      window.localStorage.setItem(readKey(model.roomId), String(version));
    } catch {
      // unavailable storage: it shows as updated again next time
    }
    // The moderators' preparation dashboard counts who has read the latest version.
    if (version > 0) void ctx.send({ case: "confirmBriefingRead", value: { version } });
    render();
    details.open = true;
    focusInstead(element, details.querySelector("summary")!); // the button is gone: on to the text
  });

  function render(): void {
    const b = shown();
    element.hidden = !b;
    if (!b) return;
    const key = `${b.version} ${b.language} ${b.easyRead} ${b.text}`;
    if (key !== shownKey) {
      // Safe: markdown-it escapes raw HTML (html: false); links are web and mail links only.
      content.innerHTML = briefingHtml(b.text);
      for (const name of ["lang", "dir"]) content.removeAttribute(name);
      for (const [name, value] of Object.entries(textLanguage(b.language))) content.setAttribute(name, value);
      shownKey = key;
    }
    outOfDate.hidden = !b.outOfDate;
    // Moderators write the briefing: it is never "new" to them.
    const unread = b.version > lastRead() && ctx.me()?.role !== Role.MODERATOR;
    updated.hidden = !unread;
    updated.textContent = lastRead() === 0 ? t("briefing.new_not_read_yet") : t("briefing.updated_since_you_last_read");
    markRead.hidden = !unread;
    // Open before the meeting, folded away during it; then as the person leaves it.
    const live = model.live();
    if (openedFor !== live) {
      details.open = !live;
      openedFor = live;
    }
  }

  return { element, render };
}
