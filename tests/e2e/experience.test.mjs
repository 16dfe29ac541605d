// The meeting experience, tried as new users would: a moderator running a meeting from one
// screen on a laptop, a participant on a 360 px phone, a screen-reader user in a burst of
// messages, and the projector. Each test names the problem of the meeting-experience issue
// it proves fixed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  axeViolations,
  consoleTab,
  joinAs,
  recordAnnouncements,
  roomWith,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

const stack = useStack();
const laptop = { width: 1440, height: 900 };
const phone = { width: 360, height: 740 };

async function newRoom(title) {
  const api = await stack.browser.newContext();
  const res = await api.request.post(stack.server.url + "/api/rooms", { data: { title } });
  const room = await res.json();
  await api.close();
  return {
    participant: stack.server.url + room.participantPath,
    moderator: stack.server.url + room.moderatorPath,
    projector: stack.server.url + room.projectorPath,
  };
}

async function page(viewport) {
  return stack.browser.newContext({ viewport });
}

// Joins with a note for the moderators, as the join form offers.
async function joinWithNote(context, link, name, note) {
  const p = await context.newPage();
  await p.goto(link);
  await p.getByLabel("Your name").fill(name);
  await p.getByLabel("What would help you take part? (optional)").fill(note);
  await p.getByRole("button", { name: "Join" }).click();
  await p.locator('.connection[data-status="connected"]').waitFor();
  return p;
}

async function inViewport(locator, viewport) {
  const box = await locator.boundingBox();
  assert.ok(box, "the element is shown");
  const inside =
    box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
  if (!inside) console.log("outside the viewport:", JSON.stringify(box));
  return inside;
}

async function expectNoAxe(p, name) {
  assert.deepEqual(await axeViolations(p), [], name);
  await screenshot(p, name);
}

test("1, 2, 3: the moderator runs the meeting from one screen, sees alerts with their actions, and each person's join note", async () => {
  const links = await newRoom("Console");
  const mod = await joinAs(await page(laptop), links.moderator, "Mo");
  const ada = await joinWithNote(
    await page(laptop),
    links.participant,
    "Ada",
    "I use a screen reader; please describe slides",
  );
  const bo = await joinAs(await page(laptop), links.participant, "Bo");

  // 3. The note reaches the moderators beside Ada's name, and Ada herself; nobody else.
  const modPeople = mod.getByRole("region", { name: /People here/ });
  await modPeople
    .locator("li", { hasText: "Ada" })
    .getByText("I use a screen reader; please describe slides")
    .waitFor();
  await ada
    .getByRole("region", { name: /People here/ })
    .getByText("You wrote: I use a screen reader; please describe slides")
    .waitFor();
  await mod
    .getByRole("region", { name: "Needs your attention" })
    .getByText("Ada wrote when joining: I use a screen reader; please describe slides")
    .waitFor();
  await bo
    .getByRole("region", { name: /People here/ })
    .locator("li", { hasText: "Ada" })
    .waitFor();
  assert.equal(await bo.getByText("I use a screen reader").count(), 0);

  // 1. Floor, queue, conversation, composer and the console's tabs are all in view on a laptop.
  const people = await consoleTab(mod, "People in the room");
  await people.getByLabel("Name", { exact: true }).fill("Dee");
  await people.getByRole("button", { name: "Add to the room" }).click();
  await people.getByRole("button", { name: "Raise a hand for Dee" }).click();
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await mod.getByText("Dee has the floor.").waitFor();
  await screenshot(mod, "console-laptop-in-view");
  for (const [what, locator] of [
    ["the floor", mod.getByRole("heading", { name: "The floor" })],
    ["the queue", mod.locator("#queue-heading")],
    ["the conversation", mod.getByRole("heading", { name: "Conversation" })],
    ["the composer", mod.getByRole("textbox", { name: "Your message" })],
    ["recording Dee's words", mod.getByRole("textbox", { name: "What they said" })],
    ["the console's tabs", mod.getByRole("tab", { name: "Run the meeting" })],
  ])
    assert.ok(await inViewport(locator, laptop), `${what} is in view without scrolling`);
  const pageHeight = await mod.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(pageHeight <= 2 * laptop.height, `the moderator's page is ${pageHeight} px high`);
  // The tabs work by keyboard: arrows move between them.
  await mod.getByRole("tab", { name: "People in the room" }).focus();
  await mod.keyboard.press("ArrowRight");
  assert.equal(await mod.evaluate(() => document.activeElement?.textContent), "Room details");
  await mod.getByRole("tabpanel", { name: "Room details" }).getByLabel("Title", { exact: true }).waitFor();
  await expectNoAxe(mod, "console-laptop");

  // 2. A pause request is an alert with "Pause now".
  const support = ada.getByRole("region", { name: "Pace and support" });
  await support.getByRole("button", { name: "Ask for a pause" }).click();
  const alerts = mod.getByRole("region", { name: "Needs your attention" });
  await alerts.getByText("1 person has asked for a pause: someone needs a moment.").waitFor();
  await expectNoAxe(mod, "console-alert-pause");
  await alerts.getByRole("button", { name: "Pause now" }).click();
  await ada.locator(".pause-banner").waitFor();
  await alerts.getByText(/asked for a pause/).waitFor({ state: "detached" });
  await mod.locator(".floor").getByRole("button", { name: "End this turn" }).click();
  await (await consoleTab(mod, "Pace and support")).getByRole("button", { name: "End the pause" }).click();

  // 2. An invitation's answer is shown, whatever it is; an accepted one offers the floor.
  const balance = mod.getByRole("region", { name: "Balance of voices" });
  await balance.getByRole("button", { name: "Invite Bo to speak" }).click();
  await bo
    .getByRole("region", { name: "You are invited to speak" })
    .getByRole("button", { name: "I would like some support first" })
    .click();
  await alerts.getByText("Bo would like some support before speaking.").waitFor();
  await balance.getByRole("button", { name: "Invite Ada to speak" }).click();
  await ada
    .getByRole("region", { name: "You are invited to speak" })
    .getByRole("button", { name: "Yes, put me in the queue" })
    .click();
  await alerts.getByText("Ada accepted the invitation to speak; their hand is up.").waitFor();
  await alerts.getByRole("button", { name: "Give the floor to Ada" }).click();
  await ada.locator(".floor").getByText("You have the floor.").waitFor();
  await alerts.getByRole("button", { name: "Dismiss: Bo would like some support before speaking." }).click();
  await alerts.getByText("Bo would like some support").waitFor({ state: "detached" });

  for (const p of [mod, ada, bo]) await p.context().close();
});

test("4, 5: on a phone, the status bar keeps the person's own state in view, and the agenda is shown everywhere", async () => {
  const links = await newRoom("Phone");
  const mod = await joinAs(await page(laptop), links.moderator, "Mo");
  const cy = await joinAs(await page(phone), links.participant, "Cy");
  const projector = await (await page({ width: 1920, height: 1080 })).newPage();
  await projector.goto(links.projector);
  await projector.locator(".projector-title", { hasText: "Phone" }).waitFor();

  // 4. An agenda item: at the top of every view, on the projector, and in the conversation.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("An item nobody planned").fill("Transport to the clinic");
  await running.getByRole("button", { name: "Start it now" }).click();
  for (const p of [mod, cy]) {
    await p.locator(".agenda-now", { hasText: "Now discussing: 1 of 1 — Transport to the clinic" }).waitFor();
    await p.locator(".turn-note", { hasText: "Now discussing: 1 of 1 — Transport to the clinic" }).waitFor();
  }
  await projector.getByText("Now discussing: 1 of 1 — Transport to the clinic").waitFor();
  await running
    .getByRole("list", { name: "The agenda, to plan and run" })
    .getByText("Transport to the clinic", { exact: true })
    .waitFor();

  // 5. Cy chooses to be taken to their own moments (and Escape closes the display settings).
  await cy.getByRole("button", { name: "Display settings" }).click();
  await cy.getByLabel("Take me to my own moments").check();
  await cy.keyboard.press("Escape");
  assert.equal(await cy.getByRole("region", { name: "Display settings" }).count(), 0);
  assert.equal(await cy.evaluate(() => document.activeElement?.textContent), "Display settings");
  // Cy is reading at the bottom of the page when the moderator's invitation comes.
  await cy.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await mod
    .getByRole("region", { name: "Balance of voices" })
    .getByRole("button", { name: "Invite Cy to speak" })
    .click();
  const bar = cy.getByRole("region", { name: "Your status" });
  await bar.getByText("You are invited to speak").waitFor();
  await waitInPage(cy, () => document.activeElement?.id === "invitation-heading");
  assert.ok(await inViewport(cy.locator("#invitation-heading"), phone), "the invitation is brought into view");
  await cy
    .getByRole("region", { name: "You are invited to speak" })
    .getByRole("button", { name: "Yes, put me in the queue" })
    .click();

  // The bar at the top says where Cy stands, wherever Cy is on the page.
  await cy.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await bar.getByText("You are next to speak").waitFor();
  assert.ok(await inViewport(bar, phone), "the status bar is in view after scrolling");
  await cy.getByRole("textbox", { name: "Your message" }).focus();
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await bar.getByText(/You have the floor — \d:\d\d left/).waitFor();
  assert.ok(await inViewport(bar.getByText(/You have the floor/), phone), "'You have the floor' is in view");
  // The clock ticks in place: the entry a screen reader (or this test) holds is the one that counts down.
  const clock = await bar.getByText(/You have the floor/).elementHandle();
  const before = await clock.textContent();
  await waitInPage(cy, ([el, was]) => el.textContent !== was, [clock, before]);
  assert.ok(await clock.evaluate((el) => el.isConnected), "the clock's entry is still the one shown");
  await waitInPage(cy, () => document.activeElement?.id === "floor-heading");
  await expectNoAxe(cy, "phone-status-bar");
  // "Go to it" takes focus back there from wherever the person is.
  await cy.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await cy.getByRole("textbox", { name: "Your message" }).focus();
  await bar.getByRole("button", { name: "Go to it" }).click();
  assert.equal(await cy.evaluate(() => document.activeElement?.id), "floor-heading");
  assert.ok(await inViewport(cy.locator("#floor-heading"), phone));

  for (const p of [mod, cy, projector]) await p.context().close();
});

test("6, 7: the clock warns and says time is up in words on every screen, and the projector shows the room's state", async () => {
  const links = await newRoom("Clock");
  const mod = await joinAs(await page(laptop), links.moderator, "Mo");
  const ada = await joinAs(await page(laptop), links.participant, "Ada");
  const bo = await joinAs(await page(laptop), links.participant, "Bo");
  const projector = await (await page({ width: 1920, height: 1080 })).newPage();
  await projector.goto(links.projector);
  // 6. The projector is not a person: two participants and a moderator are here.
  await projector.getByText("3 people here").waitFor();
  await mod.getByRole("heading", { name: "People here (3)" }).waitFor();

  // Short turns that flag overtime, so that each state can be seen.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("Length of a turn (seconds)").fill("10");
  await running.getByLabel("Warn this many seconds before the end (0: no warning)").fill("7");
  await running.getByLabel("When time is up").selectOption({ label: "Show overtime; I decide" });
  await running.getByRole("button", { name: "Save turn settings" }).click();
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();

  // 7. The warning: words and an icon, not colour alone, for the speaker, the others and the room.
  for (const p of [ada, bo]) await p.locator(".floor .clock-state", { hasText: "Time is nearly up" }).waitFor();
  await projector.locator(".projector-clock-state", { hasText: "Time is nearly up" }).waitFor();
  await ada
    .getByRole("region", { name: "Your status" })
    .locator(".status-item", { hasText: /You have the floor/ })
    .locator("svg.icon-warning")
    .waitFor();
  await expectNoAxe(projector, "projector-warning");
  // Time up, then overtime, read as "4 s over time", never "−0:04".
  for (const p of [ada, bo])
    await p.locator(".floor .clock-state", { hasText: "Time is up" }).waitFor({ timeout: 15000 });
  await projector.locator(".projector-clock-state", { hasText: "Time is up" }).waitFor();
  // Drawn, not an emoji (which Debian's Chromium shows as an empty box), and readable on black.
  await projector.locator(".projector-clock-state svg.icon").waitFor();
  assert.equal(await projector.getByText("⏱").count(), 0);
  await ada.locator(".floor-clock", { hasText: /^\d+ s over time$/ }).waitFor();
  assert.doesNotMatch(await projector.locator(".projector-clock").textContent(), /−/);
  await expectNoAxe(ada, "clock-time-up");
  await screenshot(projector, "projector-time-up");

  // 6. The projector holds "time is up" for a moment after the turn ends, then moves on.
  await running.getByLabel("When time is up").selectOption({ label: "End the turn" });
  await running.getByRole("button", { name: "Save turn settings" }).click();
  await bo
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await mod.locator(".floor").getByRole("button", { name: "Pass the floor to the next person" }).click();
  await projector.getByText("Bo has the floor").waitFor();
  await projector.getByText("Bo: time is up").waitFor({ timeout: 15000 });
  await projector.getByText("Nobody has the floor").waitFor({ timeout: 10000 });

  // 6. A pause, with its reason, and the agenda item.
  await running.getByLabel("An item nobody planned").fill("Parking");
  await running.getByRole("button", { name: "Start it now" }).click();
  await bo.getByRole("region", { name: "Pace and support" }).getByRole("button", { name: "Ask for a pause" }).click();
  await mod.getByRole("region", { name: "Needs your attention" }).getByRole("button", { name: "Pause now" }).click();
  await projector.getByText("Paused: someone needs a moment. Take your time.").waitFor();
  await projector.getByText("Now discussing: 1 of 1 — Parking").waitFor();
  await expectNoAxe(projector, "projector-paused");

  for (const p of [mod, ada, bo, projector]) await p.context().close();
});

test("8: a screen reader hears every message of a burst, in order, and can skip what waits", async () => {
  const links = await newRoom("Burst");
  const ada = await joinAs(await page(laptop), links.participant, "Ada");
  const bo = await joinAs(await page(laptop), links.participant, "Bo");
  await recordAnnouncements(ada);
  const composer = bo.getByRole("textbox", { name: "Your message" });
  const burst = ["one", "two", "three", "four", "five"].map((n) => `Point ${n}`);
  for (const text of burst) {
    await composer.fill(text);
    await composer.press("Enter");
    await bo.locator('button[aria-busy="true"]').waitFor({ state: "detached" });
  }
  await waitInPage(
    ada,
    (n) => window.__announced.filter((t) => t.startsWith("Bo said:")).length >= n,
    burst.length,
    20000,
  );
  const heard = await ada.evaluate(() => window.__announced.filter((t) => t.startsWith("Bo said:")));
  assert.deepEqual(
    heard,
    burst.map((t) => `Bo said: ${t}`),
  );

  // Skipping: a second burst, then Alt+Shift+S drops what has not been read yet.
  for (const text of ["Again one", "Again two", "Again three", "Again four"]) {
    await composer.fill(text);
    await composer.press("Enter");
    await bo.locator('button[aria-busy="true"]').waitFor({ state: "detached" });
  }
  await waitInPage(ada, () => window.__announced.some((t) => t === "Bo said: Again one"));
  await ada.locator("body").press("Alt+Shift+S");
  await waitInPage(ada, () => window.__announced.some((t) => /^Skipped \d updates?\.$/.test(t)));
  for (const p of [ada, bo]) await p.context().close();
});

test("9: the smaller things — one read-check control, read checks out of how many, anonymous posting, needs and display settings, glossary, small screens", async () => {
  const links = await newRoom("Details");
  const mod = await joinAs(await page(laptop), links.moderator, "Mo");
  const ada = await joinAs(await page(phone), links.participant, "Ada");
  const bo = await joinAs(await page(laptop), links.participant, "Bo");

  // A glossary term whose explanation opens inside the message, within a phone's width.
  const pace = await consoleTab(mod, "Pace and support");
  await pace.getByLabel("Term", { exact: true }).fill("ICB");
  await pace
    .getByLabel("In plain words (empty removes the term)")
    .fill(
      "Integrated care board: the NHS body that plans and pays for health services in this area, across several towns",
    );
  await pace.getByRole("button", { name: "Save term" }).click();

  // Anonymous: offered only where it would stay anonymous (three participants online), the
  // box does not stay ticked after sending, and the person is told.
  const anonymous = ada.getByLabel("Post without my name");
  assert.equal(await anonymous.isDisabled(), true);
  await joinAs(await page(laptop), links.participant, "Cy");
  await anonymous.check();
  const composer = ada.getByRole("textbox", { name: "Your message" });
  await composer.fill("The ICB should hear from carers.");
  await composer.press("Enter");
  await ada.getByText("Sent without your name.").waitFor();
  assert.equal(await anonymous.isChecked(), false);
  const term = ada.locator(".message .term", { hasText: "ICB" });
  await term.focus();
  const tip = ada.locator(".message .term-tip").first();
  await tip.waitFor();
  const tipBox = await tip.boundingBox();
  const messageBox = await ada.locator(".message", { hasText: "should hear from carers" }).boundingBox();
  assert.ok(tipBox.x + tipBox.width <= phone.width, "the explanation stays within the screen");
  assert.ok(tipBox.y + tipBox.height <= messageBox.y + messageBox.height + 1, "the explanation is inside the message");

  // One read-check control for moderators, not one per message; counts are out of how many.
  await mod.locator(".message .text", { hasText: "should hear from carers" }).waitFor();
  assert.equal(await mod.getByRole("button", { name: "Check everyone has read this" }).count(), 0);
  await mod.getByRole("button", { name: "Ask everyone to confirm they have read the latest message" }).click();
  await mod.getByText("Read check: 0 of 3 confirmed reading this.").waitFor();
  await bo.getByRole("button", { name: "I have read it" }).click();
  await mod.getByText("Read check: 1 of 3 confirmed reading this.").waitFor();

  // Needs say what the person needs from the room, and offer the matching display setting.
  const support = ada.getByRole("region", { name: "Pace and support" });
  await support.getByText("Say what helps you take part").click(); // folded away during the meeting
  await support.getByLabel("Larger text").check();
  await support.getByRole("button", { name: "Save what helps me" }).click();
  await support.getByRole("button", { name: "Make the text larger on this screen" }).click();
  assert.equal(await ada.evaluate(() => document.documentElement.style.fontSize), "150%");
  await expectNoAxe(ada, "phone-needs-and-glossary");

  // At 320 px with 200% text the top bar does not fill the screen.
  const small = await (await page({ width: 320, height: 640 })).newPage();
  await small.goto(links.participant);
  await small.evaluate(() => localStorage.setItem("ts.display", JSON.stringify({ textSize: 200 })));
  await small.reload();
  await small.getByLabel("Your name").fill("Eve");
  await small.getByRole("button", { name: "Join" }).click();
  await small.locator('.connection[data-status="connected"]').waitFor();
  const banner = await small.locator(".banner").boundingBox();
  assert.ok(banner.height <= 640 * 0.3, `the top bar is ${banner.height} px high`);
  await expectNoAxe(small, "small-200-percent");

  for (const p of [mod, ada, bo, small]) await p.context().close();
});

test("the moderator console by keyboard alone: tabs, a form in a tab, an alert's action, the floor", async () => {
  const links = await newRoom("Keys");
  const mod = await joinAs(await page(laptop), links.moderator, "Mo");
  const ada = await joinAs(await page(laptop), links.participant, "Ada");
  const focused = () => mod.evaluate(() => document.activeElement?.textContent ?? "");
  const focusedLabel = () => mod.evaluate(() => document.activeElement?.labels?.[0]?.textContent ?? "");

  // Into the console's tabs: one tab stop, then the arrow keys.
  await mod.getByRole("tab", { name: "Run the meeting" }).focus();
  await mod.keyboard.press("End");
  assert.equal(await focused(), "Room details");
  await mod.keyboard.press("Home");
  assert.equal(await focused(), "Run the meeting");
  // Tab goes into the chosen panel; on through its form to the agenda item, typed and sent with Enter.
  await mod.keyboard.press("Tab");
  for (let i = 0; i < 60 && (await focusedLabel()) !== "An item nobody planned"; i++) await mod.keyboard.press("Tab");
  assert.equal(await focusedLabel(), "An item nobody planned");
  await mod.keyboard.type("Opening round");
  await mod.keyboard.press("Enter");
  await ada.locator(".agenda-now", { hasText: "Now discussing: 1 of 1 — Opening round" }).waitFor();

  // An alert's action, from the keyboard.
  await ada.getByRole("region", { name: "Pace and support" }).getByRole("button", { name: "Ask for a pause" }).click();
  const pauseNow = mod.getByRole("region", { name: "Needs your attention" }).getByRole("button", { name: "Pause now" });
  await pauseNow.focus();
  await mod.keyboard.press("Enter");
  await ada.locator(".pause-banner").waitFor();
  // With no alert left, focus goes on to the room's title, not lost to the page.
  assert.equal(await mod.evaluate(() => document.activeElement?.id), "room-title");

  // The floor: Ada's hand, then "Give the floor to the next person" with Enter.
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  const give = mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" });
  await give.focus();
  await mod.keyboard.press("Enter");
  await ada.locator(".floor").getByText("You have the floor.").waitFor();
  await expectNoAxe(mod, "console-keyboard");
  for (const p of [mod, ada]) await p.context().close();
});

test("on a phone, what a participant acts on comes first and the page stays short", async () => {
  const {
    room,
    people: [ada],
  } = await roomWith(stack, { title: "Day services: what changes first" }, "Ada");
  const phone = await joinAs(
    await stack.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }),
    stack.server.url + room.participantPath,
    "Bo",
  );
  for (let i = 1; i <= 6; i++) {
    const text = `Point ${i}: the minibus comes at nine, too early for some of us.`;
    await ada.getByLabel("Your message").fill(text);
    await ada.keyboard.press("Enter");
    // Enter while the last message is still being saved is not a second send: wait for each.
    await ada.locator(".message .text", { hasText: text }).waitFor();
  }
  await phone.locator(".conversation .message").nth(5).waitFor();
  const top = (locator) => locator.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  const raise = await top(phone.getByRole("button", { name: "Raise hand" }));
  const message = await top(phone.getByLabel("Your message"));
  const pause = await top(phone.getByRole("button", { name: "Ask for a pause" }));
  const help = await top(phone.getByRole("button", { name: "I need a break" }));
  const people = await top(phone.getByRole("heading", { name: /People here/ }));
  assert.ok(
    raise < message && message < pause && pause < help && help < people,
    `raise ${raise}, message ${message}, pause ${pause}, help ${help}, people ${people}`,
  );
  // Folded until wanted: the kind of point, and what helps (said before the meeting).
  assert.equal(await phone.getByLabel("Topic (optional)").isVisible(), false);
  assert.equal(await phone.getByLabel("Larger text").isVisible(), false);
  const height = await phone.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height <= 4.5 * 740, `the page is ${(height / 740).toFixed(1)} screens long`);
  assert.deepEqual(await axeViolations(phone), []);
  for (const p of [ada, phone]) await p.context().close();
});
