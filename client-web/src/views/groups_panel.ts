// Small groups (tables). In the plenary, for everyone: while the groups run, the task, the
// time left and one's own table (with who sits there), and the move there; after, the
// tables' reports. For moderators: opening tables (how many, the task, the time box, how
// people are seated, their names or topics), then moving people, more time, a message to
// every table, a visit to any table, and closing. In a table's own room: "Table 3 of 5 —
// 12 min left", the task, the plenary's messages, the report (written by the facilitator or
// note-taker), and the way back to the plenary when the groups close.
import { formatList, t } from "../i18n/i18n";
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
  [TableAssignment.ASSIGN_RANDOM, t("groups.at_random")],
  [TableAssignment.ASSIGN_BALANCED, t("groups.balanced_spread_the_most_and")],
  [TableAssignment.ASSIGN_CHOICE, t("groups.people_choose_their_table")],
  [TableAssignment.ASSIGN_BY_HAND, t("groups.by_hand_even_tables_in")],
];

export function minutesLeft(endsAtMs: bigint, now: number): string {
  const left = Number(endsAtMs) - now;
  return left > 0 ? t("clock.left", { clock: duration(Math.ceil(left / 60000) * 60000) }) : t("groups.time_is_up");
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
    h("p", { class: "table-report" }, r.report || t("groups.no_report_was_written")),
    h(
      "p",
      { class: "hint" },
      [
        r.report ? (r.agreed ? t("groups.agreed_by_the_table") : t("groups.not_yet_agreed_by_the")) : "",
        t("groups.decisions_count", { n: r.decisions.length }),
        t("groups.had_the_floor", { n: spoke }),
        r.figures ? t("groups.balance_even", { gini: r.figures.floorGini }) : "",
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    h("a", { href: `/r/${r.roomId}` }, t("groups.own_record", { name: r.name })),
    ...r.decisions.map((d) =>
      h(
        "p",
        {},
        d.outcome
          ? t("series_page.decided_outcome", { text: d.text, outcome: d.outcome })
          : t("series_page.decided", { text: d.text }),
      ),
    ),
  );
}

export function groupsPanel(ctx: RoomContext): GroupsPanel {
  const { model } = ctx;
  const nowLine = h("p", { class: "groups-now", hidden: true });
  const body = h("div", { class: "stack" });
  const heading = h("h2", { id: "groups-heading" }, t("groups.small_groups"));
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
    h("h4", {}, t("groups.split_into_tables")),
    h("div", { class: "field" }, h("label", { for: ids.tables }, t("groups.number_of_tables")), tablesInput),
    h(
      "div",
      { class: "field" },
      h("label", { for: ids.minutes }, t("groups.time_at_the_tables_minutes")),
      minutesInput,
    ),
    h("div", { class: "field" }, h("label", { for: ids.task }, t("groups.the_question_or_task_for")), taskInput),
    h("div", { class: "field" }, h("label", { for: ids.how }, t("groups.how_people_are_seated")), how),
    h("div", { class: "check" }, useNeeds, h("label", { for: useNeeds.id }, t("groups.also_spread_people_who_shared"))),
    h("div", { class: "field" }, h("label", { for: names }, t("groups.table_names_or_topics_one")), namesInput),
    h("button", { type: "submit" }, t("groups.open_the_tables")),
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
    h(
      "div",
      { class: "field" },
      h("label", { for: broadcastId }, t("groups.a_message_to_every_table")),
      broadcastInput,
    ),
    h("button", { type: "submit", class: "secondary" }, t("groups.send_to_every_table")),
  );
  broadcastForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "broadcastToTables", value: { text: broadcastInput.value } })) broadcastInput.value = "";
  });
  const tools = h("div", { class: "stack" }, h("h3", {}, t("groups.small_groups")), running, openForm);

  function visitLink(table: Table): HTMLElement {
    // The key from this page's link, or from the links this device kept when it made the room.
    const kept = recallLinks(model.roomId)?.moderator ?? "";
    const key =
      readFragment(location.hash).moderatorKey ?? readFragment(kept.slice(kept.indexOf("#") + 1)).moderatorKey;
    return h(
      "a",
      { href: `/r/${table.roomId}${key ? `#key=${encodeURIComponent(key)}` : ""}`, target: "_blank", rel: "noopener" },
      t("groups.visit", { name: table.name }),
    );
  }

  // How the table is doing now: the floor, the queue, calls for a pause, its balance, and
  // who has not spoken there yet.
  function liveLine(table: Table): HTMLElement {
    const status = model.tableStatus.get(table.number);
    if (!status || status.round !== model.groups.round)
      return h("p", { class: "hint" }, t("groups.no_news_from_this_table"));
    const names = (ids: string[]) => formatList(ids.map((id) => model.name(id)));
    const parts = [
      status.floorHolderMemberId
        ? t("announcements.has_the_floor", { name: model.name(status.floorHolderMemberId) })
        : t("groups.nobody_has_the_floor"),
      status.queueMemberIds.length
        ? t("groups.waiting", { names: names(status.queueMemberIds) })
        : t("groups.nobody_waiting"),
      status.pauseRequests ? t("groups.asked_for_pause", { n: status.pauseRequests }) : "",
      t("groups.balance", { gini: status.floorGini }),
      status.notYetSpoken.length
        ? t("groups.not_yet_spoken", { names: names(status.notYetSpoken) })
        : t("groups.everyone_has_spoken"),
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
        t(memberId === table.facilitatorId ? "groups.facilitator_table" : "groups.person_table", {
          name: model.name(memberId),
        }),
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
        h(
          "p",
          {},
          t("groups.tables_left", { n: opened.tables.length, left: minutesLeft(opened.endsAtMs, model.serverNow()) }),
        ),
        h(
          "div",
          { class: "button-row" },
          button(t("groups.give_every_table_5_more"), "more", () => {
            void ctx.send({ case: "extendGroups", value: { minutes: 5 } });
          }),
          button(t("groups.close_the_tables_now"), "close", () => void ctx.send({ case: "closeGroups", value: {} })),
        ),
        broadcastForm,
        h(
          "ul",
          { class: "tables-list", "aria-label": t("groups.tables_and_who_sits_at") },
          ...opened.tables.map((tb) =>
            h(
              "li",
              {},
              h("h4", {}, `${tb.name} (${tb.memberIds.length})`),
              liveLine(tb),
              visitLink(tb),
              h(
                "ul",
                { "aria-label": t("groups.who_sits_at", { table: tb.name }) },
                ...tb.memberIds.map((m) => moveControl(tb, m)),
              ),
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
      (others.length
        ? t("groups.tables_open_with", { table: table.name, names: formatList(others) })
        : t("groups.tables_open", { table: table.name })) +
        " " +
        t("groups.taking_you_there"),
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
        t("projector.small_groups", {
          n: opened.tables.length,
          left: minutesLeft(opened.endsAtMs, model.serverNow()),
        }) + (mine ? ` · ${t("groups.you_are_at", { table: mine.name })}` : "");
      if (mine) moveToTable(mine);
    }
    keepFocus(body, () => {
      body.replaceChildren();
      if (groups.open && opened) {
        const mine = me ? tableOf(model, me.memberId) : undefined;
        append(
          body,
          opened.task && h("p", {}, t("groups.the_task", { task: opened.task })),
          h("p", {}, t("groups.every_table_has", { left: minutesLeft(opened.endsAtMs, model.serverNow()) })),
          mine &&
            h(
              "p",
              {},
              t("groups.you_are_at_with", {
                table: mine.name,
                names:
                  formatList(mine.memberIds.filter((m) => m !== me?.memberId).map((m) => model.name(m))) ||
                  t("groups.nobody_else_yet"),
              }) + " ",
              h("a", { href: `/r/${mine.roomId}` }, t("groups.go_to", { table: mine.name })),
            ),
          opened.assignment === TableAssignment.ASSIGN_CHOICE &&
            me?.role === Role.PARTICIPANT &&
            h(
              "div",
              { class: "button-row" },
              ...opened.tables.map((tb) =>
                button(t("groups.sit_at", { table: tb.name }), `choose-${tb.number}`, () => {
                  void ctx.send({ case: "chooseTable", value: { table: tb.number } });
                }),
              ),
            ),
          groups.broadcasts.length > 0 &&
            h(
              "ul",
              { "aria-label": t("groups.messages_to_every_table") },
              ...groups.broadcasts.map((b) => h("li", {}, b)),
            ),
        );
      }
      const reports = groups.reports.filter((r) => r.round === groups.round).sort((a, b) => a.table - b.table);
      if (!groups.open && groups.round > 0)
        append(
          body,
          h("h3", {}, t("groups.reports_from_the_tables")),
          reports.length === 0
            ? h("p", {}, t("groups.the_tables_reports_are_on"))
            : h(
                "ul",
                { class: "table-reports", "aria-label": t("groups.reports_from_the_tables") },
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
  const checkButton = h("button", { type: "button", class: "secondary" }, t("groups.check_it_with_the_table"));
  const reportForm = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: reportId }, t("groups.the_table_s_report_to")), reportInput),
    h("div", { class: "check" }, agreed, h("label", { for: agreed.id }, t("groups.the_table_has_checked_and"))),
    h(
      "div",
      { class: "button-row" },
      h("button", { type: "submit", class: "secondary" }, t("groups.save_the_report")),
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
      ? t("groups.tables_closed", { table: table.name })
      : t("groups.table_of", {
          table: table.name,
          n: table.tables,
          left: minutesLeft(table.endsAtMs, model.serverNow()),
        });
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
        table.task && h("p", {}, t("groups.the_task", { task: table.task })),
        table.broadcasts.length > 0 &&
          h(
            "ul",
            { "aria-label": t("groups.messages_from_the_plenary") },
            ...table.broadcasts.map((b) => h("li", {}, b)),
          ),
        recorder && !table.closed
          ? reportForm
          : h("p", {}, t("groups.report", { report: table.report || t("groups.not_written_yet") })),
        table.report &&
          h(
            "p",
            { class: "hint" },
            table.reportAgreed ? t("groups.agreed_by_the_table_2") : t("groups.not_yet_agreed_by_the_2"),
          ),
        h("p", {}, h("a", { href: `/r/${table.plenaryRoomId}` }, t("groups.back_to_the_plenary"))),
      );
    });
    if (table.closed && !leaving && me?.role === Role.PARTICIPANT) {
      leaving = true;
      ctx.announcer.personal(t("groups.the_tables_have_closed_taking"));
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
