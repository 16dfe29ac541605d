// Earlier history on demand: a room keeps only its recent events for someone joining; the
// rest loads a page at a time above the conversation, without moving the reader's place,
// until the start of the room's record.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, joinAs, laptop, roomWith, useStack } from "./lib/harness.mjs";

// Few events in memory, so that a short meeting already has earlier history in Redis only.
const stack = useStack(["--recent-events", "8"]);

test("a participant who joins late loads the earlier conversation, page by page, keeping their place", async () => {
  const {
    room,
    people: [ada],
  } = await roomWith(stack, { title: "A long conversation" }, "Ada");
  const composer = ada.getByRole("textbox", { name: "Your message" });
  const said = Array.from({ length: 60 }, (_, i) => `Point ${i + 1} about the waiting list.`);
  for (const text of said) {
    await composer.fill(text);
    await composer.press("Enter");
    await ada.locator(".message .text", { hasText: text }).waitFor();
  }

  const bo = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.participantPath, "Bo");
  await bo.locator(".message .text", { hasText: said[59] }).waitFor();
  assert.equal(
    await bo.locator(".message .text", { hasText: said[0] }).count(),
    0,
    "only the recent events come at first",
  );
  const earlier = bo.getByRole("button", { name: "Load earlier messages" });
  await earlier.waitFor();

  // The reader's place: the first message shown now stays where it is in the conversation's
  // view (the page itself may scroll to the button).
  // Measured in one step in the page: every message line is drawn again when a participation
  // report comes, which two separate reads could fall between and find the line gone.
  const anchorText = await bo.locator(".message .text").first().textContent();
  const place = () =>
    bo.evaluate((text) => {
      const line = [...document.querySelectorAll(".message .text")].find((e) => e.textContent === text);
      const scroller = document.querySelector(".conversation .scroller");
      return line.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    }, anchorText);
  const before = await place();
  await earlier.click();
  await bo.locator(".message .text", { hasText: said[15] }).waitFor({ state: "attached" });
  assert.ok(Math.abs((await place()) - before) < 2, "loading earlier messages does not move the reader");

  // Page by page: each page is in (the button usable again, or the start reached) before the next.
  const settled = bo.locator(".load-earlier:enabled:visible, .record-start:visible").first();
  while (await earlier.isVisible()) {
    await earlier.click();
    await settled.waitFor();
  }
  await bo.getByText("This is the start of the room's record.").waitFor();
  const shown = await bo.locator(".message .text").allTextContents();
  assert.deepEqual(shown, said, "every message once, in order, with no gap");
  assert.deepEqual(await axeViolations(bo), []);
});

// Enter pressed again before the last message was saved (a quick typist, a slow network): the
// new one is sent as soon as the one before is saved, never silently kept back.
test("a message sent while the one before is still being saved goes after it, in order", async () => {
  const {
    people: [ada],
  } = await roomWith(stack, { title: "Quick typing" }, "Ada");
  // Both in one step of the page, so the second surely comes while the first is being saved.
  await ada.evaluate(() => {
    const box = document.getElementById("composer");
    box.value = "First, quickly.";
    box.form.requestSubmit();
    box.value = "Second, just after.";
    box.form.requestSubmit();
  });
  await ada.locator(".message .text", { hasText: "Second, just after." }).waitFor();
  assert.deepEqual(await ada.locator(".message .text").allTextContents(), ["First, quickly.", "Second, just after."]);
  assert.equal(await ada.getByRole("textbox", { name: "Your message" }).inputValue(), "");
});
