// Accessible pacing in the browser: a reading pace with a visible "up next" line, a
// participant reading one message at a time and asking for a pause by keyboard, and the
// moderator seeing the room's stated needs. axe stays at zero violations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, screenshot, useStack, joinAs } from "./lib/harness.mjs";

const stack = useStack();

test("reading pace, one message at a time, a pause asked for by keyboard, and the room's needs", async () => {
  const api = await stack.browser.newContext();
  const room = await (
    await api.request.post(stack.server.url + "/api/rooms", { data: { title: "Paced room" } })
  ).json();
  const base = stack.server.url;
  const contexts = await Promise.all([0, 1, 2].map(() => stack.browser.newContext()));
  const mod = await joinAs(contexts[0], base + room.moderatorPath, "Mo");
  const ada = await joinAs(contexts[1], base + room.participantPath, "Ada");
  const bo = await joinAs(contexts[2], base + room.participantPath, "Bo");

  // Ada says what helps her, and lets moderators see it with her name.
  const support = ada.getByRole("region", { name: "Pace and support" });
  await support.getByText("Say what helps you take part").click(); // folded away during the meeting
  await support.getByLabel("A slower pace").check();
  await support.getByLabel("I'd like the facilitator to check in with me").check();
  await support.getByLabel("Moderators may see this with my name").check();
  await support.getByRole("button", { name: "Save what helps me" }).click();
  await support.getByText("Saved.").waitFor();
  const pace = (await consoleTab(mod, "Pace and support")).getByRole("region", { name: "Pace", exact: true });
  await pace.getByText("1 person: a slower pace").waitFor();
  await pace.getByText("Ada: a slower pace, i'd like the facilitator to check in with me").waitFor();
  // Her check-in request is also an alert at the top of the moderator's screen.
  const alerts = mod.getByRole("region", { name: "Needs your attention" });
  await alerts.getByText("Ada would like you to check in with them.").waitFor();

  // The moderator asks the room first: an anonymous consensus check; both agree; adopted.
  await pace.getByLabel("Reading pace, words a minute (0: off; 120–250 suits most)").fill("120");
  await pace.getByLabel("At least this many seconds between messages").fill("2");
  await pace.getByRole("button", { name: "Ask the room first" }).click();
  const asked = (page) =>
    page
      .getByRole("region", { name: "Decisions" })
      .getByRole("article", { name: /Shall we use a reading pace of 120/ });
  for (const page of [ada, bo]) {
    const ask = asked(page);
    await ask.getByText("anonymous: nobody sees who answered what", { exact: false }).waitFor();
    await ask.getByLabel("Agree", { exact: true }).check();
    await ask.getByRole("button", { name: "Send my answer" }).click();
    await ask.getByText("Your answer: Agree").waitFor();
  }
  const modAsk = asked(mod);
  await modAsk.getByRole("table", { name: "So far: 2 of 2 answered" }).waitFor();
  await modAsk.getByLabel("Adopt the change of pace (not while anyone blocks)").check();
  await modAsk.getByRole("button", { name: "Close and record" }).click();
  const record = mod
    .getByRole("list", { name: "Decisions recorded" })
    .getByRole("listitem")
    .filter({ hasText: "Shall we use" });
  await record.getByText(/Change of pace to a reading pace of 120 words a minute, .* and .*: adopted\./).waitFor();
  assert.equal(await pace.getByLabel("Reading pace, words a minute (0: off; 120–250 suits most)").inputValue(), "120");

  // Ada reads one message at a time.
  await ada.getByRole("button", { name: "Display settings" }).click();
  await ada.getByLabel("One message at a time").check();
  await ada.getByRole("button", { name: "Display settings" }).click();

  const composer = bo.getByRole("textbox", { name: "Your message" });
  for (const text of ["First point, quite short.", "Second point.", "Third point."]) {
    await composer.fill(text);
    await composer.press("Enter");
    // The Send button is busy until the server has saved the message.
    await bo.locator('button[aria-busy="true"]').waitFor({ state: "detached" });
    assert.equal(await composer.inputValue(), "");
  }
  await bo.locator(".up-next", { hasText: "up next" }).waitFor();
  await bo.locator(".my-release", { hasText: "Your message will appear in about" }).waitFor();
  assert.deepEqual(await axeViolations(bo), []);
  await screenshot(bo, "pacing-up-next");
  // All three reach Mo in order, paced.
  await mod.locator(".message .text", { hasText: "Third point." }).waitFor({ timeout: 20000 });
  assert.deepEqual(await mod.locator(".messages .message .text").allTextContents(), [
    "First point, quite short.",
    "Second point.",
    "Third point.",
  ]);

  // Ada's messages wait for her: she moves on with a button.
  const next = ada.getByRole("button", { name: /Show the next message \(\d+ waiting\)/ });
  await ada.getByRole("button", { name: "Show the next message (3 waiting)" }).waitFor({ timeout: 20000 });
  assert.equal(await ada.locator(".messages .message").count(), 0);
  await next.click();
  assert.deepEqual(await ada.locator(".messages .message .text").allTextContents(), ["First point, quite short."]);
  await ada.getByRole("button", { name: "Show the next message (2 waiting)" }).waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "pacing-one-at-a-time");

  // Ada asks for a pause by keyboard alone.
  await support.getByRole("radio", { name: "Please slow down" }).focus();
  await ada.keyboard.press("Space");
  await ada.keyboard.press("Tab");
  await ada.keyboard.press("Space"); // ask without my name
  await ada.keyboard.press("Tab");
  assert.equal(await ada.evaluate(() => document.activeElement?.textContent), "Ask for a pause");
  await ada.keyboard.press("Enter");
  await pace.getByText("1 person has asked for a pause.").waitFor();
  await pace.getByRole("button", { name: "Pause the room" }).click();
  for (const page of [ada, bo, mod])
    await page.locator(".pause-banner", { hasText: "Paused: someone asked to slow down — take your time." }).waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "pacing-paused");
  await pace.getByRole("button", { name: "End the pause" }).click();
  await ada.locator(".pause-banner").waitFor({ state: "hidden" });

  for (const c of [api, ...contexts]) await c.close();
});
