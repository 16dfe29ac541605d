// The three-person scenario in real Chromium: a moderator creates a room, two people join
// by link, they talk, one reloads and comes back as the same person, and the projector
// shows the conversation. axe runs on every view and state, in normal and high contrast.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, screenshot, setHighContrast, useStack } from "./lib/harness.mjs";

const stack = useStack();

async function expectAccessible(page, state) {
  for (const contrast of [false, true]) {
    await setHighContrast(page, contrast);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe violations in ${state} (${contrast ? "high contrast" : "normal"})`);
    // High contrast promises more than AA: at least 7:1 everywhere.
    if (contrast)
      assert.deepEqual(await axeViolations(page, { enhancedContrast: true }), [], `contrast below 7:1 in ${state}`);
    await screenshot(page, `${state}${contrast ? "-high-contrast" : ""}`);
  }
  await setHighContrast(page, false);
}

async function join(page, name) {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join" }).click();
  await page.locator('.connection[data-status="connected"]').waitFor();
}

async function post(page, text) {
  await page.getByLabel("Your message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(".message .text", { hasText: text }).first().waitFor();
}

function messageTexts(page) {
  return page.locator(".messages .message .text").allTextContents();
}

test("a moderator, two participants and the projector share one conversation", async () => {
  const moderatorContext = await stack.browser.newContext();
  const mod = await moderatorContext.newPage();
  await mod.goto(stack.server.url + "/");
  await expectAccessible(mod, "start");

  await mod.getByLabel("Title").fill("Carers' group <b>spring review</b>");
  await mod.getByLabel("Purpose (optional)").fill("Decide what to ask the council for.");
  await mod.getByRole("button", { name: "Create room" }).click();
  await mod.getByRole("heading", { name: "Your room is ready" }).waitFor();
  await expectAccessible(mod, "room-created");
  const participantLink = await mod.getByLabel("Participant link").inputValue();
  const projectorLink = await mod.getByLabel("Projector link").inputValue();
  assert.match(participantLink, /\/r\/[a-z0-9]+#code=/);

  await mod.getByRole("link", { name: "Open the room as moderator" }).click();
  await mod.getByRole("heading", { name: "Join as moderator" }).waitFor();
  await join(mod, "Mo");
  await mod.getByRole("heading", { name: "Moderator tools" }).waitFor();
  // The title is shown as text, never as markup.
  assert.equal(await mod.getByRole("heading", { level: 1 }).textContent(), "Carers' group <b>spring review</b>");

  const adaContext = await stack.browser.newContext();
  const ada = await adaContext.newPage();
  await ada.goto(participantLink);
  await ada.getByRole("heading", { name: "Join the meeting" }).waitFor();
  await expectAccessible(ada, "join");
  await join(ada, "Ada");

  const boContext = await stack.browser.newContext();
  const bo = await boContext.newPage();
  await bo.goto(participantLink);
  await join(bo, "Bo");

  await post(ada, "Hello everyone, I'm Ada.");
  await post(bo, "Hi Ada — <script>alert(1)</script> is just text here.");
  await post(mod, "Welcome both. Let's begin.");
  for (const page of [mod, ada, bo]) {
    await page.locator(".message .text", { hasText: "Let's begin" }).waitFor();
    assert.deepEqual(await messageTexts(page), [
      "Hello everyone, I'm Ada.",
      "Hi Ada — <script>alert(1)</script> is just text here.",
      "Welcome both. Let's begin.",
    ]);
  }
  await expectAccessible(ada, "participant");
  await expectAccessible(mod, "moderator");

  // Ada reloads: the device remembers her, so she is back as the same person with the history.
  await ada.reload();
  await ada.getByRole("heading", { name: "Conversation" }).waitFor();
  await ada.locator(".message .text", { hasText: "Let's begin" }).waitFor();
  assert.equal(await ada.getByRole("heading", { name: "Join the meeting" }).count(), 0);
  assert.equal(await messageTexts(ada).then((t) => t.length), 3);
  assert.equal(await ada.locator(".message.mine .text").first().textContent(), "Hello everyone, I'm Ada.");
  await ada.locator(".people li", { hasText: "Ada" }).getByText("you").waitFor();
  // The others still see one Ada, present.
  await bo.locator(".people li", { hasText: "Ada" }).waitFor();
  assert.equal(await bo.locator(".people li", { hasText: "Ada" }).count(), 1);
  await post(ada, "Back again after a reload.");
  await bo.locator(".message .text", { hasText: "Back again" }).waitFor();

  const projectorContext = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const projector = await projectorContext.newPage();
  await projector.goto(projectorLink);
  await projector.locator(".projector-messages li", { hasText: "Back again" }).waitFor();
  assert.equal(await projector.getByRole("textbox").count(), 0, "the projector has no controls to type in");
  assert.deepEqual(await axeViolations(projector), [], "axe violations on the projector view");
  await screenshot(projector, "projector");

  await post(bo, "Can the screen see this?");
  await projector.locator(".projector-messages li", { hasText: "Can the screen see this?" }).waitFor();

  for (const c of [moderatorContext, adaContext, boContext, projectorContext]) await c.close();
});

test("the participant view works at 320 px wide and at 200% text size", async () => {
  const context = await stack.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(stack.server.url + "/");
  await page.getByLabel("Title").fill("Narrow screen");
  await page.getByRole("button", { name: "Create room" }).click();
  const link = await page.getByLabel("Participant link").inputValue();
  await page.goto(link);
  await join(page, "Sam");
  await page.getByRole("button", { name: "Display settings" }).click();
  await page.getByLabel("Text size").selectOption("200");
  await page.getByRole("button", { name: "Display settings" }).click();
  await post(page, "A long message that has to wrap on a very narrow screen without being cut off at all.");
  // Nothing scrolls sideways: the content fits the viewport.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, "participant-320px-200pct");
  await context.close();
});
