// The agenda in the browser: the moderator plans three items with time boxes and puts them
// in order; everyone (and the room's screen) sees the agenda, the item under way and its
// time left; one item overruns, is extended, and the next starts; the record shows how long
// each took; a screen reader hears each change of item once. axe stays at zero violations.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  axeViolations,
  consoleTab,
  recordAnnouncements,
  roomWith,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

const stack = useStack();

test("a planned agenda is run with time boxes; an overrunning item is extended; everyone sees where the meeting is", async () => {
  const {
    room,
    mod,
    people: [ada],
  } = await roomWith(stack, { title: "Planned meeting" }, "Ada");
  const projector = await (await stack.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(stack.server.url + room.participantPath.replace("#code=", "/projector#code="));
  await recordAnnouncements(ada);

  const running = await consoleTab(mod, "Run the meeting");
  const plan = async (title, minutes, kind, by = "") => {
    await running.getByLabel("Item title").fill(title);
    await running.getByLabel("Time box, minutes (0: none)").fill(String(minutes));
    await running.getByLabel("Kind of item").selectOption({ label: kind });
    await running.getByLabel("Introduced by (optional)").fill(by);
    await running.getByRole("button", { name: "Add to the agenda" }).click();
    await running
      .getByRole("list", { name: "The agenda, to plan and run" })
      .getByText(title, { exact: true })
      .waitFor();
  };
  await plan("Welcome", 1, "Information", "Mo");
  await plan("Next steps", 5, "Decision");
  await plan("Callback promise", 10, "Discussion");
  await running.getByRole("button", { name: "Move “Callback promise” up" }).click();

  // Everyone can read the agenda, in its order, with its time boxes.
  const agenda = ada.getByRole("region", { name: "Agenda" }).getByRole("list", { name: "Agenda items" });
  await waitInPage(ada, () =>
    [...document.querySelectorAll(".agenda-list li")]
      .map((li) => li.textContent)
      .join("|")
      .includes("Later: Callback promise (Discussion · 10 min)|Later: Next steps"),
  );
  await agenda.getByText("Information · 1 min · introduced by Mo", { exact: false }).waitFor();

  // The first item runs; everyone and the room's screen see it and its time left.
  await running.getByRole("button", { name: "Start the next item: Welcome" }).click();
  for (const page of [ada, mod])
    await page.locator(".agenda-now", { hasText: "Now discussing: 1 of 3 — Welcome (1 min left)" }).waitFor();
  await projector.getByText("Now discussing: 1 of 3 — Welcome (1 min left)", { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "agenda-under-way");

  // It overruns (the clock only warns), and the moderator gives it five more minutes.
  await ada.locator(".agenda-now", { hasText: "over time" }).waitFor({ timeout: 90000 });
  await projector.locator(".projector-agenda", { hasText: "over time" }).waitFor();
  await ada.locator(".agenda-now", { hasText: "Running 1 min over the plan" }).waitFor({ timeout: 60000 });
  await running.getByRole("button", { name: "Give it 5 more minutes" }).click();
  await ada.locator(".agenda-now", { hasText: /Welcome \(5 min left\)/ }).waitFor();

  // Any item may come next: the moderator starts the third, which ends the first.
  await running.getByRole("button", { name: "Start “Next steps”" }).click();
  for (const page of [ada, mod])
    await page.locator(".agenda-now", { hasText: "Now discussing: 3 of 3 — Next steps (5 min left)" }).waitFor();
  await projector.getByText("Now discussing: 3 of 3 — Next steps", { exact: false }).waitFor();
  await agenda.getByText(/^Done: took 1 min \d\d s of 6 min: $/).waitFor();
  await agenda.getByText("Now: 5 min left:").waitFor();
  await agenda.getByText("Next:").waitFor();
  await ada.locator(".turn-note", { hasText: "Item ended: Welcome (took 1 min" }).waitFor();
  // A screen reader heard each change of item once.
  await waitInPage(
    ada,
    () => window.__announced.filter((t) => t.startsWith("Now discussing: 3 of 3 — Next steps")).length === 1,
  );
  assert.equal(
    await ada.evaluate(() => window.__announced.filter((t) => t.startsWith("Now discussing: 1 of 3 — Welcome")).length),
    1,
  );

  await running.getByRole("button", { name: "End this item" }).click();
  await ada.locator(".agenda-now").waitFor({ state: "hidden" });
  assert.deepEqual(await axeViolations(mod), []);
  assert.deepEqual(await axeViolations(projector), []);
  await screenshot(mod, "agenda-moderator");
  for (const p of [mod, ada, projector]) await p.context().close();
});
