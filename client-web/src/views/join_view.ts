// The join form: the room's briefing, then name, pronouns and what would help.
import { t } from "../i18n/i18n";
import { append, clear, h, uid } from "../dom";
import { RoomPhase, type RoomInfo } from "../protocol";
import { easyReadField, languageField } from "./language_field";
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
      asModerator
        ? t("join.join_as_moderator")
        : info.series
          ? t("join.join_the_series_of_meetings")
          : t("join.join_the_meeting"),
    ),
    languageField(),
    easyReadField(),
    h(
      "div",
      { class: "field" },
      h("label", { for: nameId }, t("join.your_name")),
      h("p", { class: "hint", id: `${nameId}-hint` }, t("join.how_others_will_see_you")),
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
      h("label", { for: pronounsId }, t("join.pronouns_optional")),
      h("input", { id: pronounsId, limit: "pronouns", autocomplete: "off" }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: noteId }, t("join.what_would_help_you_take")),
      h("p", { class: "hint", id: `${noteId}-hint` }, t("join.for_example_more_time_to")),
      h("textarea", { id: noteId, rows: 3, limit: "supportNote", "aria-describedby": `${noteId}-hint` }),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: observerId }),
      h(
        "label",
        { for: observerId },
        asModerator ? t("join.join_quietly_as_an_observer") : t("join.join_as_an_observer_follow"),
      ),
    ),
    errorBox,
    h("button", { type: "submit" }, t("join.join")),
  );

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = field(nameId).value.trim();
    if (!name) {
      showError(t("join.please_tell_us_your_name"));
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
    h("p", {}, t("join.here_now", { n: info.present })),
    info.phase === RoomPhase.PREPARING || info.phase === RoomPhase.LOBBY
      ? h("p", { class: "phase-banner" }, t("join.the_meeting_has_not_started"))
      : info.phase === RoomPhase.CLOSED
        ? h("p", { class: "phase-banner" }, t("join.this_meeting_has_closed_you"))
        : null,
    info.readOnly
      ? h(
          "p",
          { class: "read-only-banner" },
          h("strong", {}, t("join.this_room_is_read_only")),
          t("join.part_of_its_record_is"),
        )
      : null,
    form,
  );
  field(nameId).focus();
  return { showError };
}
