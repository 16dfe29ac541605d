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
