// The moderator's console holds the meeting in one 1440×900 screen: in every live state the
// floor, the first five people in the queue, the latest messages and the message box are all
// in view without scrolling the page; the page is one screen tall and its columns scroll
// inside.
import assert from "node:assert/strict";
import { test } from "node:test";
import { consoleTab, roomWith, screenshot, useStack, waitInPage } from "./lib/harness.mjs";

const stack = useStack();
const screen = { width: 1440, height: 900 };

// Everything the moderator must see, measured where it is drawn.
async function layoutOf(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  // The conversation keeps to its newest message when its box changes size: once it has.
  await waitInPage(page, () => {
    const s = document.querySelector(".conversation .scroller");
    return s && s.scrollHeight - s.scrollTop - s.clientHeight < 2;
  });
  return page.evaluate(() => {
    const box = (e) => {
      if (!e || e.getClientRects().length === 0) return null;
      const r = e.getBoundingClientRect();
      return {
        top: Math.round(r.top),
        bottom: Math.round(r.bottom),
        left: Math.round(r.left),
        right: Math.round(r.right),
      };
    };
    const messages = [...document.querySelectorAll(".conversation .message")];
    return {
      pageHeight: document.documentElement.scrollHeight,
      pageWidth: document.documentElement.scrollWidth,
      floor: box(document.querySelector(".floor .floor-holder")),
      queue: [...document.querySelectorAll(".queue .queue-entry")].slice(0, 5).map(box),
      latest: box(messages[messages.length - 1]),
      composer: box(document.querySelector(".composer textarea")),
      send: box([...document.querySelectorAll(".composer button")].find((b) => b.textContent === "Send")),
    };
  });
}

function assertInView(layout, state) {
  const inView = (what, b) => {
    assert.ok(b, `${state}: ${what} is not shown`);
    assert.ok(
      b.top >= 0 && b.bottom <= screen.height && b.left >= 0 && b.right <= screen.width,
      `${state}: ${what} is at ${JSON.stringify(b)}, outside the ${screen.width}×${screen.height} screen`,
    );
  };
  assert.ok(layout.pageHeight <= screen.height, `${state}: the page is ${layout.pageHeight} px tall`);
  assert.ok(layout.pageWidth <= screen.width, `${state}: the page is ${layout.pageWidth} px wide`);
  inView("who has the floor", layout.floor);
  assert.equal(layout.queue.length, 5, `${state}: five people wait in the queue`);
  layout.queue.forEach((b, i) => inView(`queue entry ${i + 1}`, b));
  inView("the latest message", layout.latest);
  inView("the message box", layout.composer);
  inView("the Send button", layout.send);
}

test("the moderator's console holds the meeting in one 1440×900 screen in every live state", async () => {
  const names = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo"];
  const { room, mod, people } = await roomWith(stack, { title: "Day services: what changes first" }, ...names);
  // Everyone asks to speak; the first has the floor, five wait.
  for (const [i, page] of people.entries()) {
    const queue = page.getByRole("region", { name: /Speaking queue/ });
    if (i % 2) {
      await queue.getByText("Kind of point and topic (optional)").click();
      await queue.getByLabel("Topic (optional)").fill("Transport on Fridays and what it costs families");
    }
    await queue.getByRole("button", { name: "Raise hand" }).click();
  }
  await waitInPage(mod, () => document.querySelectorAll(".queue .queue-entry").length === 6);
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await waitInPage(mod, () => document.querySelectorAll(".queue .queue-entry").length === 5);
  // A conversation long enough to scroll.
  for (let i = 0; i < 12; i++) {
    const page = people[i % people.length];
    await page
      .getByLabel("Your message")
      .fill(`Point ${i + 1}: the minibus comes at nine, and for some of us that is far too early to be ready.`);
    await page.getByRole("button", { name: "Send", exact: true }).click();
  }
  await waitInPage(mod, () => document.querySelectorAll(".conversation .message").length >= 12);

  await screenshot(mod, "console-turn");
  assertInView(await layoutOf(mod), "a turn");

  // A pause request waits.
  const [ada, bo] = people;
  await ada.getByRole("region", { name: "Pace and support" }).getByRole("button", { name: "Ask for a pause" }).click();
  await mod
    .getByRole("region", { name: "Needs your attention" })
    .getByText(/asked for a pause/)
    .waitFor();
  await screenshot(mod, "console-pause-request");
  assertInView(await layoutOf(mod), "a pause request");
  // "End the pause" is in the moderator's status bar once the room is paused.
  await (await consoleTab(mod, "Pace and support")).getByRole("button", { name: "Pause the room" }).click();
  const endPause = mod.locator(".status-bar").getByRole("button", { name: "End the pause" });
  await endPause.waitFor();
  await endPause.click();
  await endPause.waitFor({ state: "detached" });

  // A question is open.
  const decisions = await consoleTab(mod, "Decisions");
  await decisions.getByLabel("Kind").selectOption({ label: "Consensus check on a proposal" });
  await decisions
    .getByLabel("Question or proposal")
    .fill("We ask the council to move the minibus to ten o'clock on Fridays.");
  await decisions.getByRole("button", { name: "Put it to the room" }).click();
  await mod.getByRole("region", { name: "Decisions" }).getByRole("article").waitFor();
  await screenshot(mod, "console-question");
  assertInView(await layoutOf(mod), "an open question");

  // Alerts wait: someone asks for help, and two people join with notes for the facilitators.
  await bo
    .getByRole("region", { name: "Talk with the facilitators" })
    .getByRole("button", { name: "I'm finding this hard" })
    .click();
  for (const name of ["Gus", "Hal"]) {
    const page = await (await stack.browser.newContext({ viewport: screen })).newPage();
    await page.goto(stack.server.url + room.participantPath);
    await page.getByLabel("Your name").fill(name);
    await page
      .getByLabel("What would help you take part? (optional)")
      .fill("Large print, and a little more time to answer, please.");
    await page.getByRole("button", { name: "Join" }).click();
    await page.locator('.connection[data-status="connected"]').waitFor();
  }
  const alerts = mod.getByRole("region", { name: "Needs your attention" });
  await alerts.getByText(/asks for help/).waitFor();
  // Notes from people joining fold into one alert, each note inside it.
  await alerts.getByText("2 people wrote when joining").click();
  await alerts.getByText("Hal: Large print, and a little more time to answer, please.").waitFor();
  await screenshot(mod, "console-alerts");
  assertInView(await layoutOf(mod), "alerts waiting");
});
