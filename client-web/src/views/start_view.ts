// The start page: what Talking Stick is, and a form to create a room and get its links.
import { createRoom, textLimits } from "../api";
import { setLimits } from "../limits";
import { rememberLinks } from "../credentials";
import { h, mount, uid } from "../dom";
import { ErrorCode, ServerError, describeError } from "../protocol";
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
            status.textContent = "Copied";
          },
        },
        `Copy ${label.toLowerCase()}`,
      ),
      status,
    ),
  );
}

export function startView(): void {
  const { main, root } = shell("main", "Skip to main content");
  const titleId = uid("title");
  const purposeId = uid("purpose");
  const prepareId = uid("prepare");
  const seriesId = uid("series");
  const errorBox = h("div", { class: "error", role: "alert", hidden: true });
  const result = h("section", { class: "result", hidden: true, "aria-labelledby": "ready-heading" });

  const form = h(
    "form",
    { class: "card", novalidate: true },
    h("h2", {}, "Start a meeting room"),
    h(
      "div",
      { class: "field" },
      h("label", { for: titleId }, "Title"),
      h("p", { class: "hint", id: `${titleId}-hint` }, "For example: Carers' group — planning the spring review."),
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
      h("label", { for: purposeId }, "Purpose (optional)"),
      h(
        "p",
        { class: "hint", id: `${purposeId}-hint` },
        "A plain sentence or two: what the meeting is for and what will be decided.",
      ),
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
      h("label", { for: prepareId }, "Prepare people first"),
      h(
        "p",
        { class: "hint", id: `${prepareId}-hint` },
        "The room opens as preparing: people can join, read the purpose and say what helps them, over days if need be. You start the meeting when they are ready.",
      ),
    ),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: seriesId, "aria-describedby": `${seriesId}-hint` }),
      h("label", { for: seriesId }, "A series of meetings (a co-design project)"),
      h(
        "p",
        { class: "hint", id: `${seriesId}-hint` },
        "People join the series once. You plan its meetings from its page; with their consent, what people said in one meeting carries to the next, and everyone sees what came of it.",
      ),
    ),
    errorBox,
    h("button", { type: "submit" }, "Create room"),
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
      errorBox.textContent = "Please give the room a title.";
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
      const heading = h("h2", { id: "ready-heading" }, series ? "Your series is ready" : "Your room is ready");
      result.replaceChildren(
        heading,
        linkRow("Moderator link", "Keep this private: it lets you run the meeting.", links.moderator),
        linkRow("Participant link", "Share this with the people taking part.", links.participant),
        series ? "" : linkRow("Projector link", "Open this on the screen in the meeting room.", links.projector),
        h(
          "p",
          {},
          h(
            "a",
            { href: room.moderatorPath, class: "button-link" },
            series ? "Open the series as moderator" : "Open the room as moderator",
          ),
        ),
      );
      result.hidden = false;
      focusHeading(heading);
    } catch (err) {
      errorBox.textContent =
        err instanceof ServerError && err.code === ErrorCode.UNAUTHENTICATED
          ? "Rooms on this server are made through your organisation's own website. Ask the people who run it for a link to your meeting."
          : err instanceof ServerError
            ? `${describeError(err.code)}: ${err.message}.`
            : "The server could not be reached. Please try again.";
      errorBox.hidden = false;
    }
  });

  main.append(
    h("h1", {}, "Talking Stick"),
    h("p", { class: "lead" }, "A meeting space where everyone gets a fair turn to be heard."),
    h(
      "ul",
      { class: "features" },
      h("li", {}, "People join from a link. No account is needed."),
      h("li", {}, "A moderator keeps a fair speaking queue that everyone can see."),
      h("li", {}, "Messages come at a pace people can follow, and anyone can ask for a pause."),
      h("li", {}, "Everything said is kept in a complete record of the meeting."),
    ),
    form,
    result,
  );
  mount(root);
}
