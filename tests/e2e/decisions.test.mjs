// Decisions in the browser: a consensus check with a block and its reason, amended,
// rechecked and agreed; a ranked poll; everyone sees the decision records, in the Decisions
// list and in the conversation.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  axeViolations,
  expectProjectorFits,
  consoleTab,
  recordAnnouncements,
  roomWith,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

const stack = useStack();

async function putToTheRoom(mod, kind, text, options = [], checks = []) {
  const tools = await consoleTab(mod, "Decisions");
  await tools.getByLabel("Kind").selectOption({ label: kind });
  await tools.getByLabel("Question or proposal").fill(text);
  if (options.length) await tools.getByLabel("Options, one per line").fill(options.join("\n"));
  for (const label of ["Anonymous", "Hide the results until it closes"])
    await tools.getByLabel(label).setChecked(checks.includes(label));
  await tools.getByRole("button", { name: "Put it to the room" }).click();
}

test("a consensus check with a block is amended, rechecked and agreed, on the record", async () => {
  const {
    mod,
    people: [ada, bo],
  } = await roomWith(stack, { title: "Deciding together" }, "Ada", "Bo");
  await recordAnnouncements(bo);
  await putToTheRoom(mod, "Consensus check on a proposal", "We move the group to Tuesdays.");
  // Opening is said politely, with the question.
  await waitInPage(bo, () => window.__announced.includes("A question is open: We move the group to Tuesdays."));

  const question = (page) => page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /Tuesdays/ });
  const adaQ = question(ada);
  await adaQ.getByLabel("Block", { exact: true }).check();
  await adaQ.getByRole("button", { name: "Send my answer" }).click();
  await adaQ.getByText("needed for concerns and blocks", { exact: false }).waitFor(); // the server says why
  await adaQ.getByLabel("Your reason (needed for concerns and a block)").fill("Carers cannot come on Tuesdays");
  await adaQ.getByRole("button", { name: "Send my answer" }).click();
  await adaQ.getByText("Your answer: Block (Carers cannot come on Tuesdays)").waitFor();
  // The moderator sees how many of how many, and who has not answered yet.
  await question(mod).getByRole("table", { name: "So far: 1 of 2 answered" }).waitFor();
  await question(mod).getByText("Not answered yet: Bo.").waitFor();
  await question(bo).getByLabel("Agree", { exact: true }).check();
  await question(bo).getByRole("button", { name: "Send my answer" }).click();
  // Bo hears the question open before his own answer, in the order they happened.
  await waitInPage(bo, () => window.__announced.includes("Your answer: Agree."));
  const heard = await bo.evaluate(() => window.__announced);
  assert.ok(
    heard.indexOf("A question is open: We move the group to Tuesdays.") < heard.indexOf("Your answer: Agree."),
    heard.join(" | "),
  );
  // Everyone sees the block and its reason, and the count so far.
  await question(bo).getByText("Ada: Block (Carers cannot come on Tuesdays)").waitFor();
  await question(mod).getByRole("table", { name: "So far: 2 of 2 answered" }).waitFor();
  // A blocked proposal cannot be recorded as agreed: the choice is not offered.
  assert.equal(await question(mod).getByLabel("Agreed", { exact: true }).isDisabled(), true);
  await question(mod)
    .getByText("Someone blocks this proposal: it cannot be recorded as agreed.", { exact: false })
    .waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await screenshot(ada, "decision-consensus-block");

  // The moderator amends the proposal; everyone answers the new version.
  const modQ = question(mod);
  await modQ.getByText("Amend the proposal").click();
  await modQ.getByLabel("Amended proposal").fill("We move the group to Tuesdays, with transport for carers.");
  await modQ.getByRole("button", { name: "Amend and ask again" }).click();
  const amended = (page) =>
    page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /transport for carers/ });
  await amended(ada).getByText("version 2", { exact: false }).waitFor();
  // The responses to the first version stay, shown as such.
  const earlier = amended(bo).getByRole("list", { name: "Responses to earlier versions" });
  await earlier.getByText("Version 1, “We move the group to Tuesdays.”: 2 answered (Agree 1, Block 1)").waitFor();
  await earlier.getByText("Ada — Block: Carers cannot come on Tuesdays").waitFor();
  await amended(ada).getByLabel("Agree", { exact: true }).check();
  await amended(ada).getByRole("button", { name: "Send my answer" }).click();
  await amended(bo).getByLabel("Agree", { exact: true }).check();
  await amended(bo).getByRole("button", { name: "Send my answer" }).click();
  await amended(mod).getByRole("table", { name: "So far: 2 of 2 answered" }).waitFor();
  await amended(mod).getByLabel("Agreed", { exact: true }).check();
  await amended(mod).getByLabel("Outcome in words (optional)").fill("Agreed: Tuesdays, with transport for carers.");
  await amended(mod).getByRole("button", { name: "Close and record" }).click();

  for (const page of [ada, bo, mod]) {
    const record = page
      .getByRole("list", { name: "Decisions recorded" })
      .getByRole("listitem")
      .filter({ hasText: "transport for carers" });
    await record.getByText("Outcome: Agreed: Tuesdays, with transport for carers.").waitFor();
    await record.getByText("Agreed: We move the group to Tuesdays, with transport for carers.").waitFor();
    await record.getByText("2 of 2 answered", { exact: false }).waitFor();
    await page
      .locator(".conversation", {
        hasText: "Decision recorded: We move the group to Tuesdays, with transport for carers.",
      })
      .first()
      .waitFor();
  }
  // And so is closing.
  await waitInPage(bo, () =>
    window.__announced.some((t) => t.startsWith("Decision recorded: We move the group to Tuesdays, with transport")),
  );
  assert.deepEqual(await axeViolations(mod), []);
  await screenshot(mod, "decision-recorded");

  // What follows from it: the moderator records an action from the decision, owned by Ada.
  await mod.getByRole("button", { name: /Record an action from the decision: We move the group to Tuesdays/ }).click();
  const form = mod.locator(".action-form");
  // The form opens with the decision chosen, and focus on its heading.
  assert.equal(await form.getByLabel("It comes from").inputValue(), "q:q1");
  await waitInPage(mod, () => document.activeElement?.textContent === "Record an action");
  await form.getByLabel("What is to be done").fill("Book the community bus for Tuesdays");
  await form.getByLabel("Who owns it").selectOption({ label: "Ada" });
  await form.getByLabel("By when (optional)").fill("2027-03-31");
  await form.getByRole("button", { name: "Record the action" }).click();
  const action = (page) =>
    page.getByRole("region", { name: "Actions" }).getByRole("listitem").filter({ hasText: "Book the community bus" });
  for (const page of [ada, bo]) {
    await action(page).getByText("Status: Open").waitFor();
    await action(page)
      .getByText("From the decision: We move the group to Tuesdays, with transport for carers.")
      .waitFor();
  }
  await action(ada).getByText("Owner: Ada (you)", { exact: false }).waitFor();
  // Only its owner (and the facilitators) update it.
  assert.equal(await action(bo).getByText("Update the progress").count(), 0);
  await action(ada).getByText("Update the progress").click();
  await action(ada).getByLabel("How it stands").selectOption({ label: "Done" });
  await action(ada).getByLabel("A note (optional)").fill("Booked from March");
  await action(ada).getByRole("button", { name: "Save the progress" }).click();
  for (const page of [mod, bo]) await action(page).getByText("Status: Done: Booked from March").waitFor();
  await bo
    .locator(".conversation", { hasText: "Book the community bus for Tuesdays — done: Booked from March" })
    .waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  await action(mod).scrollIntoViewIfNeeded();
  await screenshot(mod, "actions-moderator");
  for (const p of [mod, ada, bo]) await p.context().close();
});

test("a ranked poll is counted by instant-runoff and its rounds are shown", async () => {
  const {
    room,
    mod,
    people: [ada, bo, cy],
  } = await roomWith(stack, { title: "Deciding together" }, "Ada", "Bo", "Cy");
  const projector = await (await stack.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(stack.server.url + room.participantPath.replace("#code=", "/projector#code="));
  await putToTheRoom(mod, "Poll: ranked choices", "Which do we work on first?", ["Transport", "Meals", "Times"]);
  // Each person puts the options in order with Up and Down (by keyboard too): no two options
  // can share a place.
  const rank = async (page, moves, order) => {
    const q = page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /work on first/ });
    // The question reaches each person when it is saved: wait for it before reading its list.
    const list = q.getByRole("list", { name: "Your order, first choice first" });
    await list
      .locator(".option")
      .nth(order.length - 1)
      .waitFor();
    for (const [option, way] of moves) {
      const button = q.getByRole("button", { name: `Move ${option} ${way}` });
      await button.focus();
      await page.keyboard.press("Enter");
    }
    assert.deepEqual(await list.locator(".option").allInnerTexts(), order);
    await q.getByRole("button", { name: "Send my answer" }).click();
    await q.getByText(`Your answer: ${order.join(" > ")}`).waitFor();
  };
  await rank(ada, [], ["Transport", "Meals", "Times"]);
  await rank(bo, [["Meals", "up"]], ["Meals", "Transport", "Times"]);
  await rank(
    cy,
    [
      ["Times", "up"],
      ["Times", "up"],
      ["Transport", "down"],
    ],
    ["Times", "Meals", "Transport"],
  );
  const q = mod.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /work on first/ });
  await q.getByRole("table", { name: "So far: 3 of 3 answered" }).waitFor();
  // The room's screen shows the open question and its live results, then the decision.
  const shown = projector.getByRole("region", { name: "Decisions" });
  await shown.getByText("Which do we work on first?").waitFor();
  await shown.getByRole("table", { name: "So far: 3 of 3 answered" }).waitFor();
  await expectProjectorFits(projector);
  await q.getByRole("button", { name: "Close and record" }).click();
  await shown.getByText("Result: Which do we work on first?").waitFor();
  assert.equal(await shown.getByText("Decided:", { exact: false }).count(), 0);
  assert.deepEqual(await axeViolations(projector), []);
  await screenshot(projector, "projector-decision");
  for (const page of [ada, mod]) {
    const record = page
      .getByRole("list", { name: "Decisions recorded" })
      .getByRole("listitem")
      .filter({ hasText: "work on first" });
    await record.getByText("A tie between Transport, Meals and Times: the room decides.").waitFor();
  }
  assert.deepEqual(await axeViolations(ada), []);
  for (const p of [mod, ada, bo, cy, projector]) await p.context().close();
});

test("an anonymous poll shows counts and never names, a person's own answer stays theirs, and hidden results wait for the close", async () => {
  const {
    mod,
    people: [ada, bo],
  } = await roomWith(stack, { title: "Deciding together" }, "Ada", "Bo");
  await putToTheRoom(mod, "Poll: one choice", "Which do we fund first?", ["Transport", "Meals"], ["Anonymous"]);
  const question = (page, name) => page.getByRole("region", { name: "Decisions" }).getByRole("article", { name });
  // The status bar says a question waits, until it is answered (which only the browser knows here).
  const waiting = bo.getByRole("region", { name: "Your status" }).getByText("A question waits for your answer");
  await waiting.waitFor();
  for (const [page, option] of [
    [ada, "Transport"],
    [bo, "Meals"],
  ]) {
    const q = question(page, /fund first/);
    await q.getByText("anonymous: nobody sees who answered what", { exact: false }).waitFor();
    await q.getByLabel(option).check();
    await q.getByRole("button", { name: "Send my answer" }).click();
    await q.getByText(`Your answer: ${option}`).waitFor();
  }
  await waiting.waitFor({ state: "detached" });
  const table = question(mod, /fund first/).getByRole("table", { name: "So far: 2 of 2 answered" });
  await table.waitFor();
  assert.deepEqual(
    await table
      .getByRole("row")
      .allInnerTexts()
      .then((rows) => rows.slice(1).map((r) => r.split("\t").slice(0, 2))),
    [
      ["Transport", "1"],
      ["Meals", "1"],
    ],
  );
  for (const page of [mod, ada, bo]) assert.doesNotMatch(await question(page, /fund first/).innerText(), /Ada|Bo/);
  // Ada's own answer is still hers after a reload (the server never says it back).
  await ada.reload();
  await question(ada, /fund first/)
    .getByText("Your answer: Transport")
    .waitFor();

  await putToTheRoom(
    mod,
    "Consensus check on a proposal",
    "We meet monthly.",
    [],
    ["Hide the results until it closes"],
  );
  const monthly = question(ada, /meet monthly/);
  await monthly.getByLabel("Agree", { exact: true }).check();
  await monthly.getByRole("button", { name: "Send my answer" }).click();
  await monthly.getByText("Your answer: Agree").waitFor();
  await question(bo, /meet monthly/)
    .getByText("So far: 1 of 2 answered. The results are shown when the question closes.")
    .waitFor();
  assert.deepEqual(await axeViolations(bo), []);
  await question(mod, /meet monthly/)
    .getByLabel("Agreed", { exact: true })
    .check();
  await question(mod, /meet monthly/)
    .getByRole("button", { name: "Close and record" })
    .click();
  const record = bo
    .getByRole("list", { name: "Decisions recorded" })
    .getByRole("listitem")
    .filter({ hasText: "We meet monthly." });
  await record
    .getByRole("table", { name: "Answers" })
    .getByRole("row", { name: /Agree 1/ })
    .waitFor();
  await question(mod, /fund first/)
    .getByRole("button", { name: "Close and record" })
    .click();
  const anonymous = ada
    .getByRole("list", { name: "Decisions recorded" })
    .getByRole("listitem")
    .filter({ hasText: "fund first" });
  await anonymous.getByText("· anonymous ·", { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  for (const p of [mod, ada, bo]) await p.context().close();
});

// A blocked proposal is never shown as decided: closed as not agreed, the room's screen and the
// decisions list say "Not agreed", with the block's reason beside the result.
test("a blocked consensus check reads not agreed everywhere, with the block's reason", async () => {
  const {
    room,
    mod,
    people: [ada, bo],
  } = await roomWith(stack, { title: "Deciding together" }, "Ada", "Bo");
  const projector = await (await stack.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(stack.server.url + room.participantPath.replace("#code=", "/projector#code="));
  await putToTheRoom(mod, "Consensus check on a proposal", "We close the walk-in service on Fridays.");
  const question = (page) => page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /walk-in/ });
  await question(ada).getByLabel("Block", { exact: true }).check();
  await question(ada)
    .getByLabel("Your reason (needed for concerns and a block)")
    .fill("People who work can only come on Fridays");
  await question(ada).getByRole("button", { name: "Send my answer" }).click();
  await question(bo).getByLabel("Agree", { exact: true }).check();
  await question(bo).getByRole("button", { name: "Send my answer" }).click();
  await question(mod).getByRole("table", { name: "So far: 2 of 2 answered" }).waitFor();
  await question(mod).getByLabel("Not agreed", { exact: true }).check();
  await question(mod).getByRole("button", { name: "Close and record" }).click();

  const shown = projector.getByRole("region", { name: "Decisions" });
  await shown.getByText("Not agreed: We close the walk-in service on Fridays.").waitFor();
  await shown.getByText("Not agreed: 1 block").waitFor();
  await shown.getByText("Blocked because: People who work can only come on Fridays").waitFor();
  assert.equal(await projector.getByText("Decided:", { exact: false }).count(), 0);
  await expectProjectorFits(projector);
  for (const page of [ada, bo, mod]) {
    const record = page
      .getByRole("list", { name: "Decisions recorded" })
      .getByRole("listitem")
      .filter({ hasText: "walk-in" });
    await record.getByText("Not agreed: We close the walk-in service on Fridays.").waitFor();
    await record.getByText("Outcome: Not agreed: 1 block").waitFor();
  }
  assert.deepEqual(await axeViolations(projector), []);
  await screenshot(projector, "projector-not-agreed");
  for (const p of [mod, ada, bo, projector]) await p.context().close();
});
