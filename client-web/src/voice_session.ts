// One page's part in the room's voice, whichever page it is (a person's Voice panel, the room's
// screen): the call; whether the page's person wants to be in it, so that it is joined again
// after an outage; what the server says of voice now; and who is speaking now, in words (not a
// live region: a line that changes with every pause for breath is no announcement).
import { formatList, t } from "./i18n/i18n";
import type { Command, VoiceSignal, VoiceStatus } from "./protocol";
import { VoiceCall, type Speaking } from "./voice_call";

export interface VoiceSessionHost {
  request(command: Command): Promise<unknown>;
  // Where the others' voices play.
  audio: HTMLElement;
  // Where "Speaking now: …" is written.
  speakingLine: HTMLElement;
  // Something the page shows changed.
  changed(): void;
  // Joins the call as this page does (with its microphone, or only listening).
  enter(call: VoiceCall): Promise<void>;
  // Joining failed: the page says so.
  failed(reason: string): void;
  // The names of whom to show speaking, from the call's measure.
  speakers(now: Speaking): string[];
}

export class VoiceSession {
  readonly call: VoiceCall;
  private available: VoiceStatus | null = null;
  private wanted = false;
  private line = "";

  constructor(private readonly host: VoiceSessionHost) {
    this.call = new VoiceCall({ request: (c) => host.request(c), audio: host.audio, changed: () => host.changed() });
    window.setInterval(() => this.showSpeaking(), 250);
  }

  // Why voice is unavailable now, as the server said; null while it is (or before it said).
  get unavailable(): string | null {
    return this.available && !this.available.available ? this.available.reason : null;
  }

  // The person's click: into the voice, or out of it.
  toggle(): void {
    if (this.call.joined) {
      this.wanted = false;
      void this.call.leave();
      return;
    }
    this.wanted = true;
    void this.enter();
  }

  status(status: VoiceStatus): void {
    this.available = status;
    this.call.iceServers = status.iceServers;
    if (!status.available && this.call.joined) this.call.close();
    else if (status.available && this.wanted && !this.call.joined) void this.enter();
    this.host.changed();
  }

  signal(signal: VoiceSignal): void {
    void this.call.signal(signal).catch(() => undefined);
  }

  // The connection dropped, or the room has no voice any more: the call is gone with it (joined
  // again once voice is back, if the person was in it).
  close(): void {
    if (this.call.joined) this.call.close();
  }

  private async enter(): Promise<void> {
    try {
      await this.host.enter(this.call);
    } catch (err) {
      this.call.close();
      this.host.failed(err instanceof Error ? err.message : String(err));
    }
  }

  private showSpeaking(): void {
    const names = this.call.joined ? this.host.speakers(this.call.speaking()) : [];
    const line = names.length ? t("voice.speaking_now", { names: formatList(names, "conjunction") }) : "";
    if (line !== this.line) this.host.speakingLine.textContent = this.line = line;
  }
}
