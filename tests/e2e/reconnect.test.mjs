// The connection drops (here: the server stops) and comes back. The client says so, keeps
// what the person typed, reconnects by itself and resumes without gaps or repeats.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freePort, launchBrowser, startRedis, startServer } from "./lib/harness.mjs";

let redis;
let server;
let browser;
let port;

before(async () => {
  redis = await startRedis();
  port = await freePort();
  server = await startServer(redis.port, port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await redis?.stop();
});

test("the client reconnects by itself and never drops what was typed", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const room = await (await page.request.post(server.url + "/api/rooms", { data: { title: "Flaky network" } })).json();
  await page.goto(server.url + room.participantPath);
  await page.getByLabel("Your name").fill("Rae");
  await page.getByRole("button", { name: "Join" }).click();
  const composer = page.getByRole("textbox", { name: "Your message" });
  await composer.fill("Before the drop");
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(".message .text", { hasText: "Before the drop" }).waitFor();

  await server.stop();
  const status = page.locator(".connection");
  await page.locator('.connection[data-status="reconnecting"]').waitFor();
  assert.match(await status.textContent(), /Reconnecting|Connection lost/);

  // Sending while disconnected keeps the text and says why.
  await composer.fill("Typed while offline");
  await composer.press("Enter");
  assert.equal(await composer.inputValue(), "Typed while offline");
  assert.equal(await page.getByRole("button", { name: "Send" }).isDisabled(), true);

  server = await startServer(redis.port, port);
  await page.locator('.connection[data-status="connected"]').waitFor({ timeout: 60000 });
  assert.equal(await composer.inputValue(), "Typed while offline");
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(".message .text", { hasText: "Typed while offline" }).waitFor();
  // Resumed, not replayed: each message appears exactly once.
  assert.deepEqual(await page.locator(".messages .message .text").allTextContents(), [
    "Before the drop",
    "Typed while offline",
  ]);
  await context.close();
});
