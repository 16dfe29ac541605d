// Tabs (the WAI-ARIA pattern): one tab stop for the row, arrow keys, Home and End move
// between tabs, and only the chosen panel is shown. Used by the moderator's tools.
import { h, uid } from "../dom";

export function consoleTabs(label: string, tabs: [string, HTMLElement][]): HTMLElement {
  const list = h("div", { role: "tablist", "aria-label": label, class: "tabs" });
  const buttons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  for (const [name, content] of tabs) {
    const id = uid("tab");
    const button = h("button", { type: "button", role: "tab", id, "aria-controls": `${id}-panel`, class: "tab" }, name);
    const panel = h(
      "div",
      { role: "tabpanel", id: `${id}-panel`, "aria-labelledby": id, class: "tab-panel", tabindex: "0" },
      content,
    );
    buttons.push(button);
    panels.push(panel);
    list.append(button);
  }
  function choose(i: number, focus: boolean): void {
    buttons.forEach((b, j) => {
      b.setAttribute("aria-selected", String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panels[j].hidden = i !== j;
    });
    if (focus) buttons[i].focus();
  }
  buttons.forEach((b, i) => {
    b.addEventListener("click", () => choose(i, false));
    b.addEventListener("keydown", (e) => {
      const n = buttons.length;
      const to =
        e.key === "ArrowRight" || e.key === "ArrowDown"
          ? (i + 1) % n
          : e.key === "ArrowLeft" || e.key === "ArrowUp"
            ? (i + n - 1) % n
            : e.key === "Home"
              ? 0
              : e.key === "End"
                ? n - 1
                : -1;
      if (to < 0) return;
      e.preventDefault();
      choose(to, true);
    });
  });
  choose(0, false);
  return h("div", { class: "console-tabs" }, list, ...panels);
}
