// The agenda. For everyone, at any time (before the meeting it is part of getting ready):
// the planned items with their time boxes, which are done (and how long they took), which is
// under way and which comes next; at the top of every view, "Now discussing: 2 of 5 —
// Callback promise (12 min left)" and how the meeting is doing against the plan. For
// moderators: planning (add, change, reorder, remove) and running it (start the next or any
// item, end it, give it more time, and whether the queue is cleared when the item changes).
// Each item reads in the person's language where moderators gave it one.
import { language, t } from "../i18n/i18n";
import { languages } from "../i18n/languages";
import { agendaItemFor } from "../moderator_texts";
import { textLanguage } from "./language_field";
import { append, button, h, keepFocus, uid } from "../dom";
import { AgendaItemKind, AgendaItemStatus, Role, type AgendaItem } from "../protocol";
import { duration, type RoomModel } from "../room_model";
import type { RoomContext } from "./room_context";

export interface AgendaPanel {
  nowLine: HTMLElement; // "Now discussing: …", for the top of the view
  element: HTMLElement; // the agenda, for everyone
  tools: HTMLElement; // planning and running it, for the moderator's console
  render(): void;
}

const kinds: [AgendaItemKind, string][] = [
  [AgendaItemKind.AGENDA_ITEM_KIND_UNSPECIFIED, t("agenda.not_said")],
  [AgendaItemKind.AGENDA_INFORMATION, t("agenda.information")],
  [AgendaItemKind.AGENDA_DISCUSSION, t("agenda.discussion")],
  [AgendaItemKind.AGENDA_DECISION, t("agenda.decision")],
];

// "12 min left", "3 min over time", or "" for an item with no time box.
function timeLeft(left: number | null): string {
  if (left === null) return "";
  return left >= 0
    ? t("clock.left", { clock: duration(Math.ceil(left / 60000) * 60000) })
    : t("clock.over_time", { time: duration(Math.ceil(-left / 60000) * 60000) });
}

// The line at the top of every view, and on the projector.
export function nowDiscussing(model: Readonly<RoomModel>): string {
  const item = model.currentAgendaItem();
  if (!item) return "";
  const left = timeLeft(model.agendaLeftMs());
  const title = agendaItemFor(item, model.language, language().code).title;
  const now = t("room_model.now_discussing", { position: model.agendaPosition(), title });
  return left ? `${now} (${left})` : now;
}

// "Running 8 min over the plan", "On time", "3 min ahead of the plan" (whole minutes).
export function againstPlan(model: Readonly<RoomModel>): string {
  if (!model.agenda.some((i) => i.minutes > 0 && i.status !== AgendaItemStatus.AGENDA_PLANNED)) return "";
  const minutes = Math.round(model.agendaDriftMs() / 60000);
  return minutes > 0
    ? t("agenda.running_over", { minutes })
    : minutes < 0
      ? t("agenda.ahead", { minutes: -minutes })
      : t("agenda.on_time");
}

function statusText(model: Readonly<RoomModel>, item: AgendaItem, next: boolean): string {
  if (item.status === AgendaItemStatus.AGENDA_DONE)
    return item.minutes
      ? t("agenda.done_took_of", { took: duration(Number(item.usedMs)), minutes: item.minutes })
      : t("agenda.done_took", { took: duration(Number(item.usedMs)) });
  if (item.status === AgendaItemStatus.AGENDA_CURRENT)
    return item.minutes ? t("agenda.now_left", { left: timeLeft(model.agendaLeftMs()) }) : t("agenda.now");
  return next ? t("agenda.next") : t("agenda.later");
}

function details(item: AgendaItem): string {
  const parts = [
    kinds.find(([k]) => k === item.kind && k !== AgendaItemKind.AGENDA_ITEM_KIND_UNSPECIFIED)?.[1],
    item.minutes ? t("clock.minutes", { m: item.minutes }) : "",
    item.introducedBy ? t("agenda.introduced_by", { name: item.introducedBy }) : "",
  ].filter(Boolean);
  return parts.join(" · ");
}

export function agendaPanel(ctx: RoomContext): AgendaPanel {
  const { model } = ctx;
  const nowText = h("span", {});
  const planText = h("span", { class: "against-plan" });
  const nowLine = h("p", { class: "agenda-now", hidden: true }, nowText, planText);
  const list = h("ol", { class: "agenda-list", "aria-label": t("agenda.agenda_items") });
  const element = h(
    "section",
    { class: "panel agenda-panel", "aria-labelledby": "agenda-heading", hidden: true },
    h("h2", { id: "agenda-heading" }, t("agenda.agenda")),
    list,
  );

  // --- planning ------------------------------------------------------------------------
  const ids = {
    title: uid("item-title"),
    description: uid("item-description"),
    minutes: uid("item-minutes"),
    by: uid("item-by"),
    kind: uid("item-kind"),
  };
  const title = h("input", { id: ids.title, limit: "title" });
  const description = h("textarea", { id: ids.description, rows: 2, limit: "agendaDescription" });
  const minutes = h("input", { id: ids.minutes, type: "number", min: 0, max: 600, value: 10 });
  const by = h("input", { id: ids.by, limit: "displayName" });
  const kind = h("select", { id: ids.kind }, ...kinds.map(([k, label]) => h("option", { value: String(k) }, label)));
  // The item in the other languages: a title and a description for each, all optional.
  const otherLanguages = () => languages.filter((l) => l.code !== model.language);
  const translationFields = new Map<string, { title: HTMLInputElement; description: HTMLTextAreaElement }>();
  const translations = h("details", { class: "stack" }, h("summary", {}, t("moderator_texts.in_other_languages")));
  function buildTranslationFields(): void {
    translationFields.clear();
    translations.replaceChildren(translations.firstChild!);
    for (const l of otherLanguages()) {
      const titleId = uid(`item-title-${l.code}`);
      const descriptionId = uid(`item-description-${l.code}`);
      const fields = {
        title: h("input", { id: titleId, limit: "title", lang: l.code, dir: l.dir }),
        description: h("textarea", {
          id: descriptionId,
          rows: 2,
          limit: "agendaDescription",
          lang: l.code,
          dir: l.dir,
        }),
      };
      translationFields.set(l.code, fields);
      translations.append(
        h(
          "div",
          { class: "field" },
          h("label", { for: titleId }, t("moderator_texts.title_in", { language: l.name })),
          fields.title,
        ),
        h(
          "div",
          { class: "field" },
          h("label", { for: descriptionId }, t("moderator_texts.description_in", { language: l.name })),
          fields.description,
        ),
      );
    }
  }
  let translationsFor = model.language;
  buildTranslationFields();
  const save = h("button", { type: "submit", class: "secondary" }, t("agenda.add_to_the_agenda"));
  const cancel = h("button", { type: "button", class: "secondary", hidden: true }, t("agenda.stop_changing_it"));
  let editing = "";
  const planForm = h(
    "form",
    { class: "stack" },
    h("h4", {}, t("agenda.plan_an_item")),
    h("div", { class: "field" }, h("label", { for: ids.title }, t("agenda.item_title")), title),
    h(
      "div",
      { class: "field" },
      h("label", { for: ids.description }, t("agenda.in_plain_words_optional")),
      description,
    ),
    h("div", { class: "field" }, h("label", { for: ids.minutes }, t("agenda.time_box_minutes_0_none")), minutes),
    h("div", { class: "field" }, h("label", { for: ids.by }, t("agenda.introduced_by_optional")), by),
    h("div", { class: "field" }, h("label", { for: ids.kind }, t("agenda.kind_of_item")), kind),
    translations,
    h("div", { class: "button-row" }, save, cancel),
  );
  function edit(item: AgendaItem | undefined): void {
    editing = item?.itemId ?? "";
    title.value = item?.title ?? "";
    description.value = item?.description ?? "";
    minutes.value = String(item ? item.minutes : 10);
    minutes.disabled = Boolean(item && item.status !== AgendaItemStatus.AGENDA_PLANNED);
    by.value = item?.introducedBy ?? "";
    kind.value = String(item?.kind ?? AgendaItemKind.AGENDA_ITEM_KIND_UNSPECIFIED);
    for (const [code, fields] of translationFields) {
      const given = item?.translations.find((x) => x.language === code);
      fields.title.value = given?.title ?? "";
      fields.description.value = given?.description ?? "";
    }
    translations.open = Boolean(item?.translations.length);
    save.textContent = item ? t("agenda.save_the_changes") : t("agenda.add_to_the_agenda");
    cancel.hidden = !item;
    if (item) title.focus();
  }
  cancel.addEventListener("click", () => edit(undefined));
  planForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const item = {
      itemId: editing,
      title: title.value,
      description: description.value,
      minutes: Number(minutes.value) || 0,
      introducedBy: by.value,
      kind: Number(kind.value) as AgendaItemKind,
      translations: [...translationFields]
        .map(([code, fields]) => ({ language: code, title: fields.title.value, description: fields.description.value }))
        .filter((x) => x.title.trim() || x.description.trim()),
    };
    if (await ctx.send({ case: "planAgendaItem", value: { item } })) edit(undefined);
  });

  // An item for everyone: its title, details and description, in their language if given.
  function shownItem(item: AgendaItem): (HTMLElement | null)[] {
    const shown = agendaItemFor(item, model.language, language().code);
    return [
      h("span", textLanguage(shown.language), shown.title),
      details(item) ? h("span", { class: "hint" }, ` (${details(item)})`) : null,
      shown.description
        ? h("p", { class: "hint", ...textLanguage(shown.descriptionLanguage) }, shown.description)
        : null,
    ];
  }

  // --- running -------------------------------------------------------------------------
  const clearQueue = h("input", { type: "checkbox", id: uid("clear-queue") });
  const runRow = h("div", { class: "button-row" });
  const adHocId = uid("adhoc");
  const adHoc = h("input", { id: adHocId, limit: "title" });
  const adHocForm = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: adHocId }, t("agenda.an_item_nobody_planned")), adHoc),
    h("button", { type: "submit", class: "secondary" }, t("agenda.start_it_now")),
  );
  adHocForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "startAgendaItem", value: { title: adHoc.value, clearQueue: clearQueue.checked } }))
      adHoc.value = "";
  });
  const start = (itemId: string) =>
    void ctx.send({ case: "startAgendaItem", value: { itemId, clearQueue: clearQueue.checked } });
  const planList = h("ol", { class: "agenda-plan", "aria-label": t("agenda.the_agenda_to_plan_and") });
  const tools = h(
    "div",
    { class: "stack" },
    h("h3", {}, t("agenda.agenda")),
    runRow,
    h(
      "div",
      { class: "check" },
      clearQueue,
      h("label", { for: clearQueue.id }, t("agenda.clear_the_speaking_queue_when")),
    ),
    planList,
    planForm,
    adHocForm,
  );

  function renderTools(): void {
    const next = model.agenda.find((i) => i.status === AgendaItemStatus.AGENDA_PLANNED);
    const current = model.currentAgendaItem();
    keepFocus(runRow, () => {
      runRow.replaceChildren();
      append(
        runRow,
        next && button(t("agenda.start_next", { title: next.title }), "next", () => start(next.itemId)),
        current && button(t("agenda.end_this_item"), "end", () => void ctx.send({ case: "endAgendaItem", value: {} })),
        current &&
          button(
            t("agenda.give_it_5_more_minutes"),
            "extend",
            () => void ctx.send({ case: "extendAgendaItem", value: { minutes: 5 } }),
          ),
      );
    });
    keepFocus(planList, () => {
      planList.replaceChildren(
        ...model.agenda.map((item, i) => {
          const planned = item.status === AgendaItemStatus.AGENDA_PLANNED;
          const move = (to: number) =>
            void ctx.send({ case: "moveAgendaItem", value: { itemId: item.itemId, position: to } });
          return h(
            "li",
            {},
            h("span", { class: "name" }, item.title),
            ` — ${statusText(model, item, item === next)}`,
            h(
              "div",
              { class: "button-row" },
              planned
                ? button(t("agenda.start_item", { title: item.title }), `start-${item.itemId}`, () =>
                    start(item.itemId),
                  )
                : null,
              button(t("agenda.change_item", { title: item.title }), `edit-${item.itemId}`, () => edit(item)),
              i > 0 ? button(t("agenda.move_up", { title: item.title }), `up-${item.itemId}`, () => move(i - 1)) : null,
              i < model.agenda.length - 1
                ? button(t("agenda.move_down", { title: item.title }), `down-${item.itemId}`, () => move(i + 1))
                : null,
              planned
                ? button(
                    t("agenda.remove_item", { title: item.title }),
                    `remove-${item.itemId}`,
                    () => void ctx.send({ case: "removeAgendaItem", value: { itemId: item.itemId } }),
                  )
                : null,
            ),
          );
        }),
      );
    });
  }

  function renderNow(): void {
    nowText.textContent = nowDiscussing(model);
    const plan = againstPlan(model);
    planText.textContent = plan ? ` · ${plan}` : ""; // its own phrase, not run into the item's
    nowLine.hidden = !nowText.textContent;
  }
  window.setInterval(() => {
    if (model.currentAgendaItem()) renderNow();
  }, 1000);

  return {
    nowLine,
    element,
    tools,
    render() {
      renderNow();
      const next = model.agenda.find((i) => i.status === AgendaItemStatus.AGENDA_PLANNED);
      list.replaceChildren(
        ...model.agenda.map((item) =>
          h(
            "li",
            { class: item.status === AgendaItemStatus.AGENDA_CURRENT ? "current" : "" },
            h("span", { class: "label" }, `${statusText(model, item, item === next)}: `),
            ...shownItem(item),
          ),
        ),
      );
      element.hidden = model.agenda.length === 0;
      tools.hidden = ctx.me()?.role !== Role.MODERATOR;
      if (translationsFor !== model.language && !editing) {
        translationsFor = model.language;
        buildTranslationFields();
      }
      if (!tools.hidden) renderTools();
    },
  };
}
