// Equal voice in the browser: the moderator switches a live room to "fewest turns first",
// everyone sees the queue reorder with reasons, and the balance panel and each person's
// own figures show the effect. axe stays at zero violations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, screenshot, useStack, joinAs } from "./lib/harness.mjs";

const stack = useStack();

async function raiseHand(page) {
  await page
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
}

const queueNames = (page) => page.locator(".queue-entry .name").allTextContents();

test("switching to fewest turns first reorders the queue for everyone, with reasons", async () => {
  const api = await stack.browser.newContext();
  const room = await (await api.request.post(stack.server.url + "/api/rooms", { data: { title: "Fair room" } })).json();
  const base = stack.server.url;
  const contexts = await Promise.all([0, 1, 2].map(() => stack.browser.newContext()));
  const mod = await joinAs(contexts[0], base + room.moderatorPath, "Mo");
  const ada = await joinAs(contexts[1], base + room.participantPath, "Ada");
  const bo = await joinAs(contexts[2], base + room.participantPath, "Bo");

  // Ada speaks once; then she raises her hand again before Bo does.
  await raiseHand(ada);
  const floor = mod.getByRole("region", { name: "The floor" });
  await floor.getByRole("button", { name: "Give the floor to the next person" }).click();
  await ada.locator(".floor-holder", { hasText: "You have the floor." }).waitFor();
  await floor.getByRole("button", { name: "End this turn" }).click();
  await ada.locator(".floor-holder", { hasText: "Nobody has the floor." }).waitFor();
  await raiseHand(ada);
  await ada.locator(".queue-mine", { hasText: "You are next." }).waitFor();
  await raiseHand(bo);
  await bo.locator(".queue-mine", { hasText: "You are 2nd in the queue." }).waitFor();
  assert.deepEqual(await queueNames(mod), ["Ada", "Bo"]);

  // Each person sees their own figures.
  const own = ada.getByRole("region", { name: "Your participation" });
  // Figures arrive shortly after each change (they are signals, not events): wait for the turn.
  await own.locator("dt:has-text('Turns') + dd", { hasText: /^1$/ }).waitFor();

  // The moderator switches the live room's policy.
  const tools = await consoleTab(mod, "Fairness");
  await tools.getByLabel("Order of the queue").selectOption({ label: "Fewest turns first" });
  await tools.getByRole("button", { name: "Save fairness settings" }).click();
  for (const [page, expected] of [
    [mod, ["Bo", "Ada"]],
    [ada, ["Bo", "You"]],
    [bo, ["You", "Ada"]],
  ]) {
    await page.locator(".queue-entry").first().locator(".name", { hasText: expected[0] }).waitFor();
    assert.deepEqual(await queueNames(page), expected);
  }
  await bo.locator(".queue-mine", { hasText: "You are next." }).waitFor();
  await bo.locator(".queue-entry.mine").getByText("Why here: first-time speaker").waitFor();
  await ada
    .locator(".queue-entry.mine")
    .getByText(/spoken once/)
    .waitFor();

  // The moderator's balance panel: a real table, people not yet heard, and an invitation.
  const balance = mod.getByRole("region", { name: "Balance of voices" });
  await balance.getByRole("table").waitFor();
  await balance.getByRole("row", { name: /Ada/ }).getByRole("cell", { name: "100%" }).waitFor();
  await balance.getByText("Not yet spoken: Bo.").waitFor();
  await balance.getByText("1 person has not spoken yet.").waitFor();
  assert.deepEqual(await axeViolations(mod), []);
  await screenshot(mod, "fairness-moderator");
  assert.deepEqual(await axeViolations(bo), []);
  await screenshot(bo, "fairness-participant");

  // A private invitation: Bo sees it; Ada does not; Bo accepts and stays in the queue.
  await balance.getByRole("button", { name: "Invite Bo to speak" }).click();
  const invitation = bo.getByRole("region", { name: "You are invited to speak" });
  await invitation.waitFor();
  assert.equal(await ada.getByRole("region", { name: "You are invited to speak" }).count(), 0);
  assert.deepEqual(await axeViolations(bo), []);
  await invitation.getByRole("button", { name: "Not now" }).click();
  await invitation.waitFor({ state: "hidden" });

  // With two participants here, a point without a name would not stay anonymous: not offered.
  const withoutName = ada.getByLabel("Post without my name");
  assert.equal(await withoutName.isDisabled(), true);
  await ada
    .getByText("Not now: with fewer than three participants here online, it would not stay anonymous.")
    .waitFor();
  // A third comes in: an anonymous point shows no name, to anyone.
  contexts.push(await stack.browser.newContext());
  await joinAs(contexts[3], base + room.participantPath, "Cy");
  await withoutName.check();
  await ada.getByRole("textbox", { name: "Your message" }).fill("A point I would rather make without my name.");
  await ada.getByRole("button", { name: "Send" }).click();
  const anon = mod.locator(".message", { hasText: "rather make without my name" });
  await anon.waitFor();
  assert.equal(await anon.locator(".author").textContent(), "Anonymous");
  assert.equal(await anon.getByText("Ada").count(), 0);

  for (const c of [api, ...contexts]) await c.close();
});
