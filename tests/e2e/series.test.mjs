// A series of meetings in the browser: a facilitator makes a series, plans two meetings and
// runs them from the series' page; a participant on a 360 px phone joins the series once, by
// keyboard alone, says what carries over, comes into a meeting as herself from the series'
// page, and finds "you said, we did" there afterwards, marked new — with no axe violations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, joinAs, laptop, screenshot, useStack } from "./lib/harness.mjs";

const stack = useStack();

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return { label, text: el?.textContent?.trim() ?? "" };
  });

// Presses Tab until what has focus is named `name` (its label or its text).
async function tabTo(page, name) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.label === name || f.text === name) return;
  }
  assert.fail(`${name} is not reachable by Tab`);
}

test("a facilitator runs two meetings of a series; a participant sees what came of it on the series page", async () => {
  const api = await stack.browser.newContext();
  const series = await (
    await api.request.post(stack.server.url + "/api/rooms", {
      data: {
        title: "Better call-backs",
        purpose: "Redesigning call-backs with the people who wait for them",
        series: true,
      },
    })
  ).json();
  await api.close();

  // The facilitator opens the series and plans its first meeting.
  const mod = await joinAs(await stack.browser.newContext(laptop), stack.server.url + series.moderatorPath, "Sam");
  await mod.getByRole("heading", { name: "Better call-backs", level: 1 }).waitFor();
  const tools = mod.getByRole("region", { name: "Facilitator tools" });
  const plan = async (title, when) => {
    await tools.getByLabel("Title", { exact: true }).fill(title);
    await tools.getByLabel("When (optional)").fill(when);
    await tools.getByRole("button", { name: "Plan the meeting" }).click();
    await mod.getByRole("heading", { name: new RegExp(`Meeting \\d: ${title}`) }).waitFor();
  };
  await plan("First forum", "Tuesday 14 April, 2pm");

  // Ada, on a phone, joins the series once, by keyboard alone.
  const phone = await stack.browser.newContext({ viewport: { width: 360, height: 740 } });
  const ada = await phone.newPage();
  await ada.goto(stack.server.url + series.participantPath);
  await ada.getByLabel("Your name").waitFor();
  await ada.keyboard.type("Ada");
  await ada.keyboard.press("Enter");
  await ada.getByRole("heading", { name: "You said, we did" }).waitFor();
  await tabTo(ada, "Carry what I tell one meeting to the next");
  await ada.keyboard.press("Space");
  await tabTo(ada, "Save");
  // Someone else joins while Ada is on Save: her page redraws, and what she ticked stays ticked.
  const ben = await (await stack.browser.newContext(laptop)).newPage();
  await ben.goto(stack.server.url + series.participantPath);
  await ben.getByLabel("Your name").fill("Ben");
  await ben.keyboard.press("Enter");
  await ada.getByRole("region", { name: "Who has taken part" }).getByText("Ben").waitFor();
  await ada.keyboard.press("Enter");
  await ada.getByText("Saved: what you tell a meeting carries to the next.").waitFor();
  await ben.context().close();
  assert.deepEqual(await axeViolations(ada), []);
  // Her conversation with the facilitators lives on the series' page, across its meetings.
  const talk = ada.getByRole("region", { name: /Talk with the facilitators/ });
  await talk.getByLabel("Write to the facilitators").fill("Can I bring my carer to the meetings?");
  await talk.getByRole("button", { name: "Message the facilitators" }).click();
  const adaThread = mod
    .getByRole("region", { name: "Conversations with each person" })
    .locator("details.conversation", { hasText: "Ada" });
  await adaThread.locator("summary").click();
  await adaThread.getByText("Can I bring my carer to the meetings?").waitFor();

  // The facilitator runs the first meeting: it starts, and an action is recorded for Ada.
  await mod.getByRole("button", { name: "Open meeting 1" }).click();
  await mod.getByLabel("Your name").fill("Sam");
  await mod.getByRole("button", { name: "Join" }).click();
  await mod.getByText("Meeting 1 of Better call-backs.").waitFor();
  await (await consoleTab(mod, "Run the meeting")).getByRole("button", { name: "Start the meeting" }).click();
  const form = mod.locator(".action-form");
  await form.getByLabel("What is to be done").fill("Pilot call-backs");
  await form.getByLabel("Who owns it").selectOption({ label: "Ada" });
  await form.getByRole("button", { name: "Record the action" }).click();

  // Ada comes into the meeting from the series' page as herself: no form to fill again.
  await tabTo(ada, "Open meeting 1");
  await ada.keyboard.press("Enter");
  await ada.getByText("Meeting 1 of Better call-backs.").waitFor();
  const adaAction = ada
    .getByRole("region", { name: "Actions" })
    .getByRole("listitem")
    .filter({ hasText: "Pilot call-backs" });
  await adaAction.getByText("Owner: Ada (you)", { exact: false }).waitFor();

  // The second meeting starts with the first one's actions, as they stand.
  await mod.getByRole("link", { name: "Go to the series page" }).click();
  await plan("Second forum", "Tuesday 12 May, 2pm");
  await mod.getByRole("button", { name: "Open meeting 2" }).click();
  await mod.getByLabel("Your name").fill("Sam");
  await mod.getByRole("button", { name: "Join" }).click();
  await mod.getByText("Meeting 2 of Better call-backs.").waitFor();
  const previous = mod.locator(".previous-actions");
  await previous.getByRole("heading", { name: "Actions from last time (meeting 1)" }).waitFor();
  await previous.getByText("Pilot call-backs").waitFor();
  await previous.getByText("Status: Open").waitFor();
  await mod.getByRole("region", { name: "Agenda" }).getByText("Actions from last time").first().waitFor();

  // Ada reports progress in the first meeting; the second sees it.
  await adaAction.getByText("Update the progress").click();
  await adaAction.getByLabel("How it stands").selectOption({ label: "Under way" });
  await adaAction.getByRole("button", { name: "Save the progress" }).click();
  await previous.getByText("Status: Under way").waitFor();

  // "You said, we did": the facilitator says what came of the action.
  await mod.getByRole("link", { name: "Go to the series page" }).click();
  await tools.getByLabel("About").selectOption({ label: "Meeting 1, action: Pilot call-backs" });
  await tools.getByLabel("What happened").fill("The trust agreed to pilot call-backs from April.");
  await tools.getByRole("button", { name: "Publish the update" }).click();
  await mod.getByRole("region", { name: "You said, we did" }).getByText("The trust agreed", { exact: false }).waitFor();

  // Ada goes back to the series' page with her link and finds it, marked new.
  await tabTo(ada, "Go to the series page");
  await ada.keyboard.press("Enter");
  const said = ada.getByRole("region", { name: "You said, we did" });
  const update = said.getByRole("listitem").filter({ hasText: "The trust agreed to pilot call-backs from April." });
  await update.getByText("New", { exact: true }).waitFor();
  await update.getByText("About: Pilot call-backs — Meeting 1: First forum").waitFor();
  await ada
    .getByRole("region", { name: "Decisions and actions" })
    .getByText("Pilot call-backs — Ada — under way")
    .waitFor();
  // Meeting 2 has not begun: it does not count yet.
  await ada.getByRole("region", { name: "Who has taken part" }).getByText("Ada — came to 1 of 1 meeting").waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  assert.ok(await ada.evaluate(() => document.documentElement.scrollWidth <= 360), "nothing wider than the phone");
  await screenshot(ada, "series-page-phone");
  // Seen once: on the next visit it is no longer new.
  await ada.reload();
  await said.getByText("The trust agreed", { exact: false }).waitFor();
  assert.equal(await update.getByText("New", { exact: true }).count(), 0);

  // Weeks later, the outcome survey: effect beside felt and measured voice.
  await tools.getByRole("button", { name: "Ask people whether their input shaped the result" }).click();
  const survey = ada.getByRole("region", { name: "Did it make a difference?" });
  await survey.getByLabel("4", { exact: true }).check();
  await survey
    .getByLabel("What changed because of it, or what should have? (optional)")
    .fill("Call-backs within a day");
  await survey.getByRole("button", { name: "Send my answer" }).click();
  await survey.getByText("Thank you. Saved", { exact: false }).waitFor();
  await tools.getByText("4.0 of 5 on average (1 answer)").waitFor();
  await tools.getByText("Call-backs within a day").waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await phone.close();
});
