// Room details, for moderators: the title and purpose, and the links to hand out.
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
  const result = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "stack" },
    h("div", { class: "field" }, h("label", { for: titleId }, "Title"), titleInput),
    h("div", { class: "field" }, h("label", { for: purposeId }, "Purpose"), purposeInput),
    h(
      "div",
      { class: "field" },
      h("label", { for: whenId }, "When"),
      h("p", { class: "hint", id: `${whenId}-hint` }, "For example: Thursday 4 December, 2–4 pm."),
      whenInput,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: placeId }, "Where"),
      h("p", { class: "hint", id: `${placeId}-hint` }, "Online, in a named room, or both."),
      placeInput,
    ),
    h("button", { type: "submit", class: "secondary" }, "Save room details"),
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
        },
      })
    ) {
      dirty = false;
      result.textContent = "Saved.";
    }
  });
  const links = h("div", { class: "stack" });
  // A new participant link: the old one (forwarded too widely, or misused) lets nobody new in.
  // People already in come back with their own token. The code is made here and never sent
  // back by the server, so this browser is where the new links are.
  const rotateStatus = h("p", { class: "hint", role: "status" });
  const rotate = h("button", { type: "button", class: "secondary" }, "Change the participant link");
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
    rotateStatus.textContent =
      "Changed. Send the new participant link to anyone still to join; the old one no longer works.";
    renderLinks();
  });
  const rotation = h(
    "div",
    { class: "stack" },
    h(
      "p",
      { class: "hint" },
      "If the participant link reached people it should not have, change it. Everyone already in stays in.",
    ),
    rotate,
    rotateStatus,
  );
  function renderLinks(): void {
    const known = recallLinks(ctx.model.roomId);
    links.replaceChildren(
      h("h3", {}, "Invite links"),
      ...(known?.participant
        ? [
            h("p", {}, h("a", { href: known.participant }, "Participant link")),
            h("p", {}, h("a", { href: known.projector }, "Projector view")),
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
  const briefingForm = h(
    "form",
    { class: "stack" },
    h("h3", {}, "Briefing"),
    h(
      "div",
      { class: "field" },
      h("label", { for: briefingId }, "Briefing for everyone"),
      h(
        "p",
        { class: "hint", id: `${briefingId}-hint` },
        "The aims, how the meeting will run, and practical details, in plain language. # a heading, - a list, *emphasis*, [a link](https://…).",
      ),
      briefingInput,
    ),
    h("button", { type: "submit", class: "secondary" }, "Save the briefing"),
    briefingResult,
  );
  let briefingDirty = false;
  briefingForm.addEventListener("input", () => {
    briefingDirty = true;
  });
  briefingForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await ctx.send({ case: "setBriefing", value: { text: briefingInput.value } })) {
      briefingDirty = false;
      briefingResult.textContent = "Saved. Everyone sees it has been updated.";
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
      if (!briefingDirty) briefingInput.value = ctx.model.briefing?.text ?? "";
      retention.render();
      record.render();
      if (!dirty) {
        titleInput.value = ctx.model.title;
        purposeInput.value = ctx.model.purpose;
        whenInput.value = ctx.model.when;
        placeInput.value = ctx.model.place;
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
  status.textContent = "Preparing the file…";
  try {
    const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/transcript?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({ message: res.statusText }))) as { message?: string };
      status.textContent = `Not downloaded: ${problem.message ?? res.statusText}.`;
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? `record.${format}`;
    downloadFile(await res.blob(), name);
    status.textContent = `Downloaded ${name}.`;
  } catch {
    status.textContent = "Not downloaded: the connection was lost. Try again.";
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
    button("Minutes as a web page", "html"),
    button("Minutes in Markdown", "md"),
    button("Minutes as plain text", "txt"),
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
  const full = h("button", { type: "button", class: "secondary" }, "The full record (JSON)");
  full.addEventListener("click", () => fetchRecord("json"));
  const element = h(
    "section",
    { class: "stack", "aria-labelledby": "record-heading" },
    h("h3", { id: "record-heading" }, "The record"),
    h(
      "p",
      { class: "hint" },
      "Minutes: who took part, each agenda item with its decisions first, the turns and what was said, and how much each person was heard. Times are UTC.",
    ),
    h(
      "div",
      { class: "check" },
      pseudonyms,
      h("label", { for: pseudonyms.id }, "Names as “Participant 3” (for publishing)"),
    ),
    minutesButtons(fetchRecord),
    h("div", { class: "check" }, share, h("label", { for: share.id }, "Everyone in the room may download the minutes")),
    h(
      "div",
      { class: "check" },
      privateRecords,
      h(
        "label",
        { for: privateRecords.id },
        "Include the private records (conversations with the facilitators, survey answers) in the full record",
      ),
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
        series
          ? "Keep each meeting's record this many days after it closes"
          : "Keep the record this many days after the meeting closes",
      ),
      h(
        "p",
        { class: "hint", id: `${id}-hint` },
        series
          ? "Then the meeting and its whole record are deleted; each meeting takes this setting when it is planned and whenever it changes here. The series' own page stays until it is deleted."
          : "Then the room and its whole record are deleted. 0: soon after it closes.",
      ),
      days,
    ),
    h("button", { type: "submit", class: "secondary" }, "Save how long it is kept"),
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
      saved.textContent = "Saved.";
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
    h("h4", {}, series ? "Delete this series" : "Delete this room"),
    h(
      "p",
      { class: "hint", id: `${id}-hint` },
      series
        ? "Deletes the series and every one of its meetings, with their whole records, for good, and lets everyone go. Download what you want to keep first. Type the series' title to confirm."
        : "Deletes the room and its whole record — messages, decisions, conversations, survey answers — for good, and lets everyone go. Download what you want to keep first. Type the room's title to confirm.",
    ),
    h("div", { class: "field" }, h("label", { for: id }, series ? "The series' title" : "The room's title"), typed),
    problem,
    h(
      "button",
      { type: "submit", class: "danger" },
      series ? "Delete the series and its meetings" : "Delete the room and its record",
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    problem.hidden = typed.value === ctx.model.title;
    problem.textContent = "Type the room's title exactly, to confirm.";
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
    h("h2", { id: "shared-minutes-heading" }, "Minutes"),
    h("p", { class: "hint" }, "The moderators have shared the minutes of this meeting."),
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
