// Reads the meeting aloud with the browser's own speech synthesis, for people who read slowly
// or not at all: new messages with the speaker's name, the floor changes and this person's own
// moments, in their language, one after another. Never faster than the person chose, nor than
// the room's reading pace: each item waits until the last has been said and until its words
// would have been read at that pace. Any key press stops it at once (see room_view.ts).

// The part of the Web Speech API this uses: tests stand in for it.
export interface Speech {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
}

export interface ReadAloudOptions {
  speech: Speech;
  makeUtterance: (text: string) => SpeechSynthesisUtterance;
  now: () => number;
  later: (run: () => void, ms: number) => unknown;
  cancelLater: (handle: unknown) => void;
}

// A voice's rate 1 says about this many words a minute.
const wordsPerMinuteAtRateOne = 180;

export class ReadAloud {
  private waiting: string[] = [];
  private speaking = false;
  private notBefore = 0; // when the next item may start, by the pace
  private timer: unknown;

  constructor(
    private readonly options: ReadAloudOptions,
    private readonly settings: () => { on: boolean; wordsPerMinute: number; roomPace: number; lang: string },
  ) {}

  // Something to say in turn, if reading aloud is on.
  say(text: string): void {
    if (!this.settings().on || !text.trim()) return;
    this.waiting.push(text);
    this.next();
  }

  // Says this now, ahead of everything waiting: "Read this to me" (the person asked; it is
  // said even when reading aloud is off).
  sayNow(text: string): void {
    this.stop();
    this.waiting.push(text);
    this.next(true);
  }

  // Stops at once: what is being said and everything waiting.
  stop(): void {
    this.waiting = [];
    if (this.timer !== undefined) this.options.cancelLater(this.timer);
    this.timer = undefined;
    if (this.speaking) this.options.speech.cancel();
    this.speaking = false;
    this.notBefore = 0;
  }

  // Whether anything is being said or waits to be.
  busy(): boolean {
    return this.speaking || this.waiting.length > 0;
  }

  // The words a minute it speaks at: the person's choice, never above the room's pace.
  wordsPerMinute(): number {
    const { wordsPerMinute, roomPace } = this.settings();
    return roomPace > 0 ? Math.min(wordsPerMinute, roomPace) : wordsPerMinute;
  }

  private next(asked = false): void {
    if (this.speaking || this.timer !== undefined || this.waiting.length === 0) return;
    const wait = asked ? 0 : this.notBefore - this.options.now();
    if (wait > 0) {
      this.timer = this.options.later(() => {
        this.timer = undefined;
        this.next();
      }, wait);
      return;
    }
    const text = this.waiting.shift()!;
    const wpm = this.wordsPerMinute();
    const utterance = this.options.makeUtterance(text);
    const lang = this.settings().lang;
    utterance.lang = lang;
    utterance.rate = Math.max(0.5, Math.min(2, wpm / wordsPerMinuteAtRateOne));
    const voice = this.options.speech.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang.toLowerCase()));
    if (voice) utterance.voice = voice;
    const done = () => {
      if (!this.speaking) return;
      this.speaking = false;
      this.next();
    };
    utterance.onend = done;
    utterance.onerror = done;
    this.speaking = true;
    this.notBefore = this.options.now() + (words(text) * 60000) / wpm;
    this.options.speech.speak(utterance);
  }
}

function words(text: string): number {
  return Math.max(1, text.trim().split(/\s+/).length);
}

// The browser's speech, or null where it has none.
export function browserSpeech(): Speech | null {
  return typeof window !== "undefined" && "speechSynthesis" in window ? window.speechSynthesis : null;
}
