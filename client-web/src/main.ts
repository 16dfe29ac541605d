// Routes: /            start page
//         /r/ROOM      join, then the participant or moderator view (#code=… or #key=…)
//         /r/ROOM/projector   the meeting-room screen (#code=…)
import { roomInfo } from "./api";
import { forgetPerson, readFragment, recallPerson } from "./credentials";
import { h, mount } from "./dom";
import { ErrorCode, ServerError } from "./protocol";
import { applySettings, loadSettings } from "./settings";
import { joinView } from "./views/join_view";
import { projectorView } from "./views/projector_view";
import { refusalText, roomView } from "./views/room_view";
import { shell } from "./views/shell";
import { startView } from "./views/start_view";
import { setLimits } from "./limits";

function message(title: string, text: string): void {
  const { main, root } = shell("main", "Skip to main content");
  main.append(h("h1", {}, title), h("p", {}, text), h("p", {}, h("a", { href: "/" }, "Go to the start page")));
  mount(root);
  main.focus();
}

let tableTries = 0;

async function openRoom(roomId: string): Promise<void> {
  const links = readFragment(location.hash);
  const remembered = recallPerson(roomId);
  const { main, root } = shell("main", "Skip to main content");
  let form: ReturnType<typeof joinView> | null = null;

  const enter = (details: Parameters<typeof roomView>[0]["details"]) =>
    roomView({
      details,
      onRefused(error: ServerError) {
        if (details.resumeToken && error.code === ErrorCode.BANNED) {
          // The device keeps its token: coming back with the link again is refused as well.
          message(
            "You were removed from this room",
            "The facilitators removed you from this meeting. If you think this is a mistake, contact them.",
          );
          return;
        }
        if (details.resumeToken && error.code === ErrorCode.UNAUTHENTICATED) {
          // This device's memory of the person is stale (e.g. a different server): ask again.
          forgetPerson(roomId);
          void openRoom(roomId);
          return;
        }
        // A table's room is opened just after the tables are: a moment later it is there.
        // So is a meeting of a series, just after it is planned.
        if (error.code === ErrorCode.NOT_FOUND && /-(\d+-\d+|m\d+)$/.test(roomId) && tableTries < 20) {
          tableTries += 1;
          window.setTimeout(() => void openRoom(roomId), 500);
          return;
        }
        if (details.resumeToken || !form) {
          message("Could not join", refusalText(error));
          return;
        }
        mount(root);
        form.showError(refusalText(error));
        (document.querySelector("main input") as HTMLInputElement | null)?.focus();
      },
    });

  if (remembered) {
    enter({ roomId, displayName: remembered.displayName, resumeToken: remembered.resumeToken });
    return;
  }
  if (links.joinToken) {
    // Sent by the organisation's portal, which vouches for the name and the role: straight in.
    // The token is used once; it leaves the address bar (and the history) at once.
    history.replaceState(null, "", location.pathname);
    enter({ roomId, displayName: "", joinToken: links.joinToken });
    return;
  }
  if (!links.joinCode && !links.moderatorKey) {
    message(
      "This link is incomplete",
      "The link to a room ends with a code after a # sign. Ask the person who invited you to send the whole link again.",
    );
    return;
  }
  let info;
  try {
    info = await roomInfo(roomId);
  } catch {
    message("The server could not be reached", "Check your connection and reload the page.");
    return;
  }
  if (!info) {
    message("This room does not exist", "Check the link with the person who sent it.");
    return;
  }
  mount(root);
  setLimits(info.limits);
  form = joinView(main, info, Boolean(links.moderatorKey), (f) =>
    enter({ roomId, ...f, joinCode: links.joinCode, moderatorKey: links.moderatorKey }),
  );
}

function route(): void {
  applySettings(loadSettings());
  const parts = location.pathname.split("/").filter(Boolean);
  if (parts.length === 0) return startView();
  if (parts[0] === "r" && parts.length === 2) return void openRoom(decodeURIComponent(parts[1]));
  if (parts[0] === "r" && parts.length === 3 && parts[2] === "projector") {
    const { joinCode } = readFragment(location.hash);
    if (!joinCode)
      return message(
        "This link is incomplete",
        "The projector link ends with #code=… — copy it again from the start page.",
      );
    return projectorView(decodeURIComponent(parts[1]), joinCode);
  }
  message("Page not found", "There is nothing at this address.");
}

route();
