// The record in the browser: after a short meeting with a turn, a message and a decision,
// the moderator downloads the minutes and sees the item with its decision first, the turn
// and what was said; the full record downloads as JSON. A participant reading in Polish gets
// the minutes in Polish.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { axeViolations, consoleTab, roomWith, useStack } from "./lib/harness.mjs";

const stack = useStack();

async function downloaded(page, click) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

test("after a short meeting the moderator downloads readable minutes with the decision and the turns", async () => {
  const {
    mod,
    people: [ada],
  } = await roomWith(stack, { title: "Callback review" }, "Ada");
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("An item nobody planned").fill("Callback promise");
  await running.getByRole("button", { name: "Start it now" }).click();
  await ada.locator(".agenda-now", { hasText: "Callback promise" }).waitFor();

  // Ada takes a turn and says something.
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await mod.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await ada.locator(".floor").getByText("You have the floor.").waitFor();
  const composer = ada.getByRole("textbox", { name: "Your message" });
  await composer.fill("Two days is fair if we say so clearly.");
  await composer.press("Enter");
  await mod.locator(".message .text", { hasText: "Two days is fair" }).waitFor();
  // She takes back something she should not have said; it is gone for everyone.
  await composer.fill("My number is 07700 900123.");
  await composer.press("Enter");
  const slip = ada.locator(".message", { hasText: "07700 900123" });
  await slip.getByRole("button", { name: "Withdraw this message" }).click();
  await mod.locator(".message .text.removed", { hasText: "(Withdrawn by its author.)" }).waitFor();
  assert.equal(await mod.locator(".message", { hasText: "07700" }).count(), 0);
  await mod.locator(".floor").getByRole("button", { name: "End this turn" }).click();
  await mod.locator(".floor").getByText("Nobody has the floor.").waitFor();

  // A decision.
  const decisions = await consoleTab(mod, "Decisions");
  await decisions.getByLabel("Kind").selectOption({ label: "Consensus check on a proposal" });
  await decisions.getByLabel("Question or proposal").fill("We call back within two days.");
  await decisions.getByRole("button", { name: "Put it to the room" }).click();
  const question = (page) =>
    page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /call back within two days/ });
  await question(ada).getByLabel("Agree", { exact: true }).check();
  await question(ada).getByRole("button", { name: "Send my answer" }).click();
  await question(mod).getByRole("table", { name: "So far: 1 of 1 answered" }).waitFor();
  await question(mod).getByLabel("Agreed", { exact: true }).check();
  await question(mod).getByLabel("Outcome in words (optional)").fill("Agreed.");
  await question(mod).getByRole("button", { name: "Close and record" }).click();
  await mod.getByRole("list", { name: "Decisions recorded" }).getByText("Outcome: Agreed.").waitFor();

  // The minutes, in Markdown: the item, its decision first, then the turn and the message.
  const details = await consoleTab(mod, "Room details");
  const minutes = await downloaded(mod, () => details.getByRole("button", { name: "Minutes in Markdown" }).click());
  assert.match(minutes.name, /^minutes-.+\.md$/);
  const text = minutes.text;
  assert.match(text, /^# Callback review — minutes/);
  const item = text.indexOf("## Item 1: Callback promise");
  // The minutes lead with what was decided; under the item, its decision comes first, then
  // the turn (where it began) and what was said in it.
  assert.ok(text.indexOf("| We call back within two days. | Agreed |") < text.indexOf("## Who took part"), text);
  const decision = text.indexOf("- Agreed: We call back within two days. Consensus check; 1 of 1 answered: agree 1.");
  const turn = text.search(/Ada had the floor until \d\d:\d\d \(\d+ s\)/);
  const said = text.indexOf("Ada: Two days is fair if we say so clearly.");
  assert.ok(item >= 0 && decision > item && turn > decision && said > turn, text);
  await details.getByText(`Downloaded ${minutes.name}.`).waitFor();
  assert.ok(!text.includes("07700") && text.includes("Ada: (withdrawn by its author)"), text);

  // The full record, as JSON: every public event.
  const record = await downloaded(mod, () => details.getByRole("button", { name: "The full record (JSON)" }).click());
  const events = JSON.parse(record.text).events;
  assert.ok(events.some((e) => e.decisionRecorded?.outcome === "Agreed."));
  assert.ok(events.every((e, i) => i === 0 || Number(e.seq) > Number(events[i - 1].seq)));
  assert.deepEqual(await axeViolations(mod), []);

  // Shared with everyone in the room: Ada downloads the minutes too (and only those).
  await details.getByLabel("Everyone in the room may download the minutes").check();
  const shared = ada.getByRole("region", { name: "Minutes" });
  const hers = await downloaded(ada, () => shared.getByRole("button", { name: "Minutes as plain text" }).click());
  assert.match(hers.text, /^Callback review — minutes\n/);
  // In Polish, the minutes come in Polish; back in English after.
  await ada.getByRole("button", { name: "Display settings" }).click();
  await ada.getByRole("region", { name: "Display settings" }).getByLabel("Language").selectOption("pl");
  const polish = await downloaded(ada, () =>
    ada.getByRole("region", { name: "Protokół" }).getByRole("button", { name: "Protokół jako zwykły tekst" }).click(),
  );
  assert.match(polish.text, /^Callback review — protokół\n/);
  assert.match(polish.text, /Kto wziął udział/);
  await ada.getByRole("button", { name: "Ustawienia wyświetlania" }).click();
  await ada.getByRole("region", { name: "Ustawienia wyświetlania" }).getByLabel("Język").selectOption("en");
  await ada.getByRole("region", { name: "Minutes" }).waitFor();

  // How long the record is kept after the meeting closes.
  const keep = details.getByLabel("Keep the record this many days after the meeting closes");
  assert.equal(await keep.inputValue(), "365");
  await keep.fill("30");
  await details.getByRole("button", { name: "Save how long it is kept" }).click();
  await details.getByText("Saved.", { exact: true }).waitFor();

  // Deleting the room, confirmed by its title, lets everyone go.
  await details.getByLabel("The room's title").fill("Callback review");
  await details.getByRole("button", { name: "Delete the room and its record" }).click();
  await ada
    .locator('.connection[data-status="ended"]', { hasText: "A moderator deleted this room and its record." })
    .waitFor();
  await ada.getByRole("heading", { name: "You are no longer in this room" }).waitFor();
  for (const p of [mod, ada]) await p.context().close();
});
