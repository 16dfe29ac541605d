// The screen in the meeting room: large, high contrast, read only. Joins as an observer.
import { RoomConnection } from "../connection";
import { h, mount } from "../dom";
import { type Event, type Welcome } from "../protocol";
import { RoomModel, type ChatMessage } from "../room_model";

const shownMessages = 6;

export function projectorView(roomId: string, joinCode: string): void {
  document.documentElement.classList.add("projector-mode");
  const model = new RoomModel();
  const title = h("h1", { class: "projector-title" }, "Connecting…");
  const floor = h("p", { class: "projector-floor" }, "Open conversation");
  const present = h("p", { class: "projector-present" });
  const list = h("ol", { class: "projector-messages", "aria-label": "Latest messages" });
  const status = h("p", { class: "projector-status", role: "status" });
  const main = h("main", { id: "main", class: "projector" },
    title,
    h("section", { "aria-label": "Who has the floor" }, floor),
    h("section", { "aria-labelledby": "latest" }, h("h2", { id: "latest" }, "Latest messages"), list),
    h("footer", {}, present, status));
  mount(main);

  function render(): void {
    title.textContent = model.title;
    document.title = `${model.title} — room screen`;
    present.textContent = `${model.present().filter((m) => m.displayName !== "Room screen").length} people here`;
    const latest: ChatMessage[] = model.messages.slice(-shownMessages);
    list.replaceChildren(...latest.map((m) =>
      h("li", {}, h("span", { class: "author" }, `${model.name(m.memberId)}: `), h("span", { class: "text" }, m.text))));
  }

  const connection = new RoomConnection(
    { roomId, displayName: "Room screen", joinCode, asObserver: true },
    {
      onWelcome(welcome: Welcome) {
        model.applySnapshot(welcome.room!);
        for (const event of welcome.history) model.apply(event, false);
        render();
      },
      onEvent(event: Event) {
        if (model.apply(event)) render();
      },
      onStatus(_s, detail) {
        status.textContent = _s === "connected" ? "" : detail;
      },
      onJoinRefused(error) {
        title.textContent = "This screen cannot join the room";
        status.textContent = error.message;
      },
    },
  );
  connection.start();
}
