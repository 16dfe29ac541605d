// Moderator tools for running the meeting: the room's mode and turn settings, fairness,
// people in the physical room, note-takers, and recording what in-room speakers said (for
// note-takers too). Each comes as its own short section, for a tab of the moderator's
// console. Forms are built once, so that nothing a moderator is typing is wiped when the
// room changes.
import { t } from "../i18n/i18n";
import { button, h, keepFocus, uid } from "../dom";
import { HandKind, QueuePolicy, Role, RoomMode, RoomPhase, TimeUpAction, type Member } from "../protocol";
import { queuePolicies } from "../room_model";
import type { RoomContext } from "./room_context";

export interface MeetingTools {
  contribution: HTMLElement; // recording what in-room speakers said
  running: HTMLElement; // mode and turn settings
  fairness: HTMLElement;
  people: HTMLElement; // people in the room without a device, note-takers
  render(): void;
}

export function meetingTools(ctx: RoomContext): MeetingTools {
  const field = (id: string) => document.getElementById(id) as HTMLInputElement;

  // --- recording what in-room speakers said (moderators and note-takers) ---
  const speakerId = uid("speaker");
  const saidId = uid("said");
  const speaker = h("select", { id: speakerId });
  const speakerField = h(
    "div",
    { class: "field" },
    h("label", { for: speakerId }, t("meeting_tools.who_spoke")),
    speaker,
  );
  const contributionForm = h(
    "form",
    { class: "stack" },
    speakerField,
    h(
      "div",
      { class: "field" },
      h("label", { for: saidId }, t("meeting_tools.what_they_said")),
      h("textarea", { id: saidId, rows: 2, limit: "message" }),
    ),
    h("button", { type: "submit", class: "secondary small" }, t("meeting_tools.add_to_the_record")),
  );
  contributionForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const said = document.getElementById(saidId) as HTMLTextAreaElement;
    if (await ctx.send({ case: "recordContribution", value: { memberId: speaker.value, text: said.value } }))
      said.value = "";
  });
  // Kept short: it sits under the floor, where the moderator follows the in-room speaker.
  const contribution = h(
    "section",
    { class: "panel contribution", "aria-labelledby": "contribution-heading" },
    h("h2", { id: "contribution-heading" }, t("meeting_tools.record_what_someone_in_the")),
    contributionForm,
  );

  // --- mode ---
  const modeName = uid("mode");
  const modeRadios = new Map<RoomMode, HTMLInputElement>();
  const modeSet = h(
    "fieldset",
    {},
    h("legend", {}, t("meeting_tools.who_may_post_to_the")),
    ...(
      [
        [RoomMode.OPEN, t("meeting_tools.open_anyone")],
        [RoomMode.STRUCTURED, t("meeting_tools.structured_only_the_person_with")],
      ] as const
    ).map(([mode, label]) => {
      const id = `${modeName}-${mode}`;
      const input = h("input", { type: "radio", name: modeName, id });
      input.addEventListener("change", () => void ctx.send({ case: "setRoomMode", value: { mode } }));
      modeRadios.set(mode, input);
      return h("div", { class: "check" }, input, h("label", { for: id }, label));
    }),
  );

  // --- turn settings ---
  const turnId = uid("turn");
  const warnId = uid("warn");
  const graceId = uid("grace");
  const actionId = uid("action");
  const settingsForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, t("meeting_tools.turns")),
    h(
      "div",
      { class: "field" },
      h("label", { for: turnId }, t("meeting_tools.length_of_a_turn_seconds")),
      h("input", { id: turnId, type: "number", min: 10, max: 3600 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: warnId }, t("meeting_tools.warn_this_many_seconds_before")),
      h("input", { id: warnId, type: "number", min: 0, max: 600 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: actionId }, t("meeting_tools.when_time_is_up")),
      h(
        "select",
        { id: actionId },
        h("option", { value: TimeUpAction.END_TURN }, t("meeting_tools.end_the_turn")),
        h("option", { value: TimeUpAction.FLAG_OVERTIME }, t("meeting_tools.show_overtime_i_decide")),
      ),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: graceId }, t("meeting_tools.keep_a_disconnected_person_s")),
      h("input", { id: graceId, type: "number", min: 0, max: 3600 }),
    ),
    h("button", { type: "submit", class: "secondary" }, t("meeting_tools.save_turn_settings")),
  );
  let settingsDirty = false;
  settingsForm.addEventListener("input", () => {
    settingsDirty = true;
  });
  settingsForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ok = await ctx.send({
      case: "updateTurnSettings",
      value: {
        settings: {
          defaultTurnSeconds: Number(field(turnId).value),
          warningSeconds: Number(field(warnId).value),
          timeUpAction: Number((document.getElementById(actionId) as HTMLSelectElement).value),
          disconnectGraceSeconds: Number(field(graceId).value),
        },
      },
    });
    if (ok) settingsDirty = false;
  });

  // --- fairness ---
  const policyId = uid("policy");
  const maxTurnsId = uid("max-turns");
  const maxMinutesId = uid("max-minutes");
  const visibleId = uid("visible");
  const auditId = uid("audit");
  const fairnessForm = h(
    "form",
    { class: "stack" },
    h(
      "div",
      { class: "field" },
      h("label", { for: policyId }, t("meeting_tools.order_of_the_queue")),
      h("p", { class: "hint", id: `${policyId}-hint` }, t("meeting_tools.points_of_order_clarifying_questions")),
      h(
        "select",
        { id: policyId, "aria-describedby": `${policyId}-hint` },
        ...queuePolicies.map(([policy, name]) => h("option", { value: policy }, name)),
      ),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: maxTurnsId }, t("meeting_tools.most_turns_per_person_0")),
      h("input", { id: maxTurnsId, type: "number", min: 0, max: 1000 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: maxMinutesId }, t("meeting_tools.most_minutes_with_the_floor")),
      h("input", { id: maxMinutesId, type: "number", min: 0, max: 1440 }),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: visibleId }),
      h("label", { for: visibleId }, t("meeting_tools.everyone_can_see_the_balance")),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: auditId, "aria-describedby": `${auditId}-hint` }),
      h("label", { for: auditId }, t("meeting_tools.keep_who_wrote_anonymous_points")),
      h("p", { class: "hint", id: `${auditId}-hint` }, t("meeting_tools.off_by_default_when_on")),
    ),
    h("button", { type: "submit", class: "secondary" }, t("meeting_tools.save_fairness_settings")),
  );
  let fairnessDirty = false;
  fairnessForm.addEventListener("input", () => {
    fairnessDirty = true;
  });
  fairnessForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ok = await ctx.send({
      case: "setFairness",
      value: {
        settings: {
          policy: Number((document.getElementById(policyId) as HTMLSelectElement).value),
          maxTurns: Number(field(maxTurnsId).value),
          maxFloorSeconds: Number(field(maxMinutesId).value) * 60,
          balanceVisibleToAll: field(visibleId).checked,
          auditAnonymous: field(auditId).checked,
        },
      },
    });
    if (ok) fairnessDirty = false;
  });

  // --- people in the room ---
  const nameId = uid("in-room-name");
  const pronounsId = uid("in-room-pronouns");
  const addForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, t("meeting_tools.add_someone_in_the_room")),
    h(
      "div",
      { class: "field" },
      h("label", { for: nameId }, t("meeting_tools.name")),
      h("input", { id: nameId, limit: "displayName" }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: pronounsId }, t("meeting_tools.pronouns_optional")),
      h("input", { id: pronounsId, limit: "pronouns" }),
    ),
    h("button", { type: "submit", class: "secondary" }, t("meeting_tools.add_to_the_room")),
  );
  addForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (
      await ctx.send({
        case: "addInRoomParticipant",
        value: { displayName: field(nameId).value, pronouns: field(pronounsId).value },
      })
    ) {
      field(nameId).value = "";
      field(pronounsId).value = "";
    }
  });
  const inRoomList = h("ul", { class: "people in-room-list", "aria-label": t("meeting_tools.people_in_the_room") });
  const coHeading = h("h3", {}, t("meeting_tools.co_moderators"));
  const coList = h("ul", { class: "people", "aria-label": t("meeting_tools.co_moderators") });
  const noteHeading = h("h3", {}, t("meeting_tools.note_takers"));
  const noteList = h("ul", { class: "people", "aria-label": t("meeting_tools.note_takers") });

  const running = h("div", { class: "stack" }, modeSet, settingsForm);
  const people = h("div", { class: "stack" }, addForm, inRoomList, noteHeading, noteList, coHeading, coList);

  function inRoomItem(m: Member): HTMLElement {
    return h(
      "li",
      {},
      h("span", { class: "name" }, m.displayName),
      h(
        "div",
        { class: "button-row" },
        button(
          t("meeting_tools.raise_hand_for", { name: m.displayName }),
          `raise-${m.memberId}`,
          () => void ctx.send({ case: "raiseHand", value: { kind: HandKind.NEW_POINT, memberId: m.memberId } }),
          "secondary small",
        ),
        button(
          t("meeting_tools.has_left", { name: m.displayName }),
          `remove-${m.memberId}`,
          () => void ctx.send({ case: "removeInRoomParticipant", value: { memberId: m.memberId } }),
          "secondary small",
        ),
      ),
    );
  }

  function noteItem(m: Member): HTMLElement {
    return h(
      "li",
      {},
      h("span", { class: "name" }, m.displayName),
      m.noteTaker ? h("span", { class: "extras" }, t("meeting_tools.note_taker")) : null,
      " ",
      button(
        m.noteTaker
          ? t("meeting_tools.stop_notes", { name: m.displayName })
          : t("meeting_tools.make_note_taker", { name: m.displayName }),
        `note-${m.memberId}`,
        () => void ctx.send({ case: "setNoteTaker", value: { memberId: m.memberId, noteTaker: !m.noteTaker } }),
        "secondary small",
      ),
    );
  }

  function coItem(m: Member): HTMLElement {
    const co = m.role === Role.MODERATOR;
    return h(
      "li",
      {},
      h("span", { class: "name" }, m.displayName),
      co ? h("span", { class: "extras" }, t("meeting_tools.moderator")) : null,
      " ",
      button(
        co
          ? t("meeting_tools.take_back_moderating", { name: m.displayName })
          : t("meeting_tools.make_co_moderator", { name: m.displayName }),
        `co-${m.memberId}`,
        () => void ctx.send({ case: "setCoModerator", value: { memberId: m.memberId, coModerator: !co } }),
        "secondary small",
      ),
    );
  }

  function render(): void {
    const me = ctx.me();
    const model = ctx.model;
    const members = [...model.members.values()];
    const inRoom = members.filter((m) => m.inRoom && m.present);
    const mine = me ? model.members.get(me.memberId) : undefined;

    // Only while the meeting is on: after it closes there is nothing to record or to time.
    contribution.hidden = !(me?.role === Role.MODERATOR || mine?.noteTaker) || inRoom.length === 0 || !model.live();
    running.hidden = model.phase === RoomPhase.CLOSED;
    const chosen = speaker.value || model.holder();
    speaker.replaceChildren(
      ...inRoom.map((m) => h("option", { value: m.memberId, selected: m.memberId === chosen }, m.displayName)),
    );
    // While someone in the room has the floor, it is their words: no need to choose.
    const holder = model.members.get(model.holder());
    speakerField.hidden = Boolean(holder?.inRoom);
    if (holder?.inRoom) speaker.value = holder.memberId;

    if (me?.role !== Role.MODERATOR) return;
    for (const [mode, radio] of modeRadios) radio.checked = model.mode === mode;
    const s = model.settings;
    if (s && !settingsDirty) {
      field(turnId).value = String(s.defaultTurnSeconds);
      field(warnId).value = String(s.warningSeconds);
      (document.getElementById(actionId) as HTMLSelectElement).value = String(s.timeUpAction || TimeUpAction.END_TURN);
      field(graceId).value = String(s.disconnectGraceSeconds);
    }
    const f = model.fairness;
    if (f && !fairnessDirty) {
      (document.getElementById(policyId) as HTMLSelectElement).value = String(f.policy || QueuePolicy.FIRST_COME);
      field(maxTurnsId).value = String(f.maxTurns);
      field(maxMinutesId).value = String(Math.round(f.maxFloorSeconds / 60));
      field(visibleId).checked = f.balanceVisibleToAll;
      field(auditId).checked = f.auditAnonymous;
    }
    keepFocus(inRoomList, () => inRoomList.replaceChildren(...inRoom.map(inRoomItem)));
    inRoomList.hidden = inRoom.length === 0;
    const online = members.filter(
      (m) => !m.inRoom && m.present && m.role !== Role.OBSERVER && m.memberId !== me!.memberId,
    );
    keepFocus(noteList, () => noteList.replaceChildren(...online.map(noteItem)));
    noteHeading.hidden = noteList.hidden = online.length === 0;
    const others = members.filter(
      (m) => !m.inRoom && !m.roomScreen && m.present && m.role !== Role.OBSERVER && m.memberId !== me!.memberId,
    );
    keepFocus(coList, () => coList.replaceChildren(...others.map(coItem)));
    coHeading.hidden = coList.hidden = others.length === 0;
  }

  return { contribution, running, fairness: fairnessForm, people, render };
}
