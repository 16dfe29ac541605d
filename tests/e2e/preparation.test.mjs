// The whole journey of preparation in the browser: a participant visits a preparing room,
// reads the briefing, practises, answers the (reworded) survey and asks for a one-to-one;
// the facilitator answers in their private conversation; the moderator opens the lobby and
// goes live; during the meeting the participant asks for help privately, gets a reply, and
// has a point raised for them without their name; after close both participants fill in the
// follow-up survey and the moderator sees felt voice beside measured voice.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  axeViolations,
  consoleTab,
  joinAs,
  laptop,
  recordAnnouncements,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

const stack = useStack();
const phone = { viewport: { width: 320, height: 720 } };

test("from briefing to follow-up: prepared over days, supported privately, heard afterwards", async () => {
  const api = await stack.browser.newContext();
  const room = await (
    await api.request.post(stack.server.url + "/api/rooms", {
      data: { title: "Day services review", phase: "PREPARING" },
    })
  ).json();
  await api.close();
  const mod = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.moderatorPath, "Mo");
  const ada = await joinAs(await stack.browser.newContext(phone), stack.server.url + room.participantPath, "Ada");
  const bo = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.participantPath, "Bo");

  // The moderator writes the briefing and rewords the first readiness question.
  const details = await consoleTab(mod, "Room details");
  await details
    .getByLabel("Briefing for everyone")
    .fill("# Aims\n\nWe decide together which day services change first.");
  await details.getByRole("button", { name: "Save the briefing" }).click();
  const prep = await consoleTab(mod, "Preparation");
  await prep.getByText("The surveys' questions").click();
  await prep
    .getByRole("group", { name: "Before the meeting (readiness)" })
    .getByLabel("Readiness question 1")
    .fill("How sure do you feel about joining in?");
  await prep.getByRole("button", { name: "Save the surveys" }).click();
  await prep.getByText("Saved.", { exact: true }).waitFor();
  assert.deepEqual(await axeViolations(mod), []);

  // Ada, on her phone: reads the briefing, practises, answers, and asks for a one-to-one.
  const briefing = ada.getByRole("region", { name: "Briefing" });
  await briefing.getByRole("heading", { name: "Aims" }).waitFor();
  await briefing.getByRole("button", { name: "Mark as read" }).click();
  const practice = ada.getByRole("region", { name: "Practise before the meeting" });
  await practice.getByRole("button", { name: "Raise my hand" }).click();
  const survey = ada.getByRole("region", { name: "Getting ready" });
  await survey
    .getByRole("group", { name: "How sure do you feel about joining in?" })
    .getByLabel("2", { exact: true })
    .check();
  await survey.getByLabel("What would make it easier for you?").fill("Time to read the papers first");
  await survey.getByRole("button", { name: "Save my answers" }).click();
  await survey.getByText("Saved.", { exact: false }).waitFor();
  const support = ada.getByRole("region", { name: /Talk with the facilitators/ });
  await support.getByRole("button", { name: "Ask for a one-to-one conversation" }).click();
  await support.getByText("Asked. A facilitator will answer here").waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "support-lobby-phone");
  // She moves on to other things (her focus leaves the conversation).
  await ada.evaluate(() => document.activeElement?.blur());

  // The moderator sees the request and answers in Ada's conversation.
  await mod
    .getByRole("region", { name: "Needs your attention" })
    .getByText("Ada would like a one-to-one conversation before the meeting.")
    .waitFor();
  await prep.getByText("Waiting for a one-to-one: Ada.").waitFor();
  await prep.getByText("Have read the latest briefing: Ada.").waitFor();
  const conversations = await consoleTab(mod, "Conversations");
  const adaThread = conversations.locator("details.conversation", { hasText: "Ada" });
  await adaThread.getByText("1 new · asked for a one-to-one").waitFor();
  await adaThread.locator("summary").click();
  await adaThread.getByLabel("Write to Ada").fill("Happy to talk. Tuesday at 10, by phone?");
  await adaThread.getByRole("button", { name: "Reply to Ada" }).click();
  await adaThread.getByText("Sent to Ada.").waitFor();
  assert.deepEqual(await axeViolations(mod), []);
  await screenshot(mod, "conversations-console");
  await (await consoleTab(mod, "Preparation")).getByText("No open requests for a one-to-one.").waitFor();

  // Ada is told politely, sees the count, and reading it clears the count.
  await support.getByText("1 new", { exact: true }).waitFor();
  await ada.getByRole("region", { name: "Your status" }).getByText("1 new from the facilitators").waitFor();
  await support.getByText("Happy to talk. Tuesday at 10, by phone?").waitFor();
  await support.getByLabel("Write to the facilitators").fill("Tuesday is good, thank you.");
  await support.getByLabel("Write to the facilitators").press("Enter");
  await support.getByText("1 new", { exact: true }).waitFor({ state: "hidden" });
  await consoleTab(mod, "Conversations");
  await adaThread.getByText("Tuesday is good, thank you.").waitFor();
  // Bo never sees any of it.
  assert.equal(await bo.getByText("Tuesday").count(), 0);

  // Both say they need extra time; the dashboard suggests a reading pace, and the room adopts
  // it through a consensus check before the meeting starts.
  for (const page of [ada, bo]) {
    const pace = page.getByRole("region", { name: "Pace and support" });
    await pace.getByLabel("Extra time to respond").check();
    await pace.getByRole("button", { name: "Save what helps me" }).click();
    await pace.getByText(/^Saved\./).waitFor();
  }
  const suggested = await consoleTab(mod, "Preparation");
  await suggested.getByText("Stated needs: extra time to respond (2).").waitFor();
  await suggested.getByText("2 people asked for a slower pace or more time to read.", { exact: false }).waitFor();
  await suggested.getByRole("button", { name: "Ask the room" }).click();
  const asked = (page) =>
    page
      .getByRole("region", { name: "Decisions" })
      .getByRole("article", { name: /Shall messages reach us at a reading pace/ });
  for (const page of [ada, bo]) {
    await asked(page).getByLabel("Agree", { exact: true }).check();
    await asked(page).getByRole("button", { name: "Send my answer" }).click();
    await asked(page).getByText("Your answer: Agree").waitFor();
  }
  await asked(mod).getByLabel("Adopt the change of pace (not while anyone blocks)").check();
  await asked(mod).getByRole("button", { name: "Close and record" }).click();
  await (await consoleTab(mod, "Preparation"))
    .getByText("2 people asked for a slower pace or more time to read.", { exact: false })
    .waitFor({ state: "hidden" });

  // Lobby, then live.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByRole("button", { name: "Open the lobby" }).click();
  await running.getByRole("button", { name: "Start the meeting" }).click();
  await ada.getByRole("textbox", { name: "Your message" }).waitFor();

  // During the meeting Ada asks for help from anywhere (Alt+Shift+H), in one press.
  await recordAnnouncements(mod);
  await ada.getByRole("textbox", { name: "Your message" }).focus();
  await ada.keyboard.press("Alt+Shift+H");
  await waitInPage(ada, () => document.activeElement?.closest("#facilitators") !== null);
  await support.getByRole("button", { name: "I need a break" }).click();
  await support.getByText("Sent: “I need a break”.", { exact: false }).waitFor();
  await mod
    .getByRole("region", { name: "Needs your attention" })
    .getByText("Ada asks for help: “I need a break”")
    .waitFor();
  await waitInPage(mod, () => window.__announced.some((t) => t.includes("Ada asks for help: I need a break")));
  // Alt+Shift+H takes a facilitator to the conversations, opening their tab.
  await (await consoleTab(mod, "Run the meeting")).getByRole("button", { name: "Close the meeting" }).focus();
  await mod.keyboard.press("Alt+Shift+H");
  await waitInPage(mod, () => document.activeElement?.id === "conversations-heading");
  const conversationsLive = await consoleTab(mod, "Conversations");
  const adaLive = conversationsLive.locator("details.conversation", { hasText: "Ada" });
  await adaLive.getByLabel("Write to Ada").fill("Of course. Take five minutes; we will wait for you.");
  await adaLive.getByLabel("Write to Ada").press("Enter");
  await support.getByText("Of course. Take five minutes; we will wait for you.").waitFor();

  // A point raised for her, without her name.
  await support.getByLabel("Write to the facilitators").fill("Can we hear from carers before we decide?");
  await support.getByLabel("Ask a facilitator to raise this in the room for me").check();
  await support.getByLabel("Without my name").check();
  await support.getByRole("button", { name: "Message the facilitators" }).click();
  await adaLive.getByText("asks for this to be raised in the room, without their name").waitFor();
  await adaLive.getByRole("button", { name: "Raise it in the room" }).click();
  await bo
    .locator(".message .text", {
      hasText: "A participant asked me to raise this: Can we hear from carers before we decide?",
    })
    .waitFor();
  // Raised once: the button gives way to a note, for the facilitator and for Ada.
  await adaLive.getByText("Raised in the room.", { exact: true }).first().waitFor();
  assert.equal(await adaLive.getByRole("button", { name: "Raise it in the room" }).count(), 0);
  await support.getByText("Raised in the room.", { exact: true }).waitFor();
  assert.equal(await bo.getByText("Take five minutes").count(), 0);
  assert.equal(await bo.getByText("asks for help").count(), 0);
  assert.deepEqual(await axeViolations(ada), []);

  // Bo speaks at length; Ada says nothing more. Then the meeting closes.
  const boComposer = bo.getByRole("textbox", { name: "Your message" });
  await boComposer.fill("I think the Tuesday group should stay as it is, and the transport should change.");
  await boComposer.press("Enter");
  await mod.locator(".message .text", { hasText: "Tuesday group should stay" }).waitFor();
  const closing = await consoleTab(mod, "Run the meeting");
  await closing.getByRole("button", { name: "Close the meeting" }).click();
  await closing.getByRole("button", { name: "Yes, close the meeting" }).click();

  // Both answer the follow-up survey.
  for (const [page, heard, said] of [
    [ada, "2", "Partly"],
    [bo, "5 — fully", "Yes"],
  ]) {
    const followUp = page.getByRole("region", { name: "After the meeting" });
    // The status bar points to the survey until it is answered.
    const waits = page.locator(".status-bar").getByText("The follow-up survey waits for your answers");
    await waits.waitFor();
    await followUp.getByRole("group", { name: "Did you feel heard?" }).getByLabel(heard, { exact: true }).check();
    await followUp
      .getByRole("group", { name: "Could you say what you wanted to say?" })
      .getByLabel(said, { exact: true })
      .check();
    await followUp
      .getByLabel("What should we change next time?")
      .fill(page === ada ? "More time before decisions" : "Nothing");
    await followUp.getByRole("button", { name: "Save my answers" }).click();
    await followUp.getByText("Thank you. Saved").waitFor();
    await waits.waitFor({ state: "detached" });
  }
  assert.deepEqual(await axeViolations(ada), []);

  // The moderator sees felt beside measured: Ada, who spoke least, comes first, and felt least heard.
  const after = await consoleTab(mod, "Preparation");
  const table = after.getByRole("table", { name: "Each person's answers beside what they were measured to say" });
  await table.getByRole("row").nth(2).waitFor();
  const rows = await table.getByRole("row").allInnerTexts();
  assert.match(rows[1], /^Ada\s+0 s\s+0\s+0\s+2 of 5\s+Partly\s+More time before decisions/);
  assert.match(rows[2], /^Bo\s+0 s\s+0\s+1\s+5 of 5\s+Yes\s+Nothing/);
  assert.deepEqual(await axeViolations(mod), []);
  await screenshot(mod, "felt-and-measured");

  // The only way the conversations leave: a facilitator's explicit download.
  const exporting = await consoleTab(mod, "Conversations");
  const [download] = await Promise.all([
    mod.waitForEvent("download"),
    exporting.getByRole("button", { name: "Download all conversations" }).click(),
  ]);
  const exported = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
  assert.match(exported, /## Ada/);
  assert.match(exported, /Mo: Happy to talk\. Tuesday at 10, by phone\?/);
  assert.match(exported, /Ada: I need a break/);
  for (const p of [mod, ada, bo]) await p.context().close();
});
