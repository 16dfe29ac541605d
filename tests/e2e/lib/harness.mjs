// Real parts for browser tests: a throwaway redis-server, the real server binary serving
// the built client, and Debian's Chromium driven by playwright-core.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createHash, createPublicKey } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const buildDir = process.env.TS_BUILD_DIR ?? join(root, "build");
export const outputDir = join(root, "test-output", "e2e");

// The lowest port the kernel gives outgoing connections: below it, no connection's own end
// takes a port between our choosing it and Redis binding it (again, after an outage).
function ephemeralLow() {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").split(/\s+/)[0]);
    return low > 12000 ? low : 32768;
  } catch {
    return 32768;
  }
}

function canListen(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

// A port nobody listens on, below the ephemeral range.
async function freePort() {
  const low = ephemeralLow();
  for (let tries = 0; tries < 100; tries++) {
    const port = 10000 + Math.floor(Math.random() * (low - 10000));
    if (await canListen(port)) return port;
  }
  throw new Error("no free port below the ephemeral range");
}

// Starts a process and resolves once one of its stdout lines contains `needle`.
function startProcess(command, args, needle) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.includes(needle)) resolve({ child, line });
    });
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code} before it was ready`)));
    child.on("error", reject);
  });
}

function stopProcess(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

export async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "ts-e2e-redis-"));
  const launch = async () => (await startProcess("redis-server", [
    "--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes",
    "--appendfsync", "everysec", "--save", "", "--daemonize", "no",
  ], "Ready to accept connections")).child;
  let child = await launch();
  return {
    port,
    // Runs one command on it (redis-cli); returns what it printed.
    command(...args) {
      return execFileSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" }).trim();
    },
    // An outage: Redis stops (writing its data first) and later starts again with it.
    async pause() {
      await stopProcess(child);
    },
    async resume() {
      child = await launch();
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { freePort };

// With TS_E2E_TLS_CERT and TS_E2E_TLS_KEY (a certificate for 127.0.0.1), the servers serve
// HTTPS and WSS, and Chromium trusts that certificate by its key (scripts/test runs every file
// this way, and a few again over plain HTTP; Node, which makes the API calls, trusts it
// through NODE_EXTRA_CA_CERTS).
const tls = process.env.TS_E2E_TLS_CERT
  ? { cert: process.env.TS_E2E_TLS_CERT, key: process.env.TS_E2E_TLS_KEY }
  : null;

// The base64 SHA-256 of the certificate's public key, as Chromium's flag wants it.
function publicKeyHash(certFile) {
  const der = createPublicKey(readFileSync(certFile)).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

// Starts the server on port (0: any free one) against the Redis on redisPort.
export async function startServer(redisPort, port = 0, extraFlags = []) {
  const { child, line } = await startProcess(join(buildDir, "talkingstick"), [
    "--port", String(port), "--threads", "2", "--log-level", "warn",
    "--redis", `redis://127.0.0.1:${redisPort}`,
    "--static-dir", join(root, "client-web", "dist"),
    // Tests create rooms faster than people do.
    "--room-creations-per-hour", "1000000", "--new-members-per-hour", "1000000000",
    ...(tls ? ["--tls-cert", tls.cert, "--tls-key", tls.key] : []),
    ...extraFlags,
  ], tls ? "listening https://" : "listening http://");
  const url = line.replace("listening ", "");
  assert.equal(url.startsWith("https://"), Boolean(tls), `served at ${url}`);
  return {
    url,
    stop: () => stopProcess(child),
  };
}

// Playwright gives every launch a fresh, temporary profile of its own. args: more flags.
export async function launchBrowser(args = []) {
  return chromium.launch({
    executablePath: process.env.TS_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
      ...(tls ? [`--ignore-certificate-errors-spki-list=${publicKeyHash(tls.cert)}`] : []),
      ...args,
    ],
  });
}

// Runs axe with the WCAG 2.x A and AA rules; returns the violations (none is the goal).
// With enhancedContrast, checks the AAA contrast rule (7:1) instead.
export async function axeViolations(page, { enhancedContrast = false } = {}) {
  // The status bar sticks to the top: whatever has scrolled under it counts, for axe, as an
  // obscured target. Check the page as it shows from the top (focus itself is kept clear of
  // the bar by scroll-padding, see styles.css).
  await page.evaluate(() => window.scrollTo(0, 0));
  const builder = new AxeBuilder({ page });
  if (enhancedContrast) builder.withRules(["color-contrast-enhanced"]);
  else builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
  const results = await builder.analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

export async function screenshot(page, name) {
  mkdirSync(join(outputDir, "screenshots"), { recursive: true });
  await page.screenshot({ path: join(outputDir, "screenshots", `${name}.png`), fullPage: true });
}

// Turns high contrast on or off through the page's own display settings, by keyboard.
export async function setHighContrast(page, on) {
  const button = page.getByRole("button", { name: "Display settings" });
  await button.click();
  const box = page.getByRole("region", { name: "Display settings" }).getByRole("checkbox", { name: "High contrast" });
  if ((await box.isChecked()) !== on) await box.click();
  await button.click();
}

// Registers before/after hooks that start Redis, the server (with serverFlags) and Chromium
// for a test file, and stop them afterwards. The returned object's fields are set once
// before() has run.
export function useStack(serverFlags = []) {
  const stack = { redis: null, server: null, browser: null };
  before(async () => {
    stack.redis = await startRedis();
    stack.server = await startServer(stack.redis.port, 0, serverFlags);
    stack.browser = await launchBrowser();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.server?.stop();
    await stack.redis?.stop();
  });
  return stack;
}

// A laptop's screen, for the browser contexts of most tests.
export const laptop = { viewport: { width: 1440, height: 900 } };

// A room made through the API (data: its title, and its phase if not live), with a moderator
// and participants, each joined in a browser context of their own on a laptop.
export async function roomWith(stack, data, ...participants) {
  const api = await stack.browser.newContext();
  const room = await (await api.request.post(stack.server.url + "/api/rooms", { data })).json();
  await api.close();
  const mod = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.moderatorPath, "Mo");
  const people = [];
  for (const name of participants)
    people.push(await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.participantPath, name));
  return { room, mod, people };
}

// Opens a room link in a new page of context and joins as name; resolves in the room.
export async function joinAs(context, link, name) {
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join" }).click();
  // Joined once the server has welcomed this person (after their joining was saved).
  await page.locator('.connection[data-status="connected"]').waitFor();
  return page;
}

// Opens a tab of the moderator's console ("Run the meeting", "Fairness", …) and returns its panel.
export async function consoleTab(page, name) {
  await page.getByRole("tab", { name }).click();
  return page.getByRole("tabpanel", { name });
}

// Records everything page's screen reader is told, in order, in window.__announced: room
// news (read in turn) and personal, urgent news alike.
export async function recordAnnouncements(page) {
  await page.evaluate(() => {
    window.__announced = [];
    for (const region of document.querySelectorAll(".announcer-news, .announcer-urgent"))
      new MutationObserver(() => { if (region.textContent) window.__announced.push(region.textContent); })
        .observe(region, { childList: true, characterData: true, subtree: true });
  });
}

// Resolves once predicate(arg), run in the page, is true: polled, because the room's Content
// Security Policy forbids the string evaluation page.waitForFunction relies on.
export async function waitInPage(page, predicate, arg, timeout = 15000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > until) throw new Error(`waitInPage: still false after ${timeout} ms: ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The room's screen fits a 1920×1080 projector (the page never grows past it) and no text on
// it is smaller than 24 px, to be read from the back of a room.
export async function expectProjectorFits(projector) {
  const fit = await projector.evaluate(() => {
    const sizes = [...document.querySelectorAll("main *")]
      .filter((e) => e.getClientRects().length > 0 && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .map((e) => ({ size: parseFloat(getComputedStyle(e).fontSize), text: e.textContent.trim().slice(0, 40) }));
    const smallest = sizes.reduce((a, b) => (b.size < a.size ? b : a), { size: Infinity, text: "" });
    return { height: document.documentElement.scrollHeight, smallest };
  });
  assert.ok(fit.height <= 1080, `the room's screen is ${fit.height} px tall`);
  assert.ok(fit.smallest.size >= 24, `"${fit.smallest.text}" is ${fit.smallest.size} px`);
}
