// The room's screen, read from the back of a room: in every state it shows, it fits a
// 1920×1080 projector, no text is under 24 px, axe finds nothing, and every text has a
// contrast of at least 7:1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, expectProjectorFits, roomWith, screenshot, useStack } from "./lib/harness.mjs";

const stack = useStack();

async function expectReadable(projector, state) {
  await expectProjectorFits(projector).catch((err) => assert.fail(`${state}: ${err.message}`));
  assert.deepEqual(await axeViolations(projector), [], `axe violations on the projector: ${state}`);
  assert.deepEqual(
    await axeViolations(projector, { enhancedContrast: true }),
    [],
    `contrast below 7:1 on the projector: ${state}`,
  );
  await screenshot(projector, `projector-${state}`);
}

test("every state of the room's screen fits 1920×1080, reads at 24 px and has 7:1 contrast", async () => {
  const {
    room,
    mod,
    people: [ada, bo, cy],
  } = await roomWith(stack, { title: "Day services: what changes first" }, "Ada", "Bo", "Cy");
  const projector = await (await stack.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(stack.server.url + room.participantPath.replace("#code=", "/projector#code="));
  await projector.getByRole("heading", { name: "Day services: what changes first" }).waitFor();
  // Short turns, so that the clock's warning and "time is up" come within the test.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("Length of a turn (seconds)").fill("10");
  await running.getByLabel("Warn this many seconds before the end (0: no warning)").fill("8");
  await running.getByLabel("When time is up").selectOption({ label: "Show overtime; I decide" });
  await running.getByRole("button", { name: "Save turn settings" }).click();

  for (const [page, text] of [
    [ada, "The minibus comes at nine, which is too early for some of us."],
    [bo, "Could it come at ten on Fridays?"],
  ]) {
    await page.getByLabel("Your message").fill(text);
    await page.keyboard.press("Enter");
  }
  await projector.getByText("Could it come at ten on Fridays?").waitFor();
  await expectReadable(projector, "open-conversation");

  // A turn, with people waiting.
  for (const page of [ada, bo, cy])
    await page
      .getByRole("region", { name: /Speaking queue/ })
      .getByRole("button", { name: "Raise hand" })
      .click();
  await mod.locator(".queue .queue-entry").nth(2).waitFor();
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await projector.locator(".projector-floor", { hasText: "Ada" }).waitFor();
  await mod.locator(".floor").getByRole("button", { name: "Pause the clock" }).click();
  await projector.locator('.projector-floor-section[data-clock="paused"]').waitFor();
  await expectReadable(projector, "turn-clock-paused");
  await mod.locator(".floor").getByRole("button", { name: "Resume the clock" }).click();
  await projector.locator('.projector-floor-section[data-clock="warning"]').waitFor();
  await expectReadable(projector, "turn-warning");
  await projector.locator('.projector-floor-section[data-clock="timeUp"]').waitFor({ timeout: 20000 });
  await expectReadable(projector, "turn-time-up");

  // The room pauses.
  await (await consoleTab(mod, "Pace and support")).getByRole("button", { name: "Pause the room" }).click();
  await projector.locator(".projector-pause", { hasText: "Paused" }).waitFor();
  await expectReadable(projector, "room-paused");
  await mod.locator(".status-bar").getByRole("button", { name: "End the pause" }).click();
  await projector.locator(".projector-pause", { hasText: "Paused" }).waitFor({ state: "hidden" });

  // A poll, then a consensus check blocked and closed as not agreed.
  const decisions = await consoleTab(mod, "Decisions");
  await decisions.getByLabel("Kind").selectOption({ label: "Poll: one choice" });
  await decisions.getByLabel("Question or proposal").fill("Which day should the minibus come later?");
  await decisions.getByLabel("Options, one per line").fill("Monday\nWednesday\nFriday");
  await decisions.getByRole("button", { name: "Put it to the room" }).click();
  for (const [page, option] of [
    [ada, "Friday"],
    [bo, "Friday"],
    [cy, "Monday"],
  ]) {
    const q = page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /minibus come later/ });
    await q.getByLabel(option, { exact: true }).check();
    await q.getByRole("button", { name: "Send my answer" }).click();
  }
  await projector.getByRole("table", { name: "So far: 3 of 3 answered" }).waitFor();
  await expectReadable(projector, "poll-open");
  const poll = mod.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /minibus come later/ });
  await poll.getByRole("button", { name: "Close and record" }).click();
  await projector.getByText("Result: Which day should the minibus come later?").waitFor();
  await expectReadable(projector, "poll-result");

  await decisions.getByLabel("Kind").selectOption({ label: "Consensus check on a proposal" });
  await decisions
    .getByLabel("Question or proposal")
    .fill("We ask the council to move the minibus to ten o'clock on Fridays.");
  await decisions.getByRole("button", { name: "Put it to the room" }).click();
  for (const [page, answer] of [
    [ada, "Agree"],
    [bo, "Agree"],
    [cy, "Block"],
  ]) {
    const q = page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /ten o'clock/ });
    await q.getByLabel(answer, { exact: true }).check();
    if (answer === "Block") await q.getByLabel(/reason/i).fill("Carers start work at nine; ten is too late for them.");
    await q.getByRole("button", { name: "Send my answer" }).click();
  }
  await projector.getByRole("table", { name: "So far: 3 of 3 answered" }).waitFor();
  await expectReadable(projector, "consensus-open");
  const check = mod.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /ten o'clock/ });
  await check.getByLabel("Not agreed", { exact: true }).check();
  await check.getByRole("button", { name: "Close and record" }).click();
  await projector
    .getByText(/Not agreed/)
    .first()
    .waitFor();
  await projector.getByText(/Carers start work at nine/).waitFor();
  await expectReadable(projector, "consensus-not-agreed");

  for (const p of [mod, ada, bo, cy, projector]) await p.context().close();
});
