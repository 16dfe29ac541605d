// Keyboard only: join, post and leave without a mouse, checking where focus lands.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useStack } from "./lib/harness.mjs";

const stack = useStack();

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return { tag: el?.tagName.toLowerCase(), label, text: el?.textContent?.trim() ?? "" };
  });

// Puts the keyboard's starting point at the top of the page, as after loading it.
const fromTopOfPage = (page) =>
  page.evaluate(() => {
    document.body.setAttribute("tabindex", "-1");
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });

test("join, post and leave by keyboard alone", async () => {
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  const created = await page.request.post(stack.server.url + "/api/rooms", { data: { title: "Keyboard room" } });
  const room = await created.json();
  await page.goto(stack.server.url + room.participantPath);
  await page.getByRole("heading", { name: "Join the meeting" }).waitFor();

  // The name field has focus as the form opens.
  assert.deepEqual(await focused(page).then((f) => f.label), "Your name");
  await page.keyboard.type("Kay");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Conversation" }).waitFor();

  // After joining, focus is in the composer.
  await page.locator("textarea:focus").waitFor();
  assert.equal((await focused(page)).label, "Your message");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await page.locator(".message .text", { hasText: "Typed without a mouse" }).waitFor();
  assert.equal((await focused(page)).label, "Your message", "focus stays in the composer after sending");
  assert.equal(await page.getByLabel("Your message").inputValue(), "", "the composer is cleared once saved");

  // The first Tab from the top of the page reaches the skip link, which leads to the conversation.
  await fromTopOfPage(page);
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).text, "Skip to the conversation");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => location.hash), "#conversation");

  // Leave is reachable with Tab and works with Enter; focus lands on the confirmation.
  await fromTopOfPage(page);
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press("Tab");
    found = (await focused(page)).text === "Leave room";
  }
  assert.ok(found, "the Leave button is reachable by Tab");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "You have left the room" }).waitFor();
  const f = await focused(page);
  assert.equal(f.tag, "h1");
  assert.equal(f.text, "You have left the room");
  await context.close();
});

test("the conversation is one Tab stop however long, the arrow keys move through it, and a pause is two keys away", async () => {
  const { roomWith } = await import("./lib/harness.mjs");
  const {
    mod,
    people: [ada],
  } = await roomWith(stack, { title: "Tab stops" }, "Ada");
  // Counts the Tab presses from the conversation's heading to the message box.
  const tabsToComposer = async (page) => {
    await page.evaluate(() => {
      const heading = document.getElementById("conversation-heading");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    });
    for (let n = 1; n <= 60; n++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.id === "composer")) return n;
    }
    return Infinity;
  };
  const post = async (text) => {
    await ada.getByLabel("Your message").fill(text);
    await ada.keyboard.press("Enter");
    await mod.locator(".conversation .message", { hasText: text }).waitFor();
  };
  await post("The first thing.");
  const before = await tabsToComposer(mod);
  for (let i = 2; i <= 12; i++) await post(`Thing number ${i}.`);
  assert.equal(await tabsToComposer(mod), before, "twelve messages, each with its Remove button, add no Tab stop");

  // In the list: Up goes to the latest message, then the one before; Tab reaches its action.
  await mod.locator(".conversation .scroller").focus();
  await mod.keyboard.press("ArrowUp");
  assert.match(await mod.evaluate(() => document.activeElement?.textContent ?? ""), /Thing number 12\./);
  await mod.keyboard.press("ArrowUp");
  assert.match(await mod.evaluate(() => document.activeElement?.textContent ?? ""), /Thing number 11\./);
  await mod.keyboard.press("Tab");
  assert.equal(await mod.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Remove this message");
  await mod.keyboard.press("Escape");
  assert.match(await mod.evaluate(() => document.activeElement?.textContent ?? ""), /Thing number 11\./);
  await mod.keyboard.press("Home");
  assert.match(await mod.evaluate(() => document.activeElement?.textContent ?? ""), /The first thing\./);
  await mod.keyboard.press("End");
  assert.match(await mod.evaluate(() => document.activeElement?.textContent ?? ""), /Thing number 12\./);
  // Leaving the list and coming back with Shift+Tab lands on the list, not inside a message.
  await mod.keyboard.press("Tab"); // its Remove button
  await mod.keyboard.press("Tab"); // its Action button
  assert.equal(
    await mod.evaluate(() => document.activeElement?.getAttribute("aria-label")),
    "Record an action from this message",
  );
  await mod.keyboard.press("Tab"); // out of the list
  assert.equal(await mod.evaluate(() => document.activeElement?.closest(".scroller")), null);
  await mod.keyboard.press("Shift+Tab");
  assert.equal(await mod.evaluate(() => document.activeElement?.classList.contains("scroller")), true);

  // Alt+Shift+P, then Enter: the pause is asked for.
  await ada.keyboard.press("Alt+Shift+P");
  assert.equal(await ada.evaluate(() => document.activeElement?.labels?.[0]?.textContent), "I need a moment");
  await ada.keyboard.press("Enter");
  await ada.getByText("Asked. The moderator can see it.").waitFor();
  await mod
    .getByRole("region", { name: "Needs your attention" })
    .getByText(/asked for a pause/)
    .waitFor();

  // The moderator's status bar ends the pause; the participant's says the meeting is on.
  await mod.getByRole("region", { name: "Needs your attention" }).getByRole("button", { name: "Pause now" }).click();
  await mod.locator(".status-bar").getByRole("button", { name: "End the pause" }).click();
  await ada.locator(".status-bar").getByText("The meeting is on: nothing waits for you").waitFor();

  // The room's figures redraw every message when they change: a control that has focus keeps it.
  await mod.locator(".conversation .scroller").focus();
  await mod.keyboard.press("ArrowUp");
  await mod.keyboard.press("Tab"); // its Remove button
  await mod.keyboard.press("Tab"); // its Action button
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  // Ada waits now: the moderator's figures say so once they have come, and been drawn.
  await mod.locator(".balance tbody tr", { hasText: "Ada" }).locator("td").last().filter({ hasNotText: "—" }).waitFor();
  assert.equal(
    await mod.evaluate(() => document.activeElement?.getAttribute("aria-label")),
    "Record an action from this message",
  );
  for (const p of [mod, ada]) await p.context().close();
});
