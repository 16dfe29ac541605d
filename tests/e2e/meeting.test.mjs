// A whole meeting in the browser: a moderator, three people online and two in the room,
// with the queue, the floor and the server's clock; the transcript shows every turn.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, recordAnnouncements, screenshot, useStack, joinAs } from "./lib/harness.mjs";

const stack = useStack();

const floorRegion = (page) => page.getByRole("region", { name: "The floor" });

async function expectNoAxe(page, state) {
  assert.deepEqual(await axeViolations(page), [], `axe violations: ${state}`);
  await screenshot(page, state);
}

test("a meeting with online and in-room participants, run with the queue, the floor and the clock", async () => {
  const api = await stack.browser.newContext();
  const created = await (
    await api.request.post(stack.server.url + "/api/rooms", {
      data: { title: "Spring review", purpose: "Agree three priorities" },
    })
  ).json();
  const base = stack.server.url;
  const contexts = await Promise.all([0, 1, 2, 3, 4].map(() => stack.browser.newContext()));
  const mod = await joinAs(contexts[0], base + created.moderatorPath, "Mo");
  const ada = await joinAs(contexts[1], base + created.participantPath, "Ada");
  const bo = await joinAs(contexts[2], base + created.participantPath, "Bo");
  const cy = await joinAs(contexts[3], base + created.participantPath, "Cy");

  // The moderator sets short turns and adds two people who are in the room without a device.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("Length of a turn (seconds)").fill("10");
  await running.getByLabel("Warn this many seconds before the end (0: no warning)").fill("4");
  await running.getByRole("button", { name: "Save turn settings" }).click();
  const tools = await consoleTab(mod, "People in the room");
  for (const name of ["Dee", "Eli"]) {
    await tools.getByLabel("Name", { exact: true }).fill(name);
    await tools.getByRole("button", { name: "Add to the room" }).click();
    await ada.locator(".people li", { hasText: name }).getByText("in the room").waitFor();
  }

  // Ada raises her hand by keyboard: the shortcut, then Enter.
  await ada.locator("body").press("Alt+Shift+R");
  assert.equal(await ada.evaluate(() => document.activeElement?.getAttribute("type")), "radio");
  await ada.keyboard.press("Enter");
  await ada.locator(".queue-mine", { hasText: "You are next." }).waitFor();
  // Bo raises a reply with a topic; replies come before new points.
  const boQueue = bo.getByRole("region", { name: /Speaking queue/ });
  await boQueue.getByText("Kind of point and topic (optional)").click();
  await boQueue.getByLabel("Reply to the current point").check();
  await boQueue.getByLabel("Topic (optional)").fill("on the bus routes");
  await boQueue.getByRole("button", { name: "Raise hand" }).click();
  await bo.locator(".queue-mine", { hasText: "You are next." }).waitFor();
  await ada.locator(".queue-mine", { hasText: "You are 2nd in the queue." }).waitFor();
  // The moderator puts Dee (in the room) in the queue.
  await tools.getByRole("button", { name: "Raise a hand for Dee" }).click();
  await mod.locator(".queue-entry", { hasText: "Dee" }).waitFor();
  await expectNoAxe(ada, "turns-hand-raised");
  await expectNoAxe(mod, "turns-moderator-queue");

  // Everything Bo's screen reader is told, in order (the live region changes as it speaks).
  await recordAnnouncements(bo);

  // First turn: Bo. His screen says so, through the accessibility tree; then the clock runs out.
  await floorRegion(mod).getByRole("button", { name: "Give the floor to the next person" }).click();
  await floorRegion(bo).getByText("You have the floor.").waitFor();
  assert.match(await floorRegion(bo).ariaSnapshot(), /You have the floor\./);
  assert.match(await floorRegion(bo).getByRole("timer").textContent(), /\d:\d\d left/);
  await floorRegion(ada).getByText("Bo has the floor.").waitFor();
  await expectNoAxe(bo, "turns-has-floor");
  await floorRegion(bo).getByText("Nobody has the floor.").waitFor({ timeout: 15000 });
  await bo.locator(".turn-note", { hasText: "Bo spoke for 10 s." }).waitFor();
  await bo.locator(".announcer-urgent", { hasText: "Your turn has ended." }).waitFor();
  const announced = await bo.evaluate(() => window.__announced);
  const said = (re) => announced.findIndex((t) => re.test(t));
  assert.ok(said(/^You have the floor, 10 s\.$/) >= 0, announced.join(" | "));
  assert.ok(said(/^4 s left\.$/) > said(/^You have the floor/), announced.join(" | "));
  assert.ok(said(/^Time is up\.$/) > said(/^4 s left/), announced.join(" | "));
  // Said once each, not every second.
  assert.equal(announced.filter((t) => / left\.$/.test(t)).length, 1, announced.join(" | "));

  // Next: Ada, who finishes early.
  await ada.locator(".queue-mine", { hasText: "You are next." }).waitFor();
  await floorRegion(mod).getByRole("button", { name: "Give the floor to the next person" }).click();
  await floorRegion(ada).getByText("You have the floor.").waitFor();
  await ada.getByRole("textbox", { name: "Your message" }).fill("I think transport should come first.");
  await ada.getByRole("button", { name: "Send" }).click();
  await floorRegion(ada).getByRole("button", { name: "I have finished (give the floor back)" }).click();
  await floorRegion(cy).getByText("Nobody has the floor.").waitFor();

  // Dee speaks in the room; the moderator records what she said and ends her turn.
  await mod.locator(".queue-entry", { hasText: "Dee" }).getByRole("button", { name: "Give the floor to Dee" }).click();
  await floorRegion(cy).getByText("Dee has the floor.").waitFor();
  const record = mod.getByRole("region", { name: "Record what someone in the room said" });
  await record.getByLabel("What they said").fill("Parking near the clinic matters to carers.");
  await record.getByRole("button", { name: "Add to the record" }).click();
  await cy.locator(".message", { hasText: "Parking near the clinic" }).getByText("noted by Mo").waitFor();
  // Captions, as a text room can give them: the note-taker's record of the room, in a strip.
  await cy
    .locator(".captions-strip", { hasText: "In the room: Dee: Parking near the clinic matters to carers." })
    .waitFor();
  await floorRegion(mod).getByRole("button", { name: "End this turn" }).click();
  await floorRegion(cy).getByText("Nobody has the floor.").waitFor();

  // The transcript shows every turn with its duration, for everyone.
  for (const page of [mod, cy]) {
    await page.locator(".turn-note", { hasText: "Dee spoke for" }).waitFor();
    const notes = await page.locator(".turn-note").allTextContents();
    assert.equal(notes.filter((n) => n.includes("spoke for")).length, 3, notes.join("\n"));
    for (const name of ["Bo", "Ada", "Dee"])
      assert.ok(
        notes.some((n) => n.startsWith(`${name} spoke for`)),
        name,
      );
  }

  // The projector shows the floor, the clock and who is next.
  await tools.getByRole("button", { name: "Raise a hand for Eli" }).click();
  const projector = await contexts[4].newPage();
  await projector.goto(base + created.projectorPath);
  await projector.locator(".projector-next li", { hasText: "Eli" }).waitFor();
  await mod.locator(".queue-entry", { hasText: "Eli" }).getByRole("button", { name: "Give the floor to Eli" }).click();
  await projector.getByText("Eli has the floor").waitFor();
  await projector.locator(".projector-clock", { hasText: /\d:\d\d/ }).waitFor();
  assert.deepEqual(await axeViolations(projector), []);
  await screenshot(projector, "turns-projector");
  await expectNoAxe(mod, "turns-moderator-floor");

  // An answer entered for someone in the room is asked for in their words, and confirmed.
  const decisions = await consoleTab(mod, "Decisions");
  await decisions.getByLabel("Kind").selectOption({ label: "Consensus check on a proposal" });
  await decisions.getByLabel("Question or proposal").fill("We keep the Friday slot.");
  await decisions.getByRole("button", { name: "Put it to the room" }).click();
  const q = mod.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /Friday slot/ });
  await q.getByText("Enter an answer for someone in the room").click();
  await q.getByLabel("For", { exact: true }).selectOption({ label: "Dee" });
  await q.getByRole("group", { name: "Their answer" }).getByLabel("Agree", { exact: true }).check();
  await q.getByLabel("Their reason (needed for concerns and a block)").waitFor();
  await q.getByRole("button", { name: "Record their answer" }).click();
  await q.getByText("Recorded for Dee: Agree.").waitFor();
  await q
    .getByText(/So far: 1 of \d answered/)
    .first()
    .waitFor();

  for (const c of [api, ...contexts]) await c.close();
});

test("forms take their limits from the server: the start page, the join form and the room", async () => {
  const context = await stack.browser.newContext();
  const base = stack.server.url;
  const limits = await (await context.request.get(base + "/api/limits")).json();
  const start = await context.newPage();
  await start.goto(base + "/");
  const title = start.getByLabel("Title", { exact: false }).first();
  await waitForMaxLength(title, limits.title);
  const created = await (
    await context.request.post(base + "/api/rooms", { data: { title: "Limits", purpose: "" } })
  ).json();
  const join = await context.newPage();
  await join.goto(base + created.participantPath);
  await waitForMaxLength(join.getByLabel("Your name"), limits.displayName);
  await join.getByLabel("Your name").fill("Ada");
  await join.getByRole("button", { name: "Join" }).click();
  await join.locator('.connection[data-status="connected"]').waitFor();
  await waitForMaxLength(join.locator("#composer"), limits.message);
  await context.close();
});

// Waits until a field's maxlength is the server's (it is set once the limits arrive).
async function waitForMaxLength(locator, expected) {
  assert.ok(expected > 0, "the server said a limit");
  const got = await locator.evaluate(
    (el, n) =>
      new Promise((resolve) => {
        const until = performance.now() + 10_000;
        const check = () =>
          el.maxLength === n || performance.now() > until ? resolve(el.maxLength) : requestAnimationFrame(check);
        check();
      }),
    expected,
  );
  assert.equal(got, expected);
}
