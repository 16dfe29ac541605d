// A tiny element builder. Text is always set as text nodes, never parsed as HTML, so
// nothing a person types can become markup or script.

import { applyLimit } from "./limits";

type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === "limit") {
      // The server's limit for this field (limits.ts).
      el.dataset.limit = String(value);
      applyLimit(el as unknown as HTMLInputElement);
    } else if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

// A button that acts on a click. key: its focus key, so that keepFocus finds it again when the
// list it is in is built anew.
export function button(label: string, key: string, onClick: () => void, cls = "secondary"): HTMLButtonElement {
  const b = h("button", { type: "button", class: cls, "data-focus-key": key }, label);
  b.addEventListener("click", onClick);
  return b;
}

// A checkbox with its label and a hint under it. onChange: with the box's new state.
export function checkField(
  idPrefix: string,
  label: string,
  hint: string,
  checked: boolean,
  onChange: (on: boolean) => void,
): HTMLElement {
  const id = uid(idPrefix);
  return h(
    "div",
    { class: "check" },
    h("input", {
      type: "checkbox",
      id,
      checked,
      "aria-describedby": `${id}-hint`,
      onchange: (e: Event) => onChange((e.target as HTMLInputElement).checked),
    }),
    h("label", { for: id }, label),
    h("p", { id: `${id}-hint`, class: "hint" }, hint),
  );
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function mount(view: Node): void {
  const app = document.getElementById("app");
  if (!app) throw new Error("no #app element");
  clear(app);
  app.appendChild(view);
}

let idCounter = 0;
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// Rebuilds part of the page without losing the person's place: if focus was on an element
// with a data-focus-key inside container, the new element with that key gets focus back.
export function keepFocus(container: Element, rebuild: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.dataset.focusKey : undefined;
  rebuild();
  if (!key) return;
  const again = container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
  if (again) again.focus();
  else if (container instanceof HTMLElement) {
    // The control is gone (e.g. the entry left the queue): keep focus nearby, not on <body>.
    if (!container.hasAttribute("tabindex")) container.setAttribute("tabindex", "-1");
    container.focus();
  }
}

// Moves focus to target (made focusable if it is not) when focus is inside container or on
// nothing at all: for a control about to disappear, so that focus never falls to the page.
export function focusInstead(container: Element | null, target: HTMLElement): void {
  const active = document.activeElement;
  const lost = !active || active === document.body || !active.isConnected;
  if (!lost && !(container && container.contains(active))) return;
  if (!target.hasAttribute("tabindex") && !target.matches("a, button, input, select, textarea, summary"))
    target.setAttribute("tabindex", "-1");
  target.focus();
}

// Saves a file the page made or fetched, as the browser's download.
export function downloadFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

// A box that may scroll inside itself (on a wide screen, see styles.css) takes focus while it
// does, so that it scrolls from the keyboard too; while it does not, it is no Tab stop.
export function scrollableByKeyboard(box: HTMLElement): void {
  const check = () => {
    const scrolls = box.scrollHeight > box.clientHeight + 1;
    if (scrolls && box.tabIndex !== 0) box.tabIndex = 0;
    else if (!scrolls && box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
  };
  const observer = new ResizeObserver(check);
  observer.observe(box);
  new MutationObserver(check).observe(box, { childList: true, subtree: true, characterData: true });
}

// Enter on one of form's radio buttons submits it (browsers only submit from text fields):
// a shortcut to the choice, then Enter, is two keystrokes.
export function submitOnEnterInRadios(form: HTMLFormElement): void {
  form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.target as HTMLInputElement).type === "radio") {
      e.preventDefault();
      form.requestSubmit();
    }
  });
}
