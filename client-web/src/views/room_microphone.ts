// The meeting room's microphone and speakers, on the room's screen (hybrid meetings): people
// joining remotely hear the room, and the room hears them through the screen's speakers. The
// room is heard as the room's voice mode says: always in open mode; in floor mode while someone
// in the room (without a device) has the floor, or always if the moderators set it so. A
// browser uses a microphone and plays sound only after a click, so the screen offers one.
// Who is speaking now is shown in words, large, for the room to read.
import { t } from "../i18n/i18n";
import { h } from "../dom";
import { VoiceMode, type Command, type VoiceSignal, type VoiceStatus } from "../protocol";
import type { RoomModel } from "../room_model";
import { VoiceSession } from "../voice_session";

export interface RoomMicrophone {
  element: HTMLElement;
  render(): void;
  status(status: VoiceStatus): void;
  signal(signal: VoiceSignal): void;
  disconnected(): void;
}

export function roomMicrophone(
  model: RoomModel,
  me: () => string | null,
  request: (command: Command) => Promise<unknown>,
): RoomMicrophone {
  const audio = h("div", { class: "voice-audio" });
  const state = h("p", { class: "projector-voice-state", role: "status" });
  const speaking = h("p", { class: "projector-voice-speaking" });
  const connect = h("button", { type: "button", class: "projector-voice-connect" });
  const element = h(
    "section",
    { class: "projector-voice", "aria-label": t("room_microphone.heading"), hidden: true },
    state,
    connect,
    speaking,
    audio,
  );
  const session = new VoiceSession({
    request,
    audio,
    speakingLine: speaking,
    changed: () => render(),
    // The room's microphone is open while the screen is connected: the room's voice mode and
    // the floor decide, in the media server, when it is heard.
    async enter(call) {
      await call.join(true);
      const id = me();
      if (id && !model.openMicrophones.includes(id)) await request({ case: "setMicrophone", value: { open: true } });
      call.setMicrophone(true);
    },
    failed(reason) {
      state.textContent = t("voice.could_not_join", { reason });
    },
    // The room hears itself: only the others are named.
    speakers: (now) => now.others.map((id) => model.name(id)),
  });
  connect.addEventListener("click", () => session.toggle());

  // Whether the room is heard now, as the server's voice part decides it.
  function heardNow(): boolean {
    const settings = model.voice;
    if (!settings) return false;
    if (settings.mode === VoiceMode.VOICE_OPEN || settings.roomAlwaysHeard) return true;
    if (settings.mode !== VoiceMode.VOICE_FLOOR) return false;
    const holder = model.holder();
    return holder ? (model.members.get(holder)?.inRoom ?? false) : false;
  }

  function sentence(): string {
    const unavailable = session.unavailable;
    if (unavailable !== null) return t("voice.unavailable", { reason: unavailable });
    if (!session.call.joined) return t("room_microphone.not_connected");
    return heardNow() ? t("room_microphone.heard") : t("room_microphone.not_heard_now");
  }

  function render(): void {
    const mode = model.voice?.mode ?? VoiceMode.VOICE_OFF;
    element.hidden = mode === VoiceMode.VOICE_OFF;
    if (mode === VoiceMode.VOICE_OFF) return session.close();
    const text = sentence();
    if (state.textContent !== text) state.textContent = text;
    const joined = session.call.joined;
    connect.textContent = joined ? t("room_microphone.disconnect") : t("room_microphone.connect");
    connect.disabled = !joined && session.unavailable !== null;
  }

  return {
    element,
    render,
    status: (status) => session.status(status),
    signal: (signal) => session.signal(signal),
    disconnected: () => session.close(),
  };
}
