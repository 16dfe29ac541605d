// Voice, in a room that has it: joining the voice, one's own microphone, and what is true of it
// now, in words (never colour alone), announced as it changes; shown only while the room has
// voice, so that it takes no room from the floor and the queue otherwise. Moderators set the
// room's voice in the console (tools), or ask the room's consent to a mode first. Who is
// speaking now is shown in words from the voices' levels. Without voice (or while the media server is away)
// everything else works as text.
import { t, type MessageKey } from "../i18n/i18n";
import { h, keepFocus } from "../dom";
import { QuestionKind, Role, VoiceMode, type VoiceStatus, type VoiceSignal } from "../protocol";
import type { Change } from "../room_model";
import { VoiceSession } from "../voice_session";
import type { RoomContext } from "./room_context";

const modeNames: Record<VoiceMode, MessageKey> = {
  [VoiceMode.VOICE_OFF]: "voice.mode_off",
  [VoiceMode.VOICE_OPEN]: "voice.mode_open",
  [VoiceMode.VOICE_FLOOR]: "voice.mode_floor",
  [VoiceMode.VOICE_MODERATORS_ONLY]: "voice.mode_moderators_only",
};

// A voice mode in the person's language.
export function modeName(mode: VoiceMode): string {
  return t(modeNames[mode] ?? "voice.mode_off");
}

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
  const audio = h("div", { class: "voice-audio" });
  const state = h("p", { class: "voice-state", role: "status" });
  const join = h("button", { type: "button" });
  const microphone = h("button", { type: "button", "aria-pressed": "false" });
  const openNow = h("p", { class: "voice-open" });
  // A moderator's: one button for each other open microphone, to close it.
  const closeOthers = h("div", { class: "button-row" });
  const speakingNow = h("p", { class: "voice-speaking" });
  // Whether this person is heard now (their own voice then counts as speaking).
  let heardSelf = false;
  const session = new VoiceSession({
    request: (command) => ctx.request(command),
    audio,
    speakingLine: speakingNow,
    changed: () => render(),
    async enter(call) {
      const me = ctx.me();
      if (!me) return;
      await call.join(me.role !== Role.OBSERVER);
      call.setMicrophone(ctx.model.openMicrophones.includes(me.memberId));
    },
    failed(reason) {
      state.textContent = t("voice.could_not_join", { reason });
    },
    speakers(now) {
      const me = ctx.me();
      const ids = [...(now.self && heardSelf && me ? [me.memberId] : []), ...now.others];
      return ids.map((id) => ctx.model.members.get(id)?.displayName ?? "?");
    },
  });
  const call = session.call;
  const modeOptions = () =>
    [VoiceMode.VOICE_OFF, VoiceMode.VOICE_OPEN, VoiceMode.VOICE_FLOOR, VoiceMode.VOICE_MODERATORS_ONLY].map((mode) =>
      h("option", { value: String(mode) }, modeName(mode)),
    );
  const modeSelect = h("select", { id: "voice-mode" }, ...modeOptions());
  const proposeSelect = h("select", { id: "voice-propose" }, ...modeOptions());
  const roomAlways = h("input", { type: "checkbox", id: "voice-room-always" });
  const propose = h("button", { type: "button", class: "secondary" }, t("voice.ask_the_room"));
  const tools = h(
    "div",
    { class: "stack" },
    h("h3", {}, t("voice.heading")),
    h("p", { class: "field" }, h("label", { for: "voice-mode" }, t("voice.mode")), modeSelect),
    h("div", { class: "check" }, roomAlways, h("label", { for: "voice-room-always" }, t("voice.room_always_heard"))),
    h("p", { class: "field" }, h("label", { for: "voice-propose" }, t("voice.propose")), proposeSelect),
    h("div", { class: "button-row" }, propose),
  );
  const element = h(
    "section",
    { class: "panel voice", "aria-labelledby": "voice-heading", hidden: true },
    h("h2", { id: "voice-heading" }, t("voice.heading")),
    state,
    h("div", { class: "button-row" }, join, microphone),
    openNow,
    closeOthers,
    speakingNow,
    audio,
  );

  const setVoice = () =>
    void ctx.send({
      case: "setVoice",
      value: { settings: { mode: Number(modeSelect.value) as VoiceMode, roomAlwaysHeard: roomAlways.checked } },
    });
  modeSelect.addEventListener("change", setVoice);
  roomAlways.addEventListener("change", setVoice);
  // As a change of pace: an anonymous consensus check, adopted on close unless someone blocks.
  propose.addEventListener("click", () => {
    const mode = Number(proposeSelect.value) as VoiceMode;
    void ctx.send({
      case: "openQuestion",
      value: {
        kind: QuestionKind.CONSENSUS,
        text: t("voice.shall_we_use", { mode: modeName(mode) }),
        voice: { mode },
        settings: { anonymous: true },
      },
    });
  });
  join.addEventListener("click", () => session.toggle());
  microphone.addEventListener("click", async () => {
    const me = ctx.me();
    if (!me) return;
    const open = !ctx.model.openMicrophones.includes(me.memberId);
    if (await ctx.send({ case: "setMicrophone", value: { open } })) call.setMicrophone(open);
  });

  function sentence(mode: VoiceMode, open: boolean, role: Role, hasFloor: boolean): string {
    const unavailable = session.unavailable;
    if (unavailable !== null) return t("voice.unavailable", { reason: unavailable });
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
    roomAlways.checked = ctx.model.voice?.roomAlwaysHeard ?? false;
    if (mode === VoiceMode.VOICE_OFF && call.joined) call.close();
    if (!me || mode === VoiceMode.VOICE_OFF) {
      microphone.hidden = true;
      openNow.textContent = "";
      closeOthers.replaceChildren();
      return;
    }
    const open = ctx.model.openMicrophones.includes(me.memberId);
    // A moderator may close anyone's microphone: the browser's follows.
    if (call.joined) call.setMicrophone(open);
    const text = sentence(mode, open, me.role, ctx.model.floor?.holderMemberId === me.memberId);
    if (state.textContent !== text) state.textContent = text;
    heardSelf = text === t("voice.open_heard");
    join.textContent = call.joined ? t("voice.leave") : t("voice.join");
    join.disabled = !call.joined && session.unavailable !== null;
    microphone.hidden = !call.joined || me.role === Role.OBSERVER;
    microphone.textContent = open ? t("voice.close_microphone") : t("voice.open_microphone");
    microphone.setAttribute("aria-pressed", String(open));
    const name = (id: string) => ctx.model.members.get(id)?.displayName ?? "?";
    const names = ctx.model.openMicrophones.map(name);
    openNow.textContent = names.length ? t("voice.open_microphones", { names: names.join(", ") }) : "";
    const others = moderator ? ctx.model.openMicrophones.filter((id) => id !== me.memberId) : [];
    keepFocus(closeOthers, () =>
      closeOthers.replaceChildren(
        ...others.map((id) => {
          const close = h(
            "button",
            { type: "button", class: "secondary", "data-focus-key": `close-${id}` },
            t("voice.close_microphone_of", { name: name(id) }),
          );
          close.addEventListener("click", () => void ctx.send({ case: "closeMicrophone", value: { memberId: id } }));
          return close;
        }),
      ),
    );
  }

  return {
    element,
    tools,
    render,
    shows: ["voice", "floor", "role", "joined", "left"],
    status: (status) => session.status(status),
    signal: (signal) => session.signal(signal),
    disconnected: () => session.close(),
  };
}
