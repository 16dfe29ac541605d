// The screen in the meeting room: large, high contrast, read only. Joins as an observer.
import { RoomConnection } from "../connection";
import { h, mount } from "../dom";
import { type Event, type Welcome } from "../protocol";
import { RoomModel, clockText, handKindName, type ChatMessage } from "../room_model";

const shownMessages = 5;
const shownNext = 3;

export function projectorView(roomId: string, joinCode: string): void {
  document.documentElement.classList.add("projector-mode");
  const model = new RoomModel();
  const title = h("h1", { class: "projector-title" }, "Connecting…");
  const floor = h("p", { class: "projector-floor" }, "Open conversation");
  const floorTopic = h("p", { class: "projector-topic" });
  const clock = h("p", { class: "projector-clock", role: "timer", "aria-live": "off" });
  const next = h("ol", { class: "projector-next", "aria-label": "Next to speak" });
  const present = h("p", { class: "projector-present" });
  const list = h("ol", { class: "projector-messages", "aria-label": "Latest messages" });
  const status = h("p", { class: "projector-status", role: "status" });
  const main = h("main", { id: "main", class: "projector" },
    title,
    h("section", { "aria-label": "Who has the floor", class: "projector-floor-section" }, floor, floorTopic, clock),
    h("section", { "aria-labelledby": "next-heading" }, h("h2", { id: "next-heading" }, "Next"), next),
    h("section", { "aria-labelledby": "latest" }, h("h2", { id: "latest" }, "Latest messages"), list),
    h("footer", {}, present, status));
  mount(main);

  function renderClock(): void {
    const left = model.remainingMs();
    clock.hidden = left === null;
    if (left === null) return;
    clock.textContent = model.floor?.paused ? `${clockText(left)} — paused` : left >= 0 ? clockText(left) : `${clockText(left)} over time`;
    clock.classList.toggle("overtime", left < 0);
  }
  window.setInterval(renderClock, 1000);

  function render(): void {
    title.textContent = model.title;
    const holder = model.holder();
    floor.textContent = holder ? `${model.name(holder)} has the floor` : "Nobody has the floor";
    floorTopic.textContent = holder ? `${handKindName(model.floor!.kind)}${model.floor!.topic ? `: ${model.floor!.topic}` : ""}` : "";
    const upcoming = model.queue.slice(0, shownNext);
    next.replaceChildren(...upcoming.map((e) => h("li", {}, `${model.name(e.memberId)} — ${handKindName(e.kind).toLowerCase()}`)));
    if (upcoming.length === 0) next.replaceChildren(h("li", { class: "none" }, "Nobody is waiting"));
    renderClock();
    document.title = `${model.title} — room screen`;
    present.textContent = `${model.present().filter((m) => m.displayName !== "Room screen").length} people here`;
    const latest: ChatMessage[] = model.messages.slice(-shownMessages);
    list.replaceChildren(...latest.map((m) =>
      h("li", {}, h("span", { class: "author" }, `${model.name(m.memberId)}: `), h("span", { class: "text" }, m.text))));
    if (latest.length === 0) list.replaceChildren(h("li", { class: "none" }, "No messages yet"));
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
