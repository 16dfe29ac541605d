// Screen-reader announcements. What concerns this person ("you have the floor") is urgent:
// said at once, in a region of its own. News about the room (messages, people coming and
// going) is never dropped or summarised: each item is said in turn, in order, and the next
// waits long enough for the last to be read at the pace the person chose in the display
// settings. Whoever falls behind can skip what is waiting (Alt+Shift+S).
import { h } from "./dom";
import { loadSettings } from "./settings";

const minGapMs = 1200;

export class Announcer {
  readonly element: HTMLElement;
  private readonly news_: HTMLElement;
  private readonly urgent: HTMLElement;
  private waiting: string[] = [];
  private timer: number | undefined;

  constructor() {
    this.news_ = h("div", { class: "announcer-news", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.urgent = h("div", { class: "announcer-urgent", "aria-live": "assertive", "aria-atomic": "true" });
    this.element = h("div", { class: "visually-hidden" }, this.news_, this.urgent);
  }

  // Something about this person ("your message could not be sent"): said promptly.
  personal(text: string): void {
    say(this.urgent, text);
  }

  // News about the room: said in turn, after what is already waiting.
  news(text: string): void {
    this.waiting.push(text);
    if (this.timer === undefined) this.next();
  }

  // How many news items are waiting to be said.
  pending(): number {
    return this.waiting.length;
  }

  // Drops what is waiting, and says so.
  skip(): void {
    const skipped = this.waiting.length;
    this.waiting = [];
    if (skipped > 0) this.personal(`Skipped ${skipped} ${skipped === 1 ? "update" : "updates"}.`);
  }

  private next(): void {
    const text = this.waiting.shift();
    if (text === undefined) {
      this.timer = undefined;
      return;
    }
    say(this.news_, text);
    this.timer = window.setTimeout(() => this.next(), readingMs(text));
  }
}

// Long enough to hear text at the person's chosen speech rate.
function readingMs(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(minGapMs, Math.round((words * 60000) / loadSettings().speechWordsPerMinute));
}

function say(region: HTMLElement, text: string): void {
  // Clearing first makes a repeated identical text be read again.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}
