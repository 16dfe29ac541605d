// What needs the moderator now, at the top of their screen, each with its action: pause
// requests ("Pause now"), answers to invitations (an accepted one: "Give the floor"),
// someone waiting long, people asking for support or a check-in.
// Alerts that reflect the room's state go when the state does; the others stay until the
// moderator dismisses them.
import { t } from "../i18n/i18n";
import { h, keepFocus } from "../dom";
import { InvitationAnswer, Role, ThreadNote, type InvitationAnswered } from "../protocol";
import { duration } from "../room_model";
import { pauseWhy } from "./conversation_panel";
import type { RoomContext } from "./room_context";
import { focusHeading } from "./shell";

const longWaitMs = 3 * 60 * 1000;

interface Alert {
  key: string;
  text: string;
  details?: string[]; // shown folded under the text
  // keep: the alert stays after its action (it goes when what it is about is done).
  action?: { label: string; run(): void; keep?: boolean };
}

export interface AlertStrip {
  element: HTMLElement;
  render(): void;
  answered(answer: InvitationAnswered): void;
}

// openConversation: opens a participant's private conversation, ready for a reply.
export function alertStrip(ctx: RoomContext, openConversation: (memberId: string) => void): AlertStrip {
  const { model } = ctx;
  const list = h("ul", { class: "alerts" });
  const element = h(
    "section",
    { class: "alert-strip", "aria-labelledby": "alerts-heading", hidden: true },
    h("h2", { id: "alerts-heading", class: "visually-hidden" }, t("alert_strip.needs_your_attention")),
    list,
  );
  const kept = new Map<string, Alert>(); // event alerts, until dismissed
  const dismissed = new Set<string>(); // state alerts the moderator set aside
  const unfolded = new Set<string>(); // alerts whose details the moderator opened

  // The hand is looked up when the moderator acts: it may be raised just after the alert.
  function giveFloorTo(memberId: string): Alert["action"] {
    return {
      label: t("queue.give_the_floor_to", { name: model.name(memberId) }),
      run() {
        const entry = model.queue.find((e) => e.memberId === memberId);
        if (entry) void ctx.send({ case: "grantFloor", value: { entryId: entry.entryId } });
        else ctx.announcer.personal(t("alert_strip.no_hand_up", { name: model.name(memberId) }));
      },
    };
  }

  function stateAlerts(): Alert[] {
    const out: Alert[] = [];
    if (model.pauseRequests > 0 && !model.paused) {
      const n = model.pauseRequests;
      out.push({
        key: `pause-${n}`,
        text: t("alert_strip.asked_for_pause", { n, why: pauseWhy(model.pauseReason) }),
        action: {
          label: t("alert_strip.pause_now"),
          run: () => void ctx.send({ case: "setPaused", value: { paused: true } }),
        },
      });
    }
    const scope = model.session;
    if (scope && scope.longestWaitMs > BigInt(longWaitMs) && scope.longestWaitingMemberId) {
      const who = scope.longestWaitingMemberId;
      const minutes = Math.floor(Number(scope.longestWaitMs) / 60000);
      out.push({
        key: `wait-${who}-${minutes}`,
        text: t("alert_strip.has_waited", { name: model.name(who), time: duration(minutes * 60000) }),
        action: giveFloorTo(who),
      });
    }
    // Notes written when joining: one alert for all of them, each note one line inside it, so
    // that a room filling up does not fill the strip. Dismissed, it stays away until a new note.
    const notes = model.needsSummary?.supportNotes ?? [];
    if (notes.length === 1)
      out.push({
        key: `notes-${notes[0].memberId}`,
        text: t("alert_strip.wrote_when_joining", { name: model.name(notes[0].memberId), note: notes[0].note }),
      });
    else if (notes.length > 1)
      out.push({
        key: `notes-${notes.map((n) => n.memberId).join("-")}`,
        text: t("alert_strip.people_wrote", { n: notes.length }),
        details: notes.map((n) => t("alert_strip.name_note", { name: model.name(n.memberId), note: n.note })),
      });
    // A request in a participant's conversation waits until a facilitator has written back.
    const answer = (id: string) => ({
      label: t("alert_strip.open_the_conversation"),
      run: () => openConversation(id),
      keep: true,
    });
    const answeredAfter = (id: string, seq: bigint) =>
      (model.threads.get(id) ?? []).some((m) => m.seq > seq && m.from !== id);
    for (const id of model.readiness?.oneToOneRequests ?? []) {
      const asked = [...(model.threads.get(id) ?? [])].reverse().find((m) => m.note === ThreadNote.ASKS_ONE_TO_ONE);
      if (!asked || !answeredAfter(id, asked.seq))
        out.push({
          key: `one-to-one-${id}-${asked?.seq ?? 0n}`,
          text: t("alert_strip.would_like_one_to_one", { name: model.name(id) }),
          action: answer(id),
        });
    }
    for (const [id, messages] of model.threads)
      for (const m of messages)
        if (m.note === ThreadNote.NEEDS_SUPPORT && !answeredAfter(id, m.seq))
          out.push({
            key: `help-${m.seq}`,
            text: t("alert_strip.asks_for_help", { name: model.name(id), text: m.text }),
            action: answer(id),
          });
    for (const shared of model.needsSummary?.shared ?? [])
      if (shared.needs?.checkIn)
        out.push({
          key: `check-in-${shared.memberId}`,
          text: t("alert_strip.check_in", { name: model.name(shared.memberId) }),
        });
    return out;
  }

  // An alert is done with (acted on or dismissed): it goes, and focus goes to the next
  // alert, or on to the room's title when none is left, never lost to the page.
  function done(key: string): void {
    const at = [...list.children].findIndex((li) => (li as HTMLElement).dataset.key === key);
    kept.delete(key);
    dismissed.add(key);
    render();
    const next = list.children[Math.min(at, list.children.length - 1)]?.querySelector("button");
    if (next) next.focus();
    else {
      const title = document.getElementById("room-title");
      if (title) focusHeading(title);
    }
  }

  function alertItem(alert: Alert): HTMLElement {
    const dismiss = h(
      "button",
      {
        type: "button",
        class: "secondary small",
        "data-focus-key": `dismiss-${alert.key}`,
        "aria-label": t("alert_strip.dismiss_this", { text: alert.text }),
      },
      t("alert_strip.dismiss"),
    );
    dismiss.addEventListener("click", () => done(alert.key));
    let body: HTMLElement = h("p", {}, alert.text);
    if (alert.details) {
      const folded = h(
        "details",
        { class: "alert-details", open: unfolded.has(alert.key) },
        h("summary", { "data-focus-key": `summary-${alert.key}` }, alert.text),
        h("ul", {}, ...alert.details.map((d) => h("li", {}, d))),
      );
      folded.addEventListener("toggle", () => {
        if (folded.open) unfolded.add(alert.key);
        else unfolded.delete(alert.key);
      });
      body = folded;
    }
    const li = h("li", { class: "alert", "data-key": alert.key }, body);
    const buttons = h("div", { class: "button-row" });
    if (alert.action) {
      const act = h(
        "button",
        { type: "button", class: "small", "data-focus-key": `act-${alert.key}` },
        alert.action.label,
      );
      const run = alert.action.run;
      const keep = alert.action.keep;
      act.addEventListener("click", () => {
        run();
        if (!keep) done(alert.key);
      });
      buttons.append(act);
    }
    buttons.append(dismiss);
    li.append(buttons);
    return li;
  }

  function render(): void {
    if (ctx.me()?.role !== Role.MODERATOR) {
      element.hidden = true;
      return;
    }
    const alerts = [...stateAlerts().filter((a) => !dismissed.has(a.key)), ...kept.values()];
    element.hidden = alerts.length === 0;
    keepFocus(list, () => list.replaceChildren(...alerts.map(alertItem)));
  }

  return {
    element,
    render,
    answered(answer: InvitationAnswered) {
      const who = model.name(answer.memberId);
      const key = `invitation-${answer.invitationId}`;
      if (answer.answer === InvitationAnswer.ACCEPT)
        kept.set(key, {
          key,
          text: t("alert_strip.accepted_invitation", { who }),
          action: giveFloorTo(answer.memberId),
        });
      else if (answer.answer === InvitationAnswer.ASK_SUPPORT)
        kept.set(key, { key, text: t("alert_strip.would_like_support", { who }) });
      else kept.set(key, { key, text: t("alert_strip.rather_not", { who }) });
      render();
    },
  };
}
