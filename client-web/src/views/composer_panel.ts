// Writing to the conversation: the composer, its limits (length, slow mode, structured
// mode), posting without one's name, and what happens while saving is paused. Nothing typed
// is ever lost: the text is cleared only once the server has saved it.
import { t, type MessageKey } from "../i18n/i18n";
import { h, uid } from "../dom";
import { limitOf } from "../limits";
import { ErrorCode, Role, RoomMode, ServerError, refusalText } from "../protocol";
import type { ConversationPanel } from "./conversation_panel";
import type { RoomContext } from "./room_context";

const counterFrom = 0.8; // show the character count once 80% of the limit is used

export interface ComposerPanel {
  element: HTMLElement;
  render(): void;
  // The connection came or went.
  setConnected(connected: boolean): void;
  // A paced message of this person's was accepted and will appear in ms.
  releaseIn(ms: number): void;
  // Focuses the message box if it can be used now; whether it took focus.
  focus(): boolean;
  readOnly(): void;
}

export function composerPanel(ctx: RoomContext, conversation: ConversationPanel): ComposerPanel {
  const { model } = ctx;
  // The room's own limit (its pace), or the server's.
  const messageLimit = (): number | undefined => model.pacing?.maxMessageChars || limitOf("message");
  const composer = h("textarea", {
    id: "composer",
    rows: 3,
    limit: "message",
    "aria-describedby": "composer-hint",
    disabled: true,
  });
  const counter = h("p", { class: "hint counter", "aria-live": "polite" });
  const sendError = h("p", { class: "error", role: "alert", hidden: true });
  const sendButton = h("button", { type: "submit", disabled: true }, t("composer.send"));
  const anonymousId = uid("anonymous");
  const anonymousBox = h("input", { type: "checkbox", id: anonymousId, "aria-describedby": `${anonymousId}-hint` });
  const anonymousHint = h("p", { class: "hint", id: `${anonymousId}-hint` });
  const anonymousField = h(
    "div",
    { class: "check" },
    anonymousBox,
    h("label", { for: anonymousId }, t("composer.post_without_my_name")),
    anonymousHint,
  );
  const sentNote = h("p", { class: "hint sent-note", role: "status" });
  const form = h(
    "form",
    { class: "composer", "aria-label": t("composer.write_a_message") },
    h("label", { for: "composer" }, t("composer.your_message")),
    h("p", { class: "hint", id: "composer-hint" }, t("composer.press_enter_to_send_shift")),
    composer,
    counter,
    anonymousField,
    sendError,
    sendButton,
    sentNote,
  );
  const observerNote = h("p", { class: "hint", hidden: true }, t("composer.you_are_following_as_an"));
  const structuredNote = h(
    "p",
    { class: "hint structured-note", hidden: true },
    t("composer.the_room_is_in_structured"),
  );
  const slowNote = h("p", { class: "hint slow-note", "aria-live": "polite" });
  const myRelease = h("p", { class: "hint my-release", "aria-live": "polite" });
  const element = h("div", { class: "composer-panel" }, observerNote, structuredNote, form, slowNote, myRelease);

  let connected = false;
  let readOnly = false;

  function render(): void {
    const me = ctx.me();
    if (!me || readOnly) return;
    const canPost = me.role !== Role.OBSERVER;
    form.hidden = !canPost;
    observerNote.hidden = canPost;
    anonymousField.hidden = me.role !== Role.PARTICIPANT;
    // Where everyone could tell whose it is, a point without a name is not offered (the server
    // refuses it too).
    const online = model.present().filter((m) => m.role === Role.PARTICIPANT && !m.inRoom && !m.roomScreen).length;
    const giveaway =
      model.mode === RoomMode.STRUCTURED
        ? t("composer.not_now_in_structured_mode")
        : online < 3
          ? t("composer.not_now_with_fewer_than")
          : "";
    anonymousBox.disabled = giveaway !== "";
    if (giveaway) anonymousBox.checked = false;
    anonymousHint.textContent =
      giveaway ||
      (model.fairness?.auditAnonymous
        ? t("composer.no_one_in_the_meeting")
        : t("composer.no_one_moderators_included_will"));
    const structuredBlocked =
      model.mode === RoomMode.STRUCTURED && me.role === Role.PARTICIPANT && model.holder() !== me.memberId;
    structuredNote.hidden = !structuredBlocked;
    composer.disabled = !canPost;
    sendButton.disabled = !canPost || structuredBlocked || !connected;
    const limit = messageLimit();
    if (limit) composer.maxLength = limit;
  }

  function updateCounter(): void {
    const n = [...composer.value].length;
    const limit = messageLimit();
    counter.textContent = limit && n >= limit * counterFrom ? t("composer.characters", { n, limit }) : "";
  }
  composer.addEventListener("input", updateCounter);
  composer.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  // Slow mode: a countdown until this person may send again. The text stays meanwhile.
  let slowTimer: number | undefined;
  function startSlowCountdown(ms: number): void {
    window.clearInterval(slowTimer);
    const until = Date.now() + ms;
    const show = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      slowNote.textContent = left > 0 ? t("composer.slow_mode_wait", { s: left }) : "";
      if (left <= 0) window.clearInterval(slowTimer);
    };
    show();
    slowTimer = window.setInterval(show, 1000);
  }

  let sending = false;
  // Sent while the one before was still being saved: it goes as soon as that one is saved.
  let sendNext = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = composer.value;
    if (!text.trim()) return;
    if (sending) {
      sendNext = true;
      return;
    }
    const anonymous = anonymousBox.checked && !anonymousField.hidden;
    sendError.hidden = true;
    sentNote.textContent = "";
    sending = true;
    sendButton.setAttribute("aria-busy", "true");
    let waiting: HTMLElement | null = null;
    const release = () => {
      sending = false;
      sendButton.removeAttribute("aria-busy");
    };
    try {
      await ctx.request(
        { case: "post", value: { text, anonymous } },
        {
          resend: true,
          onDelayed() {
            if (waiting) return;
            // The server holds it: show it where it will appear, and free the composer.
            waiting = conversation.waiting(text);
            if (composer.value === text) composer.value = "";
            updateCounter();
            ctx.setStatusText(t("composer.connected_saving_is_paused"));
            ctx.announcer.personal(t("composer.saving_is_paused_your_message"));
            release();
          },
        },
      );
      conversation.dropWaiting(waiting);
      const slow = model.pacing?.slowModeSeconds ?? 0;
      if (slow > 0 && ctx.me()?.role !== Role.MODERATOR) startSlowCountdown(slow * 1000);
      // Cleared only once the server has saved it: nothing typed is ever lost.
      if (composer.value === text) composer.value = "";
      if (anonymous) {
        // Each anonymous point is chosen anew: the box does not stay ticked unseen.
        anonymousBox.checked = false;
        sentNote.textContent = t("composer.sent_without_your_name");
      }
      updateCounter();
      ctx.setStatusText(t("composer.connected_saved"));
    } catch (err) {
      if (waiting) {
        conversation.dropWaiting(waiting);
        if (!composer.value) composer.value = text; // nothing typed is ever lost
      }
      if (err instanceof ServerError && err.code === ErrorCode.RATE_LIMITED && err.retryAfterMs)
        startSlowCountdown(err.retryAfterMs);
      sendError.textContent =
        err instanceof ServerError
          ? err.code === ErrorCode.STORE_UNAVAILABLE
            ? err.retryAfterMs
              ? t("composer.not_sent_saving_paused_in", { s: Math.ceil(err.retryAfterMs / 1000) })
              : t("composer.not_sent_saving_paused")
            : refusalText(err, refusedBecause(err, anonymous))
          : t("composer.not_sent_the_connection_was");
      sendError.hidden = false;
    } finally {
      release();
      composer.focus();
      // (Not after a refusal: the person reads why first.)
      const again = sendNext && sendError.hidden;
      sendNext = false;
      if (again) form.requestSubmit();
    }
  });

  return {
    element,
    render,
    setConnected(value: boolean) {
      connected = value;
      render();
    },
    releaseIn(ms: number) {
      myRelease.textContent = ms > 1000 ? t("composer.appears_in", { s: Math.round(ms / 1000) }) : "";
    },
    focus() {
      if (!composer.disabled && !form.hidden) composer.focus();
      return document.activeElement === composer;
    },
    readOnly() {
      readOnly = true;
      element.hidden = true;
    },
  };
}

// The interface's own sentence for a refusal of a post it can explain.
function refusedBecause(err: ServerError, anonymous: boolean): MessageKey | undefined {
  if (err.code === ErrorCode.PERMISSION_DENIED && !anonymous) return "composer.refused_structured";
  if (err.code === ErrorCode.CONFLICT && anonymous) return "composer.refused_anonymous";
  return undefined;
}
