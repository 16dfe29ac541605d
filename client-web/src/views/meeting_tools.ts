// Moderator tools for running the meeting: the room's mode and turn settings, fairness,
// people in the physical room, note-takers, and recording what in-room speakers said (for
// note-takers too). Each comes as its own short section, for a tab of the moderator's
// console. Forms are built once, so that nothing a moderator is typing is wiped when the
// room changes.
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
  const speakerField = h("div", { class: "field" }, h("label", { for: speakerId }, "Who spoke"), speaker);
  const contributionForm = h(
    "form",
    { class: "stack" },
    speakerField,
    h(
      "div",
      { class: "field" },
      h("label", { for: saidId }, "What they said"),
      h("textarea", { id: saidId, rows: 2, limit: "message" }),
    ),
    h("button", { type: "submit", class: "secondary small" }, "Add to the record"),
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
    h("h2", { id: "contribution-heading" }, "Record what someone in the room said"),
    contributionForm,
  );

  // --- mode ---
  const modeName = uid("mode");
  const modeRadios = new Map<RoomMode, HTMLInputElement>();
  const modeSet = h(
    "fieldset",
    {},
    h("legend", {}, "Who may post to the conversation"),
    ...(
      [
        [RoomMode.OPEN, "Open: anyone"],
        [RoomMode.STRUCTURED, "Structured: only the person with the floor"],
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
    h("h3", {}, "Turns"),
    h(
      "div",
      { class: "field" },
      h("label", { for: turnId }, "Length of a turn (seconds)"),
      h("input", { id: turnId, type: "number", min: 10, max: 3600 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: warnId }, "Warn this many seconds before the end (0: no warning)"),
      h("input", { id: warnId, type: "number", min: 0, max: 600 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: actionId }, "When time is up"),
      h(
        "select",
        { id: actionId },
        h("option", { value: TimeUpAction.END_TURN }, "End the turn"),
        h("option", { value: TimeUpAction.FLAG_OVERTIME }, "Show overtime; I decide"),
      ),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: graceId }, "Keep a disconnected person's place for (seconds)"),
      h("input", { id: graceId, type: "number", min: 0, max: 3600 }),
    ),
    h("button", { type: "submit", class: "secondary" }, "Save turn settings"),
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
      h("label", { for: policyId }, "Order of the queue"),
      h(
        "p",
        { class: "hint", id: `${policyId}-hint` },
        "Points of order, clarifying questions and replies still come first.",
      ),
      h(
        "select",
        { id: policyId, "aria-describedby": `${policyId}-hint` },
        ...queuePolicies.map(([policy, name]) => h("option", { value: policy }, name)),
      ),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: maxTurnsId }, "Most turns per person (0: no limit)"),
      h("input", { id: maxTurnsId, type: "number", min: 0, max: 1000 }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: maxMinutesId }, "Most minutes with the floor per person (0: no limit)"),
      h("input", { id: maxMinutesId, type: "number", min: 0, max: 1440 }),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: visibleId }),
      h("label", { for: visibleId }, "Everyone can see the balance of voices"),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: auditId, "aria-describedby": `${auditId}-hint` }),
      h("label", { for: auditId }, "Keep who wrote anonymous points and answers in the private record"),
      h(
        "p",
        { class: "hint", id: `${auditId}-hint` },
        "Off by default. When on, the server keeps the author of anonymous points, and of answers to anonymous questions opened while it is on, for safeguarding; no one in the meeting can see it.",
      ),
    ),
    h("button", { type: "submit", class: "secondary" }, "Save fairness settings"),
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
    h("h3", {}, "Add someone in the room without a device"),
    h("div", { class: "field" }, h("label", { for: nameId }, "Name"), h("input", { id: nameId, limit: "displayName" })),
    h(
      "div",
      { class: "field" },
      h("label", { for: pronounsId }, "Pronouns (optional)"),
      h("input", { id: pronounsId, limit: "pronouns" }),
    ),
    h("button", { type: "submit", class: "secondary" }, "Add to the room"),
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
  const inRoomList = h("ul", { class: "people in-room-list", "aria-label": "People in the room" });
  const coHeading = h("h3", {}, "Co-moderators");
  const coList = h("ul", { class: "people", "aria-label": "Co-moderators" });
  const noteHeading = h("h3", {}, "Note-takers");
  const noteList = h("ul", { class: "people", "aria-label": "Note-takers" });

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
          `Raise a hand for ${m.displayName}`,
          `raise-${m.memberId}`,
          () => void ctx.send({ case: "raiseHand", value: { kind: HandKind.NEW_POINT, memberId: m.memberId } }),
          "secondary small",
        ),
        button(
          `${m.displayName} has left`,
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
      m.noteTaker ? h("span", { class: "extras" }, " (note-taker)") : null,
      " ",
      button(
        m.noteTaker ? `Stop ${m.displayName} taking notes` : `Make ${m.displayName} a note-taker`,
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
      co ? h("span", { class: "extras" }, " (moderator)") : null,
      " ",
      button(
        co ? `Take back ${m.displayName}'s moderating` : `Make ${m.displayName} a co-moderator`,
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
