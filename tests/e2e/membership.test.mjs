// Keeping the room for the people invited: a facilitator removes and bans someone (whose
// screen says so, and whose device is refused when they come back with the link), lets them
// back, and changes the participant link so that the old one lets nobody new in.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, joinAs, laptop, roomWith, useStack } from "./lib/harness.mjs";

const stack = useStack();

test("a facilitator removes and bans someone, lets them back, and changes the participant link", async () => {
  const {
    room,
    mod,
    people: [bo],
  } = await roomWith(stack, { title: "Keeping the room" }, "Bo");
  const people = mod.locator("#people");
  await people.getByRole("button", { name: "Remove Bo…" }).click();
  const choices = people.getByRole("group", { name: "Remove Bo" });
  await choices.getByRole("button", { name: "Remove and ban" }).waitFor();
  assert.deepEqual(await axeViolations(mod), []);
  await choices.getByRole("button", { name: "Remove and ban" }).click();

  await bo.locator(".status-text", { hasText: "The facilitators removed you from this room." }).waitFor();
  // Nothing is left on Bo's screen that no longer works: it says what happened.
  await bo.getByRole("heading", { name: "You are no longer in this room" }).waitFor();
  assert.equal(await bo.locator("main form, main textarea").count(), 0);
  // The preparation dashboard counts only people who came by their own link and may stay.
  const tools = await consoleTab(mod, "People in the room");
  await tools.getByLabel("Name", { exact: true }).fill("Dee");
  await tools.getByRole("button", { name: "Add to the room" }).click();
  await mod.locator("#people .name", { hasText: "Dee" }).waitFor();
  await (await consoleTab(mod, "Preparation")).getByText("No participant has visited yet.").waitFor();
  await mod.locator("#people").getByText("removed by the facilitators").waitFor({ state: "attached" });
  // Back with the same link on the same device: refused, and told why.
  await bo.reload();
  await bo.getByRole("heading", { name: "You were removed from this room" }).waitFor();

  // Let back: the same device comes straight in again.
  await mod.locator("#people .away-details summary").click();
  await people.getByRole("button", { name: "Let Bo back" }).click();
  await people.getByRole("button", { name: "Remove Bo…" }).waitFor({ state: "attached" });
  await bo.reload();
  await bo.locator('.connection[data-status="connected"]').waitFor();
  await (await consoleTab(mod, "Preparation")).getByText("Have visited (1): Bo (here now).").waitFor();

  // A new participant link: the old one no longer lets anyone new in.
  const details = await consoleTab(mod, "Room details");
  await details.getByRole("button", { name: "Change the participant link" }).click();
  await details.getByText("Changed. Send the new participant link").waitFor();
  const fresh = await details.getByRole("link", { name: "Participant link" }).getAttribute("href");
  assert.notEqual(new URL(fresh).hash, new URL(stack.server.url + room.participantPath).hash);

  const cy = await (await stack.browser.newContext(laptop)).newPage();
  await cy.goto(stack.server.url + room.participantPath);
  await cy.getByLabel("Your name").fill("Cy");
  await cy.getByRole("button", { name: "Join" }).click();
  await cy.getByText("This link is not right for this room.").waitFor();
  await joinAs(await stack.browser.newContext(laptop), fresh, "Eve");
  await mod.locator("#people .name", { hasText: "Eve" }).waitFor();
});
