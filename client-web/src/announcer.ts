// Polite screen-reader announcements that never flood: what matters to this person is
// said first and on its own; bursts of other news are gathered and summarised.
import { h } from "./dom";

const gatherMs = 1500;

export class Announcer {
  readonly element: HTMLElement;
  private queue: string[] = [];
  private timer: number | undefined;

  constructor() {
    this.element = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  }

  // Something about this person ("your message could not be sent"): said promptly.
  personal(text: string): void {
    this.say(text);
  }

  // News about the room; gathered for a moment, and summarised if there is much.
  news(text: string): void {
    this.queue.push(text);
    if (this.timer === undefined) this.timer = window.setTimeout(() => this.flush(), gatherMs);
  }

  private flush(): void {
    this.timer = undefined;
    const items = this.queue;
    this.queue = [];
    if (items.length === 0) return;
    this.say(items.length <= 2 ? items.join(". ") : `${items.length} updates. Latest: ${items[items.length - 1]}`);
  }

  private say(text: string): void {
    // Clearing first makes a repeated identical text be read again.
    this.element.textContent = "";
    window.setTimeout(() => {
      this.element.textContent = text;
    }, 50);
  }
}
