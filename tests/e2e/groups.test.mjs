// Small groups in the browser: the moderator splits the meeting into three tables; each
// participant's browser moves to their table, announced; a table runs a turn (by keyboard,
// on a 360 px phone too); the moderator visits it and writes its report; the time runs out,
// everyone comes back to the plenary, and the tables' reports are there. axe stays at zero.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  axeViolations,
  consoleTab,
  expectProjectorFits,
  joinAs,
  recordAnnouncements,
  roomWith,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

const stack = useStack();

test("the meeting splits into tables and comes back together with their reports", async () => {
  const {
    room,
    mod,
    people: [ada, bo, cy, di],
  } = await roomWith(stack, { title: "Community transport" }, "Ada", "Bo", "Cy", "Di");
  const phone = await joinAs(
    await stack.browser.newContext({ viewport: { width: 360, height: 740 } }),
    stack.server.url + room.participantPath,
    "Eve",
  );
  const projector = await (await stack.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(stack.server.url + room.participantPath.replace("#code=", "/projector#code="));
  const people = [ada, bo, cy, di, phone];
  for (const page of people) await recordAnnouncements(page);

  const groups = await consoleTab(mod, "Small groups");
  await groups.getByLabel("Number of tables").fill("3");
  await groups.getByLabel("Time at the tables, minutes").fill("2");
  await groups.getByLabel("The question or task for every table").fill("Which journeys matter most?");
  await groups.getByLabel("How people are seated").selectOption({ label: "At random" });
  await groups.getByRole("button", { name: "Open the tables" }).click();
  // Everyone is told where they go, then their browser takes them there.
  await Promise.all(
    people.map((page) =>
      waitInPage(page, () => window.__announced.some((t) => /^The tables are open\. You are at Table \d/.test(t))),
    ),
  );
  await groups.getByRole("list", { name: "Tables, and who sits at each" }).waitFor();
  // The room's screen shows the groups and their time.
  await projector.getByText(/Small groups: 3 tables — 2 min left/).waitFor();
  const tableOf = new Map();
  for (const page of people) {
    await page.waitForURL(new RegExp(`/r/${room.roomId}-1-\\d$`), { timeout: 20000 });
    await page.locator('.connection[data-status="connected"]').waitFor();
    await page.locator(".groups-now", { hasText: / of 3 — 2 min left/ }).waitFor();
    tableOf.set(page, new URL(page.url()).pathname.split("/").pop());
  }
  const tables = [...new Set(tableOf.values())];
  assert.equal(tables.length, 3);
  assert.deepEqual(await axeViolations(phone), []);
  await screenshot(phone, "groups-table-phone");

  // The moderator moves Ada to Eve's table: Ada's browser goes back to the plenary, which
  // takes her to her new table.
  const table = tableOf.get(phone);
  const number = table.split("-").pop();
  if (tableOf.get(ada) !== table) {
    await groups.getByLabel("Ada: table").selectOption({ label: `Table ${number}` });
    await ada.waitForURL(new RegExp(`/r/${table}$`), { timeout: 20000 });
    await ada.locator('.connection[data-status="connected"]').waitFor();
    await ada.locator(".groups-now", { hasText: `Table ${number} of 3` }).waitFor();
  }

  // The phone's table runs a turn: Eve raises her hand by keyboard; the moderator visits.
  await phone.locator("body").press("Alt+Shift+R");
  await phone.keyboard.press("Enter");
  await phone.locator(".queue-mine", { hasText: "You are next." }).waitFor();
  const [visit] = await Promise.all([
    mod.context().waitForEvent("page"),
    groups.getByRole("link", { name: `Visit Table ${number} (opens in a new tab)` }).click(),
  ]);
  await visit.getByLabel("Your name").fill("Mo");
  await visit.getByRole("button", { name: "Join" }).click();
  await visit.locator('.connection[data-status="connected"]').waitFor();
  await visit.locator(".floor").getByRole("button", { name: "Give the floor to the next person" }).click();
  await phone.getByText("You have the floor", { exact: false }).first().waitFor();
  // The plenary's moderator sees it live, beside the table in the console.
  await groups.locator(".table-live", { hasText: "Eve has the floor" }).waitFor();
  // The report is checked with the table as a consensus check: Eve and Ada agree.
  await visit.getByLabel("The table's report to the plenary").fill("Evening buses to the day centre.");
  await visit.getByRole("button", { name: "Check it with the table (consensus)" }).click();
  const check = (page) =>
    page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /Our report to the plenary/ });
  for (const page of [phone, ada]) {
    await check(page).getByLabel("Agree", { exact: true }).check();
    await check(page).getByRole("button", { name: "Send my answer" }).click();
    await check(page).getByText("Your answer: Agree").waitFor();
  }
  await check(visit).getByLabel("Agreed", { exact: true }).check();
  await check(visit).getByRole("button", { name: "Close and record" }).click();
  await phone.getByText("Report: Evening buses to the day centre.").waitFor();
  await phone.getByText("Agreed by the table.").waitFor();
  assert.deepEqual(await axeViolations(visit), []);

  // The time runs out: everyone is taken back to the plenary, where the reports are.
  for (const page of people) await page.waitForURL(new RegExp(`/r/${room.roomId}$`), { timeout: 150000 });
  const reports = ada.getByRole("list", { name: "Reports from the tables" });
  await reports.getByText("Evening buses to the day centre.", { exact: true }).waitFor({ timeout: 20000 });
  await waitInPage(ada, () => document.querySelectorAll(".table-reports > li").length === 3);
  await reports.getByText("Agreed by the table").waitFor();
  assert.deepEqual(await axeViolations(ada), []);
  assert.deepEqual(await axeViolations(mod), []);
  // And on the room's screen, fitting it.
  await projector
    .getByRole("list", { name: "Reports from the tables" })
    .getByText("Evening buses to the day centre.", { exact: true })
    .waitFor();
  await expectProjectorFits(projector);
  assert.deepEqual(await axeViolations(projector), []);
  await screenshot(ada, "groups-reports");
  await screenshot(projector, "groups-projector");
  for (const page of [mod, projector, ...people]) await page.context().close();
});
