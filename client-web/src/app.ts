// The application, once the person's language is loaded (main.ts). Routes:
//         /            start page
//         /r/ROOM      join, then the participant or moderator view (#code=… or #key=…)
//         /r/ROOM/projector   the meeting-room screen (#code=…)
import { applyLanguage, t } from "./i18n/i18n";
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
  const { main, root } = shell("main", t("main.skip_to_main_content"));
  main.append(h("h1", {}, title), h("p", {}, text), h("p", {}, h("a", { href: "/" }, t("main.go_to_the_start_page"))));
  mount(root);
  main.focus();
}

let tableTries = 0;

async function openRoom(roomId: string): Promise<void> {
  const links = readFragment(location.hash);
  const remembered = recallPerson(roomId);
  const { main, root } = shell("main", t("main.skip_to_main_content"));
  let form: ReturnType<typeof joinView> | null = null;

  const enter = (details: Parameters<typeof roomView>[0]["details"]) =>
    roomView({
      details,
      onRefused(error: ServerError) {
        if (details.resumeToken && error.code === ErrorCode.BANNED) {
          // The device keeps its token: coming back with the link again is refused as well.
          message(t("main.you_were_removed_from_this"), t("main.the_facilitators_removed_you_from"));
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
          message(t("main.could_not_join"), refusalText(error));
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
    message(t("main.this_link_is_incomplete"), t("main.the_link_to_a_room"));
    return;
  }
  let info;
  try {
    info = await roomInfo(roomId);
  } catch {
    message(t("main.the_server_could_not_be"), t("main.check_your_connection_and_reload"));
    return;
  }
  if (!info) {
    message(t("main.this_room_does_not_exist"), t("main.check_the_link_with_the"));
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
  applyLanguage();
  const parts = location.pathname.split("/").filter(Boolean);
  if (parts.length === 0) return startView();
  if (parts[0] === "r" && parts.length === 2) return void openRoom(decodeURIComponent(parts[1]));
  if (parts[0] === "r" && parts.length === 3 && parts[2] === "projector") {
    const { joinCode } = readFragment(location.hash);
    if (!joinCode) return message(t("main.this_link_is_incomplete"), t("main.the_projector_link_ends_with"));
    return projectorView(decodeURIComponent(parts[1]), joinCode);
  }
  message(t("main.page_not_found"), t("main.there_is_nothing_at_this"));
}

route();
