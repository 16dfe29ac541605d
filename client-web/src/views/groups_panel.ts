// Small groups (tables). In the plenary, for everyone: while the groups run, the task, the
// time left and one's own table (with who sits there), and the move there; after, the
// tables' reports. For moderators: opening tables (how many, the task, the time box, how
// people are seated, their names or topics), then moving people, more time, a message to
// every table, a visit to any table, and closing. In a table's own room: "Table 3 of 5 —
// 12 min left", the task, the plenary's messages, the report (written by the facilitator or
// note-taker), and the way back to the plenary when the groups close.
import { recallLinks, recallPerson, readFragment, rememberPerson } from "../credentials";
import { append, button, h, keepFocus, uid } from "../dom";
import { Role, TableAssignment, type Table, type TableReported } from "../protocol";
import { duration, type RoomModel } from "../room_model";
import type { RoomContext } from "./room_context";

export interface GroupsPanel {
  nowLine: HTMLElement; // "Table 3 of 5 — 12 min left", for the top of the view
  element: HTMLElement; // the groups (plenary) or the table (a table's room), for everyone
  tools: HTMLElement; // opening and running the groups, for the moderator's console
  render(): void;
}

// How long people are told before their browser moves them: time to read where they go.
const moveDelayMs = 3000;

const assignments: [TableAssignment, string][] = [
  [TableAssignment.ASSIGN_RANDOM, "At random"],
  [TableAssignment.ASSIGN_BALANCED, "Balanced: spread the most and least heard"],
  [TableAssignment.ASSIGN_CHOICE, "People choose their table"],
  [TableAssignment.ASSIGN_BY_HAND, "By hand: even tables in joining order, then move people"],
];

export function minutesLeft(endsAtMs: bigint, now: number): string {
  const left = Number(endsAtMs) - now;
  return left > 0 ? `${duration(Math.ceil(left / 60000) * 60000)} left` : "time is up";
}

// The table this member sits at now, if any.
export function tableOf(model: Readonly<RoomModel>, memberId: string): Table | undefined {
  if (!model.groups.open) return undefined;
  return model.groups.opened?.tables.find((t) => t.memberIds.includes(memberId));
}

function reportItem(r: TableReported): HTMLElement {
  const spoke = r.figures?.people.filter((p) => p.turns > 0).length ?? 0;
  return h(
    "li",
    {},
    h("h4", {}, r.name),
    h("p", { class: "table-report" }, r.report || "No report was written."),
    h(
      "p",
      { class: "hint" },
      [
        r.report ? (r.agreed ? "Agreed by the table" : "Not yet agreed by the table") : "",
        `${r.decisions.length} ${r.decisions.length === 1 ? "decision" : "decisions"}`,
        `${spoke} ${spoke === 1 ? "person" : "people"} had the floor`,
        r.figures ? `balance ${r.figures.floorGini.toFixed(2)} (0 is even)` : "",
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    h("a", { href: `/r/${r.roomId}` }, `${r.name}: its own record`),
    ...r.decisions.map((d) => h("p", {}, `Decided: ${d.text}${d.outcome ? ` — ${d.outcome}` : ""}`)),
  );
}

export function groupsPanel(ctx: RoomContext): GroupsPanel {
  const { model } = ctx;
  const nowLine = h("p", { class: "groups-now", hidden: true });
  const body = h("div", { class: "stack" });
  const heading = h("h2", { id: "groups-heading" }, "Small groups");
  const element = h(
    "section",
    { class: "panel groups-panel", "aria-labelledby": "groups-heading", hidden: true },
    heading,
    body,
  );
  let movingTo = "";

  // --- opening (moderators) --------------------------------------------------------------
  const ids = { tables: uid("tables"), minutes: uid("group-minutes"), task: uid("task"), how: uid("seating") };
  const names = uid("table-names");
  const tablesInput = h("input", { id: ids.tables, type: "number", min: 2, max: 50, value: 3 });
  const minutesInput = h("input", { id: ids.minutes, type: "number", min: 1, max: 240, value: 15 });
  const taskInput = h("textarea", { id: ids.task, rows: 2, limit: "message" });
  const how = h(
    "select",
    { id: ids.how },
    ...assignments.map(([a, label]) => h("option", { value: String(a) }, label)),
  );
  const namesInput = h("textarea", { id: names, rows: 3 });
  const useNeeds = h("input", { type: "checkbox", id: uid("use-needs") });
  const openForm = h(
    "form",
    { class: "stack" },
    h("h4", {}, "Split into tables"),
    h("div", { class: "field" }, h("label", { for: ids.tables }, "Number of tables"), tablesInput),
    h("div", { class: "field" }, h("label", { for: ids.minutes }, "Time at the tables, minutes"), minutesInput),
    h("div", { class: "field" }, h("label", { for: ids.task }, "The question or task for every table"), taskInput),
    h("div", { class: "field" }, h("label", { for: ids.how }, "How people are seated"), how),
    h(
      "div",
      { class: "check" },
      useNeeds,
      h("label", { for: useNeeds.id }, "Also spread people who shared their access needs (balanced)"),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: names }, "Table names or topics, one a line (optional)"),
      namesInput,
    ),
    h("button", { type: "submit" }, "Open the tables"),
  );
  openForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const opened = await ctx.send({
      case: "openGroups",
      value: {
        tables: Number(tablesInput.value) || 0,
        minutes: Number(minutesInput.value) || 0,
        task: taskInput.value,
        assignment: Number(how.value) as TableAssignment,
        names: namesInput.value
          .split("\n")
          .map((n) => n.trim())
          .filter(Boolean),
        useNeeds: useNeeds.checked,
      },
    });
    if (opened) taskInput.value = "";
  });

  // --- running (moderators) --------------------------------------------------------------
  const running = h("div", { class: "stack" });
  const broadcastId = uid("broadcast");
  const broadcastInput = h("input", { id: broadcastId, limit: "message" });
  const broadcastForm = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: broadcastId }, "A message to every table"), broadcastInput),
    h("button", { type: "submit", class: "secondary" }, "Send to every table"),
  );
  broadcastForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "broadcastToTables", value: { text: broadcastInput.value } })) broadcastInput.value = "";
  });
  const tools = h("div", { class: "stack" }, h("h3", {}, "Small groups"), running, openForm);

  function visitLink(table: Table): HTMLElement {
    // The key from this page's link, or from the links this device kept when it made the room.
    const kept = recallLinks(model.roomId)?.moderator ?? "";
    const key =
      readFragment(location.hash).moderatorKey ?? readFragment(kept.slice(kept.indexOf("#") + 1)).moderatorKey;
    return h(
      "a",
      { href: `/r/${table.roomId}${key ? `#key=${encodeURIComponent(key)}` : ""}`, target: "_blank", rel: "noopener" },
      `Visit ${table.name} (opens in a new tab)`,
    );
  }

  // How the table is doing now: the floor, the queue, calls for a pause, its balance, and
  // who has not spoken there yet.
  function liveLine(table: Table): HTMLElement {
    const status = model.tableStatus.get(table.number);
    if (!status || status.round !== model.groups.round)
      return h("p", { class: "hint" }, "No news from this table yet.");
    const names = (ids: string[]) => ids.map((id) => model.name(id)).join(", ");
    const parts = [
      status.floorHolderMemberId ? `${model.name(status.floorHolderMemberId)} has the floor` : "Nobody has the floor",
      status.queueMemberIds.length ? `waiting: ${names(status.queueMemberIds)}` : "nobody waiting",
      status.pauseRequests ? `${status.pauseRequests} asked for a pause` : "",
      `balance ${status.floorGini.toFixed(2)}`,
      status.notYetSpoken.length ? `not yet spoken: ${names(status.notYetSpoken)}` : "everyone has spoken",
    ].filter(Boolean);
    return h("p", { class: status.pauseRequests ? "table-live alert" : "table-live" }, `${parts.join(" · ")}.`);
  }

  function moveControl(table: Table, memberId: string): HTMLElement {
    const tables = model.groups.opened?.tables ?? [];
    const id = uid("move");
    const select = h(
      "select",
      { id },
      ...tables.map((t) => h("option", { value: String(t.number), selected: t.number === table.number }, t.name)),
    );
    select.addEventListener("change", () => {
      void ctx.send({ case: "moveToTable", value: { memberId, table: Number(select.value) } });
    });
    return h(
      "li",
      {},
      h(
        "label",
        { for: id },
        `${model.name(memberId)}${memberId === table.facilitatorId ? " (facilitator)" : ""}: table`,
      ),
      " ",
      select,
    );
  }

  function renderTools(): void {
    const groups = model.groups;
    openForm.hidden = groups.open;
    keepFocus(running, () => {
      running.replaceChildren();
      if (!groups.open || !groups.opened) return;
      const opened = groups.opened;
      append(
        running,
        h("p", {}, `${opened.tables.length} tables, ${minutesLeft(opened.endsAtMs, model.serverNow())}.`),
        h(
          "div",
          { class: "button-row" },
          button("Give every table 5 more minutes", "more", () => {
            void ctx.send({ case: "extendGroups", value: { minutes: 5 } });
          }),
          button("Close the tables now", "close", () => void ctx.send({ case: "closeGroups", value: {} })),
        ),
        broadcastForm,
        h(
          "ul",
          { class: "tables-list", "aria-label": "Tables, and who sits at each" },
          ...opened.tables.map((t) =>
            h(
              "li",
              {},
              h("h4", {}, `${t.name} (${t.memberIds.length})`),
              liveLine(t),
              visitLink(t),
              h("ul", { "aria-label": `Who sits at ${t.name}` }, ...t.memberIds.map((m) => moveControl(t, m))),
            ),
          ),
        ),
      );
    });
  }

  // --- everyone --------------------------------------------------------------------------
  // In the plenary: moves this person to their table (once per table), telling them first.
  function moveToTable(table: Table): void {
    const me = ctx.me();
    if (!me || me.role !== Role.PARTICIPANT || movingTo === table.roomId) return;
    const person = recallPerson(model.roomId);
    if (!person) return;
    movingTo = table.roomId;
    const others = table.memberIds.filter((m) => m !== me.memberId).map((m) => model.name(m));
    ctx.announcer.personal(
      `The tables are open. You are at ${table.name}${others.length ? `, with ${others.join(", ")}` : ""}. ` +
        "Taking you there.",
    );
    rememberPerson(table.roomId, person);
    window.setTimeout(() => location.assign(`/r/${table.roomId}`), moveDelayMs);
  }

  function renderPlenary(): void {
    const groups = model.groups;
    const me = ctx.me();
    element.hidden = groups.round === 0;
    nowLine.hidden = !groups.open;
    const opened = groups.opened;
    if (groups.open && opened) {
      const mine = me ? tableOf(model, me.memberId) : undefined;
      nowLine.textContent =
        `Small groups: ${opened.tables.length} tables — ${minutesLeft(opened.endsAtMs, model.serverNow())}` +
        (mine ? ` · You are at ${mine.name}` : "");
      if (mine) moveToTable(mine);
    }
    keepFocus(body, () => {
      body.replaceChildren();
      if (groups.open && opened) {
        const mine = me ? tableOf(model, me.memberId) : undefined;
        append(
          body,
          opened.task && h("p", {}, `The task: ${opened.task}`),
          h("p", {}, `Every table has ${minutesLeft(opened.endsAtMs, model.serverNow())}.`),
          mine &&
            h(
              "p",
              {},
              `You are at ${mine.name}, with ${
                mine.memberIds
                  .filter((m) => m !== me?.memberId)
                  .map((m) => model.name(m))
                  .join(", ") || "nobody else yet"
              }. `,
              h("a", { href: `/r/${mine.roomId}` }, `Go to ${mine.name}`),
            ),
          opened.assignment === TableAssignment.ASSIGN_CHOICE &&
            me?.role === Role.PARTICIPANT &&
            h(
              "div",
              { class: "button-row" },
              ...opened.tables.map((t) =>
                button(`Sit at ${t.name}`, `choose-${t.number}`, () => {
                  void ctx.send({ case: "chooseTable", value: { table: t.number } });
                }),
              ),
            ),
          groups.broadcasts.length > 0 &&
            h("ul", { "aria-label": "Messages to every table" }, ...groups.broadcasts.map((b) => h("li", {}, b))),
        );
      }
      const reports = groups.reports.filter((r) => r.round === groups.round).sort((a, b) => a.table - b.table);
      if (!groups.open && groups.round > 0)
        append(
          body,
          h("h3", {}, "Reports from the tables"),
          reports.length === 0
            ? h("p", {}, "The tables' reports are on their way.")
            : h(
                "ul",
                { class: "table-reports", "aria-label": "Reports from the tables" },
                ...reports.map((r) => reportItem(r)),
              ),
        );
    });
  }

  // --- at a table --------------------------------------------------------------------------
  const reportId = uid("table-report");
  const reportInput = h("textarea", { id: reportId, rows: 4, maxlength: 4000 });
  const agreed = h("input", { type: "checkbox", id: uid("report-agreed") });
  // The facilitator's: a consensus check on the report's words, answered like any other.
  const checkButton = h("button", { type: "button", class: "secondary" }, "Check it with the table (consensus)");
  const reportForm = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: reportId }, "The table's report to the plenary"), reportInput),
    h("div", { class: "check" }, agreed, h("label", { for: agreed.id }, "The table has checked and agreed it")),
    h(
      "div",
      { class: "button-row" },
      h("button", { type: "submit", class: "secondary" }, "Save the report"),
      checkButton,
    ),
  );
  reportForm.addEventListener("submit", (e) => {
    e.preventDefault();
    void ctx.send({ case: "setTableReport", value: { text: reportInput.value, agreed: agreed.checked } });
  });
  checkButton.addEventListener("click", () => {
    void ctx.send({ case: "setTableReport", value: { text: reportInput.value, check: true } });
  });
  let reportShown = "";
  let leaving = false;

  function renderTable(): void {
    const table = model.table!;
    const me = ctx.me();
    element.hidden = false;
    nowLine.hidden = false;
    heading.textContent = table.name;
    nowLine.textContent = table.closed
      ? `${table.name}: the tables have closed`
      : `${table.name} of ${table.tables} — ${minutesLeft(table.endsAtMs, model.serverNow())}`;
    const recorder = me && (me.role === Role.MODERATOR || model.members.get(me.memberId)?.noteTaker);
    checkButton.hidden = me?.role !== Role.MODERATOR;
    if (reportShown !== table.report) {
      reportShown = table.report;
      reportInput.value = table.report;
      agreed.checked = table.reportAgreed;
    }
    keepFocus(body, () => {
      body.replaceChildren();
      append(
        body,
        table.task && h("p", {}, `The task: ${table.task}`),
        table.broadcasts.length > 0 &&
          h("ul", { "aria-label": "Messages from the plenary" }, ...table.broadcasts.map((b) => h("li", {}, b))),
        recorder && !table.closed ? reportForm : h("p", {}, `Report: ${table.report || "not written yet"}`),
        table.report &&
          h("p", { class: "hint" }, table.reportAgreed ? "Agreed by the table." : "Not yet agreed by the table."),
        h("p", {}, h("a", { href: `/r/${table.plenaryRoomId}` }, "Back to the plenary")),
      );
    });
    if (table.closed && !leaving && me?.role === Role.PARTICIPANT) {
      leaving = true;
      ctx.announcer.personal("The tables have closed. Taking you back to the plenary.");
      window.setTimeout(() => location.assign(`/r/${table.plenaryRoomId}`), moveDelayMs);
    }
  }

  function render(): void {
    if (model.table) renderTable();
    else renderPlenary();
    tools.hidden = Boolean(model.table);
    renderTools();
  }
  // The minutes left change by themselves.
  window.setInterval(() => {
    if (model.groups.open || (model.table && !model.table.closed)) render();
  }, 15000);

  return { nowLine, element, tools, render };
}

// Moved to another table: back to the plenary, which shows where to go.
export function backToPlenary(model: Readonly<RoomModel>): boolean {
  if (!model.table) return false;
  location.assign(`/r/${model.table.plenaryRoomId}`);
  return true;
}
