// When saving stalls, people are told on the message itself and nothing they wrote is
// lost; when a room's record is damaged, the room says it is read-only, in words.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, freePort, joinAs, launchBrowser, screenshot, startRedis, startServer } from "./lib/harness.mjs";

let redis;
let server;
let browser;
let port;
const flags = ["--save-notice-ms", "500"];

before(async () => {
  redis = await startRedis();
  port = await freePort();
  server = await startServer(redis.port, port, flags);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await redis?.stop();
});

// A new room, and Rae in it on a fresh browser context.
async function roomWithRae(title) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const room = await (await page.request.post(server.url + "/api/rooms", { data: { title } })).json();
  const rae = await joinAs(context, server.url + room.participantPath, "Rae");
  return { context, room, rae };
}

test("a message waiting for a stalled save says so, is kept, and appears once saved", async () => {
  const { context, room, rae } = await roomWithRae("Stalled store");
  const sam = await joinAs(await browser.newContext(), server.url + room.participantPath, "Sam");
  const composer = rae.getByRole("textbox", { name: "Your message" });
  await composer.fill("Before the stall");
  await composer.press("Enter");
  await rae.locator(".messages .message .text", { hasText: "Before the stall" }).waitFor();

  // Paused until the test lifts it (CLIENT UNPAUSE), however slowly the browser gets there.
  redis.command("CLIENT", "PAUSE", "60000", "WRITE");
  await composer.fill("Said while saving is paused");
  await composer.press("Enter");
  const waiting = rae.locator(".message.waiting");
  await waiting.waitFor();
  assert.match(await waiting.textContent(), /Saving is paused — your message will appear when it is saved\./);
  assert.match(await waiting.textContent(), /Said while saving is paused/);
  assert.equal(await composer.inputValue(), "", "the composer is free again; the message is kept on the page");
  // Nobody sees it before it is saved.
  assert.equal(await sam.locator(".messages .message .text", { hasText: "Said while saving is paused" }).count(), 0);
  await screenshot(rae, "saving-paused");

  redis.command("CLIENT", "UNPAUSE");
  await rae.locator(".messages .message .text", { hasText: "Said while saving is paused" }).waitFor({ timeout: 15000 });
  await sam.locator(".messages .message .text", { hasText: "Said while saving is paused" }).waitFor();
  assert.equal(await waiting.count(), 0);
  assert.deepEqual(await rae.locator(".messages .message .text").allTextContents(), [
    "Before the stall",
    "Said while saving is paused",
  ]);
  await context.close();
});

test("someone joining while saving is paused is told the room is read-only for now, and is let in after", async () => {
  const { context, room, rae } = await roomWithRae("Join while paused");
  redis.command("CLIENT", "PAUSE", "60000", "WRITE");
  const composer = rae.getByRole("textbox", { name: "Your message" });
  await composer.fill("Held for a moment");
  await composer.press("Enter");
  await rae.locator(".message.waiting").waitFor();

  // Sam asks to join; the server cannot welcome him until it can save that he joined.
  const sam = await (await browser.newContext()).newPage();
  await sam.goto(server.url + room.participantPath);
  await sam.getByLabel("Your name").fill("Sam");
  await sam.getByRole("button", { name: "Join" }).click();
  const status = sam.locator(".connection");
  await sam.locator(".connection", { hasText: "temporarily read-only" }).waitFor();
  assert.match(await status.textContent(), /saving is paused/);
  // Once saving works again, the browser tries again by itself and is let in.
  redis.command("CLIENT", "UNPAUSE");
  await sam.locator('.connection[data-status="connected"]').waitFor({ timeout: 20000 });
  await sam.locator(".messages .message .text", { hasText: "Held for a moment" }).waitFor();
  await context.close();
});

test("a message held when the server restarts is sent again after the reconnect and appears once", async () => {
  const { context, room, rae } = await roomWithRae("Restart mid-save");
  const composer = rae.getByRole("textbox", { name: "Your message" });
  redis.command("CLIENT", "PAUSE", "2500", "WRITE");
  await composer.fill("Held across a restart");
  await composer.press("Enter");
  await rae.locator(".message.waiting").waitFor();
  // Every line the connection status shows, from here on.
  await rae.evaluate(() => {
    const box = document.querySelector(".connection");
    window.statusLines = [];
    new MutationObserver(() => window.statusLines.push(box.textContent)).observe(box, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  // The server stops before it can answer (it saves the message on the way out), telling the
  // browser it is restarting (close 1012): the browser says so, calmly, and reconnects.
  await server.stop();
  server = await startServer(redis.port, port, flags);
  await rae.locator('.connection[data-status="connected"]').waitFor({ timeout: 60000 });
  const lines = await rae.evaluate(() => window.statusLines);
  assert.ok(
    lines.some((line) => line.startsWith("The server is restarting. Reconnecting")),
    `the status said: ${lines.join(" | ")}`,
  );
  await rae.locator(".messages .message .text", { hasText: "Held across a restart" }).waitFor();
  await rae.locator(".message.waiting").waitFor({ state: "detached" });
  assert.deepEqual(await rae.locator(".messages .message .text").allTextContents(), ["Held across a restart"]);
  // A message's text is kept apart from its log entry, in the room's texts.
  const stored = redis.command("HGETALL", `ts:{${room.roomId}}:texts`);
  assert.equal(stored.split("Held across a restart").length - 1, 1, "stored exactly once");
  await context.close();
});

test("a message the server could not save before it stopped is sent again by the browser and saved", async () => {
  const { context, room, rae } = await roomWithRae("Lost on the way");
  const composer = rae.getByRole("textbox", { name: "Your message" });
  // Redis is away while the message is sent and while the server stops: it is never saved there.
  await redis.pause();
  await composer.fill("Only the browser still has this");
  await composer.press("Enter");
  await rae.locator(".message.waiting").waitFor();
  await server.stop();
  await redis.resume();
  assert.equal(redis.command("HGETALL", `ts:{${room.roomId}}:texts`).includes("Only the browser"), false);
  server = await startServer(redis.port, port, flags);
  await rae
    .locator(".messages .message .text", { hasText: "Only the browser still has this" })
    .waitFor({ timeout: 30000 });
  await rae.locator(".message.waiting").waitFor({ state: "detached" });
  assert.equal(await composer.inputValue(), "");
  const stored = redis.command("HGETALL", `ts:{${room.roomId}}:texts`);
  assert.equal(stored.split("Only the browser still has this").length - 1, 1, "stored exactly once");
  await context.close();
});

test("a room whose record is damaged opens read-only and says why", async () => {
  const { context, room, rae } = await roomWithRae("Damaged record");
  const composer = rae.getByRole("textbox", { name: "Your message" });
  await composer.fill("Kept before the damage");
  await composer.press("Enter");
  await rae.locator(".messages .message .text", { hasText: "Kept before the damage" }).waitFor();
  await rae.close();

  await server.stop();
  const key = `ts:{${room.roomId}}:log`;
  const last = Number(redis.command("XLEN", key));
  redis.command("XADD", key, `0-${last + 1}`, "e", "garbage");
  server = await startServer(redis.port, port, flags);

  const reader = await joinAs(await browser.newContext(), server.url + room.participantPath, "Reader");
  const banner = reader.locator(".read-only-banner");
  await banner.waitFor();
  assert.match(await banner.textContent(), /This room is read-only\./);
  await reader.locator(".messages .message .text", { hasText: "Kept before the damage" }).waitFor();
  assert.equal(await reader.getByRole("textbox", { name: "Your message" }).isVisible(), false);
  assert.deepEqual(await axeViolations(reader), []);
  await screenshot(reader, "read-only-room");
  await context.close();
});
