// The join form: the room's briefing, then name, pronouns and what would help.
import { append, clear, h, uid } from "../dom";
import { RoomPhase, type RoomInfo } from "../protocol";
import { whenAndWhere } from "./when_where";

export interface JoinForm {
  displayName: string;
  pronouns: string;
  supportNote: string;
  asObserver: boolean;
}

export function joinView(
  main: HTMLElement,
  info: RoomInfo,
  asModerator: boolean,
  onJoin: (form: JoinForm) => void,
): { showError(text: string): void } {
  const nameId = uid("name");
  const pronounsId = uid("pronouns");
  const noteId = uid("support");
  const observerId = uid("observer");
  const errorBox = h("div", { class: "error", role: "alert", hidden: true, id: uid("join-error") });
  const field = (id: string) => document.getElementById(id) as HTMLInputElement;

  const form = h(
    "form",
    { class: "card", novalidate: true, "aria-labelledby": "join-heading" },
    h(
      "h2",
      { id: "join-heading" },
      asModerator ? "Join as moderator" : info.series ? "Join the series of meetings" : "Join the meeting",
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: nameId }, "Your name"),
      h("p", { class: "hint", id: `${nameId}-hint` }, "How others will see you. Up to 64 characters."),
      h("input", {
        id: nameId,
        required: true,
        limit: "displayName",
        autocomplete: "name",
        "aria-describedby": `${nameId}-hint`,
      }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: pronounsId }, "Pronouns (optional)"),
      h("input", { id: pronounsId, limit: "pronouns", autocomplete: "off" }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: noteId }, "What would help you take part? (optional)"),
      h(
        "p",
        { class: "hint", id: `${noteId}-hint` },
        "For example: more time to answer, plain language, a check-in before the meeting. Only the moderators see this.",
      ),
      h("textarea", { id: noteId, rows: 3, limit: "supportNote", "aria-describedby": `${noteId}-hint` }),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: observerId }),
      h(
        "label",
        { for: observerId },
        asModerator
          ? "Join quietly as an observer (follow along without moderating, as when visiting a table)"
          : "Join as an observer (follow along without posting)",
      ),
    ),
    errorBox,
    h("button", { type: "submit" }, "Join"),
  );

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = field(nameId).value.trim();
    if (!name) {
      showError("Please tell us your name.");
      field(nameId).focus();
      return;
    }
    onJoin({
      displayName: name,
      pronouns: field(pronounsId).value,
      supportNote: (document.getElementById(noteId) as HTMLTextAreaElement).value,
      asObserver: (document.getElementById(observerId) as HTMLInputElement).checked,
    });
  });

  function showError(text: string): void {
    errorBox.textContent = text;
    errorBox.hidden = false;
    field(nameId).setAttribute("aria-describedby", `${nameId}-hint ${errorBox.id}`);
  }

  clear(main);
  append(
    main,
    h("h1", {}, info.title),
    info.purpose ? h("p", { class: "purpose" }, info.purpose) : null,
    info.when || info.place ? h("p", { class: "when-where" }, ...whenAndWhere(info.when, info.place)) : null,
    h("p", {}, `${info.present} ${info.present === 1 ? "person is" : "people are"} here now.`),
    info.phase === RoomPhase.PREPARING || info.phase === RoomPhase.LOBBY
      ? h(
          "p",
          { class: "phase-banner" },
          "The meeting has not started yet. Join now to get ready: you can come back with this link.",
        )
      : info.phase === RoomPhase.CLOSED
        ? h("p", { class: "phase-banner" }, "This meeting has closed. You can join to read its record.")
        : null,
    info.readOnly
      ? h(
          "p",
          { class: "read-only-banner" },
          h("strong", {}, "This room is read-only. "),
          "Part of its record is damaged: you can read the conversation up to that point, but not add to it.",
        )
      : null,
    form,
  );
  field(nameId).focus();
  return { showError };
}
