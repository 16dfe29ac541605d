// Voice, in a room that has it: joining the voice, one's own microphone, and what is true of it
// now, in words (never colour alone), announced as it changes; shown only while the room has
// voice, so that it takes no room from the floor and the queue otherwise. Moderators set the
// room's voice in the console (tools). Without voice (or while the media server is away)
// everything else works as text.
import { t } from "../i18n/i18n";
import { h } from "../dom";
import { Role, VoiceMode, type VoiceStatus, type VoiceSignal } from "../protocol";
import type { Change } from "../room_model";
import { VoiceCall } from "../voice_call";
import type { RoomContext } from "./room_context";

export function voicePanel(ctx: RoomContext): {
  element: HTMLElement;
  tools: HTMLElement; // for the moderator's console
  render(): void;
  shows: readonly Change["kind"][];
  status(status: VoiceStatus): void;
  signal(signal: VoiceSignal): void;
  // The connection dropped: the call is gone with it (joined again once back).
  disconnected(): void;
} {
  let available: VoiceStatus | null = null;
  let wanted = false; // the person joined the voice (and joins again after an outage)
  const audio = h("div", { class: "voice-audio" });
  const call = new VoiceCall({ request: (command) => ctx.request(command), audio, changed: () => render() });

  const state = h("p", { class: "voice-state", role: "status" });
  const join = h("button", { type: "button" });
  const microphone = h("button", { type: "button", "aria-pressed": "false" });
  const openNow = h("p", { class: "voice-open" });
  const modeSelect = h(
    "select",
    { id: "voice-mode" },
    ...(
      [
        [VoiceMode.VOICE_OFF, t("voice.mode_off")],
        [VoiceMode.VOICE_OPEN, t("voice.mode_open")],
        [VoiceMode.VOICE_FLOOR, t("voice.mode_floor")],
        [VoiceMode.VOICE_MODERATORS_ONLY, t("voice.mode_moderators_only")],
      ] as const
    ).map(([mode, label]) => h("option", { value: String(mode) }, label)),
  );
  const tools = h(
    "div",
    { class: "stack" },
    h("h3", {}, t("voice.heading")),
    h("p", { class: "field" }, h("label", { for: "voice-mode" }, t("voice.mode")), modeSelect),
  );
  const element = h(
    "section",
    { class: "panel voice", "aria-labelledby": "voice-heading", hidden: true },
    h("h2", { id: "voice-heading" }, t("voice.heading")),
    state,
    h("div", { class: "button-row" }, join, microphone),
    openNow,
    audio,
  );

  modeSelect.addEventListener("change", () => {
    void ctx.send({ case: "setVoice", value: { settings: { mode: Number(modeSelect.value) as VoiceMode } } });
  });
  join.addEventListener("click", () => {
    if (call.joined) {
      wanted = false;
      void call.leave();
      return;
    }
    wanted = true;
    void joinCall();
  });
  microphone.addEventListener("click", async () => {
    const me = ctx.me();
    if (!me) return;
    const open = !ctx.model.openMicrophones.includes(me.memberId);
    if (await ctx.send({ case: "setMicrophone", value: { open } })) call.setMicrophone(open);
  });

  async function joinCall(): Promise<void> {
    const me = ctx.me();
    if (!me) return;
    try {
      await call.join(me.role !== Role.OBSERVER);
      call.setMicrophone(ctx.model.openMicrophones.includes(me.memberId));
    } catch (err) {
      call.close();
      state.textContent = t("voice.could_not_join", { reason: err instanceof Error ? err.message : String(err) });
    }
  }

  function sentence(mode: VoiceMode, open: boolean, role: Role, hasFloor: boolean): string {
    if (available && !available.available) return t("voice.unavailable", { reason: available.reason });
    if (!call.joined) return t("voice.not_joined");
    if (role === Role.OBSERVER) return t("voice.listening");
    if (!open) return t("voice.microphone_closed");
    const moderator = role === Role.MODERATOR;
    if (mode === VoiceMode.VOICE_FLOOR && !moderator && !hasFloor) return t("voice.open_until_floor");
    if (mode === VoiceMode.VOICE_MODERATORS_ONLY && !moderator) return t("voice.open_moderators_only");
    return t("voice.open_heard");
  }

  function render(): void {
    const me = ctx.me();
    const mode = ctx.model.voice?.mode ?? VoiceMode.VOICE_OFF;
    const moderator = me?.role === Role.MODERATOR;
    element.hidden = !me || mode === VoiceMode.VOICE_OFF;
    tools.hidden = !moderator;
    modeSelect.value = String(mode);
    if (mode === VoiceMode.VOICE_OFF && call.joined) call.close();
    if (!me || mode === VoiceMode.VOICE_OFF) {
      microphone.hidden = true;
      openNow.textContent = "";
      return;
    }
    const open = ctx.model.openMicrophones.includes(me.memberId);
    // A moderator may close anyone's microphone: the browser's follows.
    if (call.joined) call.setMicrophone(open);
    const text = sentence(mode, open, me.role, ctx.model.floor?.holderMemberId === me.memberId);
    if (state.textContent !== text) state.textContent = text;
    join.textContent = call.joined ? t("voice.leave") : t("voice.join");
    join.disabled = !call.joined && available !== null && !available.available;
    microphone.hidden = !call.joined || me.role === Role.OBSERVER;
    microphone.textContent = open ? t("voice.close_microphone") : t("voice.open_microphone");
    microphone.setAttribute("aria-pressed", String(open));
    const names = ctx.model.openMicrophones.map((id) => ctx.model.members.get(id)?.displayName ?? "?");
    openNow.textContent = names.length ? t("voice.open_microphones", { names: names.join(", ") }) : "";
  }

  return {
    element,
    tools,
    render,
    shows: ["voice", "floor", "role", "joined", "left"],
    status(status) {
      available = status;
      if (!status.available && call.joined) call.close();
      else if (status.available && wanted && !call.joined) void joinCall();
      render();
    },
    signal(signal) {
      void call.signal(signal).catch(() => undefined);
    },
    disconnected() {
      if (call.joined) call.close();
    },
  };
}
