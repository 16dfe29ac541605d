// The speaking queue: everyone sees it; each person manages their own hand; moderators
// give the floor, reorder, remove, clear, close and reopen.
import { easyIcon } from "./icons";
import { t, type MessageKey } from "../i18n/i18n";
import { h, keepFocus, submitOnEnterInRadios, uid } from "../dom";
import { HandKind, QueueReasonKind, Role, type QueueEntry } from "../protocol";
import { duration, handKindName, ordinal } from "../room_model";
import type { RoomContext } from "./room_context";

export interface QueuePanel {
  element: HTMLElement;
  render(): void;
  focusRaise(): void;
  lowerAll(): void;
}

const kinds = [HandKind.POINT_OF_ORDER, HandKind.CLARIFYING_QUESTION, HandKind.REPLY, HandKind.NEW_POINT];

export function queuePanel(ctx: RoomContext): QueuePanel {
  const heading = h("h2", { id: "queue-heading", tabindex: "-1" }, t("queue.speaking_queue"));
  const mine = h("p", { class: "queue-mine", "aria-live": "off" });
  const closedNote = h("p", { class: "hint" });
  const order = h("p", { class: "hint queue-order" });
  const list = h("ol", { class: "queue", "aria-labelledby": "queue-heading" });
  const empty = h("p", { class: "hint" }, t("queue.nobody_is_waiting_to_speak"));

  // Raising a hand: the kind (a radio group) and an optional topic.
  const groupName = uid("hand-kind");
  const topicId = uid("topic");
  const radios = kinds.map((kind, i) => {
    const id = `${groupName}-${kind}`;
    return h(
      "div",
      { class: "check" },
      h("input", { type: "radio", name: groupName, id, value: kind, checked: i === kinds.length - 1 }),
      h("label", { for: id }, handKindName(kind)),
    );
  });
  // One press raises a hand for a new point; the kind and a topic wait behind "Kind and
  // topic", so that the form takes two lines until someone wants them.
  const options = h(
    "details",
    { class: "raise-options" },
    h("summary", {}, t("queue.kind_of_point_and_topic")),
    h("fieldset", {}, h("legend", {}, t("queue.raise_your_hand_for_a")), ...radios),
    h(
      "div",
      { class: "field" },
      h("label", { for: topicId }, t("queue.topic_optional")),
      h("input", { id: topicId, limit: "topic", autocomplete: "off" }),
    ),
  );
  const raiseForm = h(
    "form",
    { class: "raise-form", "aria-label": t("queue.raise_your_hand") },
    h("button", { type: "submit" }, easyIcon("hand"), t("queue.raise_hand")),
    options,
  );
  const modTools = h("div", { class: "button-row" });
  const removeReasonId = uid("remove-reason");
  const removeReason = h(
    "div",
    { class: "field" },
    h("label", { for: removeReasonId }, t("queue.reason_when_removing_a_hand")),
    h("input", { id: removeReasonId, limit: "note" }),
  );

  const element = h(
    "section",
    { class: "panel queue-panel", "aria-labelledby": "queue-heading" },
    heading,
    mine,
    closedNote,
    order,
    list,
    empty,
    raiseForm,
    modTools,
    removeReason,
  );

  // Enter on a kind raises the hand at once: the shortcut, then Enter, is two keystrokes.
  submitOnEnterInRadios(raiseForm);
  raiseForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const checked = raiseForm.querySelector<HTMLInputElement>(`input[name="${groupName}"]:checked`);
    const topic = (document.getElementById(topicId) as HTMLInputElement).value;
    const ok = await ctx.send({
      case: "raiseHand",
      value: { kind: Number(checked?.value ?? HandKind.NEW_POINT), topic },
    });
    if (ok) (document.getElementById(topicId) as HTMLInputElement).value = "";
  });

  const button = (label: string, action: () => void, cls = "secondary small", shown = label) => {
    const b = h("button", { type: "button", class: cls, "data-focus-key": label }, shown);
    if (shown !== label) b.setAttribute("aria-label", label);
    b.addEventListener("click", action);
    return b;
  };

  // A moderator's less frequent actions on an entry wait behind its "More" button, so that
  // each entry takes one line and two buttons: five entries fit beside the floor.
  const moreOpen = new Set<string>();

  function entryItem(entry: QueueEntry, index: number, count: number, sameReason: boolean): HTMLElement {
    const me = ctx.me();
    const member = ctx.model.members.get(entry.memberId);
    const isMine = entry.memberId === me?.memberId;
    const name = isMine ? t("queue.you") : (member?.displayName ?? t("queue.someone"));
    const extras: string[] = [];
    if (member?.inRoom) extras.push(t("queue.in_the_room"));
    if (member && !member.present) extras.push(t("queue.connection_lost"));
    const controls = h("div", { class: "button-row entry-actions" });
    const label = `${name}, ${handKindName(entry.kind).toLowerCase()}`;
    if (isMine)
      controls.append(
        button(t("queue.lower_my_hand"), () => void ctx.send({ case: "lowerHand", value: { kind: entry.kind } })),
      );
    let more: HTMLElement | null = null;
    if (me?.role === Role.MODERATOR) {
      controls.append(
        button(
          t("queue.give_the_floor_to", { name }),
          () => void ctx.send({ case: "grantFloor", value: { entryId: entry.entryId } }),
          "small",
          t("queue.give_the_floor"),
        ),
      );
      more = h("div", { class: "button-row entry-more", id: uid("entry-more"), hidden: !moreOpen.has(entry.entryId) });
      if (member?.inRoom && !isMine)
        more.append(
          button(
            t("queue.lower_hand_of", { name }),
            () => void ctx.send({ case: "lowerHand", value: { kind: entry.kind, memberId: entry.memberId } }),
          ),
        );
      if (index > 0)
        more.append(
          button(
            t("queue.move_up", { name }),
            () => void ctx.send({ case: "moveHand", value: { entryId: entry.entryId, position: index - 1 } }),
          ),
        );
      if (index < count - 1)
        more.append(
          button(
            t("queue.move_down", { name }),
            () => void ctx.send({ case: "moveHand", value: { entryId: entry.entryId, position: index + 1 } }),
          ),
        );
      more.append(
        button(t("queue.remove_from_queue", { name }), () => {
          const reason = (document.getElementById(removeReasonId) as HTMLInputElement).value;
          void ctx.send({ case: "removeHand", value: { entryId: entry.entryId, reason } });
        }),
      );
      const open = moreOpen.has(entry.entryId);
      const toggle = button(
        t("queue.more_for", { name }),
        () => {
          const nowOpen = !moreOpen.has(entry.entryId);
          if (nowOpen) moreOpen.add(entry.entryId);
          else moreOpen.delete(entry.entryId);
          toggle.setAttribute("aria-expanded", String(nowOpen));
          more!.hidden = !nowOpen;
        },
        "secondary small",
        t("queue.more"),
      );
      toggle.setAttribute("aria-expanded", String(open));
      toggle.setAttribute("aria-controls", more.id);
      controls.append(toggle);
    }
    return h(
      "li",
      { class: isMine ? "queue-entry mine" : "queue-entry", "aria-label": `${ordinal(index + 1)}: ${label}` },
      h(
        "p",
        { class: "entry-line" },
        h("span", { class: "position" }, `${index + 1}.`),
        " ",
        h("span", { class: "name", dir: "auto" }, name),
        extras.length ? h("span", { class: "extras" }, ` (${extras.join(", ")})`) : null,
        " — ",
        h("span", { class: "kind" }, handKindName(entry.kind)),
      ),
      controls.childNodes.length ? controls : null,
      entry.topic ? h("p", { class: "topic", dir: "auto" }, entry.topic) : null,
      entry.reason && !sameReason
        ? h("p", { class: "hint reason" }, t("queue.why_here", { reason: reasonText(entry) }))
        : null,
      more,
    );
  }

  function render(): void {
    const me = ctx.me();
    const q = ctx.model.queue;
    heading.textContent = t("queue.speaking_queue_count", { n: q.length });
    // One rule for everyone ("in the order hands went up") is said once, not on every entry.
    const sameReason = q.length > 1 && q.every((e) => e.reason === q[0].reason);
    order.textContent = sameReason && q[0].reason ? t("queue.order", { reason: reasonText(q[0]) }) : "";
    for (const id of moreOpen) if (!q.some((e) => e.entryId === id)) moreOpen.delete(id);
    keepFocus(list, () => list.replaceChildren(...q.map((e, i) => entryItem(e, i, q.length, sameReason))));
    empty.hidden = q.length > 0;
    closedNote.textContent = ctx.model.queueOpen ? "" : t("queue.the_queue_is_closed_to");
    const place = me ? ctx.model.placeOf(me.memberId) : 0;
    mine.textContent = place === 0 ? "" : place === 1 ? t("queue.you_are_next") : t("queue.place_in_queue", { place });
    const canRaise = me !== null && me.role !== Role.OBSERVER;
    raiseForm.hidden = !canRaise;
    for (const input of raiseForm.querySelectorAll<HTMLInputElement | HTMLButtonElement>("input, button"))
      input.disabled = !ctx.model.queueOpen;
    const moderator = me?.role === Role.MODERATOR;
    removeReason.hidden = !moderator || q.length === 0;
    keepFocus(modTools, () => {
      modTools.replaceChildren();
      if (!moderator) return;
      if (q.length)
        modTools.append(button(t("queue.clear_the_queue"), () => void ctx.send({ case: "clearQueue", value: {} })));
      modTools.append(
        ctx.model.queueOpen
          ? button(
              t("queue.close_the_queue_to_new"),
              () => void ctx.send({ case: "setQueueOpen", value: { open: false } }),
            )
          : button(t("queue.reopen_the_queue"), () => void ctx.send({ case: "setQueueOpen", value: { open: true } })),
      );
    });
  }

  return {
    element,
    render,
    focusRaise() {
      options.open = true;
      const checked = raiseForm.querySelector<HTMLInputElement>(`input[name="${groupName}"]:checked`);
      (checked ?? heading).focus();
    },
    lowerAll() {
      const me = ctx.me();
      if (me && ctx.model.placeOf(me.memberId) > 0) void ctx.send({ case: "lowerHand", value: {} });
      else ctx.announcer.personal(t("queue.you_have_no_hand_up"));
    },
  };
}

const reasonKeys: Partial<Record<QueueReasonKind, MessageKey>> = {
  [QueueReasonKind.QUEUE_REASON_POINT_OF_ORDER]: "queue.reason_point_of_order",
  [QueueReasonKind.QUEUE_REASON_CLARIFYING_QUESTION]: "queue.reason_clarifying_question",
  [QueueReasonKind.QUEUE_REASON_REPLY]: "queue.reason_reply",
  [QueueReasonKind.QUEUE_REASON_OVER_LIMIT]: "queue.reason_over_limit",
  [QueueReasonKind.QUEUE_REASON_ORDER_RAISED]: "queue.reason_order_raised",
  [QueueReasonKind.QUEUE_REASON_FIRST_TIME]: "queue.reason_first_time",
  [QueueReasonKind.QUEUE_REASON_SPOKEN_TURNS]: "queue.reason_spoken_turns",
  [QueueReasonKind.QUEUE_REASON_NO_FLOOR_YET]: "queue.reason_no_floor_yet",
  [QueueReasonKind.QUEUE_REASON_FLOOR_TIME]: "queue.reason_floor_time",
  [QueueReasonKind.QUEUE_REASON_NOT_SPOKEN_THIS_ROUND]: "queue.reason_not_spoken_this_round",
  [QueueReasonKind.QUEUE_REASON_SPOKEN_THIS_ROUND]: "queue.reason_spoken_this_round",
  [QueueReasonKind.QUEUE_REASON_NOT_HEARD_YET]: "queue.reason_not_heard_yet",
  [QueueReasonKind.QUEUE_REASON_SPOKEN_TIME]: "queue.reason_spoken_time",
};

// Why an entry stands where it does, in the person's language; the server's English words
// for an entry recorded before the server said why in a form the interface can translate.
export function reasonText(entry: QueueEntry): string {
  const key = entry.why ? reasonKeys[entry.why.kind] : undefined;
  if (!key || !entry.why) return entry.reason;
  const ms = entry.why.kind === QueueReasonKind.QUEUE_REASON_SPOKEN_TIME ? entry.why.spokenMs : entry.why.floorMs;
  return t(key, { turns: entry.why.turns, time: duration(Number(ms)) });
}
