// The start page: what Talking Stick is, and a form to create a room and get its links.
import { t } from "../i18n/i18n";
import { createRoom, textLimits } from "../api";
import { setLimits } from "../limits";
import { rememberLinks } from "../credentials";
import { h, mount, uid } from "../dom";
import { ErrorCode, ServerError, refusalText } from "../protocol";
import { focusHeading, shell } from "./shell";

function linkRow(label: string, hint: string, url: string): HTMLElement {
  const id = uid("link");
  const status = h("span", { class: "copy-status", role: "status" });
  return h(
    "div",
    { class: "link-row" },
    h("label", { for: id }, label),
    h("p", { class: "hint", id: `${id}-hint` }, hint),
    h(
      "div",
      { class: "link-line" },
      h("input", {
        id,
        type: "text",
        readonly: true,
        value: url,
        "aria-describedby": `${id}-hint`,
        class: "link-field",
      }),
      h(
        "button",
        {
          type: "button",
          onclick: async () => {
            const field = document.getElementById(id) as HTMLInputElement;
            try {
              await navigator.clipboard.writeText(url);
            } catch {
              field.select(); // clipboard not allowed: select it for the person to copy
              document.execCommand?.("copy");
            }
            status.textContent = t("start.copied");
          },
        },
        t("start.copy", { what: label.toLowerCase() }),
      ),
      status,
    ),
  );
}

export function startView(): void {
  const { main, root } = shell("main", t("start.skip_to_main_content"));
  const titleId = uid("title");
  const purposeId = uid("purpose");
  const prepareId = uid("prepare");
  const seriesId = uid("series");
  const errorBox = h("div", { class: "error", role: "alert", hidden: true });
  const result = h("section", { class: "result", hidden: true, "aria-labelledby": "ready-heading" });

  const form = h(
    "form",
    { class: "card", novalidate: true },
    h("h2", {}, t("start.start_a_meeting_room")),
    h(
      "div",
      { class: "field" },
      h("label", { for: titleId }, t("start.title")),
      h("p", { class: "hint", id: `${titleId}-hint` }, t("start.for_example_carers_group_planning")),
      h("input", {
        id: titleId,
        name: "title",
        required: true,
        limit: "title",
        autocomplete: "off",
        "aria-describedby": `${titleId}-hint`,
      }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: purposeId }, t("start.purpose_optional")),
      h("p", { class: "hint", id: `${purposeId}-hint` }, t("start.a_plain_sentence_or_two")),
      h("textarea", {
        id: purposeId,
        name: "purpose",
        rows: 3,
        limit: "purpose",
        "aria-describedby": `${purposeId}-hint`,
      }),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: prepareId, "aria-describedby": `${prepareId}-hint` }),
      h("label", { for: prepareId }, t("start.prepare_people_first")),
      h("p", { class: "hint", id: `${prepareId}-hint` }, t("start.the_room_opens_as_preparing")),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: seriesId, "aria-describedby": `${seriesId}-hint` }),
      h("label", { for: seriesId }, t("start.a_series_of_meetings_a")),
      h("p", { class: "hint", id: `${seriesId}-hint` }, t("start.people_join_the_series_once")),
    ),
    errorBox,
    h("button", { type: "submit" }, t("start.create_room")),
  );

  // The server's limits for a room's title and purpose; the server checks them anyway.
  textLimits().then(
    (limits) => setLimits(limits, form),
    () => undefined,
  );

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const title = (document.getElementById(titleId) as HTMLInputElement).value;
    const purpose = (document.getElementById(purposeId) as HTMLTextAreaElement).value;
    errorBox.hidden = true;
    if (!title.trim()) {
      errorBox.textContent = t("start.please_give_the_room_a");
      errorBox.hidden = false;
      (document.getElementById(titleId) as HTMLInputElement).focus();
      return;
    }
    try {
      const series = (document.getElementById(seriesId) as HTMLInputElement).checked;
      const room = await createRoom(
        title,
        purpose,
        (document.getElementById(prepareId) as HTMLInputElement).checked,
        series,
      );
      const links = {
        moderator: location.origin + room.moderatorPath,
        participant: location.origin + room.participantPath,
        projector: location.origin + room.projectorPath,
      };
      rememberLinks(room.roomId, links);
      const heading = h(
        "h2",
        { id: "ready-heading" },
        series ? t("start.your_series_is_ready") : t("start.your_room_is_ready"),
      );
      result.replaceChildren(
        heading,
        linkRow(t("start.moderator_link"), t("start.keep_this_private_it_lets"), links.moderator),
        linkRow(t("start.participant_link"), t("start.share_this_with_the_people"), links.participant),
        series ? "" : linkRow(t("start.projector_link"), t("start.open_this_on_the_screen"), links.projector),
        h(
          "p",
          {},
          h(
            "a",
            { href: room.moderatorPath, class: "button-link" },
            series ? t("start.open_the_series_as_moderator") : t("start.open_the_room_as_moderator"),
          ),
        ),
      );
      result.hidden = false;
      focusHeading(heading);
    } catch (err) {
      errorBox.textContent =
        err instanceof ServerError && err.code === ErrorCode.UNAUTHENTICATED
          ? t("start.rooms_on_this_server_are")
          : err instanceof ServerError
            ? refusalText(err)
            : t("start.the_server_could_not_be");
      errorBox.hidden = false;
    }
  });

  main.append(
    h("h1", {}, t("start.talking_stick")),
    h("p", { class: "lead" }, t("start.a_meeting_space_where_everyone")),
    h(
      "ul",
      { class: "features" },
      h("li", {}, t("start.people_join_from_a_link")),
      h("li", {}, t("start.a_moderator_keeps_a_fair")),
      h("li", {}, t("start.messages_come_at_a_pace")),
      h("li", {}, t("start.everything_said_is_kept_in")),
    ),
    form,
    result,
  );
  mount(root);
}
