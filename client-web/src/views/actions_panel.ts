// Actions: what is to be done after the meeting, who owns it and by when, and how it is
// going. Everyone sees the room's actions. The owner, a moderator or the note-taker marks
// progress (open, under way, done, dropped with a reason); a moderator or the note-taker
// records them, from a decision, an agenda item, a message, or nothing in particular. Each
// status is said in words, never by colour alone.
import { language, t } from "../i18n/i18n";
import { button, h, keepFocus, uid } from "../dom";
import { ActionStatus, RoomPhase, type Action } from "../protocol";
import { agendaItemFor } from "../moderator_texts";
import { actionStatusWords, type RoomModel } from "../room_model";
import type { ActionSource, RoomContext } from "./room_context";

export interface ActionsPanel {
  element: HTMLElement;
  render(): void;
  // Opens the form to record an action from a decision, an agenda item or a message.
  startFrom(source: ActionSource): void;
}

const statuses: [ActionStatus, string][] = [
  [ActionStatus.ACTION_OPEN, t("actions.open")],
  [ActionStatus.ACTION_UNDER_WAY, t("actions.under_way")],
  [ActionStatus.ACTION_DONE, t("actions.done")],
  [ActionStatus.ACTION_DROPPED, t("actions.dropped")],
];

const someoneElse = "@";

// "30 April 2027" for 2027-04-30, in the reader's own words for dates.
export function dueWords(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language().locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(Date.UTC(y, m - 1, d));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Where an action came from, in words ("" for nothing in particular).
export function actionSourceWords(model: Readonly<RoomModel>, a: Action): string {
  if (a.fromQuestionId) {
    const d = model.decisions.find((x) => x.questionId === a.fromQuestionId);
    return d ? t("actions.from_the_decision", { text: d.text }) : t("actions.from_a_decision");
  }
  if (a.fromAgendaItemId) {
    const item = model.agenda.find((i) => i.itemId === a.fromAgendaItemId);
    const title = item && agendaItemFor(item, model.language, language().code).title;
    return title ? t("actions.from_the_item", { title }) : t("actions.from_an_agenda_item");
  }
  if (a.fromSeq) {
    const m = model.messages.find((x) => x.seq === a.fromSeq);
    return m && m.text
      ? t("actions.from_what_said", { name: model.name(m.memberId), text: m.text })
      : t("actions.from_a_message");
  }
  return "";
}

export function actionsPanel(ctx: RoomContext): ActionsPanel {
  const { model } = ctx;
  const list = h("ol", { class: "actions-list", "aria-label": t("actions.actions") });
  const empty = h("p", { class: "hint" }, t("actions.no_actions_yet"));

  // --- recording -------------------------------------------------------------------------
  const ids = { text: uid("action-text"), owner: uid("action-owner"), name: uid("action-owner-name") };
  const ids2 = { due: uid("action-due"), from: uid("action-from") };
  const text = h("textarea", { id: ids.text, rows: 2, limit: "action", required: true });
  const owner = h("select", { id: ids.owner });
  const ownerName = h("input", { id: ids.name, limit: "actionOwner" });
  const ownerNameField = h(
    "div",
    { class: "field", hidden: true },
    h("label", { for: ids.name }, t("actions.organisation_or_role")),
    ownerName,
  );
  const due = h("input", { id: ids2.due, type: "date" });
  const from = h("select", { id: ids2.from });
  const save = h("button", { type: "submit" }, t("actions.record_the_action"));
  const cancel = h("button", { type: "button", class: "secondary", hidden: true }, t("actions.stop_changing_it"));
  const formHeading = h("h3", { id: uid("action-form-heading"), tabindex: -1 }, t("actions.record_an_action"));
  let editing = "";
  let fromSeq = 0n; // a message chosen from the conversation (not in the select)
  const form = h(
    "form",
    { class: "stack action-form" },
    formHeading,
    h("div", { class: "field" }, h("label", { for: ids.text }, t("actions.what_is_to_be_done")), text),
    h("div", { class: "field" }, h("label", { for: ids.owner }, t("actions.who_owns_it")), owner),
    ownerNameField,
    h("div", { class: "field" }, h("label", { for: ids2.due }, t("actions.by_when_optional")), due),
    h("div", { class: "field" }, h("label", { for: ids2.from }, t("actions.it_comes_from")), from),
    h("div", { class: "button-row" }, save, cancel),
  );
  owner.addEventListener("change", () => {
    ownerNameField.hidden = owner.value !== someoneElse;
  });

  function fillOwners(): void {
    const chosen = owner.value;
    const people = [...model.members.values()].filter((m) => !m.roomScreen);
    owner.replaceChildren(
      h("option", { value: "" }, t("actions.choose")),
      ...people.map((m) => h("option", { value: m.memberId }, m.displayName)),
      h("option", { value: someoneElse }, t("actions.someone_else_an_organisation_or")),
    );
    owner.value = chosen;
    ownerNameField.hidden = owner.value !== someoneElse;
  }

  function fillSources(): void {
    const chosen = from.value;
    from.replaceChildren(
      h("option", { value: "" }, t("actions.nothing_in_particular")),
      ...(fromSeq ? [h("option", { value: `m:${fromSeq}` }, t("actions.the_message_chosen_in_the"))] : []),
      ...model.decisions.map((d) =>
        h("option", { value: `q:${d.questionId}` }, t("actions.the_decision", { text: d.text })),
      ),
      ...model.agenda.map((i) => h("option", { value: `a:${i.itemId}` }, t("actions.the_item", { title: i.title }))),
    );
    from.value = chosen;
    if (from.selectedIndex < 0) from.value = "";
  }

  function reset(): void {
    editing = "";
    fromSeq = 0n;
    text.value = "";
    owner.value = "";
    ownerName.value = "";
    due.value = "";
    from.value = "";
    save.textContent = t("actions.record_the_action");
    formHeading.textContent = t("actions.record_an_action");
    cancel.hidden = true;
    fillSources();
    ownerNameField.hidden = true;
  }

  function edit(a: Action): void {
    fillOwners();
    editing = a.actionId;
    fromSeq = a.fromSeq;
    fillSources();
    text.value = a.text;
    owner.value = a.ownerMemberId || someoneElse;
    ownerName.value = a.ownerName;
    ownerNameField.hidden = owner.value !== someoneElse;
    due.value = a.dueDate;
    from.value = a.fromQuestionId
      ? `q:${a.fromQuestionId}`
      : a.fromAgendaItemId
        ? `a:${a.fromAgendaItemId}`
        : a.fromSeq
          ? `m:${a.fromSeq}`
          : "";
    save.textContent = t("actions.save_the_changes");
    formHeading.textContent = t("actions.change_the_action", { text: a.text });
    cancel.hidden = false;
    formHeading.focus();
  }
  cancel.addEventListener("click", reset);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const [kind, id] = [from.value.slice(0, 1), from.value.slice(2)];
    const ok = await ctx.send({
      case: "recordAction",
      value: {
        action: {
          actionId: editing,
          text: text.value,
          ownerMemberId: owner.value === someoneElse ? "" : owner.value,
          ownerName: owner.value === someoneElse ? ownerName.value : "",
          dueDate: due.value,
          fromQuestionId: kind === "q" ? id : "",
          fromAgendaItemId: kind === "a" ? id : "",
          fromSeq: kind === "m" ? BigInt(id) : 0n,
        },
      },
    });
    if (ok) {
      ctx.announcer.personal(editing ? t("actions.the_action_is_changed") : t("actions.the_action_is_recorded"));
      reset();
    }
  });

  // --- progress ---------------------------------------------------------------------------
  function progressForm(a: Action): HTMLElement {
    const statusId = uid("action-status");
    const noteId = uid("action-note");
    // Every control here shares one focus key with the summary: when the action changes and
    // the list is built again, focus returns to "Update the progress", not to the page.
    const key = `progress-${a.actionId}`;
    const status = h(
      "select",
      { id: statusId, "data-focus-key": key },
      ...statuses.map(([s, label]) => h("option", { value: String(s) }, label)),
    );
    status.value = String(a.status);
    const note = h("input", { id: noteId, limit: "actionNote", "data-focus-key": key });
    const noteLabel = h("label", { for: noteId }, t("actions.a_note_optional"));
    const dropping = () => Number(status.value) === ActionStatus.ACTION_DROPPED;
    const follow = () => {
      noteLabel.textContent = dropping() ? t("actions.why_it_is_dropped_needed") : t("actions.a_note_optional");
      note.required = dropping();
    };
    status.addEventListener("change", follow);
    follow();
    const f = h(
      "form",
      { class: "stack action-progress", "data-action": a.actionId },
      h("div", { class: "field" }, h("label", { for: statusId }, t("actions.how_it_stands")), status),
      h("div", { class: "field" }, noteLabel, note),
      h("button", { type: "submit", class: "secondary", "data-focus-key": key }, t("actions.save_the_progress")),
    );
    f.addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = Number(status.value) as ActionStatus;
      if (
        await ctx.send({ case: "setActionStatus", value: { actionId: a.actionId, status: chosen, note: note.value } })
      )
        ctx.announcer.personal(t("actions.saved_status", { status: actionStatusWords(chosen, note.value) }));
    });
    return h(
      "details",
      { class: "action-update" },
      h("summary", { "data-focus-key": key }, t("actions.update_the_progress")),
      f,
    );
  }

  // What an action says, who owns it, and how it stands: the lines every action shows.
  function described(a: Action, me: { memberId: string } | null): HTMLElement[] {
    return [
      h("p", { class: "action-text" }, a.text),
      h(
        "p",
        { class: "hint" },
        t("actions.owner", { owner: model.actionOwner(a) }),
        me && a.ownerMemberId === me.memberId ? t("actions.you") : "",
        a.dueDate ? t("actions.by_date", { date: dueWords(a.dueDate) }) : "",
      ),
      h(
        "p",
        { class: "action-status-line" },
        h("span", { class: "label" }, t("actions.status")),
        capitalised(actionStatusWords(a.status, a.note)),
      ),
    ];
  }

  function item(a: Action, me: { memberId: string } | null, recorder: boolean): HTMLElement {
    const source = actionSourceWords(model, a);
    const mayMark = recorder || (me !== null && a.ownerMemberId === me.memberId);
    const change = button(t("actions.change"), `edit-${a.actionId}`, () => edit(a), "secondary small");
    change.setAttribute("aria-label", t("actions.change_the_action", { text: a.text }));
    return h(
      "li",
      { class: "action", "data-action": a.actionId, "data-status": ActionStatus[a.status] ?? "" },
      ...described(a, me),
      source ? h("p", { class: "hint" }, source) : null,
      mayMark ? progressForm(a) : null,
      recorder ? h("div", { class: "button-row" }, change) : null,
    );
  }

  // A meeting of a series: the meeting before's actions, as their owners report them there.
  const previousList = h("ol", { class: "actions-list", "aria-labelledby": "previous-actions-heading" });
  const previousHeading = h("h3", { id: "previous-actions-heading" }, t("actions.actions_from_last_time"));
  const previous = h("div", { class: "stack previous-actions", hidden: true }, previousHeading, previousList);
  function renderPrevious(): void {
    const link = model.seriesLink;
    const actions = link?.previousActions ?? [];
    previous.hidden = !link || link.previous === 0;
    if (previous.hidden) return;
    previousHeading.textContent = t("actions.from_last_time", { n: link!.previous });
    // Their progress is reported in the meeting that recorded them (the owner's link works there).
    previousList.replaceChildren(
      ...(actions.length
        ? actions.map((a) =>
            h("li", { class: "action", "data-status": ActionStatus[a.status] ?? "" }, ...described(a, ctx.me())),
          )
        : [h("li", { class: "hint" }, t("actions.the_last_meeting_recorded_no"))]),
    );
  }

  const element = h(
    "section",
    { class: "panel actions-panel", id: "actions", "aria-labelledby": "actions-heading", hidden: true },
    h("h2", { id: "actions-heading" }, t("actions.actions")),
    previous,
    empty,
    list,
    form,
  );

  // The list is built again only when what it shows changes: an open "Update the progress"
  // and what is typed into it stay while other things happen in the room.
  let shownKey = "";
  return {
    element,
    render() {
      const me = ctx.me();
      const records = model.records(me);
      const open = model.phase === RoomPhase.LIVE || model.phase === RoomPhase.CLOSED;
      renderPrevious();
      // A room without actions shows nothing to those who cannot record one.
      element.hidden = !me || (model.actions.length === 0 && !(records && open) && previous.hidden);
      form.hidden = !records || !open;
      empty.hidden = model.actions.length > 0;
      if (records && !form.contains(document.activeElement)) {
        fillOwners();
        fillSources();
      }
      const key = JSON.stringify([
        me?.memberId,
        records,
        model.actions.map((a) => [a.actionId, a.text, model.actionOwner(a), a.dueDate, a.status, a.note]),
        model.decisions.length,
        model.agenda.length,
      ]);
      if (key === shownKey) return;
      shownKey = key;
      keepFocus(list, () => list.replaceChildren(...model.actions.map((a) => item(a, me, records))));
    },
    startFrom(source: ActionSource) {
      reset();
      fillOwners();
      if (source.seq) fromSeq = source.seq;
      fillSources();
      if (source.questionId) from.value = `q:${source.questionId}`;
      else if (source.itemId) from.value = `a:${source.itemId}`;
      else if (source.seq) from.value = `m:${source.seq}`;
      element.hidden = false;
      form.hidden = false;
      formHeading.focus();
    },
  };
}
