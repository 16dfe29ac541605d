// Focus is never lost: after each action that makes its own control disappear, focus lands on
// the next sensible place, never on the page itself (a keyboard or screen reader user would
// start again from the top).
import assert from "node:assert/strict";
import { test } from "node:test";
import { consoleTab, joinAs, laptop, useStack, waitInPage } from "./lib/harness.mjs";

const stack = useStack();

// Resolves once focus is on something that matches, and says what it was otherwise.
async function focusOn(page, what, check) {
  // (page.waitForFunction cannot run under the page's Content Security Policy: no eval.)
  await waitInPage(page, check, undefined, 10000).catch(async () => {
    const where = await page.evaluate(
      () => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.slice(0, 60)}`,
    );
    assert.fail(`focus should be on ${what}; it is on ${where}`);
  });
}

test("focus lands somewhere sensible after every action that removes its own control", async () => {
  const api = await stack.browser.newContext();
  const room = await (
    await api.request.post(stack.server.url + "/api/rooms", { data: { title: "Focus check", phase: "PREPARING" } })
  ).json();
  await api.close();
  const mod = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.moderatorPath, "Mo");
  const details = await consoleTab(mod, "Room details");
  await details.getByLabel("Briefing for everyone").fill("# What we decide\n\nWhich day services change first.");
  await details.getByRole("button", { name: "Save the briefing" }).click();
  const ada = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.participantPath, "Ada");
  const bo = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.participantPath, "Bo");

  // "Mark as read": the button goes; focus goes on to the briefing itself.
  const briefing = ada.getByRole("region", { name: "Briefing" });
  await briefing.getByRole("button", { name: "Mark as read" }).focus();
  await ada.keyboard.press("Enter");
  await focusOn(ada, "the briefing", () => document.activeElement?.textContent === "Read the briefing");

  const running = await consoleTab(mod, "Run the meeting");
  await running.getByRole("button", { name: "Start the meeting" }).click();
  await waitInPage(mod, () => document.activeElement?.textContent === "Close the meeting");

  // "I have finished": the button goes; focus goes to who has the floor now.
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  const finished = ada.getByRole("button", { name: "I have finished (give the floor back)" });
  await finished.focus();
  await ada.keyboard.press("Enter");
  await focusOn(ada, "who has the floor", () => document.activeElement?.classList.contains("floor-holder"));

  // The room pauses while Ada is in the pause form: the form goes; focus stays beside it.
  const support = ada.getByRole("region", { name: "Pace and support" });
  await support.getByLabel("I need a moment").focus();
  await (await consoleTab(mod, "Pace and support")).getByRole("button", { name: "Pause the room" }).click();
  await focusOn(ada, "the pause status", () => document.activeElement?.getAttribute("role") === "status");

  // "Close and record": the question goes; focus goes to the decisions recorded.
  const decisions = await consoleTab(mod, "Decisions");
  await decisions.getByLabel("Kind").selectOption({ label: "Consensus check on a proposal" });
  await decisions.getByLabel("Question or proposal").fill("We meet on Tuesdays.");
  await decisions.getByRole("button", { name: "Put it to the room" }).click();
  const question = mod.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /Tuesdays/ });
  await question.getByLabel("Not agreed", { exact: true }).check();
  await question.getByRole("button", { name: "Close and record" }).focus();
  await mod.keyboard.press("Enter");
  await focusOn(mod, "the decisions recorded", () => document.activeElement?.textContent === "Decisions recorded");

  // "Remove and ban": the person's controls go; focus stays in the people panel.
  const people = mod.getByRole("region", { name: /People here/ });
  await people.getByRole("button", { name: "Remove Bo…" }).click();
  await people.getByRole("button", { name: "Remove and ban" }).focus();
  await mod.keyboard.press("Enter");
  await focusOn(mod, "the people panel", () => document.activeElement?.id === "people-heading");

  for (const p of [mod, ada, bo]) await p.context().close();
});

test("an alert's 'Open the conversation' opens that conversation at its newest, ready to reply, and the alert stays until a reply", async () => {
  const { roomWith } = await import("./lib/harness.mjs");
  const {
    mod,
    people: [ada, bo],
  } = await roomWith(stack, { title: "Asking for help" }, "Ada", "Bo");
  const talk = (page) => page.getByRole("region", { name: "Talk with the facilitators" });
  // Enough earlier messages that the conversation scrolls.
  for (let i = 1; i <= 8; i++) {
    await talk(ada)
      .getByLabel("Write to the facilitators")
      .fill(`Earlier note ${i}: the minibus, the times, the costs.`);
    await talk(ada).getByRole("button", { name: "Message the facilitators" }).click();
    await talk(ada).getByText("Sent to the facilitators.").waitFor();
  }
  await talk(ada).getByRole("button", { name: "I'm finding this hard" }).click();
  await talk(bo).getByRole("button", { name: "I need a break" }).click();
  const alerts = mod.getByRole("region", { name: "Needs your attention" });
  const adaAlert = alerts.getByRole("listitem").filter({ hasText: "Ada asks for help" });
  await adaAlert.waitFor();
  await alerts.getByRole("listitem").filter({ hasText: "Bo asks for help" }).waitFor();

  await adaAlert.getByRole("button", { name: "Open the conversation" }).focus();
  await mod.keyboard.press("Enter");
  await focusOn(
    mod,
    "the reply box of Ada's conversation",
    () => document.activeElement?.labels?.[0]?.textContent === "Write to Ada",
  );
  // It opened at the newest message, with where the unread ones begin marked.
  const conversation = mod.locator("details.conversation[open]");
  await conversation.getByText("New since you last read").waitFor();
  assert.equal(
    await conversation.locator(".thread-messages").evaluate((l) => l.scrollHeight - l.scrollTop - l.clientHeight < 2),
    true,
    "the conversation shows its newest message",
  );
  // The alert stays (nobody has answered yet); Bo's is untouched.
  assert.equal(await adaAlert.isVisible(), true);
  await mod.keyboard.type("Of course. Shall we talk at the break?");
  await mod.keyboard.press("Enter");
  await adaAlert.waitFor({ state: "detached" });
  assert.equal(await alerts.getByRole("listitem").filter({ hasText: "Bo asks for help" }).isVisible(), true);
  for (const p of [mod, ada, bo]) await p.context().close();
});
