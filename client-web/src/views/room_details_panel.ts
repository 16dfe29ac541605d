// Room details, for moderators: the title and purpose, the language the room's texts are in,
// the links to hand out, and the briefing (in the room's language, and in others and easy read).
import { language, t } from "../i18n/i18n";
import { languages } from "../i18n/languages";
import { briefingKey } from "../moderator_texts";
import { textLanguageSelect } from "./language_field";
import { downloadFile, h, uid } from "../dom";
import { recallLinks, recallPerson, rememberLinks } from "../credentials";
import { Role } from "../protocol";
import type { RoomContext } from "./room_context";

export function roomDetailsPanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const titleId = uid("edit-title");
  const purposeId = uid("edit-purpose");
  const titleInput = h("input", { id: titleId, limit: "title", required: true });
  const purposeInput = h("textarea", { id: purposeId, rows: 3, limit: "purpose" });
  const whenId = uid("edit-when");
  const placeId = uid("edit-place");
  const whenInput = h("input", { id: whenId, limit: "whenPlace", "aria-describedby": `${whenId}-hint` });
  const placeInput = h("input", { id: placeId, limit: "whenPlace", "aria-describedby": `${placeId}-hint` });
  const roomLanguageId = uid("room-language");
  const roomLanguage = h(
    "select",
    { id: roomLanguageId, "aria-describedby": `${roomLanguageId}-hint` },
    h("option", { value: "" }, t("moderator_texts.not_said")),
    ...languages.map((l) => h("option", { value: l.code, lang: l.code, dir: l.dir }, l.name)),
  );
  const result = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: titleId }, t("room_details.title")), titleInput),
    h("div", { class: "field" }, h("label", { for: purposeId }, t("room_details.purpose")), purposeInput),
    h(
      "div",
      { class: "field" },
      h("label", { for: whenId }, t("room_details.when")),
      h("p", { class: "hint", id: `${whenId}-hint` }, t("room_details.for_example_thursday_4_december")),
      whenInput,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: placeId }, t("room_details.where")),
      h("p", { class: "hint", id: `${placeId}-hint` }, t("room_details.online_in_a_named_room")),
      placeInput,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: roomLanguageId }, t("moderator_texts.room_language")),
      h("p", { class: "hint", id: `${roomLanguageId}-hint` }, t("moderator_texts.room_language_hint")),
      roomLanguage,
    ),
    h("button", { type: "submit", class: "secondary" }, t("room_details.save_room_details")),
    result,
  );
  let dirty = false;
  form.addEventListener("input", () => {
    dirty = true;
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (
      await ctx.send({
        case: "updateRoom",
        value: {
          title: titleInput.value,
          purpose: purposeInput.value,
          when: whenInput.value,
          place: placeInput.value,
          language: roomLanguage.value,
        },
      })
    ) {
      dirty = false;
      result.textContent = t("room_details.saved");
    }
  });
  const links = h("div", { class: "stack" });
  // A new participant link: the old one (forwarded too widely, or misused) lets nobody new in.
  // People already in come back with their own token. The code is made here and never sent
  // back by the server, so this browser is where the new links are.
  const rotateStatus = h("p", { class: "hint", role: "status" });
  const rotate = h("button", { type: "button", class: "secondary" }, t("room_details.change_the_participant_link"));
  rotate.addEventListener("click", async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const code = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    if (!(await ctx.send({ case: "rotateJoinCode", value: { joinCode: code } }))) return;
    const roomId = ctx.model.roomId;
    const base = `${location.origin}/r/${encodeURIComponent(roomId)}`;
    const known = recallLinks(roomId);
    rememberLinks(roomId, {
      moderator: known?.moderator ?? "",
      participant: `${base}#code=${code}`,
      projector: `${base}/projector#code=${code}`,
    });
    rotateStatus.textContent = t("room_details.changed_send_the_new_participant");
    renderLinks();
  });
  const rotation = h(
    "div",
    { class: "stack" },
    h("p", { class: "hint" }, t("room_details.if_the_participant_link_reached")),
    rotate,
    rotateStatus,
  );
  function renderLinks(): void {
    const known = recallLinks(ctx.model.roomId);
    links.replaceChildren(
      h("h3", {}, t("room_details.invite_links")),
      ...(known?.participant
        ? [
            h("p", {}, h("a", { href: known.participant }, t("room_details.participant_link"))),
            h("p", {}, h("a", { href: known.projector }, t("room_details.projector_view"))),
          ]
        : []),
      rotation,
    );
  }

  // The briefing, in Markdown; saved as a new version each time.
  const briefingId = uid("briefing");
  const briefingInput = h("textarea", {
    id: briefingId,
    rows: 8,
    limit: "briefing",
    "aria-describedby": `${briefingId}-hint`,
  });
  const briefingResult = h("p", { class: "hint", role: "status" });
  // Which version is being written: the room's own text, or another language's, in easy read
  // or not. Choosing one shows what it says now.
  const versionId = uid("briefing-version");
  let version = textLanguageSelect(versionId, t("moderator_texts.room_text"), ctx.model.language);
  const versionField = h(
    "div",
    { class: "field" },
    h("label", { for: versionId }, t("moderator_texts.language")),
    h("p", { class: "hint" }, t("moderator_texts.versions_hint")),
    version,
  );
  const easyVersion = h("input", { type: "checkbox", id: uid("briefing-easy") });
  const versionOutOfDate = h("p", { class: "hint", hidden: true }, t("moderator_texts.version_out_of_date"));
  const savedVersion = () =>
    version.value || easyVersion.checked
      ? ctx.model.briefingTexts.get(briefingKey(version.value, easyVersion.checked))
      : ctx.model.briefing;
  function showVersion(): void {
    const saved = savedVersion();
    briefingInput.value = saved?.text ?? "";
    versionOutOfDate.hidden = !saved?.text || saved.version >= (ctx.model.briefing?.version ?? 0);
    briefingDirty = false;
  }
  let versionsFor = ctx.model.language;
  versionField.addEventListener("change", showVersion);
  easyVersion.addEventListener("change", showVersion);
  const briefingForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, t("room_details.briefing")),
    versionField,
    h("div", { class: "check" }, easyVersion, h("label", { for: easyVersion.id }, t("moderator_texts.easy_read"))),
    versionOutOfDate,
    h(
      "div",
      { class: "field" },
      h("label", { for: briefingId }, t("room_details.briefing_for_everyone")),
      h("p", { class: "hint", id: `${briefingId}-hint` }, t("room_details.the_aims_how_the_meeting")),
      briefingInput,
    ),
    h("button", { type: "submit", class: "secondary" }, t("room_details.save_the_briefing")),
    briefingResult,
  );
  let briefingDirty = false;
  briefingForm.addEventListener("input", () => {
    briefingDirty = true;
    briefingResult.textContent = "";
  });
  briefingForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = { text: briefingInput.value, language: version.value, easyRead: easyVersion.checked };
    if (await ctx.send({ case: "setBriefing", value })) {
      briefingDirty = false;
      // Another version is not a new briefing: nobody is asked to read it again.
      briefingResult.textContent =
        value.language || value.easyRead ? t("room_details.saved") : t("room_details.saved_everyone_sees_it_has");
    }
  });
  const retention = retentionForm(ctx);
  const record = recordSection(ctx);
  const element = h(
    "div",
    { class: "stack" },
    links,
    form,
    briefingForm,
    record.element,
    retention.element,
    deleteForm(ctx),
  );

  return {
    element,
    render() {
      renderLinks();
      // The room's language is not among the other versions' languages.
      if (versionsFor !== ctx.model.language) {
        versionsFor = ctx.model.language;
        const chosen = version.value;
        const fresh = textLanguageSelect(versionId, t("moderator_texts.room_text"), versionsFor);
        fresh.value = [...fresh.options].some((o) => o.value === chosen) ? chosen : "";
        version.replaceWith(fresh);
        version = fresh;
      }
      if (!briefingDirty) showVersion();
      retention.render();
      record.render();
      if (!dirty) {
        titleInput.value = ctx.model.title;
        purposeInput.value = ctx.model.purpose;
        whenInput.value = ctx.model.when;
        placeInput.value = ctx.model.place;
        roomLanguage.value = ctx.model.language;
      }
    },
  };
}

// Fetches the minutes or the full record with this person's own resume token and saves it
// as a file; says how it went in status.
export async function downloadRecord(
  ctx: RoomContext,
  format: string,
  status: HTMLElement,
  options: { pseudonyms?: boolean; includePrivate?: boolean } = {},
): Promise<void> {
  const roomId = ctx.model.roomId;
  const token = recallPerson(roomId)?.resumeToken ?? "";
  const query = new URLSearchParams({ format });
  if (options.pseudonyms) query.set("names", "pseudonyms");
  if (options.includePrivate) query.set("private", "include");
  // The minutes in the person's own language (the server has the same languages).
  query.set("lang", language().code);
  status.textContent = t("room_details.preparing_the_file");
  try {
    const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/transcript?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({ message: res.statusText }))) as { message?: string };
      status.textContent = t("room_details.not_downloaded", { reason: problem.message ?? res.statusText });
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? `record.${format}`;
    downloadFile(await res.blob(), name);
    status.textContent = t("room_details.downloaded", { name });
  } catch {
    status.textContent = t("room_details.not_downloaded_the_connection_was");
  }
}

// The three forms of the minutes, as buttons.
export function minutesButtons(download: (format: string) => void): HTMLElement {
  const button = (label: string, format: string) => {
    const b = h("button", { type: "button", class: "secondary" }, label);
    b.addEventListener("click", () => download(format));
    return b;
  };
  return h(
    "div",
    { class: "button-row" },
    button(t("room_details.minutes_as_a_web_page"), "html"),
    button(t("room_details.minutes_in_markdown"), "md"),
    button(t("room_details.minutes_as_plain_text"), "txt"),
  );
}

// The record, for moderators: the minutes to circulate and the full record to archive, and
// whether everyone in the room may download the minutes too.
function recordSection(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const pseudonyms = h("input", { type: "checkbox", id: uid("pseudonyms") });
  const privateRecords = h("input", { type: "checkbox", id: uid("private") });
  const share = h("input", { type: "checkbox", id: uid("share") });
  share.addEventListener(
    "change",
    () => void ctx.send({ case: "shareMinutes", value: { withEveryone: share.checked } }),
  );
  const status = h("p", { class: "hint", role: "status" });
  const fetchRecord = (format: string) =>
    void downloadRecord(ctx, format, status, {
      pseudonyms: pseudonyms.checked,
      includePrivate: privateRecords.checked,
    });
  const full = h("button", { type: "button", class: "secondary" }, t("room_details.the_full_record_json"));
  full.addEventListener("click", () => fetchRecord("json"));
  const element = h(
    "section",
    { class: "stack", "aria-labelledby": "record-heading" },
    h("h3", { id: "record-heading" }, t("room_details.the_record")),
    h("p", { class: "hint" }, t("room_details.minutes_who_took_part_each")),
    h(
      "div",
      { class: "check" },
      pseudonyms,
      h("label", { for: pseudonyms.id }, t("room_details.names_as_participant_3_for")),
    ),
    minutesButtons(fetchRecord),
    h("div", { class: "check" }, share, h("label", { for: share.id }, t("room_details.everyone_in_the_room_may"))),
    h(
      "div",
      { class: "check" },
      privateRecords,
      h("label", { for: privateRecords.id }, t("room_details.include_the_private_records_conversations")),
    ),
    full,
    status,
  );
  return {
    element,
    render() {
      share.checked = ctx.model.minutesShared;
    },
  };
}

// How long the record is kept after the meeting closes; then every key of it is deleted.
// series: the form on a series' page, where the setting is each of its meetings'.
export function retentionForm(ctx: RoomContext, series = false): { element: HTMLElement; render(): void } {
  const id = uid("retention");
  const days = h("input", { id, type: "number", min: 0, max: 3650, "aria-describedby": `${id}-hint` });
  const saved = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "stack" },
    h(
      "div",
      { class: "field" },
      h(
        "label",
        { for: id },
        series ? t("room_details.keep_each_meeting_s_record") : t("room_details.keep_the_record_this_many"),
      ),
      h(
        "p",
        { class: "hint", id: `${id}-hint` },
        series ? t("room_details.then_the_meeting_and_its") : t("room_details.then_the_room_and_its"),
      ),
      days,
    ),
    h("button", { type: "submit", class: "secondary" }, t("room_details.save_how_long_it_is")),
    saved,
  );
  let dirty = false;
  form.addEventListener("input", () => {
    dirty = true;
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "setRetention", value: { days: Number(days.value) || 0 } })) {
      dirty = false;
      saved.textContent = t("room_details.saved");
    }
  });
  return {
    element: form,
    // Shows the room's setting until the moderator starts changing it.
    render() {
      if (!dirty) days.value = String(ctx.model.retentionDays);
    },
  };
}

// Deleting the room and its whole record, confirmed by typing the room's title. series: a
// series' page, whose meetings go with it.
export function deleteForm(ctx: RoomContext, series = false): HTMLElement {
  const id = uid("delete-title");
  const typed = h("input", { id, "aria-describedby": `${id}-hint`, autocomplete: "off" });
  const problem = h("p", { class: "error", role: "alert", hidden: true });
  const form = h(
    "form",
    { class: "stack danger-zone" },
    h("h4", {}, series ? t("room_details.delete_this_series") : t("room_details.delete_this_room")),
    h(
      "p",
      { class: "hint", id: `${id}-hint` },
      series ? t("room_details.deletes_the_series_and_every") : t("room_details.deletes_the_room_and_its"),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, series ? t("room_details.the_series_title") : t("room_details.the_room_s_title")),
      typed,
    ),
    problem,
    h(
      "button",
      { type: "submit", class: "danger" },
      series ? t("room_details.delete_the_series_and_its") : t("room_details.delete_the_room_and_its"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    problem.hidden = typed.value === ctx.model.title;
    problem.textContent = t("room_details.type_the_room_s_title");
    if (problem.hidden) await ctx.send({ case: "deleteRoom", value: { title: typed.value } });
  });
  return form;
}

// For everyone but the moderators, once a moderator shares them: the minutes to download.
export function sharedMinutesPanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const status = h("p", { class: "hint", role: "status" });
  const element = h(
    "section",
    { class: "panel", "aria-labelledby": "shared-minutes-heading", hidden: true },
    h("h2", { id: "shared-minutes-heading" }, t("room_details.minutes")),
    h("p", { class: "hint" }, t("room_details.the_moderators_have_shared_the")),
    minutesButtons((format) => void downloadRecord(ctx, format, status)),
    status,
  );
  return {
    element,
    render() {
      element.hidden = !ctx.model.minutesShared || !ctx.me() || ctx.me()?.role === Role.MODERATOR;
    },
  };
}
