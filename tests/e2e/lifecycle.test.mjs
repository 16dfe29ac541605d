// A room's life in the browser: created to prepare people first, a participant gets ready
// before the meeting, the moderator opens the lobby, starts the meeting, and closes it.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  axeViolations,
  consoleTab,
  joinAs,
  laptop,
  roomWith,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

const stack = useStack();

test("a room created to prepare people first goes from preparing to lobby to live to closed", async () => {
  const modContext = await stack.browser.newContext(laptop);
  const start = await modContext.newPage();
  await start.goto(stack.server.url + "/");
  await start.getByLabel("Title").fill("Spring review");
  await start.getByLabel("Prepare people first").check();
  await start.getByRole("button", { name: "Create room" }).click();
  await start.getByRole("heading", { name: "Your room is ready" }).waitFor();
  const participantLink = await start.getByLabel("Participant link").inputValue();
  const moderatorLink = await start.getByRole("link", { name: "Open the room as moderator" }).getAttribute("href");
  const mod = await joinAs(modContext, new URL(moderatorLink, stack.server.url).href, "Mo");
  // The join page already says the meeting has not started, and that joining now is fine.
  const adaContext = await stack.browser.newContext();
  const joinPage = await adaContext.newPage();
  await joinPage.goto(participantLink);
  await joinPage.getByText("The meeting has not started yet. Join now to get ready").waitFor();
  await joinPage.close();
  const ada = await joinAs(adaContext, participantLink, "Ada");
  const projector = await (await stack.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(participantLink.replace(/#code=/, "/projector#code="));
  await projector.getByText("The meeting has not started yet.").waitFor();

  // Preparing: Ada reads where things stand and says what helps; the meeting itself waits.
  await ada.getByText("Preparing: the meeting has not started yet.").waitFor();
  // Joined before the meeting (no message box yet), focus is on the room's title, not the page.
  await waitInPage(ada, () => document.activeElement?.id === "room-title");
  assert.equal(await ada.getByRole("textbox", { name: "Your message" }).count(), 0);
  assert.equal(await ada.getByRole("region", { name: /Speaking queue/ }).count(), 0);
  // Nothing empty stands in the way: no "Conversation" heading without a conversation, no
  // participation figures of zero; the status bar says where the meeting is.
  assert.equal(await ada.getByRole("heading", { name: "Conversation" }).count(), 0);
  assert.equal(await ada.getByRole("region", { name: "Your participation" }).count(), 0);
  await ada.locator(".status-bar").getByText("The meeting has not started: nothing waits for you").waitFor();
  const support = ada.getByRole("region", { name: "Pace and support" });
  await support.getByLabel("Extra time to respond").check();
  await support.getByRole("button", { name: "Save what helps me" }).click();
  await support.getByText(/^Saved\./).waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "lifecycle-preparing");

  // The moderator opens the lobby, then starts the meeting.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByText("Preparing.").waitFor();
  // The participants' banner is theirs: the moderator's console says the same.
  assert.equal(await mod.getByText("Preparing: the meeting has not started yet.").isVisible(), false);
  // Ada may not ask for a pause before the meeting: it is not offered.
  assert.equal(await support.getByRole("button", { name: "Ask for a pause" }).isVisible(), false);
  await running.getByRole("button", { name: "Open the lobby" }).click();
  await ada.getByText("The meeting starts soon: people are gathering.").waitFor();
  // Focus never falls to the page: it goes to the next step.
  await waitInPage(mod, (text) => document.activeElement?.textContent === text, "Start the meeting");
  await running.getByRole("button", { name: "Start the meeting" }).click();
  await waitInPage(mod, (text) => document.activeElement?.textContent === text, "Close the meeting");
  await support.getByRole("button", { name: "Ask for a pause" }).waitFor();
  await ada.getByText("The meeting starts soon").waitFor({ state: "hidden" });
  await projector.getByText("The meeting has not started yet.").waitFor({ state: "hidden" });
  const composer = ada.getByRole("textbox", { name: "Your message" });
  await composer.fill("Glad to be here.");
  await composer.press("Enter");
  await mod.locator(".message .text", { hasText: "Glad to be here." }).waitFor();

  // Closing asks once more, then the record stays readable and nothing new can be added.
  await running.getByRole("button", { name: "Close the meeting" }).click();
  await running.getByText("Closing cannot be undone").waitFor();
  await waitInPage(mod, (text) => document.activeElement?.textContent === text, "Yes, close the meeting");
  await running.getByRole("button", { name: "Yes, close the meeting" }).click();
  await waitInPage(mod, (text) => document.activeElement?.textContent === text, "The meeting has closed.");
  await ada.getByText("This meeting has closed. Its record is kept and can be read here.").waitFor();
  assert.equal(await ada.getByRole("textbox", { name: "Your message" }).count(), 0);
  await ada.locator(".message .text", { hasText: "Glad to be here." }).waitFor();
  // The turn settings go with the meeting; the follow-up survey waits for Ada, and says so.
  assert.equal(await running.getByLabel("Length of a turn (seconds)").isVisible(), false);
  await ada.locator(".status-bar").getByText("The follow-up survey waits for your answers").waitFor();
  assert.deepEqual(await axeViolations(mod), []);
  await screenshot(mod, "lifecycle-closed-moderator");

  for (const p of [mod, ada, projector]) await p.context().close();
  await modContext.close();
});

test("the briefing: written in Markdown by the moderator, shown safely to everyone, with its changes marked", async () => {
  const {
    room,
    mod,
    people: [ada],
  } = await roomWith(stack, { title: "Briefed", phase: "PREPARING" }, "Ada");

  const details = await consoleTab(mod, "Room details");
  // When and where: at the top of the room and on the join page, in every phase.
  await details.getByLabel("When", { exact: true }).fill("Thursday 4 December, 2–4 pm");
  await details.getByLabel("Where", { exact: true }).fill("Online, and in the Community Room");
  await details.getByRole("button", { name: "Save room details" }).click();
  await ada
    .locator(".room-head .when-where", {
      hasText: "When: Thursday 4 December, 2–4 pm · Where: Online, and in the Community Room",
    })
    .waitFor();
  const visitor = await (await stack.browser.newContext()).newPage();
  await visitor.goto(stack.server.url + room.participantPath);
  await visitor.getByText("Where: Online, and in the Community Room").waitFor();
  await visitor.context().close();

  await details
    .getByLabel("Briefing for everyone")
    .fill(
      "# What we will decide\n\n- Which services to review *first*\n- [The council's plan](https://example.org/plan)\n\n" +
        "<script>alert(1)</script> <b>not bold</b> [bad](javascript:alert(1))",
    );
  await details.getByRole("button", { name: "Save the briefing" }).click();

  const briefing = ada.getByRole("region", { name: "Briefing" });
  await briefing.getByRole("heading", { name: "What we will decide", level: 3 }).waitFor();
  await briefing
    .getByRole("listitem")
    .filter({ hasText: "Which services to review first" })
    .locator("em", { hasText: "first" })
    .waitFor();
  assert.equal(
    await briefing.getByRole("link", { name: "The council's plan" }).getAttribute("href"),
    "https://example.org/plan",
  );
  // Raw HTML is shown as text, never run; a javascript: link is not a link.
  await briefing.getByText("<script>alert(1)</script> <b>not bold</b>").waitFor();
  assert.equal(await briefing.locator("script, b").count(), 0);
  assert.equal(await briefing.getByRole("link", { name: "bad" }).count(), 0);
  await briefing.getByText("New: not read yet.").waitFor();
  // The moderator wrote it: it is not "new" to them.
  await mod
    .getByRole("region", { name: "Briefing" })
    .locator("h3", { hasText: "What we will decide" })
    .waitFor({ state: "attached" });
  assert.equal(await mod.getByRole("region", { name: "Briefing" }).getByText("New: not read yet.").isVisible(), false);
  const dashboard = await consoleTab(mod, "Preparation");
  await dashboard.getByText("Nobody has read the latest briefing yet.").waitFor();
  await briefing.getByRole("button", { name: "Mark as read" }).click();
  await briefing.getByText("New: not read yet.").waitFor({ state: "hidden" });
  // The moderator's dashboard knows who has read the latest version.
  await dashboard.getByText("Have read the latest briefing: Ada.").waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "briefing");

  // An edit is a new version: Ada sees that it changed since she read it, also after a reload.
  const detailsAgain = await consoleTab(mod, "Room details");
  await detailsAgain
    .getByLabel("Briefing for everyone")
    .fill("# What we will decide\n\n- Which services to review first\n- When");
  await detailsAgain.getByRole("button", { name: "Save the briefing" }).click();
  await briefing.getByText("Updated since you last read it.").waitFor();
  await (await consoleTab(mod, "Preparation")).getByText("Nobody has read the latest briefing yet.").waitFor();
  await ada.reload();
  await ada.getByRole("region", { name: "Briefing" }).getByText("Updated since you last read it.").waitFor();
  for (const p of [mod, ada]) await p.context().close();
});

test("a moderator shares moderating with a participant, who can then run the floor, and takes it back", async () => {
  const {
    mod,
    people: [ada, bo],
  } = await roomWith(stack, { title: "Shared" }, "Ada", "Bo");
  assert.equal(await ada.getByRole("heading", { name: "Moderator tools" }).isVisible(), false);

  const people = await consoleTab(mod, "People in the room");
  await people.getByRole("button", { name: "Make Ada a co-moderator" }).click();
  await ada.getByRole("heading", { name: "Moderator tools" }).waitFor();
  await bo.locator(".people li", { hasText: "Ada" }).getByText("moderator").waitFor();
  // Ada runs the floor.
  await bo
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await ada.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await bo.locator(".floor").getByText("You have the floor.").waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "co-moderator");

  await people.getByRole("button", { name: "Take back Ada's moderating" }).click();
  await ada.getByRole("heading", { name: "Moderator tools" }).waitFor({ state: "hidden" });
  assert.equal(await ada.locator(".floor").getByRole("button", { name: "End this turn" }).count(), 0);
  for (const p of [mod, ada, bo]) await p.context().close();
});

test("the readiness survey: answered privately before the meeting, summed up for the moderator", async () => {
  const {
    mod,
    people: [ada, bo],
  } = await roomWith(stack, { title: "Ready?", phase: "PREPARING" }, "Ada", "Bo");

  const survey = ada.getByRole("region", { name: "Getting ready" });
  await survey.getByLabel("2", { exact: true }).check();
  await survey.getByLabel("What would make it easier for you?").fill("Time to read the papers first");
  await survey
    .getByRole("group", { name: /one-to-one/ })
    .getByLabel("Yes")
    .check();
  await survey.getByRole("button", { name: "Save my answers" }).click();
  await survey.getByText("Saved.", { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(ada), []);

  const dashboard = await consoleTab(mod, "Preparation");
  await dashboard.getByText("1 person has answered.").waitFor();
  await dashboard.getByText("Waiting for a one-to-one: Ada.").waitFor();
  await dashboard.getByText("Time to read the papers first").waitFor();
  await mod
    .getByRole("region", { name: "Needs your attention" })
    .getByText("Ada would like a one-to-one conversation before the meeting.")
    .waitFor();
  assert.deepEqual(await axeViolations(mod), []);
  await screenshot(mod, "preparation-dashboard");
  // Nobody else sees Ada's answers.
  assert.equal(await bo.getByText("Time to read the papers first").count(), 0);

  // Ada's answers wait for her when she comes back.
  await ada.reload();
  const again = ada.getByRole("region", { name: "Getting ready" });
  assert.equal(
    await again.getByLabel("What would make it easier for you?").inputValue(),
    "Time to read the papers first",
  );
  assert.equal(await again.getByLabel("2", { exact: true }).isChecked(), true);
  for (const p of [mod, ada, bo]) await p.context().close();
});

test("the practice area: a participant tries the controls before the meeting, and nothing is sent", async () => {
  const {
    room,
    mod,
    people: [ada],
  } = await roomWith(stack, { title: "Practice", phase: "PREPARING" }, "Ada");
  const key = `ts:{${room.roomId}}:log`;
  const before = stack.redis.command("XLEN", key);
  const practice = ada.getByRole("region", { name: "Practise before the meeting" });
  await practice.getByRole("button", { name: "Raise my hand" }).click();
  await practice
    .getByRole("status")
    .getByText(/Your hand is up: you are 1st in the queue\./)
    .waitFor();
  await practice.getByRole("button", { name: "React: agree" }).click();
  await practice.getByLabel("Try writing a message").fill("Hello, is this working?");
  await practice.getByRole("button", { name: "Send (practice)" }).click();
  await practice
    .getByRole("list", { name: "What happened in practice" })
    .getByText("You wrote: “Hello, is this working?”.")
    .waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "practice");
  // Nothing reached the server: the record is as it was, and the moderator sees nothing.
  assert.equal(stack.redis.command("XLEN", key), before);
  assert.equal(await mod.getByText("Hello, is this working?").count(), 0);
  // Once the meeting starts, practice gives way to the real thing.
  await (await consoleTab(mod, "Run the meeting")).getByRole("button", { name: "Start the meeting" }).click();
  await practice.waitFor({ state: "hidden" });
  for (const p of [mod, ada]) await p.context().close();
});
