// Sent in from an organisation's portal: a room created with the API key, and a link with a
// signed join token (minted by the README's script) that takes each person straight in with
// the name and role the portal gave them, once.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { axeViolations, laptop, root, useStack } from "./lib/harness.mjs";

const secrets = mkdtempSync(join(tmpdir(), "ts-portal-"));
const secretFile = join(secrets, "jwt-secret");
const apiKeyFile = join(secrets, "api-key");
writeFileSync(secretFile, "a-secret-the-portal-and-talking-stick-share\n");
writeFileSync(apiKeyFile, "the-portals-api-key\n");
const stack = useStack(["--jwt-secret-file", secretFile, "--api-key-file", apiKeyFile]);

const mint = (roomId, role, name) =>
  execFileSync("python3", [join(root, "docs", "examples", "mint_join_token.py"), secretFile, roomId, role, name], {
    encoding: "utf8",
  }).trim();

test("a portal's link takes each person straight in, with the portal's name and role, and works once", async () => {
  const api = await stack.browser.newContext();
  const refused = await api.request.post(stack.server.url + "/api/rooms", { data: { title: "Day services" } });
  assert.equal(refused.status(), 401);
  const room = await (
    await api.request.post(stack.server.url + "/api/rooms", {
      data: { title: "Day services" },
      headers: { Authorization: "Bearer the-portals-api-key" },
    })
  ).json();
  await api.close();

  const link = `${stack.server.url}/r/${room.roomId}#token=${mint(room.roomId, "moderator", "Mo Farah")}`;
  const mo = await (await stack.browser.newContext(laptop)).newPage();
  await mo.goto(link);
  await mo.locator('.connection[data-status="connected"]').waitFor();
  // No form to fill: the portal said who this is. The token leaves the address bar.
  assert.equal(new URL(mo.url()).hash, "");
  await mo.getByRole("tab", { name: "Run the meeting" }).waitFor();
  await mo.getByRole("heading", { name: /People here/ }).waitFor();
  assert.ok(await mo.locator("#people").getByText("Mo Farah").first().isVisible());

  const adaLink = `${stack.server.url}/r/${room.roomId}#token=${mint(room.roomId, "participant", "Ada Lovelace")}`;
  const ada = await (await stack.browser.newContext(laptop)).newPage();
  await ada.goto(adaLink);
  await ada.locator('.connection[data-status="connected"]').waitFor();
  assert.equal(await ada.getByRole("tab", { name: "Run the meeting" }).count(), 0, "a participant, as the token says");
  await ada.getByLabel("Your message").fill("Thank you for asking us first.");
  await ada.keyboard.press("Enter");
  await mo.locator(".message .text", { hasText: "Thank you for asking us first." }).waitFor();

  // Coming back on the same device needs no token: it remembers the person.
  await ada.reload();
  await ada.locator('.connection[data-status="connected"]').waitFor();
  // The same link on another device (forwarded, say) is refused, in words.
  const eve = await (await stack.browser.newContext(laptop)).newPage();
  await eve.goto(adaLink);
  await eve.getByRole("heading", { name: "Could not join" }).waitFor();
  assert.match(await eve.locator("main").innerText(), /used already/);
  assert.deepEqual(await axeViolations(eve), []);
  for (const p of [mo, ada, eve]) await p.context().close();
});

test("with an API key, the start page says rooms are made through the organisation's website", async () => {
  const page = await (await stack.browser.newContext(laptop)).newPage();
  await page.goto(stack.server.url + "/");
  await page.getByLabel("Title", { exact: true }).fill("A room of my own");
  await page.getByRole("button", { name: "Create room" }).click();
  await page.getByRole("alert").filter({ hasText: "your organisation's own website" }).waitFor();
  await page.context().close();
});
