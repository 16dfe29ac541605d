// Screen-reader announcements. What cannot wait ("you have the floor", a call for help) is
// said at once, in a region of its own. News about the room (messages, people coming and
// going) is never dropped or summarised: each item is said in turn, in order, and the next
// waits long enough for the last to be read at the pace the person chose in the display
// settings. This person's own news keeps the order of the room's events but goes ahead of
// what people said. Whoever falls behind can skip what is waiting (Alt+Shift+S).
import { t } from "./i18n/i18n";
import { h } from "./dom";
import { loadSettings } from "./settings";

const minGapMs = 1200;

interface Item {
  text: string;
  urgent: boolean; // this person's own news: said in the urgent region
  chatter: boolean; // what people said, joined, reacted: may wait behind the room's state
}

export class Announcer {
  readonly element: HTMLElement;
  private readonly news_: HTMLElement;
  private readonly urgent: HTMLElement;
  private waiting: Item[] = [];
  private timer: number | undefined;

  constructor() {
    this.news_ = h("div", { class: "announcer-news", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.urgent = h("div", { class: "announcer-urgent", "aria-live": "assertive", "aria-atomic": "true" });
    this.element = h("div", { class: "visually-hidden" }, this.news_, this.urgent);
  }

  // Something about this person ("your message could not be sent"): said promptly, but never
  // before a change of the room's state that came first ("A question is open" before "Your
  // answer: …"): it goes after those still waiting, ahead of what people said.
  personal(text: string): void {
    let at = -1;
    this.waiting.forEach((item, i) => {
      if (!item.chatter) at = i;
    });
    if (at < 0) {
      say(this.urgent, text);
      return;
    }
    this.waiting.splice(at + 1, 0, { text, urgent: true, chatter: false });
    if (this.timer === undefined) this.next();
  }

  // What cannot wait ("you have the floor", "time is up", a call for help): said at once.
  urgentNow(text: string): void {
    say(this.urgent, text);
  }

  // News about the room: said in turn, after what is already waiting. chatter: what a person
  // said or did (messages, joining, reactions) rather than a change of the room's state.
  news(text: string, chatter = false): void {
    this.waiting.push({ text, urgent: false, chatter });
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
    if (skipped > 0) this.urgentNow(t("announcer.skipped", { n: skipped }));
  }

  private next(): void {
    const item = this.waiting.shift();
    if (item === undefined) {
      this.timer = undefined;
      return;
    }
    say(item.urgent ? this.urgent : this.news_, item.text);
    this.timer = window.setTimeout(() => this.next(), readingMs(item.text));
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
